"""Navigation of one page-version, from the ``children:`` tree: sidebar, breadcrumbs, previous/next, the table of
contents of an index page, and the version and language pickers.

Every list shows only pages that exist in the version being read. A version the page does not exist in is
still offered by the version picker, marked unavailable, and links to the page's URL in that version, where
the build writes a "not available in this version" page (see ``docs/site.md``).

The sidebar's tree is the one piece made as HTML here rather than in a template: it is most of a page's
navigation, and its entries are shared by every page of a product (``Nav.sidebar_html``).

What a page's navigation shows is recorded as read (``provenance.py``, through the titles' recorder):
everything each title shown was made from. The tree itself (``children:``, ``versions:``) is not recorded:
previous/next alone depends on every page of a product, and a change to those fields is a change of the whole
site anyway (``impact.py``'s tree fields).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

from markupsafe import escape

from renderer.model.site import Page, Site
from renderer.octicons import render_octicon
from renderer.page.titles import Titles

_EXTERNAL_ICON = render_octicon("link-external")
CARD_GROUPS = ("guideCards",)  # featuredLinks shown as cards by the landing layout, not as a list
INTRO_WORDS = 12  # a featured guide's intro, cut to its first words as the 2021 site did


def text_of(html: str) -> str:
    """The text of a small HTML fragment (an intro): tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())


def truncate_words(text: str, n: int) -> str:
    words = text.split()
    return text if len(words) <= n else " ".join(words[:n]) + "..."


@dataclass
class Link:
    href: str
    text: str
    intro: str = ""  # HTML, for tables of contents
    hreflang: str = ""  # language links: the language's tag
    current: bool = False
    available: bool = True


