"""Split a page into its YAML front matter and its body, with errors that point into the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from renderer.errors import FrontMatterError

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


def parse(text: str, filename: str) -> Document:
    m = _FENCE.match(text)
    if not m:
        return Document({}, text, 0)
    try:
        meta = yaml.load(m.group(1) or "", Loader=yaml.CSafeLoader)
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
    body = text[m.end() :]
    return Document(meta, body, text.count("\n", 0, m.end()))
