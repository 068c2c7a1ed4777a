"""How a problem people must act on is shown: ``file:line:column: error: message``, a code frame, a hint.

Every problem reaches here as a ``Diagnostic`` (``renderer/model/errors.py``) or as something it is made from
(``DocsError`` and ``LiquidError`` under it, check's ``Finding``). ``format_diagnostic`` prints it the one way
people learn to read::

    content/a.md:5:4: error: unknown tag 'iff'
       4 | Some text.
       5 | {% iff x %}
         |    ^
       6 | More text.
      hint: ...
      did you mean 'if'?

The code frame is read from the file under the docs root; when the file or line cannot be read the frame is
left out rather than guessed. Colour is for terminals only (``use_color``), and ``NO_COLOR`` turns it off.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from renderer.model.errors import ERROR, Diagnostic

_QUOTED = re.compile(r"'([^'\n]+)'")
_TAB = 4


def format_diagnostic(problem: Any, root: Path, *, color: bool, candidates: Iterable[str] = ()) -> str:
    """The problem as lines of text (no trailing newline): location, message, code frame, hint, suggestions.

    ``candidates`` are the names that do exist (tags, octicons, data paths...): the nearest to the unknown name
    (quoted in the message, or ``Diagnostic.name``) are offered as "did you mean".
    """
    d = Diagnostic.of(problem)
    paint = _Paint(color)
    head = f"{paint.bold(d.location)}: " if d.location else ""
    label = paint.style("1;31" if d.severity == ERROR else "1;33", f"{d.severity}:")
    lines = [f"{head}{label} {paint.bold(d.message)}"]
    lines += _frame(d, Path(root), paint)
    if d.hint:
        lines.append(f"  {paint.cyan('hint:')} {d.hint}")
    names = list(candidates) or _known_names(d.message)
    suggestions = [] if "did you mean" in d.message else nearest(d.name or _unknown_name(d.message), names)
    if suggestions:
        lines.append(f"  {paint.cyan('did you mean')} {_alternatives(suggestions)}?")
    return "\n".join(lines)


def print_diagnostic(
    problem: Any, root: Path, stream: TextIO, *, candidates: Iterable[str] = (), color: bool | None = None
) -> None:
    """Write one diagnostic to ``stream``, coloured when ``stream`` is a terminal (see ``use_color``)."""
    if color is None:
        color = use_color(stream)
    print(format_diagnostic(problem, root, color=color, candidates=candidates), file=stream)


def use_color(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set (https://no-color.org) or TERM is dumb."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def is_terminal(stream: TextIO) -> bool:
    """Whether a stream is a terminal a person watches (False for files, pipes and closed streams)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def nearest(name: str | None, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The known names closest to ``name`` (difflib's ratio, best first); none for an exact or no match.

    A dotted name is compared at the depth of the candidates: for ``variables.prodct.name`` among
    ``variables.*`` the part that went wrong, ``variables.prodct``, is what is matched.
    """
    if not name:
        return []
    names = list(dict.fromkeys(candidates))
    if not names or name in names:
        return []
    if "." in name:
        # compare the part that went wrong among its siblings, not the prefix they all share
        parts = name.split(".")[: names[0].count(".") + 1]
        parent, leaf = ".".join(parts[:-1]), parts[-1]
        siblings = {c.rpartition(".")[2]: c for c in names if c.rpartition(".")[0] == parent}
        if siblings:
            return [siblings[s] for s in difflib.get_close_matches(leaf, list(siblings), n=limit, cutoff=0.6)]
    return difflib.get_close_matches(name, names, n=limit, cutoff=0.6)


def data_path_candidates(data: Mapping[str, Any], path: str) -> list[str]:
    """Known data paths next to a missing ``path`` (``site.data`` as a mapping): the keys found where the path
    stops existing, with the prefix that does exist. Reads one level only, so it is cheap on a large site."""
    parts = path.split(".")
    node: Any = data
    walked: list[str] = []
    for part in parts[:-1]:
        child = node.get(part) if isinstance(node, Mapping) else None
        if not isinstance(child, Mapping):
            break
        node, walked = child, [*walked, part]
    if not isinstance(node, Mapping):
        return []
    prefix = ".".join(walked)
    return [f"{prefix}.{key}" if prefix else str(key) for key in node]


def _frame(d: Diagnostic, root: Path, paint: _Paint) -> list[str]:
    """The line before, the line and the line after, numbered, with a caret under the column."""
    if not d.filename or not d.line:
        return []
    source = _read_lines(root, d.filename)
    if source is None or d.line > len(source):
        return []
    first, last = max(1, d.line - 1), min(len(source), d.line + 1)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        text = source[number - 1].expandtabs(_TAB)
        gutter = paint.blue(f"{number:>{width}} |")
        out.append(f"  {gutter} {text}".rstrip())
        if number == d.line and d.column:
            before = source[number - 1][: d.column - 1].expandtabs(_TAB)
            out.append(f"  {paint.blue(' ' * width + ' |')} {' ' * _width(before)}{paint.red('^')}")
    return out


def _read_lines(root: Path, filename: str) -> list[str] | None:
    path = Path(filename)
    path = path if path.is_absolute() else root / path
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def _unknown_name(message: str) -> str | None:
    """The quoted name in messages such as ``unknown tag 'iff'`` (the last quoted part names the culprit)."""
    if "unknown" not in message and "no " not in message:
        return None
    quoted = _QUOTED.findall(message)
    return quoted[-1] if quoted else None


def _known_names(message: str) -> list[str]:
    """Names the renderer knows for kinds of problem whose callers cannot easily pass them (octicons)."""
    if message.startswith("unknown octicon"):
        from renderer.octicons.data import load_icons

        return [*load_icons(), "trashcan"]
    return []


def _alternatives(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class _Paint:
    """ANSI styles, or nothing when colour is off."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def style(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on and text else text

    def bold(self, text: str) -> str:
        return self.style("1", text)

    def red(self, text: str) -> str:
        return self.style("1;31", text)

    def blue(self, text: str) -> str:
        return self.style("34", text)

    def cyan(self, text: str) -> str:
        return self.style("36", text)
