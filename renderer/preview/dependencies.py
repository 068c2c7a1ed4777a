"""Which rendered pages a changed file makes stale.

Every render records the files it read (``Rendered.reads``, the provenance); this index inverts that, so a
changed reusable finds the page-versions that used it, in every language and version. Some changes cannot be
traced that way and make everything stale: the configuration, a template (every page is laid out with them), a
page added, removed or with new front matter (the page tree, and any navigation built from it), and a data file
added or removed (a reference to a missing key recorded no read, so who would now see it is unknown).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from renderer.config import SiteConfig


class Kind(Enum):
    CONFIG = "config"
    TEMPLATE = "template"
    PAGE = "page"
    DATA = "data"
    ASSET = "asset"
    OTHER = "other"


def classify(relfile: str, config: SiteConfig, config_relfile: str | None) -> Kind:
    """What a root-relative path is to the site."""
    if config_relfile and relfile == config_relfile:
        return Kind.CONFIG
    head = relfile.split("/", 1)[0]
    if head == "templates":
        return Kind.TEMPLATE
    if head == "assets":
        return Kind.ASSET
    for lang in config.languages:
        prefix = "" if lang.is_source else lang.dir.strip("/") + "/"
        if not relfile.startswith(prefix):
            continue
        rest = relfile[len(prefix) :]
        if rest.startswith("content/") or rest == "content":
            return Kind.PAGE
        if rest.startswith("data/") or rest == "data":
            return Kind.DATA
    return Kind.OTHER


@dataclass(frozen=True)
class Change:
    """One settled change to a path: whether it existed before the burst of events, and whether it does now."""

    relfile: str
    existed: bool
    exists: bool

    @property
    def structural(self) -> bool:
        """Added or removed, rather than edited in place."""
        return self.existed != self.exists


class DependencyIndex:
    """Rendered page (by URL) → the files it read, and the reverse."""

    def __init__(self) -> None:
        self._reads: dict[str, frozenset[str]] = {}
        self._readers: dict[str, set[str]] = defaultdict(set)

    def record(self, href: str, reads: Iterable[str]) -> None:
        self.drop(href)
        reads = frozenset(reads)
        self._reads[href] = reads
        for f in reads:
            self._readers[f].add(href)

    def drop(self, href: str) -> None:
        for f in self._reads.pop(href, ()):
            readers = self._readers.get(f)
            if readers is not None:
                readers.discard(href)
                if not readers:
                    del self._readers[f]

    def clear(self) -> None:
        self._reads.clear()
        self._readers.clear()

    def readers(self, relfiles: Iterable[str]) -> set[str]:
        """The rendered pages that read any of ``relfiles`` (a folder counts for every file under it)."""
        out: set[str] = set()
        for rel in relfiles:
            out |= self._readers.get(rel, set())
            prefix = rel + "/"
            for f, hrefs in self._readers.items():
                if f.startswith(prefix):
                    out |= hrefs
        return out

    def known(self, relfile: str) -> bool:
        """Whether some render read this file (so it existed then)."""
        return relfile in self._readers

    def reads(self, href: str) -> frozenset[str]:
        return self._reads.get(href, frozenset())
