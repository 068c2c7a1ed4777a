"""``[AUTOTITLE](/path)``: a local link whose text is ``AUTOTITLE`` shows the title of the page it leads to, in
the language and version being rendered, as plain text (the format as it grew after 2021).

Run on the article's HTML after Markdown, where a link is a link (an ``AUTOTITLE`` in code stays as written).
The link's URL has been made the version's own by then (``/en/enterprise-server@3.1/a/b``); the page it names
is found among the pages of that language: in this version, else in any version it has (its title there). A
link to no page at all is an error naming the link, and its line in the source when it can be found.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from renderer.model.errors import DocsError
from renderer.model.site import Page, Site

_LINK = re.compile(r'<a href="(/[^"#?]*)([^"]*)">AUTOTITLE</a>')
_SOURCE_LINK = re.compile(r"\[AUTOTITLE\]\(\s*<?(/[^)#?\s>]*)")


def links_to(source: str, url_path: str) -> bool:
    """Whether a page's Markdown may have an AUTOTITLE link to the page at ``url_path`` (``a/b``): found without
    rendering, for the review diff, which must know what a title change reaches. Errs towards yes."""
    if "AUTOTITLE" not in source:
        return False
    return any(
        target.strip("/") == url_path or target.rstrip("/").endswith("/" + url_path)
        for target in _SOURCE_LINK.findall(source)
    )


def auto_titles(
    text: str, site: Site, page: Page, version: str, title: Callable[[Page, str], str], source: str, first_line: int
) -> str:
    """``text`` (an article's HTML) with each AUTOTITLE link's text made the title of its target; ``source`` is
    the Markdown it came from, starting at line ``first_line`` of the page's file (for the error's place)."""
    if "AUTOTITLE</a>" not in text:
        return text
    here = site.href(page.lang, version, "")

    def one(m: re.Match[str]) -> str:
        url = html.unescape(m.group(1))
        path = url.removeprefix(here).strip("/") if url.startswith(here) else None
        target = site.page_at(page.lang, path) if path is not None else None
        if target is None:  # a link written with another version or language in it: its own prefix
            pages = site.pages(page.lang)
            target = next((p for p in pages if site.href(p.lang, version, p.url_path) == url), None)
        if target is None:
            raise _missing(url, page, source, first_line)
        shown_in = version if version in target.versions else target.versions[0] if target.versions else version
        return f'<a href="{m.group(1)}{m.group(2)}">{html.escape(title(target, shown_in), quote=False)}</a>'

    return _LINK.sub(one, text)


def _missing(url: str, page: Page, source: str, first_line: int) -> DocsError:
    wanted = url.rstrip("/").rsplit("/", 1)[-1]
    lines = enumerate(source.splitlines(), start=first_line)
    line = next((n for n, text in lines if "[AUTOTITLE](" in text and wanted in text), None)
    return DocsError(
        f"[AUTOTITLE]({url}): no page at that path",
        page.source.relfile,
        line,
        hint="link to an existing page (content/…/NAME.md is /…/NAME), or write the link's text yourself",
    )
