"""Errors the renderer reports to people: each knows the file, line and column it is about.

Each kind carries the exit status the command line ends with (``exit_status``; docs/environment.md lists them).
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, replace
from typing import Any

ERROR = "error"
WARNING = "warning"


class DocsError(Exception):
    """A problem in the docs source or configuration, with its location when one is known."""

    exit_status = 2  # the command could not do its work

    def __init__(
        self,
        message: str,
        filename: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        severity: str = "error",
    ) -> None:
        super().__init__(message)
        self.severity = severity  # "error", or "warning" for what does not stop a page from rendering
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.hint = hint

    @property
    def location(self) -> str:
        parts = [p for p in (self.filename, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} ({self.hint})" if self.hint else text


class ConfigError(DocsError):
    """The site configuration cannot be used."""


class FrontMatterError(DocsError):
    """A page's YAML front matter is malformed or has invalid values."""


class StorageError(DocsError):
    """The disk refused: full, read-only, no permission, over quota. Not the docs' fault, nor a bug of ours."""

    exit_status = 74  # sysexits.h EX_IOERR: "an error occurred while doing I/O on some file"


class BuildLocked(DocsError):
    """Another build is writing the same ``--out``; retrying once it is done will work."""

    exit_status = 75  # sysexits.h EX_TEMPFAIL: "temporary failure; the user is invited to retry"


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that the command unwinds and cleans up as it does for Ctrl-C.
    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows it."""


# What the disk or the system says about a file, as opposed to what a bug of ours would cause (ENOENT, EEXIST,
# EISDIR, EINVAL... stay internal errors: they mean the renderer got its own paths wrong, or a race it lost).
_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, or write somewhere else",
    errno.EDQUOT: "your disk quota is used up: free some space, or write somewhere else",
    errno.EROFS: "the file system is read-only: write somewhere else",
    errno.EACCES: "permission denied: check the permissions of the file and the folders above it",
    errno.EPERM: "the operation is not permitted there: check the permissions, or write somewhere else",
    errno.EIO: "the disk reported an input/output error: check the disk",
    errno.EFBIG: "the file is larger than the file system allows",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n), or build with fewer --jobs",
    errno.ENFILE: "the system has too many open files: try again when fewer programs run",
    errno.ENAMETOOLONG: "a path is longer than the file system allows: choose a shorter --out or page path",
}


def storage_error(e: OSError, where: str | os.PathLike[str] | None = None) -> StorageError | None:
    """``e`` said for people, naming its path (else ``where``: what was being written); None for an OSError
    that is not the disk's doing."""
    if e.errno not in _HINTS:
        return None
    path = e.filename if e.filename is not None else where
    message = e.strerror or os.strerror(e.errno)
    if getattr(e, "filename2", None):
        message += f" (making {os.fsdecode(e.filename2)})"
    return StorageError(message, os.fsdecode(path) if path is not None else None, hint=_HINTS[e.errno])


# -- a problem at a place, as every command reports it -------------------------------------------------------------
# A Diagnostic is what travels: a render's error and warnings, the preview's overlay, the build's summary and
# check's findings all carry one, so no layer writes a problem as text for another to parse back.

_LOCATED = re.compile(r"(?P<file>[^\s:][^:\n]*?):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<message>.*)", re.S)


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place. ``line`` and ``column`` are 1-based; ``name`` is the unknown name, if any."""

    message: str
    filename: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: str = ERROR
    name: str | None = None

    @classmethod
    def of(cls, problem: Any, severity: str | None = None, *, default_file: str | None = None) -> Diagnostic:
        """A Diagnostic from anything with ``message`` and a location (``filename`` or ``file``, ``line``,
        ``column``, optional ``hint`` and ``severity``): LiquidError, DocsError, check findings, or a string
        such as ``Rendered.error`` (``"file:line:col: message"``). ``default_file`` names the file when the
        problem does not (an error raised while rendering a page, say)."""
        d = cls._of(problem, severity)
        return replace(d, filename=default_file) if d.filename is None and default_file else d

    @classmethod
    def _of(cls, problem: Any, severity: str | None) -> Diagnostic:
        if isinstance(problem, Diagnostic):
            return problem if severity is None else replace(problem, severity=severity)
        if isinstance(problem, str):
            return cls.parse(problem, severity or ERROR)
        message = getattr(problem, "message", None)
        if not isinstance(message, str):
            message = str(problem)
        filename = getattr(problem, "filename", None) or getattr(problem, "file", None)
        return cls(
            message=message,
            filename=filename if isinstance(filename, str) and not filename.startswith("<") else None,
            line=_positive(getattr(problem, "line", None)),
            column=_positive(getattr(problem, "column", None)),
            hint=getattr(problem, "hint", None) or None,
            severity=severity or getattr(problem, "severity", None) or ERROR,
            name=getattr(problem, "name", None) if isinstance(getattr(problem, "name", None), str) else None,
        )

    @classmethod
    def parse(cls, text: str, severity: str = ERROR) -> Diagnostic:
        """``"file:line[:col]: message"`` (how renders report errors as strings); other text as the message."""
        text = text.strip()
        m = _LOCATED.fullmatch(text)
        if not m:
            return cls(text, severity=severity)
        return cls(
            m["message"],
            m["file"],
            _positive(int(m["line"])),
            _positive(int(m["column"])) if m["column"] else None,
            severity=severity,
        )

    @property
    def location(self) -> str:
        parts = [str(p) for p in (self.filename, self.line, self.column) if p is not None]
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and value > 0 else None
