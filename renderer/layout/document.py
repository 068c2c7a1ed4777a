"""Lay rendered pages out as HTML documents with the Jinja2 templates of ``templates/``.

A docs root may carry its own ``templates/`` folder; templates it does not have come from the built-in set, and
so do static files (``templates/static/``, served at ``/static/``). Besides article pages the layout writes the
site's other documents: "not available in this version" pages, redirect pages and the 404 page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from renderer import html_escape
from renderer.layout.landing import LANDING, LANDING_LISTS, SHOWN, Landing, Landings, product_words
from renderer.layout.minitoc import headings
from renderer.layout.nav import Link, Nav
from renderer.model import provenance
from renderer.model.site import Page, Site
from renderer.octicons import render_octicon
from renderer.page.render import Rendered, Renderer
from renderer.page.titles import Titles

BUILTIN = Path(__file__).resolve().parent.parent / "templates"  # the repository's templates/, linked into the package
STATIC_URL = "/static"

# The words of the site's chrome when the docs root's data/ui.yml does not have them.
UI_DEFAULTS: dict[str, dict[str, str]] = {
    "header": {"docs_title": "Documentation", "dark_mode": "Dark mode"},
    "search": {"placeholder": "Search the docs", "no_results": "No pages match your search."},
    "homepage": {"version_picker": "Version", "explore_by_product": "Browse by product"},
    "pages": {
        "article_version": "Article version:",
        "miniToc": "In this article",
        "not_in_this_version": "This article is not available for the version you selected.",
        "platform": "Platform",
        "platform_mac": "Mac",
        "platform_windows": "Windows",
        "platform_linux": "Linux",
    },
    "errors": {
        "page_doesnt_exist": "We could not find that page.",
        "oops": "Something went wrong",
        "search_or_go_home": "Search the docs above, or start again from a home page:",
    },
    "footer": {"all_rights_reserved": "All rights reserved"},
    "nav": {
        "language": "Language",
        "previous": "Previous",
        "next": "Next",
        "menu": "Menu",
        "home": "Home",
        "untranslated": "This page has not been translated yet; it is shown in English.",
        "available_in": "It exists in these versions:",
        "not_here": "not available",
        "go_to_page_in": "Go to this page in",
        "home_of_version": "Home page of",
        "external_site": "external site",
    },
    "toc": {"getting_started": "Getting started", "popular": "Popular articles", "guides": "Guides"},
    # the landing layouts (landing.py); GitHub's ui.yml of 2021 has most of these keys; a product's name is
    # written as it wrote it, {{ productMap[currentProduct].name }}
    "product_landing": {
        "quickstart": "Quickstart",
        "reference": "Reference",
        "overview": "Overview",
        "guides": "Guides",
        "beta": "Beta",
        "view_all": "View all",
        "explore_guides": "Explore guides",
        "all_docs": "All {{ productMap[currentProduct].name }} docs",
        "show_more": "Show more",
        "code_examples": "Code examples",
        "search_code_examples": "Search code examples",
        "no_example": "It looks like we don't have an example that fits your filter.",
        "communities_using_discussions": "Communities using discussions",
        "sponsor_community": "GitHub Sponsors community",
        "video": "{{ productMap[currentProduct].name }} video",
    },
    "release_notes": {
        "release_notes": "release notes",
        "releases": "Releases",
        "release_candidate": "Release Candidate",
        "features": "Features",
        "changes": "Changes",
        "deprecations": "Deprecations",
        "bugs": "Bug fixes",
        "known_issues": "Known issues",
        "security_fixes": "Security fixes",
        "backups": "Backups",
    },
    "product_sublanding": {
        "start": "Start",
        "start_path": "Start path",
        "learning_paths": "{{ productMap[currentProduct].name }} learning paths",
        "learning_paths_desc": "Learning paths are a collection of guides that help you master a particular subject.",
        "guides": "{{ productMap[currentProduct].name }} guides",
        "more_guides": "more guides",
        "load_more": "Load more guides",
        "all_guides": "All {{ productMap[currentProduct].name }} guides",
        "featured": "Featured",
        "no_result": "Sorry, there is no guide that match your filter.",
        "filters.type": "Type",
        "filters.topic": "Topic",
        "filters.all": "All",
        "guide_types.overview": "Overview",
        "guide_types.quick_start": "Quickstart",
        "guide_types.tutorial": "Tutorial",
        "guide_types.how_to": "How-to guide",
        "guide_types.reference": "Reference",
    },
}


# templates/redirect.html with its two expressions as format fields: {{ target }} (escaped for HTML) is {html},
# {{ target | tojson }} is {json}. tests/build/test_pieces.py checks both give the same bytes.
REDIRECT_PAGE = """<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Redirecting to {html}</title>
<link rel="canonical" href="{html}">
<meta http-equiv="refresh" content="0; url={html}">
<script>location.replace({json} + location.hash)</script>
</head>
<body>
<p>This page has moved to <a href="{html}">{html}</a>.</p>
</body>
</html>
"""


class Words(dict):
    """A section of the chrome's words. Templates write ``ui.nav.menu``: Jinja tries an attribute before an item,
    and on a plain dict that is an exception caught for each of the dozens of words on every page."""

    def __getattr__(self, name: str) -> str:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


PLATFORMS = ("mac", "windows", "linux")  # the order of GitHub's 2021 platform picker
_PLATFORM_BLOCK = re.compile(r'<div class="extended-markdown (mac|windows|linux) ">')


def platforms(html: str, default: object) -> tuple[tuple[str, ...], str]:
    """The platforms whose ``{% mac %}``/``{% windows %}``/``{% linux %}`` blocks the article has, and the one
    to show first: front matter ``defaultPlatform`` when it is one of them, else "" (the reader's system, as the
    2021 site chose). None found: ((), "")."""
    found = set(_PLATFORM_BLOCK.findall(html)) if "extended-markdown" in html else set()
    present = tuple(p for p in PLATFORMS if p in found)
    return present, (str(default) if default in present else "")


def minitoc_levels(value: object) -> tuple[int, ...]:
    """The heading levels of the mini table of contents: h2 to ``miniTocMaxHeadingLevel`` (2 to 4, default 3)."""
    try:
        top = int(value) if value is not None and not isinstance(value, bool) else 3
    except (TypeError, ValueError):
        top = 3
    return tuple(range(2, min(max(top, 2), 4) + 1))


def template_dirs(root: Path) -> list[Path]:
    return [d for d in (root / "templates", BUILTIN) if d.is_dir()]


def static_files(root: Path) -> dict[str, Path]:
    """Files to publish under ``/static/``: the docs root's ``templates/static/`` over the built-in ones."""
    found: dict[str, Path] = {}
    for folder in reversed(template_dirs(root)):
        static = folder / "static"
        if static.is_dir():
            for f in sorted(static.rglob("*")):
                if f.is_file():
                    found[f.relative_to(static).as_posix()] = f
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class LaidOut:
    """A page-version as readers get it."""

    document: str  # the whole HTML document
    reads: frozenset[str]  # every root-relative file it was made from
    article: Rendered
    parts: dict[str, Any]  # what the layout put around the article (breadcrumbs, sidebar, callouts, versions...)
    layout_reads: frozenset[str] = frozenset()  # what the layout itself read (``reads`` has the article's too)

    @cached_property
    def fields(self) -> dict[str, str]:
        """What readers see, by field: title, intro, body, callout: product, nav, availability. Made only when
        asked (by the diff): a build needs the document alone."""
        parts, article = self.parts, self.article
        return {
            "title": article.title,
            "intro": article.intro,
            "body": article.html,
            "callout: product": parts["product_html"],
            "callout: permissions": parts["permissions_html"],
            "nav": repr([parts[k] for k in _NAV_PARTS]),
            "availability": " ".join(v.href for v in parts["versions"] if v.available),
        }


