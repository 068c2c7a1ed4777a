"""Split a page into its YAML front matter and its body, with errors that point into the file."""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

import yaml

from renderer.model.errors import FrontMatterError

# Shown to readers as text: a YAML list, mapping, number or yes/no there would reach the page as Python's
# spelling of it (``['a', 'b']``, ``True``), so it is an error of the page, with its place.
TEXT_KEYS = ("title", "shortTitle", "intro")
_YAML_TYPES = {list: "a list", dict: "a mapping", bool: "yes/no (a boolean)", int: "a number", float: "a number"}
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class Document:
    """A page source split: its front matter's mapping, its body, and the 0-based line of the file where the body
    starts (the lines before it are front matter). The body may be read when first asked for (``later``): a build
    walks the page tree from front matter it kept, and reads a body only where its page renders."""

    __slots__ = ("meta", "body_line", "_body", "_later")

    def __init__(
        self, meta: dict[str, Any], body: str | None, body_line: int, later: Callable[[], str] | None = None
    ) -> None:
        self.meta, self.body_line, self._body, self._later = meta, body_line, body, later

    @property
    def body(self) -> str:
        if self._body is None:
            assert self._later is not None
            self._body, self._later = self._later(), None
        return self._body


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
    """Front matter parsed before, by the digest (sha1) of its file's bytes: a rebuild need neither parse again
    the YAML of thousands of unchanged pages (``yaml.load`` was most of walking the tree) nor read them (``Site``
    reads a body only where its page renders). Only front matter that parsed without an error is kept, pickled:
    each take is a mapping of its own, even for files alike. The build keeps ``used`` in its cache folder."""

    def __init__(self, load: Callable[[], dict[str, bytes]] | None = None) -> None:
        self._load = load  # called at the first page read: a build with nothing changed reads no page
        self.used: dict[str, bytes] = {}  # what this process parsed or took from ``known``
        self.parsed = 0  # how many of ``used`` were parsed here

    @cached_property
    def known(self) -> dict[str, bytes]:
        return self._load() if self._load else {}

    @property
    def changed(self) -> bool:
        """Whether ``used`` differs from what was loaded (worth saving)."""
        return bool(self.parsed) or self.used.keys() != self.known.keys()

    def take(self, digest: str) -> tuple[dict[str, Any], int, int] | None:
        """(mapping, body line, body offset) of the file whose bytes have this digest, or None."""
        data = self.used.get(digest) or self.known.get(digest)
        if data is None:
            return None
        self.used[digest] = data
        return pickle.loads(data)

    def keep(self, digest: str, meta: dict[str, Any], body_line: int, body_at: int) -> None:
        if digest not in self.used:
            try:
                self.used[digest] = pickle.dumps((meta, body_line, body_at), protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):  # a YAML value of no plain type: parsed again
                return
            self.parsed += 1


def parse(text: str, filename: str, parsed: ParsedFrontMatter | None = None, digest: str = "") -> Document:
    """Split ``text``; with ``parsed`` and ``digest`` (of the file's bytes), the front matter is taken from what
    was kept for those bytes, or kept once it parses."""
    kept = parsed.take(digest) if parsed is not None and digest else None
    if kept is not None:
        meta, body_line, body_at = kept
        return Document(meta, text[body_at:], body_line)
    m = _FENCE.match(text)
    if not m:
        return Document({}, text, 0)
    meta = _load(m.group(1) or "", text, filename)
    body_line = text.count("\n", 0, m.end())
    if parsed is not None and digest:
        parsed.keep(digest, meta, body_line, m.end())
    return Document(meta, text[m.end() :], body_line)


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
