"""Block rule: paragraphs keep the whitespace around their text, as the reference's remark-parse-no-trim did.

markdown-it trims a paragraph's content; the reference kept the indentation of its first line and the spaces
ending its last one. It shows where a tight list item holds two paragraphs (a whitespace-only line splits
them): their text is joined, and ` ![image]` after `text.` keeps its space.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.paragraph import paragraph as commonmark_paragraph


def remark_paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    count = len(state.tokens)
    if not commonmark_paragraph(state, start_line, end_line, silent):
        return False
    inline = state.tokens[count + 1] if len(state.tokens) > count + 1 else None
    if inline is None or inline.type != "inline" or not inline.content:
        return True
    begin = state.bMarks[start_line]
    lead = state.src[begin : begin + state.tShift[start_line]]
    last = state.line - 1
    line = state.src[state.bMarks[last] + state.tShift[last] : state.eMarks[last]]
    trail = line[len(line.rstrip(" \t")) :]
    if lead or trail:
        inline.content = lead + inline.content + trail
    return True


def paragraph_edges_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at("paragraph", remark_paragraph)
