"""Rendered HTML as the words a reader sees: one line per block, for diffs people can read.

Headings keep Markdown-like ``#`` marks, list items a bullet (or their number) indented by depth, table rows
their cells joined by `` | ``, code blocks their lines as written; images show as ``[image: alt]``, and SVG
icons not at all. With ``links=True`` a link also shows where it goes (``text <href>``), for changes that
only move a link.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from renderer.page.render import Rendered

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "blockquote", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "dl", "dt", "dd", "details", "summary",
    "figure", "figcaption", "main", "nav", "aside",
}  # fmt: skip
_SKIP = {"svg", "script", "style", "template", "button"}
_SPACE = re.compile(r"\s+")
_HREF = re.compile(r"""\shref=(?:"[^"]*"|'[^']*')""")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TOKEN = re.compile(
    r"(?P<text>[^<]+|<(?![/A-Za-z!?]))"
    r"|<(?P<end>/)?(?P<tag>[A-Za-z][\w:-]*)(?P<attrs>(?:\"[^\"]*\"|'[^']*'|[^'\">])*?)(?P<closed>/)?>"
    r"|<[!?][^>]*>"
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


class _Text:
    """Walks the HTML's tags and text once; the renderer's output is well-formed, so a regex scanner will do
    (and is several times faster than ``html.parser``, which matters for thousands of page-versions)."""

    def __init__(self, links: bool) -> None:
        self.links = links
        self.lines: list[str] = []
        self.line: list[str] = []
        self.prefix = ""  # what the current block's first line starts with (heading marks, bullet)
        self.lists: list[list[int]] = []  # per open list: [next number] for <ol>, [] for <ul>
        self.pre = 0
        self.skip = 0
        self.cells: list[str] | None = None
        self.hrefs: list[str | None] = []

    # -- structure ---------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in _SKIP:
            self.skip += tag in _SKIP
            return
        a = dict(attrs)
        if tag in ("td", "th"):
            self.line = []  # whitespace between cells
            return
        if tag in _BLOCKS:
            self.flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.prefix = "#" * int(tag[1]) + " "
        elif tag in ("ul", "ol"):
            self.lists.append([int(a.get("start") or 1)] if tag == "ol" else [])
        elif tag == "li":
            depth = max(len(self.lists) - 1, 0)
            counter = self.lists[-1] if self.lists else []
            bullet = f"{counter[0]}." if counter else "-"
            if counter:
                counter[0] += 1
            self.prefix = "  " * depth + bullet + " "
        elif tag == "tr":
            self.cells = []
        elif tag == "pre":
            self.pre += 1
        elif tag == "br":
            self.flush()
        elif tag == "hr":
            self.lines.append("---")
        elif tag == "img":
            alt = (a.get("alt") or "").strip()
            self.line.append(f"[image: {alt}]" if alt else "[image]")
        elif tag == "a":
            self.hrefs.append(a.get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag in _SKIP
            return
        if tag in ("td", "th"):
            self.flush_cell()
        elif tag == "tr":
            if self.cells is not None and any(self.cells):
                self.lines.append(self.indent() + " | ".join(self.cells))
            self.cells = None
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "pre":
            self.flush()
            self.pre = max(self.pre - 1, 0)
        elif tag == "a" and self.hrefs:
            href = self.hrefs.pop()
            if self.links and href and not href.startswith("#"):  # heading anchors say nothing new
                self.line.append(f" <{href}>")
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line.append(data)

    # -- output ------------------------------------------------------------------------------------------
    def indent(self) -> str:
        return "  " * len(self.lists)

    def flush_cell(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip()
        self.line = []
        if self.cells is not None:
            self.cells.append(text)

    def flush(self) -> None:
        raw = "".join(self.line)
        self.line = []
        if self.cells is not None:
            self.line = [raw, " "]  # a block inside a table cell stays in that cell
            return
        if self.pre:
            body = raw.strip("\n")
            if body:
                pad = self.indent() + "    "
                self.lines.extend(pad + line if line.strip() else "" for line in body.split("\n"))
            return
        text = _SPACE.sub(" ", raw).strip()
        if text:
            lead = self.prefix or self.indent()
            self.lines.append(lead + text)
            self.prefix = ""

    def feed(self, html: str) -> None:
        for m in _TOKEN.finditer(_COMMENT.sub("", html)):
            text, end, tag, attrs, closed = m.group("text", "end", "tag", "attrs", "closed")
            if text is not None:
                self.handle_data(unescape(text))
            elif tag is None:
                continue  # <!doctype>, <?...>
            elif end:
                self.handle_endtag(tag.lower())
            else:
                parsed = [(k.lower(), unescape(v1 or v2 or v3 or "")) for k, v1, v2, v3 in _ATTR.findall(attrs or "")]
                if closed:
                    self.handle_startendtag(tag.lower(), parsed)
                else:
                    self.handle_starttag(tag.lower(), parsed)

    def text(self) -> str:
        self.flush()
        return "\n".join(self.lines)


def html_text(html: str, *, links: bool = False) -> str:
    """The readable text of an HTML fragment, one block a line."""
    if not links:
        # the versions of a page mostly differ only in their link URLs, which the words do not show
        html = _HREF.sub("", html)
    return _text(html, links)


@lru_cache(maxsize=512)
def _text(html: str, links: bool) -> str:
    parser = _Text(links)
    parser.feed(html)
    return parser.text()


def page_text(result: Rendered, *, links: bool = False) -> str:
    """What a reader of one page-version sees: its title, intro and body as text; or why it failed."""
    parts = []
    if result.title:
        parts.append(f"# {result.title}")
    if result.intro:
        parts.append(html_text(result.intro, links=links))
    if result.error:
        parts.append(f"[error: {result.error}]")
    else:
        parts.append(html_text(result.html, links=links))
    if result.fallback:
        parts.append(f"[served in language {result.fallback!r}]")
    return "\n".join(p for p in parts if p)
