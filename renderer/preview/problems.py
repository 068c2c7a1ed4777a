"""What is wrong with one rendered page, located in a file: the render's error, data files that did not parse,
references to data that does not exist, a translation that fell back to English.

Renders report errors as ``file:line:column: message`` strings (``LiquidError`` and ``DocsError`` both print
so); this module turns them back into located problems for the overlay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from renderer.model.config import Language
from renderer.model.site import Site
from renderer.page.render import Rendered
from renderer.preview.paths import inside

_LOCATED = re.compile(r"(?P<file>[^:\n]+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: (?P<message>.*)", re.S)
_DATA_REF = re.compile(r"\{%-?\s*(?:data|indented_data_reference)\s+([A-Za-z_][\w\-]*(?:\.[\w\-]+)*)(?=\s|-?%\})")


@dataclass(frozen=True)
class Problem:
    level: str  # "error": there is no page to show; "warning": the page is shown under it
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None


def parse_located(text: str, level: str = "error") -> Problem:
    """``"file:line:col: message"`` (line and column optional) as a Problem; unlocated text as it is."""
    m = _LOCATED.fullmatch(text.strip())
    if not m or " " in m["file"]:
        return Problem(level, text.strip())
    line = int(m["line"]) if m["line"] else None
    column = int(m["column"]) if m["column"] else None
    return Problem(level, m["message"], m["file"], line or None, column or None)


def problems_of(site: Site, lang: Language, rendered: Rendered) -> list[Problem]:
    out = []
    if rendered.error:
        out.append(parse_located(rendered.error))
    for w in rendered.warnings:
        if not w.startswith("Traceback"):
            out.append(parse_located(w, "warning"))
    bad_data = site.data_errors()
    for rel in sorted(rendered.reads):
        err = bad_data.get(rel)
        if err is not None:
            out.append(Problem("warning", err.message, err.filename, err.line, err.column))
    if not rendered.error:
        out.extend(missing_data(site, lang, rendered.reads))
    return out


def missing_data(site: Site, lang: Language, reads: frozenset[str]) -> list[Problem]:
    """``{% data x.y %}`` references, in the page and the reusables it read, to keys the data does not have.

    Liquid renders them as nothing (as the reference renderer did), which a writer would not notice.
    """
    out = []
    data = site.data(lang, set())
    for rel in sorted(reads):
        if not rel.endswith(".md"):
            continue
        path = inside(site.root, rel)
        if path is None:
            continue
        text = _read(path)
        for m in _DATA_REF.finditer(text):
            value = data
            for part in m[1].split("."):
                value = value.get(part) if hasattr(value, "get") else None
                if value is None:
                    break
            if value is None:
                line = text.count("\n", 0, m.start(1)) + 1
                column = m.start(1) - (text.rfind("\n", 0, m.start(1)) + 1) + 1
                out.append(Problem("warning", f"no data at '{m[1]}' (it renders as nothing)", rel, line, column))
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
