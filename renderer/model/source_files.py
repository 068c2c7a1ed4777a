"""Read a source file (a page, a data file, the configuration) from disk, refusing anything that is not one.

A docs repository is input from anyone who can open a pull request, and git commits symlinks as they are: a link
to ``/dev/zero`` reads without end, a named pipe blocks its reader for ever, a link out of the repository reads
someone's files. So a source is read only when it is a regular file, inside the docs root (or a folder the caller
trusts), and at most ``Limits.source_bytes`` long. Type and size are checked before the file is opened (a device
is never opened) and again on the open file, which may not be the one checked if the path changed in between;
and no more than the limit is ever read, whatever the file system says its size is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from renderer.model.limits import SourceFileError, hint_for

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_NOFOLLOW", 0)  # the path opened is the resolved one: a link there now was put there since
    | getattr(os, "O_CLOEXEC", 0)
)


# how a file fingerprint (the build cache's) names a file it did not read: a device, a pipe, one over the limit
NOT_READ = "not read:"


def real_roots(roots: Iterable[str | os.PathLike[str]]) -> tuple[str, ...]:
    """Folders as ``read_source`` compares them: symlinks resolved."""
    return tuple(os.path.realpath(r) for r in roots)


def read_source(
    path: str | os.PathLike[str], relfile: str, roots: tuple[str, ...] | None, max_bytes: int, real: str | None = None
) -> bytes:
    """The bytes of the regular file at ``path`` (named ``relfile`` in errors).

    ``roots`` (from ``real_roots``): the folders the file, symlinks followed, must be inside; None for a file the
    user named (``--config FILE``). Raises FileNotFoundError when nothing (or a dangling link) is at ``path``, and
    SourceFileError, naming the file and saying what to do, when it is refused or cannot be read. ``real``: the
    path with its links resolved, when the caller knows it (``Site.real_path``), which spares resolving it here.
    """
    if real is None:
        real = os.path.realpath(path)
        linked = real != os.path.abspath(path)
    else:
        linked = real != os.fspath(path)
    try:
        st = os.stat(real)  # metadata only: a device or pipe is judged without opening it
    except FileNotFoundError:
        raise
    except OSError as e:
        raise _unreadable(relfile, e) from e
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(relfile, real if linked else None, st.st_mode)
    if roots is not None and not inside(real, roots):
        raise SourceFileError(
            "links to a file outside the docs root, which is never read", relfile, hint="copy the file in instead"
        )
    if st.st_size > max_bytes:
        raise _too_large(relfile, st.st_size, max_bytes)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as e:
        raise _unreadable(relfile, e) from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(relfile, real if linked else None, st.st_mode)
        return _read_at_most(fd, relfile, st.st_size, max_bytes)
    except OSError as e:
        raise _unreadable(relfile, e) from e
    finally:
        os.close(fd)


def _read_at_most(fd: int, relfile: str, size: int, max_bytes: int) -> bytes:
    parts = []
    total = 0
    want = min(size, max_bytes) + 1  # one byte more than expected: a regular file then answers EOF at once
    while True:
        chunk = os.read(fd, want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:  # it grew since it was measured
            raise _too_large(relfile, total, max_bytes, more=True)
        want = min(max(want, 1 << 16), max_bytes + 1 - total)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def inside(real: str, roots: tuple[str, ...]) -> bool:
    """Whether a resolved path is one of ``roots`` (from ``real_roots``) or under one."""
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(relfile: str, target: str | None, mode: int) -> SourceFileError:
    what = f"links to {target}, {_kind(mode)}" if target else f"is {_kind(mode)}"
    return SourceFileError(
        f"{what}, not a regular file; it is never read", relfile, hint="replace it with a regular file, or remove it"
    )


def _too_large(relfile: str, size: int, max_bytes: int, more: bool = False) -> SourceFileError:
    at_least = "more than " if more else ""
    return SourceFileError(
        f"is {at_least}{size:,} bytes, more than the {max_bytes:,} a source file may have; it is not read",
        relfile,
        hint="split it into smaller files, or " + hint_for("source_bytes"),
    )


def _unreadable(relfile: str, e: OSError) -> SourceFileError:
    return SourceFileError(f"cannot be read: {e.strerror or e}", relfile, hint="check that the file is readable")


def exists(path: str | Path) -> bool:
    """Whether anything, a dangling link included, is at ``path`` (what ``read_source`` then says about)."""
    return os.path.lexists(path)
