"""The diff for people at a terminal: per page, the versions that changed and a diff of the readable text.

Colour (red removed, green added) only when writing to a terminal, unless forced; ``NO_COLOR`` is honoured.
"""

from __future__ import annotations

import os
from typing import TextIO

from renderer.diff.model import Change, DiffResult

_LINE_STYLES = {"@": "cyan", "-": "red", "+": "green"}
_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "cyan": "36", "yellow": "33"}


def use_colour(stream: TextIO, choice: str = "auto") -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def summary_line(result: DiffResult) -> str:
    n = len(result.changes)
    if not n:
        what = "no page-version renders differently"
    else:
        what = f"{_plural(n, 'page-version')} in {_plural(result.pages, 'page')} differ"
    return (
        f"{result.left} -> {result.right}: {what} "
        f"({result.candidates} candidates, {result.rendered} renders, {result.seconds:.1f}s)"
    )


def write(result: DiffResult, stream: TextIO, *, colour: bool = False, stat: bool = False) -> None:
    """The whole terminal report: a summary line, then each changed page with its runs of versions."""

    def paint(text: str, style: str) -> str:
        return f"\033[{_STYLES[style]}m{text}\033[0m" if colour else text

    print(paint(summary_line(result), "bold"), file=stream)
    for (lang, path), runs in result.groups():
        first = runs[0][0]
        print(file=stream)
        via = f"  (through {first.because})" if first.because and not first.because.endswith(path) else ""
        print(paint(f"{lang}  {path}", "bold") + f"  {first.title}" + paint(via, "dim"), file=stream)
        for run in runs:
            fields = f" ({', '.join(run[0].fields)})" if run[0].fields else ""
            print(f"  {_status(run[0])}{fields} in {_versions(run)}  {paint(run[0].href, 'dim')}", file=stream)
            if stat:
                continue
            for line in run[0].diff_lines:
                style = _LINE_STYLES.get(line[:1], "")
                print("    " + (paint(line, style) if style else line), file=stream)


def _status(c: Change) -> str:
    return {"changed": "changed", "added": "new", "removed": "gone"}[c.status]


def _versions(run: list[Change]) -> str:
    return ", ".join(c.version for c in run)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
