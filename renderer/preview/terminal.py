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

from renderer.console.diagnostics import Diagnostic, format_diagnostic, use_color
from renderer.preview.problems import Problem


class TerminalReport:
    def __init__(self, root: Path, stream: TextIO | None = None) -> None:
        self.root = root
        self.stream = stream or sys.stderr
        self._shown: dict[str, tuple[Problem, ...]] = {}  # href -> the errors printed for it last
        self._lock = threading.Lock()

    def __call__(self, href: str, problems: Sequence[Problem]) -> None:
        errors = tuple(p for p in problems if p.level == "error")
        with self._lock:
            if self._shown.get(href, ()) == errors:
                return
            color = use_color(self.stream)
            if errors:
                self._shown[href] = errors
                for p in errors:
                    d = Diagnostic(p.message, p.file, p.line, p.column, severity="error")
                    print(f"{format_diagnostic(d, self.root, color=color)}\n  in: {href}", file=self.stream)
            else:
                del self._shown[href]
                print(f"fixed: {href} renders again", file=self.stream)
            self.stream.flush()
