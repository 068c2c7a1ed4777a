"""Split a page into its YAML front matter and its body, with errors that point into the file."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from renderer.model.errors import FrontMatterError

# Shown to readers as text: a YAML list, mapping, number or yes/no there would reach the page as Python's
# spelling of it (``['a', 'b']``, ``True``), so it is an error of the page, with its place.
TEXT_KEYS = ("title", "shortTitle", "intro")
_YAML_TYPES = {list: "a list", dict: "a mapping", bool: "yes/no (a boolean)", int: "a number", float: "a number"}
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    body: str
    body_line: int  # 0-based line of the file where the body starts (lines before it: front matter)


def read_text(raw: bytes, filename: str) -> str:
    """Decode a source file: UTF-8 (a BOM is dropped), CRLF kept as the author wrote it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise FrontMatterError("file is not valid UTF-8", filename, line, column, "save it as UTF-8") from e
    return text[1:] if text.startswith("\ufeff") else text


class ParsedFrontMatter:
    """Front matter parsed before, by a digest of its text: a rebuild need not parse again the YAML of thousands
    of unchanged pages (``yaml.load`` is most of what walking the page tree costs). Only front matter that parsed
    without an error is kept. The build keeps ``used`` in its cache folder for the next build."""

    def __init__(self, load: Callable[[], dict[bytes, dict[str, Any]]] | None = None) -> None:
        self._load = load  # called at the first page read: a build with nothing changed reads no page
        self.used: dict[bytes, dict[str, Any]] = {}  # what this process parsed or took from ``known``
        self.parsed = 0  # how many of ``used`` were parsed here

    @cached_property
    def known(self) -> dict[bytes, dict[str, Any]]:
        return self._load() if self._load else {}

    @property
    def changed(self) -> bool:
        """Whether ``used`` differs from what was loaded (worth saving)."""
        return bool(self.parsed or self.known)

    def take(self, digest: bytes) -> dict[str, Any] | None:
        # Handed out once: a second file with the same front matter parses its own, so no two pages share a
        # mapping (nothing changes one today; a page that did would not change another).
        if digest in self.used:
            return None
        meta = self.known.pop(digest, None)
        if meta is not None:
            self.used[digest] = meta
        return meta

    def keep(self, digest: bytes, meta: dict[str, Any]) -> None:
        if digest not in self.used:
            self.used[digest] = meta
            self.parsed += 1


def parse(text: str, filename: str, parsed: ParsedFrontMatter | None = None) -> Document:
    m = _FENCE.match(text)
    if not m:
        return Document({}, text, 0)
    front = m.group(1) or ""
    if parsed is None:
        meta = _load(front, text, filename)
    else:
        # by a digest of the text: the texts themselves would be megabytes kept for the whole build
        digest = hashlib.blake2b(front.encode(), digest_size=16).digest()
        meta = parsed.take(digest)
        if meta is None:
            meta = _load(front, text, filename)
            parsed.keep(digest, meta)
    body = text[m.end() :]
    return Document(meta, body, text.count("\n", 0, m.end()))


def _load(front: str, text: str, filename: str) -> dict[str, Any]:
    """The front matter's mapping, checked; ``text`` is the whole file, for the place of an error."""
    try:
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening ---
        column = mark.column + 1 if mark else 1
        problem = getattr(e, "problem", None) or str(e)
        raise FrontMatterError(
            f"invalid YAML in front matter: {problem}", filename, line, column, "check quoting and indentation"
        ) from e
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a YAML mapping (key: value lines)", filename, 2, 1)
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            what = next((name for t, name in _YAML_TYPES.items() if isinstance(value, t)), type(value).__name__)
            line, column = key_position(text.splitlines(), key)
            raise FrontMatterError(
                f"{key}: must be text, not {what} ({value!r})", filename, line, column, f"put the value in quotes: "
                f"{key}: '...'"
            )
    return meta


def key_position(lines: list[str], key: str) -> tuple[int, int]:
    """Line and column of ``key:``'s value in a file's front matter (1, 1 when not found)."""
    for number, line in enumerate(lines[:1000], start=1):
        if number > 1 and line.rstrip() == "---":
            break  # the end of the front matter
        m = re.match(rf"{re.escape(key)}\s*:\s*(['\"]?)", line)
        if m:
            return number, m.end() + 1
    return 1, 1


_VERSIONS_LINE = re.compile(
    r"""^(?P<lead>\s+)(?P<plan>[\w-]+)(?P<colon>:\s*)(?P<q>['"]?)(?P<range>[^'"\n#]*?)(?P=q)(?P<tail>\s*(?:#.*)?)$"""
)


def versions_lines(lines: list[str], whole_file: bool = False) -> list[tuple[int, re.Match[str]]]:
    """The ``plan: range`` lines of the ``versions:`` block, by index into ``lines``: of the front matter, or of
    a whole YAML file (a feature's). For tools that rewrite ranges in place (``retire``, ``migrate``)."""
    end = len(lines) if whole_file else next((i for i, x in enumerate(lines[1:], 1) if x.rstrip() == "---"), 0)
    out, inside = [], False
    for i in range(end):
        line = lines[i]
        if re.match(r"^versions:\s*$", line):
            inside = True
            continue
        if inside and not line.startswith((" ", "\t")):
            inside = False
        m = _VERSIONS_LINE.match(line.rstrip("\r\n")) if inside else None
        if m:
            out.append((i, m))
    return out
