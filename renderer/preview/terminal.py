"""The preview's render errors on the terminal too, not only in the browser's overlay: a writer whose editor
covers the browser, or who saved a page no tab shows, still learns what broke and where.

Each page-version's errors are printed when they first appear or change (a tab reloading the same broken page
does not print them again), and one line says so when that page renders again without error.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from renderer.console.diagnostics import format_diagnostic, use_color
from renderer.model.errors import ERROR, Diagnostic


class TerminalReport:
    def __init__(self, root: Path, stream: TextIO | None = None) -> None:
        self.root = root
        self.stream = stream or sys.stderr
        self._shown: dict[str, tuple[Diagnostic, ...]] = {}  # href -> the errors printed for it last
        self._lock = threading.Lock()

    def __call__(self, href: str, problems: Sequence[Diagnostic]) -> None:
        errors = tuple(p for p in problems if p.severity == ERROR)
        with self._lock:
            if self._shown.get(href, ()) == errors:
                return
            color = use_color(self.stream)
            if errors:
                self._shown[href] = errors
                for p in errors:
                    print(f"{format_diagnostic(p, self.root, color=color)}\n  in: {href}", file=self.stream)
            else:
                del self._shown[href]
                print(f"fixed: {href} renders again", file=self.stream)
            self.stream.flush()
