"""The site model shared by every command: pages, the versions each exists in, languages, data and URLs.

Pages served are those reachable through ``children:`` lists from ``content/index.md``. A child ``/name`` of
``a/b/index.md`` is ``a/b/name/index.md`` when that folder exists, else ``a/b/name.md``. Each language has the
same pages as English: a page with no translation (or whose translation cannot be read) is served from English.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from renderer.model import urls
from renderer.model.config import Language, SiteConfig, load_config
from renderer.model.data import DataFolder, DataView
from renderer.model.errors import DocsError
from renderer.model.frontmatter import Document, ParsedFrontMatter, parse, read_text
from renderer.model.impact import tree_fields
from renderer.model.limits import SourceFileError
from renderer.model.source_files import NOT_READ, inside, read_source
from renderer.model.urls import LinkContext
from renderer.model.versions import page_versions, plans_by_name


@dataclass
class SourceFile:
    """One Markdown source as read from disk, parsed once and shared by every version that renders it."""

    relfile: str  # relative to the docs root: "content/a/b.md" or "translations/zh-CN/content/a/b.md"
    doc: Document | None
    error: DocsError | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # compiled templates, keyed by what they are for


@dataclass
class Page:
    path: str  # relative to the language's content folder: "actions/index.md"
    lang: Language
    source: SourceFile  # what renders: the translation, or English when there is none
    english: SourceFile
    versions: tuple[str, ...]
    children: tuple[str, ...] = ()
    fallback: str | None = None  # the language code it is served from when it has no usable translation

    @property
    def meta(self) -> dict[str, Any]:
        return self.source.doc.meta if self.source.doc else {}

    @cached_property  # asked for every link to the page (its path never changes)
    def url_path(self) -> str:
        """The page's path in URLs (``model/urls.py``)."""
        return urls.url_path(self.path)


