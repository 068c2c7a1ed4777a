"""Renderer hooks: local links, in Markdown and in raw HTML `<a>` tags, rewritten for the page's language and version.

Done at render time, not in a parse rule, so one parse of a text serves every version of a page. The page's
link rewriter travels in `env["links"]` (the site's URL rules, `renderer.model.urls.LinkContext`: this layer
knows none of them); without one, links are left as written.
"""

from __future__ import annotations

import html
import re
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from renderer.markdown.raw_html import attributes, edit_tags

_HREF = re.compile(r"(\bhref\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)", re.IGNORECASE)


class LinkRewriter(Protocol):
    def rewrite(self, href: str, classes: tuple[str, ...] = ()) -> str:
        """The href a local link (``/…``) gets on the page being rendered."""
        ...


class LinkMarks:
    """A link rewriter that decides nothing yet: each local link gets a mark for its href, and ``fill`` puts in
    the hrefs of one version later. One render of a text then serves every version of a page (they differ in
    their links alone); ``usable`` goes False for a link whose mark could come out other than its href would."""

    def __init__(self) -> None:
        self.links: list[tuple[str, tuple[str, ...]]] = []
        self.usable = True

    def rewrite(self, href: str, classes: tuple[str, ...] = ()) -> str:
        self.links.append((href, classes))
        return f"{MARK_START}{len(self.links) - 1}{MARK_END}"

    def fill(self, html: str, ctx: LinkRewriter) -> str | None:
        """``html`` rendered with these marks, with each link's href on ``ctx``'s page; None where an href has a
        character the HTML5 serializer escapes in an attribute (it would have come out escaped)."""
        hrefs = [ctx.rewrite(href, classes) for href, classes in self.links]
        if any(_ESCAPED_IN_ATTRIBUTE.search(h) for h in hrefs):
            return None
        return _MARKED.sub(lambda m: hrefs[int(m.group(1))], html)


# Private-use characters: no source text that has them is rendered with marks (``render.py``).
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_START}(\\d+){MARK_END}")
_ESCAPED_IN_ATTRIBUTE = re.compile("[&\"<>\xa0]")


def _rewrite_raw_anchor(tag: re.Match[str], ctx: LinkRewriter) -> str | None:
    if tag.group(1) or tag.group(2).lower() != "a" or "href" not in tag.group(3).lower():
        return None
    attrs = attributes(tag.group(3))
    href = html.unescape(attrs.get("href", ""))
    if not href.startswith("/"):
        return None
    if isinstance(ctx, LinkMarks) and ("&" in attrs["href"] or tag.group(3).lower().count("href") > 1):
        # a link its rewrite leaves alone keeps its tag as written: with an entity in it, or another attribute
        # named like href, the mark would not stand where the serializer puts the href
        ctx.usable = False
    new = ctx.rewrite(href, tuple(attrs.get("class", "").split()))
    if new == href:
        return None
    return _HREF.sub(lambda m: f'{m.group(1)}"{escapeHtml(new)}"', tag.group(0), count=1)


def rewrite_raw_html(content: str, ctx: LinkRewriter | None) -> str:
    """Raw HTML with the hrefs of its local `<a>` links rewritten."""
    if ctx is None or "href" not in content:
        return content
    return edit_tags(content, lambda t: _rewrite_raw_anchor(t, ctx))


def _render_link_open(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    ctx: LinkRewriter | None = env.get("links")
    href = token.attrGet("href")
    if ctx is not None and isinstance(href, str) and href.startswith("/"):
        classes = tuple(str(token.attrGet("class") or "").split())
        # the attributes with the new href, written as renderAttrs writes them (no copy of the token)
        attrs = {**token.attrs, "href": ctx.rewrite(href, classes)}
        return "<a" + "".join(f' {escapeHtml(k)}="{escapeHtml(str(v))}"' for k, v in attrs.items()) + ">"
    return f"<a{self.renderAttrs(token)}>"


def _render_html_block(self, tokens, idx, options, env) -> str:
    return rewrite_raw_html(tokens[idx].content, env.get("links"))


def local_links_plugin(md: MarkdownIt) -> None:
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("html_block", _render_html_block)
    md.add_render_rule("html_inline", _render_html_block)
