"""Pages rendered as far as Liquid, for the link and anchor checks: what a reader gets in one version.

Links and headings differ between versions (``{% if currentVersion ... %}``), so they are read from each
page-version's Liquid output, which is the costly part of ``check``; Markdown is not rendered. Outputs are
kept, since a page's headings are needed by every page that links to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderer.model.errors import DocsError
from renderer.model.site import Page, Site
from renderer.page.render import Renderer


@dataclass
class Output:
    text: str  # the body's Liquid output ("" when it failed)
    reads: frozenset[str]  # files it read: the page source and the data files
    error: str | None = None  # why it could not be rendered


class LiquidOutputs:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.renderer = Renderer(site)
        self._cache: dict[tuple[str, str, str], Output] = {}

    def get(self, page: Page, version: str) -> Output:
        key = (page.lang.code, page.path, version)
        out = self._cache.get(key)
        if out is None:
            out = self._cache[key] = self._render(page, version)
        return out

    def _render(self, page: Page, version: str) -> Output:
        src = page.source
        reads: set[str] = {src.relfile}
        if src.doc is None:
            return Output("", frozenset(reads), str(src.error))
        try:
            # The renderer's own compile and context, so the output is the one readers get.
            body, _, _ = self.renderer.compiled(src)
            href = self.site.href(page.lang, version, page.url_path)
            context = self.renderer.context(page, src, version, href, reads)
            return Output(body.render(context), frozenset(reads))
        except DocsError as e:
            return Output("", frozenset(reads), str(e))
        except RecursionError:
            return Output("", frozenset(reads), f"{src.relfile}: nesting too deep")
