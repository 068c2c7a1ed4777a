"""Small docs roots written by tests, and a way to run the ``check`` command and read its JSON."""

from __future__ import annotations

import json
from pathlib import Path

from renderer.cli import main


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page(title: str, body: str = "", versions: str = "'*'", extra: str = "") -> str:
    return f"---\ntitle: {title}\nversions: {versions}\n{extra}---\n\n{body}"


def run_check(capsys, *args: str) -> tuple[int, dict]:
    status = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return status, json.loads(out)


def found(report: dict, kind: str | None = None) -> list[tuple[str, str, int]]:
    """(kind, file, line) of every finding, optionally of one kind."""
    return [(f["kind"], f["file"], f["line"]) for f in report["findings"] if kind is None or f["kind"] == kind]
