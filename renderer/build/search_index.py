"""The JSON search index of one language and version, which the site's search box loads on first use.

One entry per page: ``url``, ``title``, ``intro`` (text), ``headings`` (h2/h3 texts), ``product`` (the title of
the product it belongs to, which the results are grouped by) and ``text`` (the body as plain text, whitespace
collapsed, cut at ``MAX_TEXT`` characters to keep the file small enough to fetch).
Entries keep the order they were added in (tree order), and the JSON is written with sorted keys, so two builds
of the same input give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from renderer.layout.minitoc import outline, parse_fragment, visible_text

MAX_TEXT = 4000


@dataclass(frozen=True)
class SearchEntry:
    url: str
    title: str
    intro: str
    headings: list[str]
    text: str
    product: str = ""


def html_text(html: str) -> str:
    """The text a reader sees in an HTML fragment (``minitoc.visible_text``)."""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())  # plain text (most intros): nothing to parse
    return visible_text(parse_fragment(html))


def entry(url: str, title: str, intro_html: str, body_html: str, product: str = "") -> SearchEntry:
    body = outline(body_html)
    text = body.text
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return SearchEntry(url, title, html_text(intro_html), [h.text for h in body.headings], text, product)


def page_entry(rendered: Any, product: Any) -> SearchEntry:
    """The entry of a rendered page-version; ``product`` is the sidebar's product link (None on the home page).
    One answer for build and preview alike."""
    name = product.text if product is not None else ""
    return entry(rendered.href, rendered.title, rendered.intro, rendered.html, name)


def entry_json(entry: SearchEntry) -> str:
    """One entry as it stands in an index. A build makes it on the worker that built the page, so that an index
    is written by joining them (``joined``); a rebuild puts the entries of the pages built again in place of their
    old ones in the index on disk (``spliced``)."""
    # vars(), not dataclasses.asdict: asdict deep-copies every field, a third of the cost on a large site
    return json.dumps(vars(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def joined(entries: list[bytes]) -> bytes:
    """The index of entries made by ``entry_json`` (in UTF-8): the same bytes as ``json.dumps`` of the list."""
    return b"[" + b",".join(entries) + b"]\n"


def spliced(index: bytes, lengths: Sequence[int], replaced: list[tuple[int, bytes]]) -> bytes | None:
    """``index`` (made by ``joined`` of entries ``lengths`` bytes long) with the n-th entry replaced by ``new`` for
    each (n, new) of ``replaced``, in order of n; None when ``index`` is not entries of those lengths."""
    if len(index) != sum(lengths) + len(lengths) + 2 or index[:1] != b"[" or index[-2:] != b"]\n":
        return None
    starts = [1 + total + n for n, total in enumerate(accumulate(lengths, initial=0))]  # past "[" and each ","
    parts, at = [], 0
    for n, new in replaced:
        parts += (index[at : starts[n]], new)
        at = starts[n] + lengths[n]
    parts.append(index[at:])
    return b"".join(parts)


def index_json(entries: list[SearchEntry]) -> str:
    return joined([entry_json(e).encode() for e in entries]).decode()
