"""Which page-version-languages can render differently after some files changed, found without rendering.

- the site configuration or a template changed: everything;
- a page source changed: that page (an English source: in every language, since translations fall back to it
  and take their versions from it; a translation: in its language only);
- a data file changed (a reusable, a variables file...): every page that refers to its key, directly or
  through other data files that do, transitively; in a YAML file, only the keys whose values changed. An
  English data file matters to a language only where that language has no non-empty translation of the same
  reusable (or variable); a translated one only to its language. A landing page refers to the data its front
  matter names (``learningTracks``: ``data/learning-tracks/<product>.yml``; ``examples_source``; the
  ``data/release-notes/`` of ``layout: release-notes``).

What the layout shows widens this (a page's title is in the navigation of others): a page whose front matter
changed, or refers to a changed key, is shown by the other pages of its product (sidebar, breadcrumbs,
previous/next, its parent's table of contents), by the home page (which lists the products) and by every page
with ``featuredLinks``, ``learningTracks`` or ``includeGuides`` (the landing layouts' cards); the home page and a
product's own index page are shown by every page of their language. A change to the chrome's words
(``data/ui.yml``) is every page's.

The result over-approximates: the caller renders the candidates and keeps those whose output differs, and
skips the second render of a candidate whose recorded reads (``Rendered.reads``) touch no changed file.
Pages are looked up among the pages the site serves, through the source each language renders (a translation,
or English where there is none). A page whose translation fails to render at all is served from English; such a
page is a candidate for an English change only if its translation refers to the same key (see docs/diff.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from renderer.diff import yaml_keys
from renderer.model.config import CONFIG_NAME, Language
from renderer.model.data_refs import referenced_keys, related
from renderer.model.errors import DocsError
from renderer.model.impact import DATA_SUFFIXES, Change, assess, is_chrome, is_feature, key_in_data
from renderer.model.site import Page, Site, SourceFile
from renderer.model.source_files import read_source
from renderer.page.autotitle import links_to


@dataclass
class Candidates:
    everything: bool = False  # every page-version of every language
    pages: dict[str, set[str]] = field(default_factory=dict)  # language code -> page paths ("a/b.md")
    why: dict[tuple[str, str], str] = field(default_factory=dict)  # (lang, path) -> the changed file behind it
    # Whether what a layout shows around an article may differ (a title in navigation, a callout, a landing's
    # data, the chrome): False when every change reaches articles alone, so that candidates are compared by
    # their articles without laying them out.
    layouts: bool = True

    def add(self, lang: str, path: str, because: str) -> None:
        self.pages.setdefault(lang, set()).add(path)
        self.why.setdefault((lang, path), because)

    def __contains__(self, item: tuple[str, str]) -> bool:
        lang, path = item
        return self.everything or path in self.pages.get(lang, ())


@dataclass(frozen=True)
class _Source:
    lang: Language
    kind: str  # "content" | "data"
    rest: str  # path inside that folder
    relfile: str  # root-relative


def affected(
    site: Site,
    changed: Iterable[str],
    global_files: Iterable[str] = (),
    langs: Iterable[Language] | None = None,
    base: Site | None = None,
) -> Candidates:
    """Candidates for the changed root-relative files, in the site (either side of the diff) they are read from.

    ``global_files`` are further root-relative files that every page depends on (a ``--config`` file);
    ``langs`` limits the pages looked at (default: every language of the site); ``base``, the other side,
    lets a changed YAML file be narrowed to the keys that changed in it.
    """
    out = Candidates()
    changed = sorted(set(changed))
    impact = assess(
        [Change(path, exists=(site.root / path).exists()) for path in changed],
        site.config,
        CONFIG_NAME,
        tree_changed=lambda path: False,  # the tree is walked on both sides below: no need to know
        global_files=global_files,
    )
    if impact.everything or any(is_chrome(p, site.config) or is_feature(p, site.config) for p in changed):
        # the rules' "everything"; the chrome's words (every page shows them); a feature (which versions pages
        # are in, and every ifversion naming it)
        out.everything = True
        return out
    codes = {lang.code for lang in site.config.languages}
    roots: list[tuple[str, set[str], str]] = []  # (data key, languages, changed file)
    shown_by: list[tuple[str, str, str]] = []  # pages whose layout-visible fields may change: (lang, path, why)
    out.layouts = False
    for path in changed:
        where = _locate(site, path)
        if where is None:
            out.layouts = True  # read by no page as far as these rules know: assume the worst of it
            continue
        if where.kind == "content":
            if where.rest.endswith(".md"):
                for code in codes if where.lang.is_source else {where.lang.code}:
                    out.add(code, where.rest, path)
                    if base is None or _front_matter(base, path) != _front_matter(site, path):
                        shown_by.append((code, where.rest, path))
            continue
        key = key_in_data(where.rest)
        if key is None:
            out.layouts = True
            continue
        if where.rest.endswith(".md") or base is None:
            scope = (codes - _shadowing(site, where.rest)) if where.lang.is_source else {where.lang.code}
            roots.append((key, scope, path))
            continue
        old, new = yaml_keys.load(_read(base, path)), yaml_keys.load(_read(site, path))
        for changed_key in yaml_keys.changed_keys(old, new, key):
            inner = changed_key.split(".")[len(key.split(".")) :]
            scope = (codes - _yaml_shadowing(site, where.rest, inner)) if where.lang.is_source else {where.lang.code}
            roots.append((changed_key, scope, path))
    languages = list(langs) if langs is not None else list(site.config.languages)
    if roots:
        shown_by += _add_referrers(site, roots, languages, out)
    if shown_by:
        out.layouts = True
        _add_showing(site, base, shown_by, languages, out)
    return out


def _front_matter(site: Site, relfile: str) -> object:
    src = site.source(relfile)
    return src.doc.meta if src is not None and src.doc is not None else None


def _add_showing(
    site: Site, base: Site | None, shown: list[tuple[str, str, str]], langs: list[Language], out: Candidates
) -> None:
    """Add the pages whose layout shows one of ``shown`` (language code, page path, the changed file behind it)."""
    wanted = {lang.code for lang in langs}
    products: dict[tuple[str, str], str] = {}  # (language, product folder; "" for the home page) -> why
    for code, path, because in shown:
        if code in wanted:
            products.setdefault((code, path.split("/", 1)[0] if "/" in path else ""), because)
    for (code, product), because in products.items():  # the pages of a language walked once a product
        lang = site.config.language(code)
        sides = [site] if base is None else [site, base]
        for side in sides:
            for page in side.pages(lang):
                if (
                    not product  # the home page: every page's sidebar and breadcrumbs start at it
                    or page.path.startswith(product + "/")
                    or page.path == "index.md"  # it lists the products
                    or page.meta.get("featuredLinks")
                    or page.meta.get("learningTracks")  # landing layouts show other pages' titles and intros
                    or page.meta.get("includeGuides")
                ):
                    out.add(code, page.path, because)
    # an AUTOTITLE link shows the title of the page it leads to, wherever it is
    linking: dict[str, list[tuple[str, str]]] = {}  # language -> (page path, its Markdown) with such links
    for code, path, because in shown:
        if code not in wanted:
            continue
        if code not in linking:
            lang = site.config.language(code)
            linking[code] = [
                (page.path, src.doc.body)
                for side in ([site] if base is None else [site, base])
                for page in side.pages(lang)
                for src in {id(page.source): page.source, id(page.english): page.english}.values()
                if src.doc is not None and "AUTOTITLE" in src.doc.body
            ]
        url_path = path.removesuffix(".md").removesuffix("index").rstrip("/")
        for linker, body in linking[code]:
            if links_to(body, url_path):
                out.add(code, linker, because)


def _locate(site: Site, path: str) -> _Source | None:
    for lang in site.config.languages:
        base = "" if lang.is_source else f"{lang.dir.strip('/')}/"
        for kind in ("content", "data"):
            prefix = f"{base}{kind}/"
            if path.startswith(prefix):
                return _Source(lang, kind, path[len(prefix) :], path)
    return None


def _read(site: Site, relfile: str) -> bytes | None:
    """A source's bytes, read as every source is (regular files inside the roots, within the size budget)."""
    path = os.path.join(site.root, relfile)
    try:
        return read_source(path, relfile, site.read_roots, site.config.limits.source_bytes, site.real_path(path))
    except (OSError, DocsError):
        return None


