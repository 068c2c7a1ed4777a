"""`:shortcode:` emoji in text become the emoji character (GitHub's gemoji names, as the reference had them).

Names with no Unicode emoji (GitHub's custom `:shipit:`) and unknown names stay as written. Code is untouched
because only text tokens are visited.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_SHORTCODE = re.compile(r":(\+1|[-\w]+):")


@lru_cache(maxsize=1)
def _emoji_by_name() -> dict[str, str]:
    # GitHub's gemoji names are the `emoji` package's aliases, or its English name where no alias differs.
    from emoji import EMOJI_DATA

    names: dict[str, str] = {}
    for char, data in EMOJI_DATA.items():
        for alias in data.get("alias", ()):
            names.setdefault(alias[1:-1], char)
    for char, data in EMOJI_DATA.items():
        names.setdefault(data["en"][1:-1], char)
    return names


def _replace(match: re.Match[str]) -> str:
    return _emoji_by_name().get(match.group(1), match.group(0))


def replace_shortcodes(state: StateCore) -> None:
    """Core rule: substitute known shortcodes in every text token."""
    for block in state.tokens:
        if block.type != "inline" or not block.children or ":" not in block.content:
            continue
        for child in block.children:
            if child.type == "text" and ":" in child.content:
                child.content = _SHORTCODE.sub(_replace, child.content)


def emoji_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("emoji", replace_shortcodes)
