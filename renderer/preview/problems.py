"""What is wrong with one rendered page, located in a file: the render's error, data files that did not parse,
references to data that does not exist, a translation that fell back to English.

Each is a ``Diagnostic`` (``renderer/model/errors.py``), as the render made it: nothing is parsed back from text.
"""

from __future__ import annotations

from pathlib import Path

from renderer.model.config import Language
from renderer.model.data_refs import data_tags
from renderer.model.errors import WARNING, Diagnostic
from renderer.model.site import Site
from renderer.page.render import Rendered
from renderer.preview.paths import inside


def problems_of(site: Site, lang: Language, rendered: Rendered) -> list[Diagnostic]:
    out = []
    if rendered.error:
        out.append(rendered.problem or Diagnostic(rendered.error))
    out.extend(rendered.warnings)
    bad_data = site.data_errors()
    for rel in sorted(rendered.reads):
        err = bad_data.get(rel)
        if err is not None:
            out.append(Diagnostic.of(err, WARNING))
    if not rendered.error:
        out.extend(missing_data(site, lang, rendered.reads))
    return out


def missing_data(site: Site, lang: Language, reads: frozenset[str]) -> list[Diagnostic]:
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
        for key, start in data_tags(text):
            if not key:
                continue  # a key made at render time: nothing to look up here
            value = data
            for part in key.split("."):
                value = value.get(part) if hasattr(value, "get") else None
                if value is None:
                    break
            if value is None:
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                message = f"no data at '{key}' (it renders as nothing)"
                out.append(Diagnostic(message, rel, line, column, severity=WARNING))
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
