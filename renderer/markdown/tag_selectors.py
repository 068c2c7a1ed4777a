"""Core rule: a raw start tag whose name holds `.` or `#` is read as `tag.class#id`, as the reference did.

The reference built its HTML tree with a helper that parses element names as CSS-like selectors, so
`<hubot@example.com>` in a shell example became `<hubot@example class="com">`. Mimicked on raw HTML tokens;
the HTML5 re-parse then closes the element where a browser would.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_SELECTOR_TAG = re.compile(r"<([A-Za-z][^\s/>.#]*)((?:[.#][^\s/>.#]*)+)(?=[\s/>])")
_PART = re.compile(r"([.#])([^.#]*)")


def _as_element(m: re.Match[str]) -> str:
    classes: list[str] = []
    element_id = ""
    for kind, value in _PART.findall(m.group(2)):
        if kind == "." and value:
            classes.append(value)
        elif kind == "#":
            element_id = value
    attrs = f' id="{element_id}"' if element_id else ""
    attrs += f' class="{" ".join(classes)}"' if classes else ""
    return f"<{m.group(1)}{attrs}"


def split_selector_tags(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "html_block" and _SELECTOR_TAG.search(token.content):
            token.content = _SELECTOR_TAG.sub(_as_element, token.content)
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline" and _SELECTOR_TAG.search(child.content):
                    child.content = _SELECTOR_TAG.sub(_as_element, child.content)


def tag_selectors_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("tag_selectors", split_selector_tags)
