"""What a changed file affects: one answer for the incremental build, the preview and the review diff.

Every page-version records the files it was made from, its article's and its layout's (``provenance.py``), so
for most changes the answer is "the page-versions that read it". The rules for the rest are here and only here:

- the configuration or a template: everything (every page is laid out with them; static files are copied);
- an asset: no page-version (pages link to it; the file is published as it is), only the site's copy of it;
- the chrome's words (``data/ui.yml`` of a language): its readers, which are every page of the language, and
  the site's own documents too (404, "not available" pages);
- a page source whose *tree* fields changed (``versions``, ``children``, ``redirect_from``: which pages exist in
  which versions, where they sit, which old URLs lead to them), or a page source or data file added or
  removed (a reference to a missing key recorded no read): the tree, which only a whole pass can redo;
- any other edit of a page source or data file: its readers.

Commands differ only in how they know who read what: the build from its last run's manifest, the preview from
the pages it has served (``DependencyIndex``), the diff, which has rendered nothing yet, from the references in
the sources (``diff/affected.py``, an over-approximation narrowed by rendering).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from renderer.model.config import SiteConfig

# front-matter fields that shape the page tree and the site's own files, beyond what the page-versions read
TREE_FIELDS = ("versions", "children", "redirect_from")
DATA_SUFFIXES = (".md", ".yml", ".yaml")


class Kind(Enum):
    CONFIG = "config"
    TEMPLATE = "template"
    PAGE = "page"
    DATA = "data"
    ASSET = "asset"
    OTHER = "other"


@dataclass(frozen=True)
class Change:
    """One settled change to a root-relative path: whether it existed before, and whether it does now."""

    relfile: str
    existed: bool = True
    exists: bool = True

    @property
    def structural(self) -> bool:
        """Added or removed, rather than edited in place."""
        return self.existed != self.exists


@dataclass
class Impact:
    """What a set of changes affects, by the rules of this module."""

    everything: bool = False  # the configuration or a template changed
    tree: bool = False  # the page tree or the site's own documents (redirects, "not available", 404) changed
    readers_of: set[str] = field(default_factory=set)  # files whose readers are stale
    assets: set[str] = field(default_factory=set)  # assets to publish again
    why: str = ""  # the first change that made it ``everything`` or ``tree``

    @property
    def whole_site(self) -> bool:
        """Whether only a whole pass over the site gives the right answer."""
        return self.everything or self.tree


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
    """The ``site.data`` key of a root-relative data file: ``data/variables/product.yml`` -> ``variables.product``."""
    for lang in config.languages:
        prefix = "data/" if lang.is_source else lang.dir.strip("/") + "/data/"
        if relfile.startswith(prefix):
            rest = relfile[len(prefix) :]
            stem, dot, ext = rest.rpartition(".")
            return (stem if dot and "/" not in ext else rest).replace("/", ".")  # a folder is the key of all in it
    return None


def key_in_data(rest: str) -> str | None:
    """The key of a path inside a data folder (``reusables/a/b.md`` -> ``reusables.a.b``); None if not data."""
    for suffix in DATA_SUFFIXES:
        if rest.endswith(suffix):
            return rest[: -len(suffix)].replace("/", ".")
    return None


def is_chrome(relfile: str, config: SiteConfig) -> bool:
    """Whether a file holds the chrome's words of a language (``data/ui.yml``), which every page shows."""
    key = data_key(relfile, config)
    return key == "ui" or (key or "").startswith("ui.")


def is_feature(relfile: str, config: SiteConfig) -> bool:
    """Whether a file is a feature's (``data/features/NAME.yml``): its ``versions:`` can decide which versions
    pages exist in (``versions: {feature: NAME}``), as a page's own ``versions:`` does."""
    key = data_key(relfile, config)
    return key == "features" or (key or "").startswith("features.")


def tree_fields(meta: dict | None) -> tuple:
    """The part of a page's front matter that shapes the tree (None for a page that cannot be read)."""
    if meta is None:
        return (None,)
    return tuple(repr(meta.get(name)) for name in TREE_FIELDS)


def assess(
    changes: Iterable[Change],
    config: SiteConfig,
    config_relfile: str | None,
    tree_changed: Callable[[str], bool],
    global_files: Iterable[str] = (),
) -> Impact:
    """Apply the rules to ``changes``. ``tree_changed(relfile)``: whether an edited page source's tree fields
    (``tree_fields``) differ from before, as the caller knows the before. ``global_files``: more files that every
    page depends on, as the configuration (a ``--config`` or templates outside the docs root)."""
    out = Impact()
    everywhere = set(global_files)

    def whole(flag: str, relfile: str) -> None:
        setattr(out, flag, True)
        out.why = out.why or relfile

    for ch in changes:
        kind = classify(ch.relfile, config, config_relfile)
        if kind in (Kind.CONFIG, Kind.TEMPLATE) or ch.relfile in everywhere:
            whole("everything", ch.relfile)
        elif kind is Kind.ASSET:
            out.assets.add(ch.relfile)
        elif kind is Kind.PAGE:
            out.readers_of.add(ch.relfile)
            if ch.structural or tree_changed(ch.relfile):
                whole("tree", ch.relfile)
        elif kind is Kind.DATA:
            out.readers_of.add(ch.relfile)
            if ch.structural or is_chrome(ch.relfile, config) or is_feature(ch.relfile, config):
                whole("tree", ch.relfile)
    return out


class DependencyIndex:
    """Rendered output (by any key: a URL, a page-version) -> the files it read, and the reverse."""

    def __init__(self) -> None:
        self._reads: dict[Hashable, frozenset[str]] = {}
        self._readers: dict[str, set[Hashable]] = defaultdict(set)

    @classmethod
    def of(cls, reads: Iterable[tuple[Hashable, Iterable[str]]]) -> DependencyIndex:
        index = cls()
        for key, files in reads:
            index.record(key, files)
        return index

    def record(self, key: Hashable, reads: Iterable[str]) -> None:
        self.drop(key)
        reads = frozenset(reads)
        self._reads[key] = reads
        for f in reads:
            self._readers[f].add(key)

    def drop(self, key: Hashable) -> None:
        for f in self._reads.pop(key, ()):
            readers = self._readers.get(f)
            if readers is not None:
                readers.discard(key)
                if not readers:
                    del self._readers[f]

    def clear(self) -> None:
        self._reads.clear()
        self._readers.clear()

    def readers(self, relfiles: Iterable[str]) -> set[Hashable]:
        """What read any of ``relfiles`` (a folder counts for every file under it)."""
        out: set[Hashable] = set()
        for rel in relfiles:
            out |= self._readers.get(rel, set())
            prefix = rel + "/"
            for f, keys in self._readers.items():
                if f.startswith(prefix):
                    out |= keys
        return out

    def known(self, relfile: str) -> bool:
        """Whether something read this file (so it existed then)."""
        return relfile in self._readers

    def reads(self, key: Hashable) -> frozenset[str]:
        return self._reads.get(key, frozenset())