class Site:
    def __init__(
        self,
        root: Path,
        config: SiteConfig | None = None,
        config_file: Path | None = None,
        *,
        trusted: tuple[Path, ...] = (),
        unchanging: bool = False,
    ) -> None:
        self.root = Path(root)
        self._root = str(self.root)
        # folders besides the root that its files may link into (a review diff's view of a revision links
        # unchanged files to the working tree); links anywhere else are never followed
        self.trusted = tuple(Path(t).resolve() for t in (self.root, *trusted))
        self.read_roots = tuple(str(t) for t in self.trusted)  # as read_source compares (resolved already)
        if not (self.root / "content").is_dir():
            raise DocsError(
                f"no content/ folder in {self.root}", hint="pass --root DIR, the folder that holds content/ and data/"
            )
        self.config = config or load_config(self.root, config_file)
        self._sources: dict[str, SourceFile] = {}
        self._served: dict[str, tuple[str, ...]] = {}  # repr of a versions: value -> its versions
        self._pages: dict[str, list[Page]] = {}
        self._by_path: dict[str, dict[str, Page]] = {}
        self._by_url: dict[str, dict[str, Page]] = {}  # language -> url_path ("a/b") -> page
        self._data: dict[str, DataFolder] = {}
        self._links: dict[tuple[str, str], LinkContext] = {}
        self.problems: list[DocsError] = []  # site-level findings: children that do not exist, ...
        # front matter parsed by the previous build, when a build with a cache gives it (``Builder.build``), and
        # the digests of the files as the build found them (relfile -> (mtime_ns, size, sha1))
        self.parsed: ParsedFrontMatter | None = None
        self.fingerprints: dict[str, tuple[int, int, str]] = {}
        # folder -> its path with links resolved (``real_path``), for a model of files that do not change while
        # it lives (a build, an export, a diff); a preview resolves every path each time
        self._real_folders: dict[str, str] | None = {} if unchanging else None

    # -- sources -------------------------------------------------------------------------------------------
    def source(self, relfile: str) -> SourceFile | None:
        """The parsed source at a root-relative path, or None when no such file exists."""
        if relfile in self._sources:
            return self._sources[relfile]
        path = f"{self._root}/{relfile}"  # plain strings: pathlib was a sixth of walking the tree
        try:
            mode = os.lstat(path).st_mode  # one call says what is there (a walk makes thousands)
        except OSError:
            return None
        linked = stat.S_ISLNK(mode)
        if stat.S_ISDIR(mode) or (linked and os.path.isdir(path)):
            return None
        # only a regular file inside the docs root (or a trusted folder), of at most limits.source_bytes, is read:
        # a committed link to /dev/zero or to someone's files is an error naming it
        src = self._unread(relfile, path) if self.parsed is not None and not linked else None
        if src is None:
            real = None if linked else self.real_path(path, linked=False)
            try:
                raw = read_source(path, relfile, self.read_roots, self.config.limits.source_bytes, real)
                digest = hashlib.sha1(raw).hexdigest() if self.parsed is not None else ""
                src = SourceFile(relfile, parse(read_text(raw, relfile), relfile, self.parsed, digest))
            except FileNotFoundError:  # a dangling link, or removed just now
                return None
            except DocsError as e:
                src = SourceFile(relfile, None, e)
        self._sources[relfile] = src
        return src

    def _unread(self, relfile: str, path: str) -> SourceFile | None:
        """The source from the front matter a previous build kept for a file of the same bytes (``fingerprints``
        say which), its body read when first asked for; None when there is none, or the file is not a plain one
        inside the root as it was then (then it is read, and its error, if any, is said as always). ``path`` is
        not a link."""
        assert self.parsed is not None
        known = self.fingerprints.get(relfile)
        if known is None:
            return None
        if not inside(self.real_path(path, linked=False) or os.path.realpath(path), self.read_roots):
            return None
        kept = self.parsed.take(known[2])
        if kept is None:
            return None
        meta, body_line, body_at = kept
        body = partial(self._body, relfile, path, known[2], body_at)
        return SourceFile(relfile, Document(meta, None, body_line, body))

    def _body(self, relfile: str, path: str, digest: str, at: int) -> str:
        try:
            raw = read_source(path, relfile, self.read_roots, self.config.limits.source_bytes, self.real_path(path))
        except FileNotFoundError:
            raw = b""
        if hashlib.sha1(raw).hexdigest() != digest:  # its front matter, as the tree used it, is of other bytes
            raise SourceFileError("changed while the site was being built", relfile, hint="build again")
        return read_text(raw, relfile)[at:]

    def real_path(self, path: str, linked: bool | None = None) -> str | None:
        """``path`` with links resolved, for ``read_source``, its folder's resolution remembered (thousands of
        files share a few hundred folders); None when the file itself is a link (``linked``, when the caller
        knows), or the model is not ``unchanging``: then ``read_source`` resolves it."""
        if self._real_folders is None or (os.path.islink(path) if linked is None else linked):
            return None
        folder, _, base = path.rpartition("/")
        real = self._real_folders.get(folder)
        if real is None:
            real = self._real_folders[folder] = os.path.realpath(folder)
        return f"{real}/{base}"

    def content_dir(self, lang: Language) -> str:
        return "content" if lang.is_source else f"{lang.dir}/content"

    # -- the page tree -------------------------------------------------------------------------------------
    def pages(self, lang: Language | str | None = None) -> list[Page]:
        """Every served page of a language, in tree order (parents before children)."""
        lang = self._lang(lang)
        if lang.code not in self._pages:
            self._pages[lang.code] = self._walk(lang)
        return self._pages[lang.code]

    @cached_property
    def _english_tree(self) -> list[tuple[str, SourceFile, tuple[str, ...], tuple[str, ...]]]:
        """(path, English source, children, versions served) of every page, in tree order: what every language's
        walk shares (a translation's front matter never decides the tree)."""
        out: list[tuple[str, SourceFile, tuple[str, ...], tuple[str, ...]]] = []
        seen: set[str] = set()
        stack = ["index.md"]
        plans = {plan.name for plan in self.config.plans}
        known = set(plans_by_name(self.config)) | {"feature"}  # long and short names, and features
        names = ", ".join(sorted(plans))
        while stack:
            path = stack.pop()
            if path in seen:
                continue
            seen.add(path)
            src = self.source(f"content/{path}")
            if src is None:
                continue
            served: tuple[str, ...] = ()
            if src.error:
                self.problems.append(src.error)  # the page cannot be served in any version: say so
            elif src.doc is not None:
                # A page served in no version is left out of the build without a word unless it is said here.
                meta, spec = src.doc.meta, src.doc.meta.get("versions")
                served = self._page_versions(spec)
                wrong = [str(k) for k in spec if str(k) not in known] if isinstance(spec, dict) else []
                found: tuple[str, str, str] | None = None
                bare = not meta and src.doc.body_line == 0  # no front matter was split off
                if bare and src.doc.body.lstrip().startswith("---"):
                    found = ("error", "the front matter is never closed: the page is served in no version",
                             "end the front matter with a line of ---")
                elif bare:
                    found = ("error", "the page has no front matter: the page is served in no version",
                             "start the file with ---, title: ..., versions: ... and a line of ---")
                elif "versions" not in meta:
                    found = ("error", "no versions: the page is served in no version",
                             f"add versions: with one or more of {names} (or '*')")
                elif spec != "*" and (not isinstance(spec, dict) or not spec):
                    found = ("error", f"versions: must be '*' or a mapping of plan to range, not {spec!r}; the "
                             "page is served in no version", f"plans: {names}")
                elif wrong:
                    found = ("warning" if served else "error",
                             f"versions: unknown plan {', '.join(map(repr, wrong))}"
                             + ("" if served else "; the page is served in no version"), f"plans: {names}")
                elif not served:
                    found = ("warning", f"versions: {spec!r} matches no release of this site; the page is served "
                             "in no version", "fine for a page kept for a later release; else widen the range")
                if found:
                    self.problems.append(DocsError(found[1], src.relfile, hint=found[2], severity=found[0]))
            children = self._children(path, src)
            out.append((path, src, children, served))
            stack.extend(reversed(children))
        return out

    def _children(self, path: str, src: SourceFile) -> tuple[str, ...]:
        raw = src.doc.meta.get("children") if src.doc else None
        if not raw:
            return ()
        folder = os.path.dirname(path)
        out = []
        for child in raw:
            name = str(child).strip("/")
            base = f"{folder}/{name}" if folder else name
            if ".." in name.split("/") or "\\" in name:
                self.problems.append(
                    DocsError(
                        f"children: {child!r} leaves the content folder", src.relfile, hint="name a page under it"
                    )
                )
                continue
            if self._is_file(f"content/{base}/index.md"):
                out.append(f"{base}/index.md")
            elif self._is_file(f"content/{base}.md"):
                out.append(f"{base}.md")
            else:
                self.problems.append(
                    DocsError(
                        f"children: no page for {child!r}",
                        src.relfile,
                        hint=f"create content/{base}.md",
                        severity="warning",
                    )
                )
        return tuple(out)

    def _is_file(self, relfile: str) -> bool:
        """Whether a regular file (links followed) is at ``relfile``. A build's fingerprints say, of every input
        file there was when it started (a file made since is in the next build, as one added)."""
        if not self.fingerprints:
            return os.path.isfile(f"{self._root}/{relfile}")
        known = self.fingerprints.get(relfile)
        return known is not None and (not known[2].startswith(NOT_READ) or os.path.isfile(f"{self._root}/{relfile}"))

    def _page_versions(self, spec: object) -> tuple[str, ...]:
        """``versions.page_versions`` of a front matter's ``versions:``, once for each distinct value (a few
        dozen among thousands of pages); a value naming a feature is worked out each time."""
        if not isinstance(spec, dict) or "feature" in spec:
            return page_versions(spec, self.config, self.feature_versions)
        key = repr(spec)
        served = self._served.get(key)
        if served is None:
            served = self._served[key] = page_versions(spec, self.config)
        return served

    def _walk(self, lang: Language) -> list[Page]:
        pages = []
        for path, english, children, versions in self._english_tree:
            source, fallback = english, None
            if not lang.is_source:
                translated = self.source(f"{self.content_dir(lang)}/{path}")
                if translated is not None and translated.doc is not None:
                    source = translated
                else:
                    fallback = self.config.source_language.code
            pages.append(Page(path, lang, source, english, versions, children, fallback))
        return pages

    def feature_versions(self, name: str) -> object:
        """The ``versions:`` of ``data/features/NAME.yml`` (English: a feature is one for every language)."""
        features = self.data(self.config.source_language, set()).get("features")
        feature = features.get(name) if features is not None and hasattr(features, "get") else None
        return feature.get("versions") if feature is not None and hasattr(feature, "get") else None

    def page(self, lang: Language | str | None, path: str) -> Page | None:
        lang = self._lang(lang)
        if lang.code not in self._by_path:
            self._by_path[lang.code] = {p.path: p for p in self.pages(lang)}
        return self._by_path[lang.code].get(path)

    def page_at(self, lang: Language | str | None, url_path: str) -> Page | None:
        """The page whose URL, after the language and version, is ``url_path`` (``a/b``; ``""`` the home page)."""
        lang = self._lang(lang)
        if lang.code not in self._by_url:
            self._by_url[lang.code] = {p.url_path: p for p in self.pages(lang)}
        return self._by_url[lang.code].get(url_path)

    def _lang(self, lang: Language | str | None) -> Language:
        if lang is None:
            return self.config.source_language
        return lang if isinstance(lang, Language) else self.config.language(lang)

    # -- data ----------------------------------------------------------------------------------------------
    def data(self, lang: Language, reads: set[str]) -> DataView:
        """``site.data`` for a language: its own data over English, recording reads into ``reads``."""
        layers = [self._data_folder(lang)]
        if not lang.is_source:
            layers.append(self._data_folder(self.config.source_language))
        return DataView(tuple(layers), reads)

    def _data_folder(self, lang: Language) -> DataFolder:
        if lang.code not in self._data:
            folder = self.root / ("data" if lang.is_source else f"{lang.dir}/data")
            self._data[lang.code] = DataFolder(folder, self.root, self.trusted, self.config.limits)
        return self._data[lang.code]

    # -- invalidation (the preview drops what a changed file made stale) ---------------------------------
    def forget(self, relfile: str) -> None:
        """Drop what was read from one root-relative file or folder, so its next use reads the disk again."""
        for key in [k for k in self._sources if k == relfile or k.startswith(relfile + "/")]:
            del self._sources[key]
        for folder in self._data.values():
            folder.forget(self.root / relfile)

    def refresh(self, relfile: str) -> bool:
        """Read a page source again; when the front matter fields that shape the tree (``impact.tree_fields``) are
        unchanged the pages showing it take the new text in place (the tree stands) and True is returned. False:
        it was added, removed, unreadable or its tree fields changed, and the tree must be rebuilt
        (``forget_tree``)."""
        old = self._sources.get(relfile)
        self.forget(relfile)
        new = self.source(relfile)
        if old is None or new is None or old.doc is None or new.doc is None:
            return False
        if tree_fields(old.doc.meta) != tree_fields(new.doc.meta):
            return False
        for pages in self._pages.values():
            for page in pages:
                if page.source is old:
                    page.source = new
                if page.english is old:
                    page.english = new
        return True

    def forget_tree(self) -> None:
        """Drop the page tree: a page was added or removed, or front matter (children, versions) changed."""
        self.__dict__.pop("_english_tree", None)
        self._pages.clear()
        self._by_path.clear()
        self._by_url.clear()
        self.problems.clear()  # they are found again by the next walk

    def data_errors(self) -> dict[str, DocsError]:
        """Data files read so far that could not be parsed (a render sees them as missing), by relative path."""
        return {rel: e for folder in self._data.values() for rel, e in folder.errors.items()}

    # -- URLs ----------------------------------------------------------------------------------------------
    def link_context(self, lang: str, version: str) -> LinkContext:
        """What rewriting local links needs to know for pages of a language and version (made once)."""
        key = (lang, version)
        if key not in self._links:
            config = self.config
            enterprise = config.enterprise
            self._links[key] = LinkContext(
                lang=lang,
                version=version,
                default_version=config.default_version,
                enterprise_releases=enterprise.releases if enterprise else (),
                latest_enterprise=enterprise.releases[0] if enterprise else "",
                plans=tuple(p.name for p in config.plans),
                languages=tuple(x.code for x in config.languages),
            )
        return self._links[key]

    def href(self, lang: Language, version: str, url_path: str) -> str:
        return urls.href(lang.code, version, url_path, self.config.default_version)


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether a path, symlinks followed, stays under one of the roots (a link out of the docs is not followed)."""
    real = path.resolve()
    return any(real.is_relative_to(root) for root in roots)
