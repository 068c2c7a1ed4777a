"""Which page-versions a command renders: every page × version × language, narrowed by the user's filters."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence

from renderer.model.errors import DocsError
from renderer.model.site import Page, Site


def select(
    site: Site,
    langs: Sequence[str] | None = None,
    versions: Sequence[str] | None = None,
    paths: Sequence[str] | None = None,
) -> Iterator[tuple[Page, str]]:
    """Page-versions in a stable order: language, then tree order, then version order."""
    languages = [site.config.language(code) for code in langs] if langs else list(site.config.languages)
    known = set(site.config.versions)
    for v in versions or ():
        if v not in known:
            raise DocsError(f"unknown version {v!r}; this site has: {', '.join(site.config.versions)}")
    for lang in languages:
        for page in site.pages(lang):
            if paths and not any(fnmatch.fnmatchcase(page.path, g) for g in paths):
                continue
            for version in page.versions:
                if not versions or version in versions:
                    yield page, version
