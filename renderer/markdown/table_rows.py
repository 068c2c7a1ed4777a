"""Block rule: GFM tables end where remark-parse 7 ended them, wrapping markdown-it's `table` rule.

remark took a line as a table row only when it holds a `|` after its first character; the first line that
does not (a blank line, plain text, a lone `|`) ends the table and starts a paragraph. A table left with only
its header still gets an empty `<tbody>`. markdown-it (following
the later GFM spec) keeps such lines as rows, so its rule is given an end line computed this way.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import table as gfm_table


def _row_end(state: StateBlock, start_line: int, end_line: int) -> int:
    line = start_line
    while line < end_line:
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if text.find("|", 1) < 0:
            break
        line += 1
    return line


def remark_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    limit = _row_end(state, start_line, end_line)
    if limit - start_line < 2:
        return False
    count = len(state.tokens)
    if not gfm_table(state, start_line, limit, silent):
        return False
    if not silent and not any(t.type == "tbody_open" for t in state.tokens[count:]):
        # A table of only a header still had a (empty) body in the reference's output.
        close = state.tokens.pop()
        state.push("tbody_open", "tbody", 1)
        state.push("tbody_close", "tbody", -1)
        state.tokens.append(close)
    return True


def table_rows_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at("table", remark_table)
