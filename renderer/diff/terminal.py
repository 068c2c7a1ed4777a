"""The diff for people at a terminal: per page, the versions that changed and a diff of the readable text.

Colour (red removed, green added) only when writing to a terminal, unless forced; ``NO_COLOR`` is honoured.
Control characters that come from the docs (an ESC in a page, a carriage return) are printed as ``\x1b``,
``\x0d``...: passed through raw they would recolour, move or clear the reader's terminal, or hide lines. So are
the bidirectional overrides (U+202E...), which reorder what is shown (``\u202e``).
"""

from __future__ import annotations

import os
from typing import TextIO

from renderer.diff.model import Change, DiffResult

_LINE_STYLES = {"@": "cyan", "-": "red", "+": "green"}
_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "cyan": "36", "yellow": "33"}
# C0 controls but tab, DEL, C1 controls; then the bidirectional embeddings, overrides and isolates
_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}
_ESCAPES.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def visible(text: str) -> str:
    """``text`` with every character that would act on the terminal instead of showing, spelled out."""
    return text.translate(_ESCAPES)


def use_colour(stream: TextIO, choice: str = "auto") -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def summary_line(result: DiffResult, *, timing: bool = True) -> str:
    n = len(result.changes)
    if not n:
        what = "no page-version renders differently"
    else:
        what = f"{_plural(n, 'page-version')} in {_plural(result.pages, 'page')} differ"
    cost = f"{result.candidates} candidates, {result.rendered} renders" + (f", {result.seconds:.1f}s" if timing else "")
    return f"{result.left} -> {result.right}: {what} ({cost})"


def write(result: DiffResult, stream: TextIO, *, colour: bool = False, stat: bool = False) -> None:
    """The whole terminal report: a summary line, then each changed page with its runs of versions."""

    def paint(text: str, style: str) -> str:
        return f"\033[{_STYLES[style]}m{text}\033[0m" if colour else text

    print(paint(visible(summary_line(result)), "bold"), file=stream)
    for shared in result.shared:  # one edit around the article of many pages: told once, before the pages
        print(file=stream)
        what = " and ".join(shared.fields)
        told = f"the {what} of {_plural(len(shared.changes), 'page-version')} ({_plural(shared.pages, 'page')})"
        print(paint(f"{told} changed the same way", "bold") + paint("  (each one: --format json)", "dim"), file=stream)
        for line in [] if stat else shared.lines:
            style = _LINE_STYLES.get(line[:1], "")
            print("    " + (paint(visible(line), style) if style else visible(line)), file=stream)
    for (lang, path), runs in result.groups(without_shared=True):
        first = runs[0][0]
        print(file=stream)
        via = f"  (through {first.because})" if first.because and not first.because.endswith(path) else ""
        head = paint(visible(f"{lang}  {path}"), "bold") + visible(f"  {first.title}") + paint(visible(via), "dim")
        print(head, file=stream)
        for run in runs:
            fields = f" ({', '.join(run[0].fields)})" if run[0].fields else ""
            what = visible(f"  {_status(run[0])}{fields} in {_versions(run)}  ")
            print(what + paint(visible(run[0].href), "dim"), file=stream)
            if stat:
                continue
            for line in run[0].diff_lines:
                style = _LINE_STYLES.get(line[:1], "")
                shown = visible(line)
                print("    " + (paint(shown, style) if style else shown), file=stream)


def _status(c: Change) -> str:
    return {"changed": "changed", "added": "new", "removed": "gone"}[c.status]


def _versions(run: list[Change]) -> str:
    return ", ".join(c.version for c in run)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
