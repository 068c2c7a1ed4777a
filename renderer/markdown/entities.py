"""Inline rule: named character references without `;` decode when they are legacy HTML names (`&gt`, `&amp`).

remark decoded them as browsers do in text: the longest legacy name at the start of the letters wins
(`&gte` is `>` then `e`). markdown-it's own `entity` rule handles the terminated forms first.
"""

from __future__ import annotations

import re
from html.entities import html5

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_LEGACY = {name: char for name, char in html5.items() if not name.endswith(";")}
_LONGEST = max(map(len, _LEGACY))
_NAME = re.compile(r"&([A-Za-z][A-Za-z0-9]*)")


def legacy_entity(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "&":
        return False
    m = _NAME.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    letters = m.group(1)
    for length in range(min(len(letters), _LONGEST), 1, -1):
        char = _LEGACY.get(letters[:length])
        if char is not None:
            break
    else:
        return False
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = char
        token.markup = "&" + letters[:length]
        token.info = "entity"
    state.pos += 1 + length
    return True


def legacy_entities_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.after("entity", "legacy_entity", legacy_entity)
