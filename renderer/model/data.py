"""The ``site.data`` tree: variables, reusables and other data files, loaded lazily, once.

A data folder maps to nested keys: a sub-folder is a key, ``name.yml`` is a key whose value is the file's YAML,
``name.md`` (a reusable) is a key whose value is its text, right-trimmed (so ``1. {% data reusables.x %}``
does not make a list loose). Translations stack a language's data folder over the English one, key by key:
a value missing or empty in the translation is taken from English.

Every value handed out is recorded (as the file it came from) in the ``reads`` set of the view: this is the
provenance that incremental builds, the preview and review diffs rely on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from renderer.model.errors import DocsError
from renderer.model.frontmatter import read_text
from renderer.model.limits import DEFAULT_LIMITS, Limits, SourceFileError
from renderer.model.source_files import inside, read_source, real_roots
from renderer.model.yaml_load import load_yaml

_MISSING: Any = object()


class DataString(str):
    """A string from a data file; knows that file so Liquid errors inside it point there."""

    filename: str
    line_offset: int = 0

    def __new__(cls, value: str, filename: str) -> DataString:
        obj = super().__new__(cls, value)
        obj.filename = filename
        return obj


class DataFolder:
    """One language's data folder; parses each file at most once, on first use."""

    def __init__(
        self, path: Path, root: Path, trusted: tuple[Path, ...] = (), limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.path = path
        self.root = root
        self.limits = limits
        self._roots = real_roots((root, *trusted))  # what files and folders, links followed, may be inside
        self._listings: dict[Path, dict[str, tuple[str, Path, str]]] = {}
        self._files: dict[Path, Any] = {}
        self._found: dict[tuple[str, ...], tuple[Any, str | None]] = {}
        self.errors: dict[str, DocsError] = {}

    def lookup(self, parts: tuple[str, ...]) -> tuple[Any, str | None]:
        """The value at ``parts`` and the file (relative to the root) it is in; ``_MISSING`` when absent."""
        found = self._found.get(parts)
        if found is None:
            found = self._found[parts] = self._resolve(parts)
        return found

    def _resolve(self, parts: tuple[str, ...]) -> tuple[Any, str | None]:
        here = self.path
        for i, part in enumerate(parts):
            entry = self._listing(here).get(part)
            if entry is None:
                return _MISSING, None
            kind, path, rel = entry
            if kind == "outside":
                raise self._refused(rel)
            if kind == "dir":
                here = path
                continue
            value = self._file(kind, path, rel)
            if rel in self.errors:
                raise self.errors[rel]  # a data file that cannot be read fails the pages that use it, by name
            for key in parts[i + 1 :]:
                value = _child(value, key)
                if value is _MISSING:
                    break
            return value, rel
        return _Folder(here), None

    def keys_at(self, parts: tuple[str, ...]) -> list[str]:
        value, _ = self.lookup(parts)
        if isinstance(value, _Folder):
            return list(self._listing(value.path))
        if isinstance(value, dict):
            return [str(k) for k in value]
        return []

    def _listing(self, folder: Path) -> dict[str, tuple[str, Path, str]]:
        listing = self._listings.get(folder)
        if listing is None:
            listing = {}
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                entries = []
            for e in entries:
                name, ext = os.path.splitext(e.name)
                rel = self._rel(Path(e.path))
                if e.is_dir():
                    # a folder linked from outside the docs root is never looked into (files are judged when read)
                    outside = e.is_symlink() and not inside(os.path.realpath(e.path), self._roots)
                    listing.setdefault(e.name, ("outside" if outside else "dir", Path(e.path), rel))
                elif ext in (".yml", ".yaml", ".md"):
                    listing.setdefault(name, (ext.lstrip("."), Path(e.path), rel))
            self._listings[folder] = listing
        return listing

    def _file(self, kind: str, path: Path, rel: str) -> Any:
        if path in self._files:
            return self._files[path]
        try:
            text = read_text(read_source(path, rel, self._roots, self.limits.source_bytes), rel)
            if kind == "md":
                value: Any = DataString(text.rstrip(), rel)
            else:
                value = load_yaml(text, rel, self.limits.yaml_nodes, partial(DataString, filename=rel))
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            err = DocsError(
                f"invalid YAML: {getattr(e, 'problem', None) or e}",
                rel,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
                "check quoting and indentation",
            )
            self.errors[rel] = err
            value = _MISSING
        except DocsError as e:
            self.errors[rel] = e
            value = _MISSING
        except OSError:  # gone since the folder was listed
            value = _MISSING
        self._files[path] = value
        return value

    def _refused(self, rel: str) -> SourceFileError:
        error = self.errors[rel] = SourceFileError(
            "links to a folder outside the docs root, which is never read", rel, hint="copy the folder in instead"
        )
        return error

    def forget(self, path: Path) -> None:
        """Drop a changed, added or removed file or folder (and anything under it) and its folder's listing."""
        self._found.clear()
        self._listings.pop(path.parent, None)
        for cache in (self._listings, self._files):
            for key in [k for k in cache if k == path or path in k.parents]:
                del cache[key]
        rel = self._rel(path)
        for key in [k for k in self.errors if k == rel or k.startswith(rel + "/")]:
            del self.errors[key]

    def _rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/")


class _Folder:
    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path


def _child(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value.get(key, _MISSING)
    if isinstance(value, list) and key.lstrip("-").isdigit():
        i = int(key)
        return value[i] if -len(value) <= i < len(value) else _MISSING
    return _MISSING


def _is_empty(value: Any) -> bool:
    return value is _MISSING or value is None or (isinstance(value, str) and not value.strip())


class DataView(Mapping):
    """``site.data`` (or a node inside it) as Liquid sees it, for one language, recording what is read."""

    __slots__ = ("_layers", "_parts", "_reads")

    def __init__(self, layers: tuple[DataFolder, ...], reads: set[str], parts: tuple[str, ...] = ()) -> None:
        self._layers = layers  # the language's folder first, English last
        self._parts = parts
        self._reads = reads

    def __getitem__(self, key: object) -> Any:
        value = self.find((key,))
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: object, default: Any = None) -> Any:
        value = self.find((key,))
        return default if value is None else value

    def find(self, keys: tuple[object, ...]) -> Any:
        """The value at a key path below this node, or None: one lookup where ``[k1][k2]…`` would make one view
        per level (``{% data a.b.c %}`` is the hottest path of a render). Layers are tried in order: the first
        non-empty leaf wins; where a layer holds a mapping, the node is a view over every layer's mapping."""
        parts = self._parts + tuple(str(k) for k in keys)
        nested = False
        for layer in self._layers:
            try:
                value, file = layer.lookup(parts)
            except DocsError as e:
                if e.filename:
                    self._reads.add(e.filename)  # fixing the broken file must refresh what failed on it
                raise
            if file:
                self._reads.add(file)
            if isinstance(value, (_Folder, dict)):
                nested = True
                continue
            if _is_empty(value):
                continue
            if nested:
                break
            return value
        return DataView(self._layers, self._reads, parts) if nested else None

    def __contains__(self, key: object) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        seen: dict[str, None] = {}
        for layer in self._layers:
            for k in layer.keys_at(self._parts):
                seen.setdefault(k, None)
        return iter(seen)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"<site.data.{'.'.join(self._parts) or ''}>"
