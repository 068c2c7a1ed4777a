"""``sitemap.xml``: every page URL of the built site (no redirects, no "not available" pages), sorted.

The sitemap protocol wants absolute URLs: ``base_url`` (``build --base-url``) is put in front of each path.
Without one the paths stay root-relative, which browsers and link checkers accept but search engines do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # &, < and > as XML wants them (xml.sax.saxutils imports urllib.request: 12 ms)


def sitemap_xml(paths: Iterable[str], base_url: str = "") -> str:
    base = base_url.rstrip("/")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{escape(base + path, quote=False)}</loc></url>" for path in sorted(set(paths))]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
