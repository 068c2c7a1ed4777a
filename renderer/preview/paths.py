"""Map request paths to what they name, refusing anything that could reach outside the served roots.

A request path is checked before it is decoded (an encoded ``/`` or ``\\`` is refused) and after (no ``..`` or
``.`` segment, no empty segment, no NUL); a static file must, once symlinks are resolved, still lie inside its
root. Anything refused is simply not found: the server answers 404 and never says why.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote


def clean_segments(raw_path: str) -> list[str] | None:
    """The decoded segments of a request path, or None when the path is not one we would ever serve."""
    path = raw_path.split("#", 1)[0].split("?", 1)[0]  # not urlsplit: it would read "//x/y" as host x
    if not path.startswith("/") or path.startswith("//"):
        return None  # absolute-form or scheme-relative targets name another host or an absolute file path
    lowered = path.lower()
    if "%2f" in lowered or "%5c" in lowered or "%00" in lowered or "\\" in path:
        return None
    try:
        decoded = unquote(path, errors="strict") if "%" in path else path
    except UnicodeDecodeError:
        return None
    segments = decoded.split("/")[1:]
    if segments and segments[-1] == "":
        segments.pop()  # one trailing slash is allowed: callers redirect it away
    for seg in segments:
        if seg in ("", ".", "..") or "\x00" in seg or "/" in seg:
            return None
    return segments


def static_file(root: Path, segments: list[str]) -> Path | None:
    """The regular file ``root/segments...`` if it exists and, symlinks resolved, lies inside ``root``."""
    if not segments:
        return None
    try:
        base = root.resolve(strict=True)
        target = base.joinpath(*segments).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if base not in target.parents or not target.is_file():
        return None
    return target


def inside(root: Path, relfile: str) -> Path | None:
    """``root/relfile`` when it is an existing file inside ``root`` (for quoting source lines in the overlay)."""
    if not relfile or os.path.isabs(relfile):
        return None
    return static_file(root, relfile.replace("\\", "/").split("/"))
