"""The anchors a page-version has: its heading ids (GitHub's slugger, as the Markdown step makes them) and the
``id``/``name`` attributes of its raw HTML, read from the page's Liquid output without rendering Markdown.

Headings are ATX (``## Title``) and setext (a line over ``===`` or ``---``); a line over ``---`` that is
really a paragraph's end or a table row only adds an anchor no link uses, so it cannot cause a false report.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from renderer.markdown.headings import Slugger, heading_text

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_NOT_SETEXT = re.compile(r"^ {0,3}(?:#|[-*+>][ \t]|\d+[.)][ \t]|\|)|^ {4}")  # headings, items, quotes, rows, code
_HTML_ID = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
_md = MarkdownIt("commonmark", {"html": True})


def strip_code(text: str) -> list[str]:
    """The lines of ``text`` outside fenced code blocks (fenced lines become empty, so line counts hold)."""
    out = []
    fence = ""
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)):]:
                fence = ""
            out.append("")
        elif m:
            fence = m.group(1)
            out.append("")
        else:
            out.append(line)
    return out


def anchors(text: str) -> set[str]:
    """Every fragment a link into this Liquid output may name."""
    slugger = Slugger()
    found: set[str] = set()
    previous = ""
    for line in strip_code(text):
        m = _ATX.match(line)
        title = m.group(2) or "" if m else None
        if title is None and _SETEXT.match(line) and previous.strip() and not _NOT_SETEXT.match(previous):
            title = previous.strip()  # a setext heading: one line over an underline at column 0
        if title is not None:
            tokens = _md.parseInline(title)
            found.add(slugger.slug(heading_text(tokens[0]) if tokens else ""))
        previous = line
        if "<" in line:
            found.update(_HTML_ID.findall(line))
    return found
