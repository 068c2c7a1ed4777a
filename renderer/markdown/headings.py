"""Heading ids by GitHub's slugger, unique per page, and the `<a href="#id">` wrapped around heading text.

The slug: lowercase, drop every character that is not a letter, digit, `_`, `-` or space (letters of any
script stay), each space becomes `-`. Text counts inline code but not HTML tags. A repeated slug gets `-1`,
`-2`… On translated pages the caller passes the English page's h2–h4 ids in order; those headings take them
(an empty id where the English page has fewer).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_NOT_SLUG = re.compile(r"[^\w\- ]")


def slugify(text: str) -> str:
    """GitHub's heading slug of `text` (not yet made unique)."""
    return _NOT_SLUG.sub("", text.lower()).replace(" ", "-")


class Slugger:
    """Makes slugs unique within one page the way github-slugger does."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slug = slugify(text)
        while slug in self._seen:
            self._seen[base] += 1
            slug = f"{base}-{self._seen[base]}"
        self._seen[slug] = 0
        return slug


def heading_text(inline: Token) -> str:
    """The text a heading's slug is made from: text and inline code, without raw HTML."""
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))


def assign_heading_ids(state: StateCore) -> None:
    """Core rule: set `id` on every heading_open."""
    slugger = Slugger()
    english_ids = state.env.get("heading_ids")
    english_index = 0
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        slug = slugger.slug(heading_text(tokens[i + 1]))
        if english_ids is not None and token.tag in ("h2", "h3", "h4"):
            slug = english_ids[english_index] if english_index < len(english_ids) else ""
            english_index += 1
        token.attrSet("id", slug)


def _render_heading_open(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    anchor = escapeHtml(token.attrGet("id") or "")
    return f'<{token.tag} id="{anchor}"><a href="#{anchor}">'


def _render_heading_close(self, tokens, idx, options, env) -> str:
    return f"</a></{tokens[idx].tag}>\n"


def heading_anchors_plugin(md: MarkdownIt) -> None:
    """Give headings ids and wrap their content in a link to themselves."""
    md.core.ruler.push("heading_ids", assign_heading_ids)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("heading_close", _render_heading_close)
