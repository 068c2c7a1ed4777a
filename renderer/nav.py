"""Navigation of one page-version, from the ``children:`` tree: sidebar, breadcrumbs, previous/next, the table of
contents of an index page, and the version and language pickers.

Every list shows only pages that exist in the version being read. A version the page does not exist in is
still offered by the version picker, marked unavailable, and links to the page's URL in that version, where
the build writes a "not available in this version" page (see ``docs/site.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.site import Page, Site
from renderer.titles import Titles


@dataclass
class Link:
    href: str
    text: str
    intro: str = ""  # HTML, for tables of contents
    hreflang: str = ""  # language links: the language's tag
    current: bool = False
    available: bool = True
    children: list[Link] = field(default_factory=list)
    open: bool = False  # an ancestor of the current page (its children are shown)


class Nav:
    """Navigation for the pages of one site; titles come from ``titles`` and are cached there."""

    def __init__(self, site: Site, titles: Titles) -> None:
        self.site = site
        self.titles = titles
        self._trees: dict[str, tuple[dict[str, Page], dict[str, str]]] = {}

    # -- the tree ------------------------------------------------------------------------------------------
    def _tree(self, page: Page) -> tuple[dict[str, Page], dict[str, str]]:
        code = page.lang.code
        if code not in self._trees:
            pages = {p.path: p for p in self.site.pages(page.lang)}
            parents: dict[str, str] = {}
            for p in pages.values():
                for child in p.children:
                    parents.setdefault(child, p.path)
            self._trees[code] = (pages, parents)
        return self._trees[code]

    def ancestors(self, page: Page) -> list[Page]:
        """From the home page down to the page's parent."""
        pages, parents = self._tree(page)
        chain: list[Page] = []
        path = parents.get(page.path)
        while path is not None and path in pages and len(chain) < 64:
            chain.append(pages[path])
            path = parents.get(path)
        return chain[::-1]

    def visible_children(self, page: Page, version: str) -> list[Page]:
        pages, _ = self._tree(page)
        return [pages[c] for c in page.children if c in pages and version in pages[c].versions]

    def href(self, page: Page, version: str) -> str:
        return self.site.href(page.lang, version, page.url_path)

    # -- what the layout shows -----------------------------------------------------------------------------
    def breadcrumbs(self, page: Page, version: str) -> list[Link]:
        """The product, its categories and the page itself (the home page is the header's link)."""
        chain = self.ancestors(page)[1:] + [page]
        if page.path == "index.md":
            return []
        return [Link(self.href(p, version), self.titles.short_title(p, version), current=p is page) for p in chain]

    def sidebar(self, page: Page, version: str) -> tuple[Link | None, list[Link]]:
        """The product's link and its tree for the version, opened along the way to the current page."""
        chain = self.ancestors(page) + [page]
        if len(chain) < 2:  # the home page: the products
            return None, [self._item(p, version, page, ()) for p in self.visible_children(page, version)]
        product = chain[1]
        on_path = {p.path for p in chain}
        head = Link(self.href(product, version), self.titles.short_title(product, version), current=product is page)
        return head, [self._item(p, version, page, on_path) for p in self.visible_children(product, version)]

    def _item(self, p: Page, version: str, current: Page, on_path: set[str] | tuple[()]) -> Link:
        link = Link(self.href(p, version), self.titles.short_title(p, version), current=p.path == current.path)
        if p.path in on_path:
            link.open = not link.current
            link.children = [self._item(c, version, current, on_path) for c in self.visible_children(p, version)]
        return link

    def toc(self, page: Page, version: str) -> list[Link]:
        """An index page's table of contents: its children in the version, with title and intro."""
        return [
            Link(self.href(c, version), self.titles.title(c, version), intro=self.titles.html(c, version, "intro"))
            for c in self.visible_children(page, version)
        ]

    def featured(self, page: Page, version: str) -> list[tuple[str, list[Link]]]:
        """A landing page's ``featuredLinks`` groups: each link's page title, in the version, where it exists."""
        raw = page.meta.get("featuredLinks")
        if not isinstance(raw, dict):
            return []
        pages, _ = self._tree(page)
        out = []
        for group, paths in raw.items():
            links = []
            for path in paths if isinstance(paths, list) else []:
                name = str(path).strip("/")
                target = pages.get(f"{name}/index.md") or pages.get(f"{name}.md")
                if target is not None and version in target.versions:
                    links.append(Link(self.href(target, version), self.titles.title(target, version)))
            if links:
                out.append((re.sub(r"(?<=[a-z])(?=[A-Z])", "_", str(group)).lower(), links))  # ui.yml's key style
        return out

    def prev_next(self, page: Page, version: str) -> tuple[Link | None, Link | None]:
        """Neighbours in reading order (depth first) among the product's pages in the version."""
        chain = self.ancestors(page)
        if not chain:
            return None, None
        product = (chain + [page])[1]
        order: list[Page] = []
        stack = [product]
        while stack:
            p = stack.pop()
            order.append(p)
            stack.extend(reversed(self.visible_children(p, version)))
        index = next((i for i, p in enumerate(order) if p.path == page.path), None)
        if index is None:
            return None, None
        prev = order[index - 1] if index > 0 else None
        nxt = order[index + 1] if index + 1 < len(order) else None
        return (
            Link(self.href(prev, version), self.titles.short_title(prev, version)) if prev else None,
            Link(self.href(nxt, version), self.titles.short_title(nxt, version)) if nxt else None,
        )

    def versions(self, page: Page, version: str) -> list[Link]:
        """Every version of the site: the page's URL in each, marked unavailable where it does not exist."""
        return [
            Link(self.href(page, v), self.version_title(v), current=v == version, available=v in page.versions)
            for v in self.site.config.versions
        ]

    def languages(self, page: Page, version: str) -> list[Link]:
        """The same page and version in every language (untranslated pages are served from English)."""
        out = []
        for lang in self.site.config.languages:
            text = lang.native or lang.name
            href = self.site.href(lang, version, page.url_path)
            tag = lang.hreflang or lang.code
            out.append(Link(href, text, hreflang=tag, current=lang.code == page.lang.code))
        return out

    def version_title(self, version: str) -> str:
        plan = self.site.config.plan(version.split("@", 1)[0])
        if plan is None:
            return version
        return f"{plan.title} {version.split('@', 1)[1]}" if plan.numbered else plan.title