def _yaml_shadowing(site: Site, rest: str, inner: list[str]) -> set[str]:
    """Languages whose own copy of the YAML file ``rest`` has a non-empty value at ``inner``."""
    if not inner:
        return set()
    return {
        lang.code
        for lang in site.config.languages
        if not lang.is_source and yaml_keys.has_value(yaml_keys.load(_read(site, f"{lang.dir}/data/{rest}")), inner)
    }


def _shadowing(site: Site, rest: str) -> set[str]:
    """Languages with a non-empty translation of the reusable ``rest``: they never read the English one."""
    if not rest.endswith(".md"):
        return set()  # YAML data falls back key by key, so any language may read any part of it
    out = set()
    for lang in site.config.languages:
        if lang.is_source:
            continue
        raw = _read(site, f"{lang.dir}/data/{rest}")
        try:
            text = raw.decode("utf-8") if raw is not None else ""
        except UnicodeDecodeError:
            continue
        if text.lstrip("\ufeff").strip():
            out.add(lang.code)
    return out


def _scan_data(site: Site) -> list[tuple[_Source, set[str]]]:
    """Every data file of every language that refers to data keys, with those keys."""
    found = []
    for lang in site.config.languages:
        top = site.root / ("" if lang.is_source else lang.dir) / "data"
        for folder, _dirs, files in os.walk(top):
            for name in files:
                if not name.endswith(DATA_SUFFIXES):
                    continue
                full = Path(folder, name)
                relfile = full.relative_to(site.root).as_posix()
                raw = _read(site, relfile)
                if raw is None:
                    continue
                keys = referenced_keys(raw.decode("utf-8", "replace"))
                if keys:
                    found.append((_Source(lang, "data", full.relative_to(top).as_posix(), relfile), keys))
    return found


