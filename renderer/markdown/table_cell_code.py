"""Core rule: code blocks inside a raw-HTML table cell lose their final newline.

The reference removed newlines next to `<code>`/`</code>` (and `a`, `em`) tags inside table cells after
rendering, to keep inline tags in tables from gaining spaces; for a code block written inside a raw `<td>`,
that drops the newline before `</code>`. Markdown table cells are single lines and cannot hold code blocks,
so only raw `<td>`/`<th>` elements matter; they are followed through the raw HTML tokens.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_CELL_TAG = re.compile(r"<(/?)t[dh][\s>]", re.IGNORECASE)


def _cell_depth(html: str, depth: int) -> int:
    for m in _CELL_TAG.finditer(html):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
    return depth


def trim_code_in_cells(state: StateCore) -> None:
    if "<t" not in state.src:
        return
    depth = 0
    for token in state.tokens:
        if token.type == "html_block":
            depth = _cell_depth(token.content, depth)
        elif token.type == "inline" and token.children and "<t" in token.content:
            for child in token.children:
                if child.type == "html_inline":
                    depth = _cell_depth(child.content, depth)
        elif depth and token.type in ("fence", "code_block"):
            token.content = token.content.removesuffix("\n")


def table_cell_code_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("table_cell_code", trim_code_in_cells)
