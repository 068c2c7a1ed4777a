"""``diff --base BRANCH`` compares with the merge base, as a pull request does; ``--base-exact`` with BRANCH."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from renderer.cli import main

from .sites import commit, git, make_site

CLOUD = "free-pro-team@latest"


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def diverged(tmp_path: Path) -> Path:
    """``main`` gains a change after ``topic`` branched from it; ``topic`` has a change of its own."""
    root = make_site(tmp_path / "docs")
    git(root, "checkout", "-q", "-b", "topic")
    replace(root, "content/setup/accounts.md", "work email", "company email")
    commit(root, "topic: accounts wording")
    git(root, "checkout", "-q", "main")
    replace(root, "content/sharing.md", "Pick a folder to share.", "Choose a folder to share.")
    commit(root, "main: sharing wording, after the branch point")
    git(root, "checkout", "-q", "topic")
    return root


def pages(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, set[str], dict]:
    status = main(["diff", "--format", "json", "--lang", "en", *args])
    report = json.loads(capsys.readouterr().out)
    return status, {c["path"] for c in report["changes"]}, report


def test_a_branch_behind_its_base_shows_only_its_own_changes(diverged, capsys):
    for head in ([], ["--head", "topic"]):
        status, changed, report = pages(capsys, "--root", str(diverged), "--base", "main", *head)
        assert status == 1
        assert changed == {"setup/accounts.md"}  # not sharing.md: main changed it after the branch point
        assert report["changed_files"] == ["content/setup/accounts.md"]
        assert "merge base" in report["left"]


def test_base_exact_compares_with_the_named_revision(diverged, capsys):
    status, changed, report = pages(capsys, "--root", str(diverged), "--base", "main", "--base-exact")
    assert status == 1
    assert changed == {"setup/accounts.md", "sharing.md"}  # main's later edit shows, reversed
    sharing = next(c for c in report["changes"] if c["path"] == "sharing.md" and c["version"] == CLOUD)
    assert "-Choose a folder to share." in sharing["diff"]
    assert "+Pick a folder to share." in sharing["diff"]
    assert report["left"] == "base main"


def test_a_head_on_its_base_compares_with_the_base_itself(tmp_path, capsys):
    root = make_site(tmp_path / "docs")
    replace(root, "content/sharing.md", "Pick a folder", "Choose a folder")
    status, changed, report = pages(capsys, "--root", str(root), "--base", "main")
    assert (status, changed, report["left"]) == (1, {"sharing.md"}, "base main")


def test_a_shallow_clone_without_the_merge_base_says_to_fetch_more(diverged, tmp_path, capsys):
    # a CI checkout of the head alone: depth 1, and main fetched at depth 1 too
    clone = tmp_path / "ci"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{diverged}", str(clone)],
        check=True,
        capture_output=True,
    )
    git(clone, "checkout", "-q", "topic")
    assert main(["diff", "--root", str(clone), "--base", "origin/main"]) == 2
    err = capsys.readouterr().err
    assert "not in this shallow clone" in err
    assert "git fetch --unshallow" in err and "--base-exact" in err
    # the exact comparison needs no history, and works there
    assert main(["diff", "--root", str(clone), "--base", "origin/main", "--base-exact", "--stat"]) == 1
