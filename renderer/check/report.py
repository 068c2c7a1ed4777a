"""How findings are shown: text for people (file:line:col, the line quoted, a caret, the hint) or JSON."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from typing import TextIO

from renderer.check.findings import ERROR, Finding

MAX_WHERE = 6


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def counts(findings: list[Finding]) -> dict[str, int]:
    return dict(sorted(Counter(f.kind for f in findings).items()))


def write_text(findings: list[Finding], stream: TextIO, *, quiet: bool = False, seconds: float | None = None) -> None:
    for f in findings:
        if quiet and f.severity != ERROR:
            continue
        print(f"{f.file}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.kind}]", file=stream)
        if f.text:
            shown = f.text.replace("\t", " ")
            print(f"    {shown}", file=stream)
            print("    " + " " * _width(shown[: f.column - 1]) + "^", file=stream)
        if f.where:
            extra = f" and {len(f.where) - MAX_WHERE} more" if len(f.where) > MAX_WHERE else ""
            print(f"    in: {', '.join(f.where[:MAX_WHERE])}{extra}", file=stream)
        if f.hint:
            print(f"    hint: {f.hint}", file=stream)
    errors = sum(1 for f in findings if f.severity == ERROR)
    by_kind = ", ".join(f"{k} {v}" for k, v in counts(findings).items())
    took = f" in {seconds:.1f}s" if seconds is not None else ""
    print(f"{errors} errors, {len(findings) - errors} warnings{took}" + (f" ({by_kind})" if by_kind else ""),
          file=stream)


def write_json(findings: list[Finding], stream: TextIO, *, seconds: float | None = None) -> None:
    errors = sum(1 for f in findings if f.severity == ERROR)
    doc = {
        "errors": errors,
        "warnings": len(findings) - errors,
        "counts": counts(findings),
        "seconds": round(seconds, 2) if seconds is not None else None,
        "findings": [f.as_dict() for f in findings],
    }
    json.dump(doc, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
