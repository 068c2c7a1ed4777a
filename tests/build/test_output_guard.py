"""A build replaces its --out folder whole: it must refuse every folder it did not make, touching nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.build.output import MARKER
from renderer.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(example_copy: Path) -> Path:
    return example_copy


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "out", [".", "..", "content", "content/pipelines", "data", "data/new", "assets", "translations/zh-CN", "/"]
)
def test_refuses_the_sources_and_what_holds_them(root: Path, out: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(root)
    target = out if out.startswith("/") else str(root / out)
    assert main(["build", "--root", str(root), "--out", target, "-q"]) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "choose another --out" in err
    assert _snapshot(root) == before
    assert not any(p.name.startswith(".") and p.name.endswith(".cache") for p in root.parent.iterdir())


def test_refuses_a_folder_a_build_did_not_make(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["build", "--root", str(root), "--out", str(mine), "-q"]) == 2
    assert "a build did not make" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert main(["build", "--root", str(root), "--out", str(afile), "-q"]) == 2
    assert afile.read_text(encoding="utf-8") == "x"


def test_builds_into_an_empty_or_a_built_folder(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["build", "--root", str(root), "--out", str(out), "-q"]) == 0
    assert (out / MARKER).is_file() and (out / "404.html").is_file()
    (root / "content" / "index.md").write_text(
        (root / "content" / "index.md").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"
    )
    assert main(["build", "--root", str(root), "--out", str(out), "-q"]) == 0  # a built site is replaced
    assert "One more line." in (out / "en" / "index.html").read_text(encoding="utf-8")
    inside = root / "_site"  # inside the root but not in a source folder
    assert main(["build", "--root", str(root), "--out", str(inside), "-q", "--no-cache"]) == 0
    assert (inside / MARKER).is_file()
