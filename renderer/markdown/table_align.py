"""Table cell alignment as an `align` attribute (the reference's output), not markdown-it's inline style."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_STYLE_PREFIX = "text-align:"


def align_attributes(state: StateCore) -> None:
    """Core rule: `style="text-align:x"` on th/td becomes `align="x"`."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and token.attrs:
            style = token.attrs.get("style")
            if isinstance(style, str) and style.startswith(_STYLE_PREFIX):
                del token.attrs["style"]
                token.attrs["align"] = style[len(_STYLE_PREFIX) :]


def table_align_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("table_align", align_attributes)
