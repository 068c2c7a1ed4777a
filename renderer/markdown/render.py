"""The public rendering functions: page body, title and intro from their Liquid output."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache

from markdown_it.token import Token

from renderer.markdown.blank_lines import collapse_newlines, tighten_link_lists
from renderer.markdown.engine import markdown
from renderer.markdown.headings import heading_text
from renderer.markdown.highlight import highlight_html
from renderer.markdown.html5 import reads_as, reparse_html
from renderer.markdown.local_links import MARK_END, MARK_START, LinkMarks, LinkRewriter
from renderer.markdown.nesting import MAX_KEY, check_nesting
from renderer.markdown.shell_fences import replace_shell_fences
from renderer.model.limits import DEFAULT_LIMITS

_TAG = re.compile(r"<[^>]*>")


def prepare(text: str) -> str:
    """The reference's text steps between Liquid and Markdown, in its order."""
    return collapse_newlines(tighten_link_lists(replace_shell_fences(text)))


def render_markdown(
    text: str,
    links: LinkRewriter | None = None,
    heading_ids: Mapping[str, str] | None = None,
    max_nesting: int | None = None,
) -> str:
    """Article body HTML from a page's Liquid output; ``heading_ids``: heading text -> id, for translations.
    ``max_nesting``: how deep lists and block quotes may be inside each other (default: ``Limits``)."""
    if links is not None and MARK_START not in text and MARK_END not in text:
        ids = tuple(heading_ids.items()) if heading_ids else None
        marked, marks = _with_marks(text, ids, max_nesting)
        if marks is not None:
            html = marks.fill(marked, links)
            if html is not None:
                reads_as(html, marked)
                return html
    return _render(text, links, heading_ids, max_nesting)


def _render(
    text: str, links: LinkRewriter | None, heading_ids: Mapping[str, str] | None, max_nesting: int | None
) -> str:
    md = markdown()
    env = {"links": links, "heading_ids": heading_ids}
    rendered = md.renderer.render(_parse(text, max_nesting), md.options, env)
    return reparse_html(highlight_html(rendered)).strip()  # highlighted first: the re-parse checks the spans


@lru_cache(maxsize=16)
def _with_marks(
    text: str, heading_ids: tuple[tuple[str, str], ...] | None, max_nesting: int | None
) -> tuple[str, LinkMarks | None]:
    # The versions of a page often have the same Liquid output, and then differ in their links alone: rendered
    # (and highlighted, and re-parsed) once, with a mark for each local link's href, filled in per version.
    marks = LinkMarks()
    html = _render(text, marks, dict(heading_ids) if heading_ids is not None else None, max_nesting)
    return html, marks if marks.usable else None


@lru_cache(maxsize=16)
def _parse(text: str, max_nesting: int | None = None) -> list[Token]:
    # Nothing that depends on the version or language (links, translated heading ids) is decided during the
    # parse: one parse serves the render with marks and any version rendered without them.
    prepared = prepare(text)
    limit = max_nesting or DEFAULT_LIMITS.markdown_nesting
    check_nesting(prepared, limit)  # a page nested too deep fails here, before it costs (nesting.py)
    return markdown().parse(prepared, {MAX_KEY: limit})


def heading_text_of(source: str) -> str:
    """The text a heading written as `source` (its inline Markdown) is slugged from, as render_markdown sees it.

    For keys of `heading_ids`: emphasis, emoji and entities are read exactly as in the page render.
    """
    tokens = markdown().parseInline(source.strip(), {})
    return heading_text(tokens[0]) if tokens else ""


@lru_cache(maxsize=8192)  # intros and callouts (product:, permissions:) repeat across pages: a reusable each
def render_intro(text: str, links: LinkRewriter | None = None) -> str:
    """Intro HTML from the Liquid-rendered front-matter intro."""
    return render_markdown(text, links)


def render_title(text: str) -> str:
    """Plain-text title: the Markdown rendered, tags dropped, entities decoded, trimmed."""
    if not any(c in text for c in "*_`[<&\\:~"):
        return text.strip()
    rendered = markdown().render(prepare(text), {"links": None, "heading_ids": None})
    return html.unescape(_TAG.sub("", rendered)).strip()
