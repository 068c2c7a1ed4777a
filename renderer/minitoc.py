"""The mini table of contents of a page: its h2 and h3 headings, read back from the rendered body.

The Markdown step writes headings as ``<h2 id="x"><a href="#x">Text</a></h2>``; this reads any heading with an
id, so raw HTML headings count too. Text is the heading's text content, whitespace collapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


class _Headings(HTMLParser):
    def __init__(self, levels: tuple[int, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = {f"h{n}": n for n in levels}
        self.found: list[Heading] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.tags and self._open is None:
            self._open = (self.tags[tag], dict(attrs).get("id") or "")
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == f"h{self._open[0]}":
            level, ident = self._open
            text = " ".join("".join(self._text).split())
            if ident and text:
                self.found.append(Heading(level, ident, text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def headings(html: str, levels: tuple[int, ...] = (2, 3)) -> list[Heading]:
    """The headings of ``levels`` that have an id, in document order."""
    parser = _Headings(levels)
    parser.feed(html)
    parser.close()
    return parser.found
