"""A folder of compiled templates, so a second build of the same content compiles nothing.

An entry is the Python code object Jinja2 generated for a template, with what the template needs besides it
(the Liquid offset of each generated line, whether break/continue may leave it), written with ``marshal``.
The key is a sha1 of the source, the environment's compile settings and :data:`COMPILER_VERSION`, which
changes with this package's code, Jinja2's version and Python's bytecode format: an entry written by other code
is never found. An unreadable, truncated or foreign entry is treated as missing (and overwritten); writes go to
a temporary file renamed into place, so concurrent builds sharing a folder never see half an entry.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import threading
from pathlib import Path
from types import CodeType
from typing import NamedTuple

import jinja2

_FORMAT = "renderer.liquid compile cache 1"


def _compiler_version() -> str:
    """A digest of everything that shapes the generated code: our sources, Jinja2, Python's bytecode."""
    h = hashlib.sha1(_FORMAT.encode())
    h.update(jinja2.__version__.encode())
    h.update(importlib.util.MAGIC_NUMBER)
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


COMPILER_VERSION = _compiler_version()


class Compiled(NamedTuple):
    """One cache entry: the generated code, the Liquid offset per generated line, whether loop signals escape."""

    code: CodeType
    offsets: list[int]
    signals: bool


class CompileCache:
    """Compiled templates kept in ``directory`` (created when missing), one file per key."""

    def __init__(self, directory: str | os.PathLike[str], version: str = COMPILER_VERSION) -> None:
        self.directory = Path(directory)
        self.version = version
        self.hits = 0
        self.misses = 0
        self._made: set[Path] = set()  # sub-folders known to exist (one mkdir each, not one per entry)

    def key(self, source: str, settings: str) -> str:
        """The key of ``source`` compiled with ``settings`` (the environment's options that change the code)."""
        h = hashlib.sha1(self.version.encode())
        h.update(b"\0" + settings.encode() + b"\0")
        h.update(source.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / (key[2:] + ".bin")

    def load(self, key: str) -> Compiled | None:
        """The entry stored under ``key``, or None when there is none or it cannot be used."""
        try:
            data = self._path(key).read_bytes()
            tag, stored_key, code, offsets, signals = marshal.loads(data)
        except (OSError, EOFError, ValueError, TypeError):
            self.misses += 1
            return None
        if tag != _FORMAT or stored_key != key or not isinstance(code, CodeType) or not isinstance(offsets, list):
            self.misses += 1
            return None
        self.hits += 1
        return Compiled(code, offsets, bool(signals))

    def store(self, key: str, entry: Compiled) -> None:
        """Write an entry; a folder that cannot be written only costs the next build its compile time."""
        path = self._path(key)
        data = marshal.dumps((_FORMAT, key, entry.code, list(entry.offsets), bool(entry.signals)))
        # A name no other writer uses (process and thread), renamed over the entry: readers see all or nothing.
        tmp = path.parent / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            try:
                tmp.write_bytes(data)
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            pass
