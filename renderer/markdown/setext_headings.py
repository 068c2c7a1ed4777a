"""Block rule: setext headings as remark-parse 7 read them, replacing markdown-it's `lheading`.

One line of text (indented by at most three spaces) directly followed by an underline of `=` or `-` that
starts at column 0 and has nothing else on it, not even trailing spaces. A longer paragraph followed by
`---` stays a paragraph and the `---` is a thematic break; an indented underline is a thematic break too.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_UNDERLINE = re.compile(r"(=+|-+)")


def setext_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    next_line = start_line + 1
    if next_line >= end_line or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    if state.isEmpty(start_line) or state.sCount[next_line] != state.blkIndent:
        return False
    underline = state.src[state.bMarks[next_line] + state.tShift[next_line] : state.eMarks[next_line]]
    if state.tShift[next_line] != 0 or not _UNDERLINE.fullmatch(underline):
        return False
    if silent:
        return True
    content = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]].strip()
    level = 1 if underline[0] == "=" else 2
    token = state.push("heading_open", f"h{level}", 1)
    token.markup = underline[0]
    token.map = [start_line, next_line + 1]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start_line, next_line]
    token.children = []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = underline[0]
    state.line = next_line + 1
    return True


def setext_headings_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at("lheading", setext_heading)
