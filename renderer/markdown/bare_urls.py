"""Inline rule: bare `http://`, `https://` and `mailto:` URLs become links, as remark's GFM `url` tokenizer did.

Triggered at the `:` of the scheme (the scheme itself is already in the pending text). The URL runs to
whitespace or `<`; one of `.,:;"')]` ends it only when followed by whitespace or the end; an unmatched `)` or
`]` ends it. Not inside a link (Markdown or raw `<a>`). A `mailto:` URL needs an `@` and shows without its
scheme.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_SCHEMES = ("https", "http", "mailto")
_TRAILING = frozenset(".,:;\"')]")


def _url_end(src: str, start: int, end: int) -> int:
    index = start
    depth = 0
    while index < end:
        char = src[index]
        if char.isspace() or char == "<":
            break
        if char in _TRAILING and (index + 1 >= end or src[index + 1].isspace()):
            break
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0:
                break
        index += 1
    return index


def bare_url(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != ":" or state.linkLevel > 0:
        return False
    scheme = next((s for s in _SCHEMES if state.pending.endswith(s)), None)
    if scheme is None:
        return False
    if scheme == "mailto":
        body_start = pos + 1
    elif state.src.startswith("://", pos):
        body_start = pos + 3
    else:
        return False
    end = _url_end(state.src, body_start, state.posMax)
    body = state.src[body_start:end]
    if not body or (scheme == "mailto" and "@" not in body):
        return False
    if not silent:
        url = scheme + state.src[pos:end]
        state.pending = state.pending[: -len(scheme)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(url)}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = body if scheme == "mailto" else url
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
    state.pos = end
    return True


def bare_urls_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.after("text", "bare_url", bare_url)
