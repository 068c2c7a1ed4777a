"""Where redirect pages go: every old URL a page lists in ``redirect_from``, per language and version.

An old path is placed exactly where a link to it lands once local links are rewritten for a language and
version (``rewrite_href``), so a link in any article that still uses the old path reaches a redirect page:
``/pipelines/manage`` gives ``/en/pipelines/manage`` and ``/en/enterprise-server@3.1/pipelines/manage``, ...

Each of those redirects to the page in that version. A version the page does not exist in redirects to the
page's URL in that version, where the build writes its "not available in this version" page. The unversioned
old URL (``/en/<old>``) is the default version's: it goes to the page in the default version when it exists
there, else to the page in its first version in the site's order (the newest release). An old path that names
a version (``/enterprise-server@2.22/x``) applies to that version only; one that names a release no longer
built is left alone. The source language also gets the old path without a language (``/<old>``).
Admin and Desktop pages also get the ``/admin/guides/...`` and ``/desktop/guides/...`` forms of their paths,
where those products' articles used to live and where many links still point; and every page of a numbered
plan gets the plan's URL without a release (``/en/enterprise-server/<path>``), which goes to the newest
release the page is in. Entries written in front matter win over these derived forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from renderer.model import urls
from renderer.model.site import Page, Site

# Top-level folders of the output that are not language trees: a redirect must never be written there.
RESERVED = ("assets", "public", "static", "search")


@dataclass
class RedirectMap:
    targets: dict[str, str] = field(default_factory=dict)  # old URL -> new URL
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (old URL, kept target, dropped target)
    # old URL taken by a page -> the claims on it, in order (target, whether a second target is a conflict)
    blocked: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)

    def release(self, urls: Iterable[str]) -> None:
        """URLs that turned out not to be taken after all (their page failed): each goes to its first claim, as
        if it had never been taken. Lets the map be made while the pages are still being built."""
        for url in urls:
            claims = self.blocked.pop(url, None)
            if claims:
                kept = self.targets[url] = claims[0][0]
                self.conflicts.extend((url, kept, target) for target, report in claims[1:] if report and target != kept)


def old_paths(page: Page) -> list[str]:
    """The page's ``redirect_from`` entries (from the English source: URLs are the same in every language)."""
    meta = page.english.doc.meta if page.english.doc else {}
    raw = meta.get("redirect_from") or []
    if isinstance(raw, str):
        raw = [raw]
    return list(dict.fromkeys(str(p).strip() for p in raw if str(p).strip().startswith("/")))


def derived_paths(page: Page) -> list[str]:
    """Old forms no front matter lists: ``/admin/guides/`` and ``/desktop/guides/`` of the page's path and
    of each ``redirect_from`` entry."""
    olds = old_paths(page)
    derived = [variant for p in ["/" + page.url_path, *olds] if (variant := _guides_form(p))]
    return [p for p in dict.fromkeys(derived) if p not in olds]


def _guides_form(path: str) -> str | None:
    """Admin and Desktop articles once lived under a ``guides/`` folder (``/admin/guides/installation/x``), and
    articles still link there; this is the old form of a path, or None when it has none."""
    if "/guides" in path:
        return None
    for product in ("/admin", "/desktop"):
        at = path.find(product + "/") if product + "/" in path else (len(path) - len(product))
        prefix = path[:at]
        if path[at:].startswith(product) and (prefix in ("", "/enterprise") or prefix.startswith("/enterprise/")):
            return prefix + product + "/guides" + path[at + len(product) :]
    return None


def redirect_map(site: Site, pages: Iterable[Page], versions: Sequence[str], taken: set[str]) -> RedirectMap:
    """Old URL -> new URL for ``pages`` in ``versions``; URLs in ``taken`` (real pages) are never redirected.

    The first page (in the order given) to claim an old URL keeps it; later claims are listed as conflicts.
    """
    placer = _Placer(site, versions, taken)
    pages = [p for p in pages if p.versions]
    claims = [(page, old_paths(page), derived_paths(page)) for page in pages]
    # A page in the version wins over one sent to another version; entries written in front matter win over
    # derived forms; plan-without-release URLs come last.
    for fallback in (False, True):
        for page, olds, _ in claims:
            # a fallback losing to a page that is in the version is no conflict; two pages in it are
            placer.place(page, olds, report=not fallback, fallback=fallback)
        for page, _, derived in claims:
            placer.place(page, derived, report=False, fallback=fallback)
    for page in pages:
        for plan in site.config.plans:
            newest = next((v for v in plan.versions if v in page.versions and v in versions), None)
            if plan.numbered and newest:
                target = site.href(page.lang, newest, page.url_path)
                old = urls.href(page.lang.code, plan.name, page.url_path, default_version="")
                placer.add(old, target, report=False)
    return placer.out


class _Placer:
    """Claims old URLs for pages, in the order they are offered (the first claim of a URL wins)."""

    def __init__(self, site: Site, versions: Sequence[str], taken: set[str]) -> None:
        self.site = site
        self.versions = versions
        self.taken = taken
        self.out = RedirectMap()
        self.default = site.config.default_version
        self.source_lang = site.config.source_language.code
        self.reserved = set(RESERVED) | {lang.code for lang in site.config.languages}
        self._contexts = {(x.code, v): site.link_context(x.code, v) for x in site.config.languages for v in versions}
        self._landings: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def place(self, page: Page, olds: list[str], report: bool, fallback: bool) -> None:
        """Claim the places of ``olds`` in each version: where the page is in it (``fallback`` False) or not."""
        lang = page.lang.code
        for old in olds:
            for v, placed in self._landing(lang, old.split("#", 1)[0].split("?", 1)[0]):
                if (v not in page.versions) != fallback:
                    continue
                target_version = v
                if v == self.default and v not in page.versions:
                    target_version = page.versions[0]
                target = self.site.href(page.lang, target_version, page.url_path)
                self.add(placed, target, report)
                if lang == self.source_lang and v == self.default:
                    bare = placed[len(self.source_lang) + 1 :] or "/"
                    if bare.split("/")[1] not in self.reserved:
                        self.add(bare, target, report)

    def _landing(self, lang: str, old: str) -> list[tuple[str, str]]:
        """(version, URL) where a link to ``old`` lands, for each version whose links to it stay in that version
        (the old path may name another version, or links to it may be sent elsewhere). Both passes of
        ``redirect_map`` ask: rewriting a link is most of the cost, so it is done once."""
        key = (lang, old)
        if key not in self._landings:
            found = []
            for v in self.versions:
                placed = self._contexts[(lang, v)].rewrite(old)
                if urls.version_of(placed, lang, self.default) == v:
                    found.append((v, placed))
            self._landings[key] = found
        return self._landings[key]

    def add(self, old: str, target: str, report: bool) -> None:
        if old == target or not _safe(old):
            return
        if old in self.taken:
            self.out.blocked.setdefault(old, []).append((target, report))
            return
        kept = self.out.targets.setdefault(old, target)
        if kept != target and report:
            self.out.conflicts.append((old, kept, target))


_REJECTED = re.compile(r'[\\:*?"<>|\0]')  # characters some file systems reject in names


def _safe(url: str) -> bool:
    """A URL that maps to a folder inside the output: no dot segments, no characters file systems reject."""
    _, slash, path = url.partition("/")  # what comes before the first slash is not a folder of the output
    if not slash:
        return True
    # Substring tests instead of a loop over segments: redirect_map checks some 60,000 URLs on a large site.
    segments = f"/{path}/"
    return not ("//" in segments or "/./" in segments or "/../" in segments or _REJECTED.search(path))
