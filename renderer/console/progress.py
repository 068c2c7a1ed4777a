"""A progress bar for long work (build, export, diff): count, percentage, rate and time left, on standard error.

Shown only to a person watching: when the stream is a terminal, ``CI`` is unset and the command is not quiet
(``progress_enabled``). Anywhere else (piped, in CI, in tests) it is a no-op, so commands call it unconditionally::

    with Progress(len(jobs), "build", enabled=progress_enabled(sys.stderr, quiet=args.quiet)) as bar:
        for job in jobs:
            ...
            bar.advance()

The bar redraws itself in place (carriage return) at most ten times a second and is erased when done, so the
summary that follows starts on a clean line. ``bar.write(text)`` prints a line above the bar without tearing it.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TextIO

from renderer.console.diagnostics import is_terminal

_CLEAR = "\r\x1b[2K"
_REDRAW_EVERY = 0.1  # seconds: often enough to look alive, rarely enough to cost nothing


def progress_enabled(stream: TextIO, *, quiet: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a bar should be drawn on ``stream``: a terminal, not in CI, not ``--quiet``, TERM not dumb."""
    env = os.environ if environ is None else environ
    if quiet or env.get("CI") or env.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


class Progress:
    """Counts work done out of ``total`` (None or 0 when unknown: no percentage or time left)."""

    def __init__(
        self,
        total: int | None,
        label: str = "",
        *,
        enabled: bool | None = None,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        width: int | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = progress_enabled(self.stream) if enabled is None else enabled
        self.total = total or 0
        self.label = label
        self.done = 0
        self._clock = clock
        self._width = width
        self._started = clock()
        self._drawn_at: float | None = None
        self._closed = False

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        """``n`` more items done."""
        self.done += n
        self._draw(force=self.total > 0 and self.done >= self.total)

    def set_total(self, total: int | None) -> None:
        """The total, once known (work that is planned after the bar started)."""
        self.total = total or 0
        self._draw(force=True)

    def write(self, text: str) -> None:
        """Print a line (a warning, say) above the bar, then redraw the bar under it."""
        if not self.enabled:
            print(text, file=self.stream)
            return
        self.stream.write(_CLEAR + text + "\n")
        self._draw(force=True)

    def close(self) -> None:
        """Erase the bar; the next output starts at the beginning of a clean line."""
        if self._closed:
            return
        self._closed = True
        if self.enabled and self._drawn_at is not None:
            self.stream.write(_CLEAR)
            self.stream.flush()

    def line(self) -> str:
        """The bar's text now, e.g. ``build [=======>      ] 120/400  30%  85.2/s  ETA 0:03``."""
        elapsed = max(self._clock() - self._started, 1e-9)
        rate = self.done / elapsed
        counts = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        parts = [counts]
        if self.total:
            parts.append(f"{min(100, self.done * 100 // self.total):3d}%")
        parts.append(f"{rate:.1f}/s")
        if self.total and self.done:
            parts.append(f"ETA {_clock_time(max(0.0, (self.total - self.done) / rate))}")
        else:
            parts.append(f"{_clock_time(elapsed)}")
        tail = "  ".join(parts)
        head = f"{self.label} " if self.label else ""
        columns = self._width or shutil.get_terminal_size((80, 24)).columns
        room = columns - len(head) - len(tail) - 4  # brackets, spaces, and one column spare so it never wraps
        if not self.total or room < 10:
            return f"{head}{tail}"[: columns - 1]
        bar_width = min(room, 40)
        filled = bar_width * min(self.done, self.total) // self.total
        bar = "=" * filled + (">" if filled < bar_width else "") + " " * (bar_width - filled - 1)
        return f"{head}[{bar[:bar_width]}] {tail}"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled or self._closed:
            return
        now = self._clock()
        if not force and self._drawn_at is not None and now - self._drawn_at < _REDRAW_EVERY:
            return
        self._drawn_at = now
        self.stream.write(_CLEAR + self.line())
        self.stream.flush()


def _clock_time(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
