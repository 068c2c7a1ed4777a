"""Block rule: raw HTML blocks end where remark-parse 7 ended them, replacing markdown-it's `html_block`.

The start conditions are CommonMark's seven. The difference is the end of the kinds that close at a blank
line (block-level tags and other lone tags): remark required an empty line, so a line holding only spaces
stays inside the HTML. Raw tables written with indented, whitespace-only lines depend on this.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES


def remark_html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    first = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    if not first.startswith("<"):
        return False
    sequence = next((s for s in HTML_SEQUENCES if s[0].search(first)), None)
    if sequence is None:
        return False
    if silent:
        return sequence[2]
    opener, closer, _ = sequence
    ends_on_blank = bool(closer.search(""))
    line = start_line + 1
    if not closer.search(first):
        while line < end_line:
            if ends_on_blank:
                if state.bMarks[line] == state.eMarks[line]:  # truly empty, whitespace does not count
                    break
                line += 1
                continue
            if state.sCount[line] < state.blkIndent and not state.isEmpty(line):
                break
            text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
            line += 1
            if closer.search(text):
                break
    state.line = line
    token = state.push("html_block", "", 0)
    token.map = [start_line, line]
    token.content = state.getLines(start_line, line, state.blkIndent, True)
    return True


def html_blocks_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at("html_block", remark_html_block, {"alt": ["paragraph", "reference", "blockquote"]})
