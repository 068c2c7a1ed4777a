"""Which rendered pages a changed file makes stale: shared by the preview and incremental builds.

Every render records the files it read (``Rendered.reads``, the provenance); this index inverts that, so a
changed reusable finds the page-versions that used it, in every language and version. Some changes cannot be
traced that way and make everything stale: the configuration, a template (every page is laid out with them), a
page added, removed or with new front matter (the page tree, and any navigation built from it), a data file
added or removed (a reference to a missing key recorded no read, so who would now see it is unknown), and a
data file that some page's front matter refers to (the layout shows other pages' titles, and fields such as
``product:``, rendered outside the page's own render, so outside its provenance).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from renderer.config import SiteConfig
from renderer.site import Page

_DATA_REF = re.compile(r"\{%-?\s*(?:data|indented_data_reference)\s+([\w.\-]+)")


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


def data_key(relfile: str, config: SiteConfig) -> str | None:
    """The ``site.data`` key of a data file: ``data/variables/product.yml`` -> ``variables.product``."""
    for lang in config.languages:
        prefix = "data/" if lang.is_source else lang.dir.strip("/") + "/data/"
        if relfile.startswith(prefix):
            rest = relfile[len(prefix) :]
            stem, dot, ext = rest.rpartition(".")
            return (stem if dot and "/" not in ext else rest).replace("/", ".")
    return None


def front_matter_refs(pages: Iterable[Page]) -> set[str]:
    """Every data key that the front matter of these pages (English and translated) refers to."""
    refs: set[str] = set()
    seen: set[int] = set()
    for page in pages:
        for src in (page.source, page.english):
            if id(src) in seen or src.doc is None:
                continue
            seen.add(id(src))
            _collect(src.doc.meta, refs)
    return refs


def data_refs(text: str) -> list[str]:
    """The data keys ``{% data %}`` tags in a text refer to."""
    return [m[1] for m in _DATA_REF.finditer(text)] if "{%" in text else []


def _collect(value: object, refs: set[str]) -> None:
    if isinstance(value, str):
        refs.update(data_refs(value))
    elif isinstance(value, dict):
        for v in value.values():
            _collect(v, refs)
    elif isinstance(value, list):
        for v in value:
            _collect(v, refs)


def refers_to(refs: set[str], key: str) -> bool:
    """Whether a reference in ``refs`` reads ``key`` or something under it."""
    return any(r == key or r.startswith(key + ".") for r in refs)


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