def _page_keys(src: SourceFile, memo: dict[str, tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
    """The data keys a page source refers to: in its body, and in its front matter (title, intro, callouts...)."""
    keys = memo.get(src.relfile)
    if keys is None:
        keys = (set(), set())
        if src.doc is not None:
            keys = (referenced_keys(src.doc.body), referenced_keys(repr(src.doc.meta)))
        memo[src.relfile] = keys
    return keys


def layout_data_keys(page: Page) -> set[str]:
    """The data keys a page's landing layout reads because its front matter names them (``landing.py``): the
    learning tracks of its product (``learningTracks``), the examples file of ``examples_source``, the release
    notes (``layout: release-notes``)."""
    meta = page.meta
    keys = set()
    if meta.get("learningTracks"):
        keys.add("learning-tracks." + page.path.split("/", 1)[0])
    if meta.get("layout") == "release-notes":
        keys.add("release-notes")
    source = meta.get("examples_source")
    if isinstance(source, str) and source.startswith("data/"):
        key = key_in_data(source.removeprefix("data/"))
        if key:
            keys.add(key)
    return keys


def _add_referrers(
    site: Site, roots: list[tuple[str, set[str], str]], langs: list[Language], out: Candidates
) -> list[tuple[str, str, str]]:
    """Add the pages that refer to the changed keys; return those that do so in their front matter, which other
    pages' layouts show."""
    dirty: dict[str, set[str]] = {}
    cause: dict[str, str] = {}
    work = []
    for key, scope, path in roots:
        dirty.setdefault(key, set()).update(scope)
        cause.setdefault(key, path)
        work.append((key, scope))
    data_files = _scan_data(site)
    while work:
        key, scope = work.pop()
        for src, refs in data_files:
            if not any(related(ref, key) for ref in refs):
                continue
            fkey = key_in_data(src.rest)
            if fkey is None:
                continue
            reach = (scope - _shadowing(site, src.rest)) if src.lang.is_source else scope & {src.lang.code}
            new = reach - dirty.get(fkey, set())
            if new:
                dirty.setdefault(fkey, set()).update(new)
                cause.setdefault(fkey, cause[key])
                work.append((fkey, new))
    memo: dict[str, tuple[set[str], set[str]]] = {}
    shown: list[tuple[str, str, str]] = []
    for lang in langs:
        wanted = [(key, cause[key]) for key, scope in dirty.items() if lang.code in scope]
        if not wanted:
            continue
        for page in site.pages(lang):
            # the source that renders in this language: its translation, or English where it has none (a title
            # that fails in the translation falls back to English's: both count for the front matter)
            body, meta = _page_keys(page.source, memo)
            landing = layout_data_keys(page)
            if page.english is not page.source:
                meta = meta | _page_keys(page.english, memo)[1]
            hit = next((why for key, why in wanted if any(related(ref, key) for ref in body | landing | meta)), None)
            if hit is not None:
                out.add(lang.code, page.path, hit)
                if any(related(ref, key) for key, _ in wanted for ref in landing):
                    out.layouts = True  # the landing layout shows that data
                in_meta = next((why for key, why in wanted if any(related(ref, key) for ref in meta)), None)
                if in_meta is not None:
                    shown.append((lang.code, page.path, in_meta))
    return shown
