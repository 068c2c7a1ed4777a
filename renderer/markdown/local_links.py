"""Core rule: local links, in Markdown and in raw HTML `<a>` tags, rewritten for the page's language and version.

The page's LinkContext travels in `env["links"]`; without one, links are left as written.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore

from renderer.markdown.links import LinkContext, rewrite_href
from renderer.markdown.raw_html import attributes, edit_tags

_HREF = re.compile(r"(\bhref\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)", re.IGNORECASE)


def _rewrite_raw_anchor(tag: re.Match[str], ctx: LinkContext) -> str | None:
    if tag.group(1) or tag.group(2).lower() != "a" or "href" not in tag.group(3).lower():
        return None
    attrs = attributes(tag.group(3))
    href = html.unescape(attrs.get("href", ""))
    if not href.startswith("/"):
        return None
    new = rewrite_href(href, attrs.get("class", "").split(), ctx)
    if new == href:
        return None
    return _HREF.sub(lambda m: f'{m.group(1)}"{escapeHtml(new)}"', tag.group(0), count=1)


def rewrite_local_links(state: StateCore) -> None:
    ctx: LinkContext | None = state.env.get("links")
    if ctx is None:
        return
    for block in state.tokens:
        if block.type == "html_block" and "href" in block.content:
            block.content = edit_tags(block.content, lambda t: _rewrite_raw_anchor(t, ctx))
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            if token.type == "link_open":
                href = token.attrGet("href")
                if isinstance(href, str) and href.startswith("/"):
                    classes = str(token.attrGet("class") or "").split()
                    token.attrSet("href", rewrite_href(href, classes, ctx))
            elif token.type == "html_inline" and "href" in token.content:
                token.content = edit_tags(token.content, lambda t: _rewrite_raw_anchor(t, ctx))


def local_links_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("local_links", rewrite_local_links)
