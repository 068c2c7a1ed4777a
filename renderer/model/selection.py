"""Which page-versions a command works on: every page × version × language, narrowed by the user's filters.

One answer for export, build, check and diff: ``--lang``, ``--version`` and ``--path`` mean the same everywhere.
A path may be written as the page's path under ``content/`` (``a/b.md``), with ``content/`` in front, without
``.md`` (``a/b``: the page or its folder's index), or as a glob (``a/*``).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from renderer.model.config import Language
from renderer.model.errors import DocsError
from renderer.model.site import Page, Site


@dataclass(frozen=True)
class Selection:
    """The user's filters; empty means everything."""

    langs: Sequence[str] | None = None
    versions: Sequence[str] | None = None
    paths: Sequence[str] | None = None

    def languages(self, site: Site) -> list[Language]:
        if self.langs:
            return [site.config.language(code) for code in self.langs]
        return list(site.config.languages)

    @cached_property
    def _globs(self) -> list[str]:
        return [_glob(g) for g in self.paths or ()]

    def wants_path(self, path: str) -> bool:
        if not self.paths:
            return True
        globs = self._globs  # asked once a page: the filters are read once
        if any(fnmatch.fnmatchcase(path, g) for g in globs):
            return True
        # "a/b" names a folder's index page as well as a/b.md
        folder = path[: -len("/index.md")] + ".md" if path.endswith("/index.md") else None
        return folder is not None and any(fnmatch.fnmatchcase(folder, g) for g in globs)

    def wants_version(self, version: str) -> bool:
        return not self.versions or version in self.versions

    def check_versions(self, site: Site, extra: Sequence[str] = ()) -> None:
        known = set(site.config.versions)
        for v in [*(self.versions or ()), *extra]:
            if v not in known:
                raise DocsError(f"unknown version {v!r}; this site has: {', '.join(site.config.versions)}")

    def pages(self, site: Site) -> Iterator[Page]:
        """The pages, in a stable order: language, then tree order."""
        for lang in self.languages(site):
            for page in site.pages(lang):
                if self.wants_path(page.path):
                    yield page

    def page_versions(self, site: Site) -> Iterator[tuple[Page, str]]:
        """Page-versions in a stable order: language, then tree order, then version order."""
        self.check_versions(site)
        for page in self.pages(site):
            for version in page.versions:
                if self.wants_version(version):
                    yield page, version


def select(
    site: Site,
    langs: Sequence[str] | None = None,
    versions: Sequence[str] | None = None,
    paths: Sequence[str] | None = None,
) -> Iterator[tuple[Page, str]]:
    """``Selection(langs, versions, paths).page_versions(site)``."""
    return Selection(langs, versions, paths).page_versions(site)


def _glob(g: str) -> str:
    g = g.removeprefix("./").removeprefix("content/")
    if any(c in g for c in "*?[") or g.endswith(".md"):
        return g
    return g.rstrip("/") + ".md" if g else "index.md"
