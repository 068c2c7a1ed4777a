"""Core rule: inline parsing with a cache shared across pages, replacing markdown-it's `inline` and `text_join`.

Reusables put the same sentences on many pages and versions; two thirds of the inline text of the English
corpus is a repeat. Inline children are parsed once per distinct content and then shared between token
streams, so rules that run later must not mutate them in ways that are not idempotent (they replace tokens
instead). Pages with link reference definitions are parsed without the cache, since those change how
brackets parse.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import _join_text_tokens
from markdown_it.token import Token

MAX_ENTRIES = 20_000
_cache: dict[str, list[Token]] = {}


def _parse(state: StateCore, content: str) -> list[Token]:
    children: list[Token] = []
    state.md.inline.parse(content, state.md, state.env, children)
    for child in children:
        if child.children:  # an image's alt text has its own tokens
            child.children = _join_text_tokens(child.children)
    return _join_text_tokens(children)


def parse_inline_cached(state: StateCore) -> None:
    use_cache = not state.env.get("references")
    for token in state.tokens:
        if token.type != "inline":
            continue
        if not use_cache:
            token.children = _parse(state, token.content)
            continue
        children = _cache.get(token.content)
        if children is None:
            if len(_cache) >= MAX_ENTRIES:
                _cache.pop(next(iter(_cache)))  # oldest first
            children = _cache[token.content] = _parse(state, token.content)
        token.children = children


def inline_cache_plugin(md: MarkdownIt) -> None:
    md.core.ruler.at("inline", parse_inline_cached)
    md.core.ruler.disable("text_join")
