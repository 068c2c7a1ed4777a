"""Heading ids by GitHub's slugger, unique per page, and the `<a href="#id">` wrapped around heading text.

The slug, as github-slugger made it: lowercase; drop ASCII punctuation other than `-` and `_`, the General and
Supplemental Punctuation blocks (quotes, dashes) and emoji; each whitespace character becomes `-`. Letters and
punctuation of other scripts stay (`（错误：…）` keeps its full-width brackets). Text counts inline code but not
HTML tags. A repeated slug gets `-1`, `-2`…
On translated pages the caller passes a mapping from heading text to the English page's id: h2–h4 headings
found there take the English id, so `#anchor` links work in every language; the others keep their own slugs.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_NOT_SLUG = re.compile(
    "[\u2000-\u206f\u2e00-\u2e7f\\\\'!\"#$%&()*+,./:;<=>?@\\[\\]^`{|}~\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]"
)
_SPACE = re.compile(r"\s")


def slugify(text: str) -> str:
    """GitHub's heading slug of `text` (not yet made unique)."""
    return _SPACE.sub("-", _NOT_SLUG.sub("", text.lower()))


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


_TRANSLATED = ("h2", "h3", "h4")  # the levels that take English ids on translated pages


def assign_heading_ids(state: StateCore) -> None:
    """Core rule: set `id` on every heading_open and keep its text for the render-time English override."""
    slugger = Slugger()
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            text = heading_text(tokens[i + 1])
            token.attrSet("id", slugger.slug(text))
            token.meta["text"] = text


def _heading_id(token: Token, env: dict) -> str:
    # Decided per render, not per parse, so one parse serves the English and the translated renders.
    english_ids = env.get("heading_ids")
    if english_ids is not None and token.tag in _TRANSLATED:
        english = english_ids.get(token.meta.get("text", ""))
        if english is not None:
            return english
    return str(token.attrGet("id") or "")


def _render_heading_open(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    anchor = escapeHtml(_heading_id(token, env))
    return f'<{token.tag} id="{anchor}"><a href="#{anchor}">'


def _render_heading_close(self, tokens, idx, options, env) -> str:
    return f"</a></{tokens[idx].tag}>\n"


def heading_anchors_plugin(md: MarkdownIt) -> None:
    """Give headings ids and wrap their content in a link to themselves."""
    md.core.ruler.push("heading_ids", assign_heading_ids)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("heading_close", _render_heading_close)
