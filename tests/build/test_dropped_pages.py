"""A page the tree lists but that is served in no version is never left out without a word: ``build`` says why,
as an error when it is a mistake (exit 1), as a warning when its ranges are valid but match no release yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.cli import main

from .conftest import write

HOME = "---\ntitle: Home\nversions: '*'\nchildren:\n  - /{}\n---\n"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "---\ntitle: A\nversions:\n  free-pro-tem: '*'\n---\nbody\n",
            "versions: unknown plan 'free-pro-tem'; the page is served in no version",
        ),
        ("---\ntitle: A\n---\nbody\n", "no versions: the page is served in no version"),
        ("just text, no front matter\n", "the page has no front matter: the page is served in no version"),
        (
            "---\ntitle: A\nversions: '*'\n\nbody, the front matter never closed\n",
            "the front matter is never closed: the page is served in no version",
        ),
        (
            "---\ntitle: A\nversions: [free-pro-team]\n---\nbody\n",
            "versions: must be '*' or a mapping of plan to range, not ['free-pro-team']",
        ),
    ],
    ids=["unknown-plan", "no-versions", "no-front-matter", "unclosed-front-matter", "versions-a-list"],
)
def test_a_page_dropped_by_mistake_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, message: str
) -> None:
    root = write(tmp_path / "docs", {"content/index.md": HOME.format("lost"), "content/lost.md": source})
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"content/lost.md: error: {message}" in err


def test_a_page_in_some_versions_with_an_unknown_plan_besides_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "---\ntitle: A\nversions:\n  free-pro-team: '*'\n  enterprize-server: '*'\n---\nbody\n"
    root = write(tmp_path / "docs", {"content/index.md": HOME.format("half"), "content/half.md": source})
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "content/half.md: warning: versions: unknown plan 'enterprize-server'" in err
    assert (tmp_path / "out" / "en" / "half" / "index.html").is_file()


def test_a_page_kept_for_a_later_release_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = "---\ntitle: A\nversions:\n  enterprise-server: '>=9.0'\n---\nbody\n"
    root = write(tmp_path / "docs", {"content/index.md": HOME.format("later"), "content/later.md": source})
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "content/later.md: warning: versions: {'enterprise-server': '>=9.0'} matches no release" in err


def test_a_title_that_is_not_text_is_an_error_of_its_page_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = "---\ntitle: [a, b]\nversions: '*'\n---\nbody\n"
    root = write(tmp_path / "docs", {"content/index.md": HOME.format("lost"), "content/lost.md": bad})
    out = tmp_path / "out"
    assert main(["build", "--root", str(root), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "content/lost.md:2:8: error: title: must be text, not a list (['a', 'b'])" in err
    assert "put the value in quotes" in err
    assert not (out / "en/lost/index.html").exists()  # never served as "['a', 'b']"
    assert (out / "en/index.html").is_file()  # the other pages are
