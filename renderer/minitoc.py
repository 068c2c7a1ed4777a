"""The mini table of contents of a page: its h2 and h3 headings, read back from the rendered body.

The Markdown step writes headings as ``<h2 id="x"><a href="#x">Text</a></h2>``; this reads any heading with an
id, so raw HTML headings count too. Text is the heading's text content, whitespace collapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser


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
    return list(_headings(html, levels))


# The layout (mini TOC) and the search index ask for the headings of the same body one after the other: a few
# bodies remembered spare the second parse. Hashing a string is done once per string object.
@lru_cache(maxsize=16)
def _headings(html: str, levels: tuple[int, ...]) -> tuple[Heading, ...]:
    body = parse_fragment(html).body
    if body is None or not levels:
        return ()
    found = []
    for node in body.css(", ".join(f"h{n}[id]" for n in levels)):  # document order
        ident = node.attributes.get("id") or ""
        text = " ".join(node.text(separator="").split())
        if ident and text:
            found.append(Heading(int(node.tag[1:]), ident, text))
    return tuple(found)
