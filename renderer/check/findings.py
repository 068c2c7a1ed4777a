"""What ``check`` reports: one ``Finding`` per problem, with its place in the source and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"

# Every kind a finding can have, and what it is about; docs/check.md explains each.
KINDS = {
    "config": "docs-renderer.yml: a value that works but will surprise readers (a plan without a title)",
    "file": "a source file cannot be read (not UTF-8, unreadable)",
    "front-matter": "YAML front matter that does not parse, or keys the renderer does not know",
    "versions": "a versions: value that is missing, names an unknown plan, or is not a valid range",
    "liquid-syntax": "Liquid that does not parse",
    "feature": "an ifversion name that is no plan or feature, a feature file without a valid versions: block, or "
    "a feature nothing names",
    "data-path": "a {% data %} path, or site.data lookup, that points at nothing",
    "undefined-variable": "a variable no page, loop or assign defines",
    "octicon": "an octicon name @primer/octicons 14.1.0 does not have",
    "reusable-cycle": "reusables that include themselves, directly or through others",
    "data-file": "a data file (YAML or reusable) that cannot be loaded",
    "link": "an internal link to a page that does not exist in the linking page's version and language",
    "anchor": "a link to a #fragment no heading or anchor of the target page has",
    "render": "a page-version that fails to render (found while reading its links)",
    "children": "a children: entry with no file behind it",
    "unreachable": "a page no children: list reaches, so it is never served",
    "redirect": "a redirect_from that is duplicated, claimed by two pages, or shadows a real page",
}


@dataclass
class Finding:
    kind: str
    message: str
    file: str  # relative to the docs root
    line: int = 1
    column: int = 1
    hint: str = ""
    severity: str = ERROR
    text: str = ""  # the source line quoted; filled in by ``quote_lines``
    where: list[str] = field(default_factory=list)  # e.g. the versions or pages a link is broken in

    def key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.kind, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "text": self.text,
            "where": self.where,
        }


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per place and problem; the ``where`` lists of repeats (other versions, pages) are joined."""
    out: dict[tuple[Any, ...], Finding] = {}
    for f in findings:
        seen = out.get(f.key())
        if seen is None:
            out[f.key()] = f
        else:
            seen.where.extend(w for w in f.where if w not in seen.where)
    return sorted(out.values(), key=lambda f: (f.file, f.line, f.column, f.kind, f.message))


def quote_lines(findings: list[Finding], root: Path) -> None:
    """Fill in each finding's ``text``: its source line, without the line ending, tabs kept."""
    cache: dict[str, list[str]] = {}
    for f in findings:
        if f.text:
            continue
        lines = cache.get(f.file)
        if lines is None:
            try:
                raw = (root / f.file).read_bytes()
                lines = raw.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
            except OSError:
                lines = []
            cache[f.file] = lines
        if 1 <= f.line <= len(lines):
            f.text = lines[f.line - 1][:300]


def line_col(text: str, offset: int, line_offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (lines start after ``line_offset`` lines)."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line + line_offset, offset - start + 1
