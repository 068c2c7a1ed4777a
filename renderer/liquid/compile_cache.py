"""A folder of compiled templates, so a second build of the same content compiles nothing.

An entry is the Python code object Jinja2 generated for a template, with what the template needs besides it
(the Liquid offset of each generated line, whether break/continue may leave it), written with ``marshal``.
The key is a sha1 of the source, the environment's compile settings and :data:`COMPILER_VERSION`, which
changes with this package's code, Jinja2's version and Python's bytecode format.

Entries go into pack files, one per writing cache (process), appended to: creating one small file per template
cost more than compiling it on a busy disk. A cache reads every pack of its version when it is made (mapped,
not copied) and knows its keys from then on. Packs of other compiler versions are deleted. A record cut short
(a build killed while writing) ends what is read of its pack; an entry that fails to load is a miss.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import mmap
import os
import secrets
from pathlib import Path
from types import CodeType
from typing import BinaryIO, NamedTuple

import jinja2

_FORMAT = "renderer.liquid compile cache 2"
_MAGIC = b"LQC2"
_HEADER = len(_MAGIC) + 40 + 4  # magic, hex sha1 key, payload length (big-endian)


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
    """Compiled templates kept in ``directory`` (created when missing)."""

    def __init__(self, directory: str | os.PathLike[str], version: str = COMPILER_VERSION) -> None:
        self.directory = Path(directory)
        self.version = version
        self.hits = 0
        self.misses = 0
        self._index: dict[str, tuple[mmap.mmap, int, int]] = {}  # key -> (pack, payload start, length)
        self._maps: list[mmap.mmap] = []
        self._pack: BinaryIO | None = None  # this cache's own pack, opened on the first store
        self._pid = 0
        self._prefix = f"pack-{version[:16]}-"
        self._read_packs()

    def key(self, source: str, settings: str) -> str:
        """The key of ``source`` compiled with ``settings`` (the environment's options that change the code)."""
        h = hashlib.sha1(self.version.encode())
        h.update(b"\0" + settings.encode() + b"\0")
        h.update(source.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def load(self, key: str) -> Compiled | None:
        """The entry stored under ``key``, or None when there is none or it cannot be used."""
        found = self._index.get(key)
        if found is None:
            self.misses += 1
            return None
        data, start, length = found
        try:
            stored_key, code, offsets, signals = marshal.loads(data[start:start + length])
        except (EOFError, ValueError, TypeError):
            stored_key = None
        if stored_key != key or not isinstance(code, CodeType) or not isinstance(offsets, list):
            del self._index[key]
            self.misses += 1
            return None
        self.hits += 1
        return Compiled(code, offsets, bool(signals))

    def store(self, key: str, entry: Compiled) -> None:
        """Append an entry to this cache's pack; a folder that cannot be written only costs the next build."""
        payload = marshal.dumps((key, entry.code, list(entry.offsets), bool(entry.signals)))
        try:
            if self._pack is None or self._pid != os.getpid():  # a forked worker writes a pack of its own
                self.directory.mkdir(parents=True, exist_ok=True)
                self._pid = os.getpid()
                name = f"{self._prefix}{self._pid}-{secrets.token_hex(4)}.bin"
                # Unbuffered: each record is one append, complete on disk when store() returns.
                self._pack = open(self.directory / name, "ab", buffering=0)  # noqa: SIM115 - kept open
            self._pack.write(_MAGIC + key.encode("ascii") + len(payload).to_bytes(4, "big") + payload)
        except OSError:
            pass

    def close(self) -> None:
        """Close this cache's pack (entries are on disk already; also done when the cache is collected)."""
        if self._pack is not None:
            try:
                self._pack.close()
            except OSError:
                pass
            self._pack = None

    def __del__(self) -> None:
        self.close()

    def _read_packs(self) -> None:
        try:
            names = sorted(os.listdir(self.directory))
        except OSError:
            return
        for name in names:
            if not (name.startswith("pack-") and name.endswith(".bin")):
                continue
            path = self.directory / name
            if not name.startswith(self._prefix):
                try:
                    path.unlink()  # written by other code: never read again
                except OSError:
                    pass
                continue
            try:
                with open(path, "rb") as f:
                    data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # unreadable, or empty (mmap refuses those)
                continue
            self._maps.append(data)
            self._scan(data)

    def _scan(self, data: mmap.mmap) -> None:
        pos, size = 0, len(data)
        while pos + _HEADER <= size and data[pos:pos + 4] == _MAGIC:
            key = data[pos + 4:pos + 44].decode("ascii", "replace")
            length = int.from_bytes(data[pos + 44:pos + _HEADER], "big")
            start = pos + _HEADER
            if start + length > size:
                break  # cut short: the rest of this pack is being written, or never was
            self._index.setdefault(key, (data, start, length))
            pos = start + length