_NAV_PARTS = (
    "breadcrumbs", "sidebar_head", "sidebar_html", "toc", "prev", "next", "featured", "intro_links", "landing",
    "platforms",
)


class Layout:
    def __init__(self, site: Site, renderer: Renderer | None = None) -> None:
        self.site = site
        self.renderer = renderer or Renderer(site)
        self.recorder = provenance.Recorder()
        self.titles = Titles(self.renderer, self.recorder)
        self.nav = Nav(site, self.titles)
        self.landings = Landings(self.nav)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(site.root)]),
            autoescape=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            # A preview makes a new Layout when a template changes: no need to check the file's modification
            # time each time a template is looked up (``{% extends %}`` looks up base.html on every render).
            auto_reload=False,
        )
        self._ui: dict = {}  # language -> (the chrome's words, the files they came from)
        # Looked up once (Environment.get_template also takes a lock and builds a cache key on every call).
        self._templates: dict[str, jinja2.Template] = {}
        # the same few icons on every page (theme toggle, callouts): each made once
        self.env.globals["octicon"] = functools.cache(lambda name: markupsafe.Markup(render_octicon(name)))
        self.env.filters["product_words"] = product_words
        self.env.globals["shown"] = SHOWN

    def document(self, page: Page, result: Rendered) -> str:
        """The whole HTML document of one rendered page-version."""
        return self.laid_out(page, result).document

    def laid_out(self, page: Page, result: Rendered) -> LaidOut:
        """The document of one rendered page-version, what a reader sees in it field by field, and every file
        it was made from (the article's reads and the layout's)."""
        version = result.version
        meta = page.meta
        is_index = page.path == "index.md" or page.path.endswith("/index.md")
        show_minitoc = meta.get("showMiniToc", not is_index)
        levels = minitoc_levels(meta.get("miniTocMaxHeadingLevel"))
        with self.recorder.recording() as reads:
            reads.update(self._template_files)
            prev, nxt = self.nav.prev_next(page, version)
            landing = self.landings.landing(page, version)
            parts: dict[str, Any] = dict(
                breadcrumbs=self.nav.breadcrumbs(page, version),
                sidebar_head=self.nav.sidebar_head(page, version),
                sidebar_html=markupsafe.Markup(
                    self.nav.sidebar_html(page, version, self.ui(page.lang.code)["nav"]["external_site"])
                ),
                # a landing layout has its own lists instead (a product's categories and pages, its guides)
                toc=self.nav.toc(page, version) if page.children and landing is None else [],
                prev=prev,
                next=nxt,
                featured=self._featured(page, version, landing),
                product_html=self.titles.html(page, version, "product"),
                permissions_html=self.titles.html(page, version, "permissions"),
                intro_links=self._intro_links(page, version),
                landing=landing,
                platforms=platforms(result.html, meta.get("defaultPlatform")),
            )
            versions = self.nav.versions(page, version)
            document = self._render(
                "page.html",
                page,
                version,
                article=result,
                minitoc=headings(result.html, levels) if show_minitoc else [],
                short_title=self.titles.short_title(page, version) if landing else "",
                is_home=page.path == "index.md",
                versions=versions,
                **parts,
            )
        own = frozenset(reads)
        return LaidOut(document, own | result.reads, result, {**parts, "versions": versions}, own)

    def forget(self, files: set[str]) -> None:
        """Drop the remembered pieces (titles, sidebar entries, the chrome's words) made from any of ``files``."""
        for cache in (self._ui, *self.titles.caches, *self.nav.caches):
            provenance.forget(cache, files)

    @cached_property
    def _template_files(self) -> frozenset[str]:
        """The docs root's own templates, root-relative: every page is laid out with them (static/ is not read by
        a page: it is published beside the pages)."""
        folder = self.site.root / "templates"
        if not folder.is_dir():
            return frozenset()
        return frozenset(
            f.relative_to(self.site.root).as_posix()
            for f in folder.rglob("*")
            if f.is_file() and "static" not in f.relative_to(folder).parts[:1]
        )

    def not_available(self, page: Page, version: str) -> str:
        """The page a reader reaches when switching to a version the page does not exist in."""
        return self._render(
            "not-available.html",
            page,
            version,
            title=self.titles.title(page, page.versions[0]) if page.versions else self.titles.title(page, version),
            elsewhere=[v for v in self.nav.versions(page, version) if v.available],
        )

    def not_found(self) -> str:
        """``/404.html``: in the source language and default version, with the search box, pickers that go to each
        version's and language's home page, and a way home in every language."""
        config = self.site.config
        lang, default = config.source_language, config.default_version
        homes = [(x.native or x.name, self.site.href(x, default, "")) for x in config.languages]
        return self.template("404.html").render(
            lang=lang,
            ui=self.ui(lang.code),
            homes=homes,
            home_href=self.site.href(lang, default, ""),
            version_title=self.nav.version_title(default),
            versions=[
                Link(self.site.href(lang, v, ""), self.nav.version_title(v), current=v == default)
                for v in config.versions
            ],
            languages=[
                Link(href, name, hreflang=x.hreflang or x.code, current=x.code == lang.code)
                for (name, href), x in zip(homes, config.languages, strict=True)
            ],
            search_url=f"/search/{lang.code}/{default}.json",
            static_url=STATIC_URL,
        )

    def redirect(self, target: str) -> str:
        """A page that sends the reader to ``target`` (a large site has tens of thousands of them)."""
        if not self._builtin_redirect:
            return self.template("redirect.html").render(target=target)  # the docs root's own template
        # The built-in template, as a plain string: a fraction of the cost of a Jinja render.
        return REDIRECT_PAGE.format(html=html_escape.text(target), json=html_escape.script_value(target))

    @cached_property
    def _builtin_redirect(self) -> bool:
        filename = self.template("redirect.html").filename  # BUILTIN may be a link to the repository's templates/
        return filename is not None and Path(filename).resolve() == (BUILTIN / "redirect.html").resolve()

    def template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def ui(self, lang_code: str) -> dict[str, dict[str, str]]:
        """The chrome's words in a language: its ``data/ui.yml`` over English, over the built-in defaults."""

        def make() -> dict[str, dict[str, str]]:
            lang = self.site.config.language(lang_code)
            words = {k: dict(v) for k, v in UI_DEFAULTS.items()}
            reads: set[str] = set()
            data = self.site.data(lang, reads).get("ui")
            if data:
                for section, values in data.items():
                    if hasattr(values, "items"):
                        for key, value in values.items():
                            if isinstance(value, str) and value.strip():
                                words.setdefault(str(section), {})[str(key)] = str(value)
                            elif hasattr(value, "items"):  # one level further, as "section.key.inner"
                                for inner, word in value.items():
                                    if isinstance(word, str) and word.strip():
                                        words.setdefault(str(section), {})[f"{key}.{inner}"] = word
            self.recorder.add(reads)
            return {section: Words(entries) for section, entries in words.items()}

        return self.recorder.remembered(self._ui, lang_code, make)

    def _render(self, template: str, page: Page, version: str, **extra: Any) -> str:
        lang = page.lang
        if extra.get("versions") is None:  # the picker's; laid_out passes the list it keeps for the diff
            extra["versions"] = self.nav.versions(page, version)
        return self.template(template).render(
            page=page,
            lang=lang,
            version=version,
            version_title=self.nav.version_title(version),
            ui=self.ui(lang.code),
            home_href=self.site.href(lang, version, ""),
            languages=self.nav.languages(page, version),
            search_url=f"/search/{lang.code}/{version}.json",
            static_url=STATIC_URL,
            **extra,
        )

    def _featured(self, page: Page, version: str, landing: Landing | None) -> list:
        """``featuredLinks`` lists: on a product landing its two of 2021 (guides, popular), elsewhere every one."""
        groups = self.nav.featured(page, version, lambda text: self.landings.value(page, version, text))
        if landing is not None and landing.layout == LANDING:
            groups = [g for g in groups if g[0] in LANDING_LISTS]
        return groups

    def _intro_links(self, page: Page, version: str) -> list[tuple[str, str]]:
        """A product landing's ``introLinks`` (quickstart, reference, ...) as (label key, URL in the version)."""
        links = page.meta.get("introLinks")
        if not isinstance(links, dict):
            return []
        ctx = self.site.link_context(page.lang.code, version)
        out = []
        for key, raw in links.items():
            href = self.landings.value(page, version, raw).strip()  # may be Liquid, chosen per version
            if href.startswith("/") and "raw" not in str(key):  # GitHub's ``*_raw`` keys were not buttons
                out.append((str(key), ctx.rewrite(href)))
        return out
