"""Core rule: images inside an `ol > li` (at any depth, in Markdown or raw HTML) get a wrapping span.

The reference wrapped every `img` matched by the selector `ol > li img` in
`<span class="procedural-image-wrapper">`. Lists and images may come from Markdown or from raw HTML, so both
kinds of token feed one stack of open lists and items.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from renderer.markdown.raw_html import edit_tags

OPEN = '<span class="procedural-image-wrapper">'
CLOSE = "</span>"


class _ListStack:
    """Open ol/ul/li elements, to tell whether we are inside an item of an ordered list."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.ordered_items = 0  # open li elements whose parent is an ol

    def open(self, tag: str) -> None:
        if tag == "li" and self.stack and self.stack[-1] == "ol":
            self.ordered_items += 1
            tag = "li-ol"
        self.stack.append(tag)

    def close(self, tag: str) -> None:
        if not any(t == tag or (tag == "li" and t == "li-ol") for t in self.stack):
            return
        while self.stack:
            top = self.stack.pop()
            if top == "li-ol":
                self.ordered_items -= 1
            if top == tag or (tag == "li" and top == "li-ol"):
                return

    def raw(self, html: str) -> str:
        """Follow list tags in raw HTML, wrapping its images when inside an ordered item."""

        def visit(tag: re.Match[str]) -> str | None:
            name = tag.group(2).lower()
            closing = bool(tag.group(1))
            if name in ("ol", "ul", "li"):
                self.close(name) if closing else self.open(name)
            elif name == "img" and not closing and self.ordered_items:
                return OPEN + tag.group(0) + CLOSE
            return None

        return edit_tags(html, visit)


def _wrap_inline(children: list[Token], lists: _ListStack) -> list[Token]:
    out: list[Token] = []
    for child in children:
        if child.type == "image" and lists.ordered_items:
            out.append(_html(OPEN))
            out.append(child)
            out.append(_html(CLOSE))
            continue
        if child.type == "html_inline" and "<" in child.content:
            content = lists.raw(child.content)
            if content != child.content:
                # inline children are shared between pages (inline_cache): replace, never mutate
                child = child.copy(content=content)
        out.append(child)
    return out


def _html(markup: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = markup
    return token


_LIST_TOKENS = {
    "ordered_list_open": ("ol", True),
    "ordered_list_close": ("ol", False),
    "bullet_list_open": ("ul", True),
    "bullet_list_close": ("ul", False),
    "list_item_open": ("li", True),
    "list_item_close": ("li", False),
}


def wrap_images(state: StateCore) -> None:
    if "<img" not in state.src and "![" not in state.src:
        return
    lists = _ListStack()
    for token in state.tokens:
        kind = _LIST_TOKENS.get(token.type)
        if kind:
            lists.open(kind[0]) if kind[1] else lists.close(kind[0])
        elif token.type == "html_block":
            token.content = lists.raw(token.content)
        elif token.type == "inline" and token.children:
            token.children = _wrap_inline(token.children, lists)


def image_wrappers_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("image_wrappers", wrap_images)