class Nav:
    """Navigation for the pages of one site; titles come from ``titles`` and are cached there."""

    def __init__(self, site: Site, titles: Titles) -> None:
        self.site = site
        self.titles = titles
        self.recorder = titles.recorder
        self._trees: dict[str, tuple[dict[str, Page], dict[str, str]]] = {}
        self._moved: dict[str, dict[str, Page]] = {}  # language -> old path (redirect_from) -> its page
        # What every page of a language and version shares, keyed by (language, version, path):
        # (each with the files it was made from: provenance.Recorder.remembered)
        self._visible: dict = {}  # a page's children in the version
        self._closed: dict = {}  # a page's sidebar entry, not opened
        self._orders: dict = {}  # a product's pages in reading order
        self.caches = (self._visible, self._closed, self._orders)
        self._version_titles: dict[str, str] = {}  # from the configuration alone, which a Nav outlives never

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

    def find(self, page: Page, path: str) -> Page | None:
        """The page of ``page``'s language at a path written in front matter (``/a/b``, ``a/b``), or the page that
        lists it in ``redirect_from``: GitHub's featured links, guide cards and learning tracks of 2021 still
        named pages by paths they had moved from, and its site followed the redirect. None for "" or nowhere."""
        name = path.strip().strip("/")
        if not name:
            return None
        found = self.site.page_at(page.lang, name)
        if found is None:
            code = page.lang.code
            if code not in self._moved:
                moved: dict[str, Page] = {}
                for p in self.site.pages(page.lang):
                    meta = p.english.doc.meta if p.english.doc else {}
                    old = meta.get("redirect_from") or []
                    for o in [old] if isinstance(old, str) else old if isinstance(old, list) else []:
                        moved.setdefault(str(o).strip().strip("/"), p)
                self._moved[code] = moved
            found = self._moved[code].get(name)
        return found

    def visible_children(self, page: Page, version: str) -> list[Page]:
        def make() -> list[Page]:
            pages, _ = self._tree(page)
            return [pages[c] for c in page.children if c in pages and version in pages[c].versions]

        return self.recorder.remembered(self._visible, (page.lang.code, version, page.path), make)

    def href(self, page: Page, version: str) -> str:
        return self.site.href(page.lang, version, page.url_path)

    # -- what the layout shows -----------------------------------------------------------------------------
    def breadcrumbs(self, page: Page, version: str) -> list[Link]:
        """The product, its categories and the page itself (the home page is the header's link)."""
        chain = self.ancestors(page)[1:] + [page]
        if page.path == "index.md":
            return []
        return [Link(self.href(p, version), self.titles.short_title(p, version), current=p is page) for p in chain]

    def sidebar_head(self, page: Page, version: str) -> Link | None:
        """The product's link above the sidebar's tree (None on the home page, whose sidebar lists the products)."""
        chain = self.ancestors(page) + [page]
        if len(chain) < 2:
            return None
        product = chain[1]
        return Link(self.href(product, version), self.titles.short_title(product, version), current=product is page)

    def sidebar_html(self, page: Page, version: str, external_label: str = "external site") -> str:
        """The product's tree for the version as an HTML ``<ul>``, opened along the way to the current page.

        Every page of a product shows this tree, so it is built from pieces remembered per language, version and
        page: an entry that is neither the current page nor one of its ancestors is the same HTML on every page;
        only the entries along the way to the current page are made again. Built here rather than by a template
        macro because the macro cost more than the rest of the page layout."""
        chain = self.ancestors(page) + [page]
        if len(chain) < 2:  # the home page: the products, then the products of other sites it lists
            products = self._tree_html(page, version, page, set()).removesuffix("\n</ul>")
            return products + self._external(page, external_label) + "\n</ul>"
        return self._tree_html(chain[1], version, page, {p.path for p in chain})

    def _external(self, home: Page, label: str) -> str:
        """The home page's ``externalProducts`` (``{id: {name, href}}``: GitHub CLI, Atom...) as sidebar entries
        marked as leading to another site, as the 2021 home page listed them after its own products."""
        self.recorder.add((home.english.relfile,))  # the English home page's, in every language (as in 2021)
        raw = (home.english.doc.meta if home.english.doc else {}).get("externalProducts")
        items = []
        for product in raw.values() if isinstance(raw, dict) else ():
            if isinstance(product, dict) and str(product.get("href", "")).startswith(("https://", "http://")):
                name, href = escape(str(product.get("name") or product["href"])), escape(str(product["href"]))
                items.append(
                    f'\n  <li class="external"><a href="{href}">{name}{_EXTERNAL_ICON}'
                    f'<span class="visually-hidden"> ({escape(label)})</span></a></li>'
                )
        return "".join(items)

    def _tree_html(self, parent: Page, version: str, current: Page, on_path: set[str]) -> str:
        items = []
        for p in self.visible_children(parent, version):
            is_current, opened = p.path == current.path, p.path in on_path
            if not (is_current or opened):
                items.append(self._closed_item(p, version))
                continue
            inside = (
                self._tree_html(p, version, current, on_path) if opened and self.visible_children(p, version) else ""
            )
            items.append(self._item_html(p, version, "current" if is_current else "open", inside))
        return "<ul>" + "".join(items) + "\n</ul>"

    def _closed_item(self, p: Page, version: str) -> str:
        return self.recorder.remembered(
            self._closed, (p.lang.code, version, p.path), lambda: self._item_html(p, version, "", "")
        )

    def _item_html(self, p: Page, version: str, state: str, inside: str) -> str:
        """One entry: ``state`` is "current", "open" (an ancestor of the current page) or ""."""
        css = f' class="{state}"' if state else ""
        aria = ' aria-current="page"' if state == "current" else ""
        href, text = escape(self.href(p, version)), escape(self.titles.short_title(p, version))
        return f'\n  <li{css}><a href="{href}"{aria}>{text}</a>{inside}</li>'

    def toc(self, page: Page, version: str) -> list[Link]:
        """An index page's table of contents: its children in the version, with title and intro."""
        return [
            Link(self.href(c, version), self.titles.title(c, version), intro=self.titles.html(c, version, "intro"))
            for c in self.visible_children(page, version)
        ]

    def featured(
        self, page: Page, version: str, value: Callable[[object], str] = str
    ) -> list[tuple[str, str, list[Link]]]:
        """A landing page's ``featuredLinks`` lists, as (group, heading, links): each link's page title in the
        version, where it exists; ``guides`` with the first words of each intro. ``heading`` is
        ``popularHeading`` for ``popular`` when given, else "" (the template takes ``ui.yml``'s ``toc.<group>``).
        ``guideCards`` are cards (``landing.py``), not a list. ``value`` renders an entry's Liquid."""
        raw = page.meta.get("featuredLinks")
        if not isinstance(raw, dict):
            return []
        out = []
        for group, paths in raw.items():
            if group in CARD_GROUPS or not isinstance(paths, list):
                continue
            links = []
            for path in paths:
                target = self.find(page, value(path))  # None where its Liquid leaves this version out
                if target is not None and version in target.versions:
                    intro = ""
                    if group == "guides":
                        intro = truncate_words(text_of(self.titles.html(target, version, "intro")), INTRO_WORDS)
                    links.append(Link(self.href(target, version), self.titles.title(target, version), intro=intro))
            if links:
                key = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", str(group)).lower()  # ui.yml's key style
                heading = raw.get("popularHeading") if group == "popular" else None
                out.append((key, str(heading) if isinstance(heading, str) and heading.strip() else "", links))
        return out

    def prev_next(self, page: Page, version: str) -> tuple[Link | None, Link | None]:
        """Neighbours in reading order (depth first) among the product's pages in the version."""
        chain = self.ancestors(page)
        if not chain:
            return None, None
        product = (chain + [page])[1]
        order, index_of = self._reading_order(product, version)
        index = index_of.get(page.path)
        if index is None:
            return None, None
        prev = order[index - 1] if index > 0 else None
        nxt = order[index + 1] if index + 1 < len(order) else None
        return (
            Link(self.href(prev, version), self.titles.short_title(prev, version)) if prev else None,
            Link(self.href(nxt, version), self.titles.short_title(nxt, version)) if nxt else None,
        )

    def _reading_order(self, product: Page, version: str) -> tuple[list[Page], dict[str, int]]:
        """The product's pages in the version, depth first, and where each path first comes in that order.
        Shared by every page of the product."""
        return self.recorder.remembered(
            self._orders, (product.lang.code, version, product.path), lambda: self._make_order(product, version)
        )

    def _make_order(self, product: Page, version: str) -> tuple[list[Page], dict[str, int]]:
        order: list[Page] = []
        stack = [product]
        while stack:
            p = stack.pop()
            order.append(p)
            stack.extend(reversed(self.visible_children(p, version)))
        index_of: dict[str, int] = {}
        for i, p in enumerate(order):
            index_of.setdefault(p.path, i)
        return order, index_of

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
        title = self._version_titles.get(version)
        if title is None:  # (asked for each version of every page's picker)
            plan = self.site.config.plan(version.split("@", 1)[0])
            if plan is None:
                title = version
            else:
                title = f"{plan.title} {version.split('@', 1)[1]}" if plan.numbered else plan.title
            self._version_titles[version] = title
        return title
