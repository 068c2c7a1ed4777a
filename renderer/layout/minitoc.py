"""The mini table of contents of a page: its h2 and h3 headings, read back from the rendered body (with the
body's text, for the search index, from the same parse).

The Markdown step writes headings as ``<h2 id="x"><a href="#x">Text</a></h2>``; this reads any heading with an
id, so raw HTML headings count too. Text is the heading's text content, whitespace collapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

from renderer.markdown.html5 import text_source, tree_of

SECTION_LEVELS = (2, 3)
_NOT_TEXT = ["script", "style", "svg", "button"]


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


def parse_fragment(html: str) -> LexborHTMLParser:
    """An HTML fragment parsed with lexbor (C, a fraction of a millisecond a page), as the body of a document.

    The rendered body was serialized by lexbor already (``renderer.markdown.html5``), so parsing it again gives
    back the same tree. The doctype keeps lexbor out of quirks mode."""
    return LexborHTMLParser("<!DOCTYPE html><body>" + html)


def headings(html: str, levels: tuple[int, ...] = (2, 3)) -> list[Heading]:
    """The headings of ``levels`` that have an id, in document order."""
    if levels == SECTION_LEVELS:
        return list(outline(html).headings)
    return list(_find_headings(parse_fragment(html), levels))


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]  # h2 and h3 with an id
    text: str  # what a reader sees, whitespace collapsed (see visible_text)


def outline(html: str) -> Outline:
    """A rendered body's section headings and text, from one parse (shared by the versions of a page whose
    bodies differ in their links only)."""
    return _outline(text_source(html))


# The layout (mini TOC) and then the search index read the same body one after the other: one parse serves
# both. Hashing a string is done once per string object.
@lru_cache(maxsize=16)
def _outline(html: str) -> Outline:
    tree = tree_of(html) or parse_fragment(html)  # the tree the Markdown step serialized, when at hand
    found = _find_headings(tree, SECTION_LEVELS)
    return Outline(found, visible_text(tree))


def visible_text(tree: LexborHTMLParser) -> str:
    """The text a reader sees, whitespace collapsed, code buttons and icons left out (the tree loses them).

    Text nodes are joined with a space, so words in neighbouring elements (``<td>a</td><td>b</td>``) stay apart."""
    tree.strip_tags(_NOT_TEXT, recursive=True)
    body = tree.body
    return " ".join(body.text(separator=" ").split()) if body is not None else ""


def _find_headings(tree: LexborHTMLParser, levels: tuple[int, ...]) -> tuple[Heading, ...]:
    body = tree.body
    if body is None or not levels:
        return ()
    found = []
    for node in body.css(", ".join(f"h{n}[id]" for n in levels)):  # document order
        ident = node.attributes.get("id") or ""
        text = " ".join(node.text(separator="").split())
        if ident and text:
            found.append(Heading(int(node.tag[1:]), ident, text))
    return tuple(found)
