"""Find internal links of a built site that lead nowhere: every local ``href``/``src`` must name a file.

A URL resolves when, with its query and fragment dropped and percent-escapes decoded, it names a file of the
output folder or a folder holding ``index.html``. Links to other hosts (``https:``, ``//host``, ``mailto:``)
are not checked. Used by the tests and by anyone checking a build before publishing it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

from renderer.model import urls

_ATTR = re.compile(
    r"""<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the URL of the page that has the link
    href: str  # as written


def local_links(text: str) -> Iterator[str]:
    for m in _ATTR.finditer(text):
        yield html.unescape(m.group(1) if m.group(1) is not None else m.group(2))


def resolves(out: Path, url: str) -> bool:
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not path.startswith("/"):
        return False
    target = out / path.lstrip("/")
    if not target.resolve().is_relative_to(out.resolve()):
        return False
    return target.is_file() or (target / "index.html").is_file()


def broken_links(out: Path) -> list[BrokenLink]:
    """Every local link of every HTML file under ``out`` that does not resolve, in file order."""
    out = Path(out)
    broken = []
    cache: dict[str, bool] = {}
    for file in sorted(out.rglob("*.html")):
        here = urls.output_url(file.relative_to(out).as_posix())
        for href in local_links(file.read_text(encoding="utf-8")):
            if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
                continue
            url = urljoin(here, href)
            if url not in cache:
                cache[url] = resolves(out, url)
            if not cache[url]:
                broken.append(BrokenLink(here, href))
    return broken
