"""The diff for machines (``--format json``): one JSON object, stable keys, one entry a page-version."""

from __future__ import annotations

import json
from typing import Any, TextIO

from renderer.diff.model import Change, DiffResult


def to_json(result: DiffResult) -> dict[str, Any]:
    return {
        "left": result.left,
        "right": result.right,
        "changed_files": result.changed_files,
        "everything": result.everything,
        "candidates": result.candidates,
        "rendered": result.rendered,
        "seconds": round(result.seconds, 3),
        "pages": result.pages,
        "changes": [_change(c) for c in result.changes],
        # edits of the page around the article many page-versions share (each is in "changes" too)
        "shared": [
            {
                "fields": list(s.fields),
                "page_versions": len(s.changes),
                "pages": s.pages,
                "diff": s.lines,
                "changes": [[c.lang, c.path, c.version] for c in s.changes],
            }
            for s in result.shared
        ],
    }


def _change(c: Change) -> dict[str, Any]:
    return {
        "path": c.path,
        "lang": c.lang,
        "version": c.version,
        "status": c.status,
        "title": c.title,
        "href": c.href,
        "because": c.because,
        "fields": c.fields,
        "old": _side(c.old),
        "new": _side(c.new),
        "diff": c.diff_lines,
    }


def _side(side: Any) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"version": side.version, "href": side.href, "error": side.rendered.error}


def write(result: DiffResult, stream: TextIO) -> None:
    json.dump(to_json(result), stream, ensure_ascii=False, indent=1)
    stream.write("\n")
