"""Front-matter fields of any page rendered for navigation: titles, short titles, intros, callouts.

The layout of one page needs the titles of many others (sidebar, breadcrumbs, previous/next, an index page's
table of contents), in the page's language and version. Rendering those pages whole would be wasteful, so only
the field is rendered, through the same Liquid context a page render uses, and remembered.
A translation whose field does not render falls back to English; a page with no title shows its file name.
Each field remembers the files it was made from (``provenance.py``): the page's sources and the data it read.
"""

from __future__ import annotations

from collections.abc import Callable

from renderer.markdown import render_intro, render_title
from renderer.model.errors import DocsError
from renderer.model.provenance import Recorder
from renderer.model.site import Page, SourceFile
from renderer.page.render import Renderer


class Titles:
    """Rendered front-matter fields, keyed by (language, version, path, field).

    Both steps are remembered: the Liquid output of a field, and what is made of it (plain-text title, HTML),
    because the navigation of every page in a product asks for the same titles again."""

    def __init__(self, renderer: Renderer, recorder: Recorder | None = None) -> None:
        self.renderer = renderer
        self.site = renderer.site
        self.recorder = recorder or Recorder()
        self._cache: dict = {}
        self._made: dict = {}
        self.caches = (self._cache, self._made)  # each entry with the files it was made from

    def title(self, page: Page, version: str) -> str:
        return self._made_once(
            "title", page, version, lambda: render_title(self._liquid(page, version, "title")) or _from_path(page.path)
        )

    def short_title(self, page: Page, version: str) -> str:
        """What navigation shows: ``shortTitle`` when the page has one, else its title."""
        return self._made_once(
            "shortTitle",
            page,
            version,
            lambda: render_title(self._liquid(page, version, "shortTitle")) or self.title(page, version),
        )

    def html(self, page: Page, version: str, field: str) -> str:
        """A Markdown field (intro, product, permissions) as HTML, links rewritten for the version."""

        def make() -> str:
            text = self._liquid(page, version, field)
            return render_intro(text, self.renderer.link_context(page.lang, version)) if text.strip() else ""

        return self._made_once(f"html:{field}", page, version, make)

    def _made_once(self, what: str, page: Page, version: str, make: Callable[[], str]) -> str:
        return self.recorder.remembered(self._made, (page.lang.code, version, page.path, what), make)

    def _liquid(self, page: Page, version: str, field: str) -> str:
        def make() -> str:
            for src in (page.source, page.english) if page.source is not page.english else (page.source,):
                try:
                    return self._render(page, src, version, field)
                except DocsError:
                    continue
            return ""

        return self.recorder.remembered(self._cache, (page.lang.code, version, page.path, field), make)

    def _render(self, page: Page, src: SourceFile, version: str, field: str) -> str:
        self.recorder.add((src.relfile,))
        if src.doc is None:
            raise src.error or DocsError(f"{src.relfile}: unreadable")
        raw = src.doc.meta.get(field)
        if raw is None or raw == "":
            return ""
        compiled = src.cache.get(f"nav:{field}")
        if compiled is None:
            compiled = src.cache[f"nav:{field}"] = self.renderer.env.from_string(str(raw), src.relfile)
        href = self.site.href(page.lang, version, page.url_path)
        reads: set[str] = set()
        try:
            return compiled.render(self.renderer.context(page, src, version, href, reads))
        finally:
            self.recorder.add(reads)


def _from_path(path: str) -> str:
    name = path[: -len(".md")].removesuffix("/index").rsplit("/", 1)[-1]
    return name.replace("-", " ").capitalize() if name != "index" else "Home"
