"""Where a build may write: never over the sources, never over a folder it did not make.

A build replaces its ``--out`` folder whole. That is safe only for a folder an earlier build made, so every built
site carries a marker file, and a build refuses an ``--out`` that

- is the docs root, or holds it (``--out .``, ``--out ..``),
- lies inside a folder the site is read from (``content/``, ``data/``, ``assets/``, ``templates/``, a
  translation's folder, ``.git``),
- is a file, or a non-empty folder without the marker.

Nothing is touched when it refuses.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from renderer.errors import DocsError

MARKER = ".docs-renderer-site"
MARKER_TEXT = "This folder was written by docs-renderer build; the next build replaces it whole.\n"

# folders of the docs root that hold what a site is built from, besides each translation's folder
SOURCE_FOLDERS = ("content", "data", "assets", "templates", "translations", ".git")


class OutputError(DocsError):
    """``--out`` names a folder a build must not replace."""


def check_output(out: Path, root: Path, language_dirs: Iterable[str] = ()) -> None:
    """Raise ``OutputError`` unless a build may replace ``out`` (see the module's docstring)."""
    out, root = Path(os.path.abspath(out)), Path(os.path.abspath(root))
    real_out, real_root = out.resolve(), root.resolve()
    hint = "choose another --out, such as _site"
    if real_out == real_root or real_root.is_relative_to(real_out):
        raise OutputError(f"--out {out} is the docs root or holds it: the build would replace the sources", hint=hint)
    sources = [real_root / name for name in SOURCE_FOLDERS]
    sources += [real_root / d for d in language_dirs if d not in ("", ".")]
    for folder in sources:
        if real_out == folder or real_out.is_relative_to(folder):
            raise OutputError(
                f"--out {out} is inside {folder.relative_to(real_root)}/, which the site is built from", hint=hint
            )
    if out.is_symlink() or real_out.exists():
        if not real_out.is_dir():
            raise OutputError(f"--out {out} is not a folder", hint=hint)
        if not is_site(real_out) and any(real_out.iterdir()):
            raise OutputError(
                f"--out {out} is a folder that a build did not make (no {MARKER} in it): the build would replace "
                "what it holds",
                hint="remove the folder yourself if it is an old site, or choose another --out",
            )


def is_site(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def mark(folder: Path) -> None:
    """Say that ``folder`` is a built site, which the next build may replace."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
