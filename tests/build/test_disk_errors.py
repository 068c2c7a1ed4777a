"""A full, read-only or forbidden disk is reported as such, naming the path, with exit 74: not as a bug (70)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from renderer.build import builder, output
from renderer.build.output import MARKER
from renderer.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(example_copy: Path) -> Path:
    return example_copy


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MB tmpfs (the example site takes a few): mounting needs root, and a kernel that lets us."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _build(root: Path, out: Path, *extra: str) -> int:
    return main(["build", "--root", str(root), "--out", str(out), "-q", *extra])


def test_a_full_disk(root: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = small_disk / "site"
    assert _build(root, out, "--no-cache") == 74
    err = capsys.readouterr().err
    assert "No space left on device" in err and "the disk is full" in err
    assert str(small_disk) in err  # the path it could not write
    assert "internal error" not in err and "bug" not in err
    # the staging folder went, and the space with it; no half site at --out
    assert sorted(p.name for p in small_disk.iterdir()) == [".site.lock"]


def test_a_read_only_disk(root: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = small_disk / "site"
    (small_disk / ".site.lock").touch()  # made while it was writable, as by an earlier build
    done = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.decode(errors='replace').strip()}")
    assert _build(root, out, "--no-cache") == 74
    err = capsys.readouterr().err
    assert "Read-only file system" in err and str(small_disk / ".site.lock") in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    ("code", "reason", "hint"),
    [
        (errno.ENOSPC, "No space left on device", "the disk is full"),
        (errno.EROFS, "Read-only file system", "the file system is read-only"),
        (errno.EACCES, "Permission denied", "check the permissions"),
        (errno.EDQUOT, "Disk quota exceeded", "your disk quota is used up"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])  # in this process, and in a worker (the error travels back)
def test_each_disk_error_while_writing_pages(
    root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    reason: str,
    hint: str,
    jobs: str,
) -> None:
    out = tmp_path / "site"
    assert _build(root, out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = builder._write

    def refuse(staging: Path, urls: str | list[str], html: str) -> None:
        if "quickstart" in str(urls):
            target = os.path.join(staging, str(urls).strip("/"), "index.html")
            raise OSError(code, os.strerror(code), target)
        real(staging, urls, html)

    monkeypatch.setattr(builder, "_write", refuse)  # before the workers fork: they have it too
    capsys.readouterr()
    assert _build(root, out, "--no-cache", "-j", jobs) == 74
    err = capsys.readouterr().err
    assert reason in err and hint in err
    assert "quickstart/index.html" in err  # names the file
    assert "internal error" not in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # the previous site stands
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_an_error_without_a_path_names_the_site(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"

    def full(folder: Path) -> None:  # a write refused at close has no file name
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "mark", full)
    assert _build(root, out) == 74
    err = capsys.readouterr().err
    assert f"{out}: error: No space left on device" in err


def test_a_folder_it_may_not_write_into(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    real = output.staging_folder

    def forbidden(where: Path) -> Path:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(where.parent))

    monkeypatch.setattr(output, "staging_folder", forbidden)
    assert _build(root, out) == 74
    assert f"{tmp_path}: error: Permission denied" in capsys.readouterr().err
    monkeypatch.setattr(output, "staging_folder", real)
    assert _build(root, out) == 0 and (out / MARKER).is_file()


def test_an_error_of_ours_is_still_an_internal_error(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def lost(folder: Path) -> None:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(folder / "nowhere"))

    monkeypatch.setattr(output, "mark", lost)
    assert _build(root, tmp_path / "site") == 70  # the renderer got its own paths wrong: a bug
    assert "this is a bug" in capsys.readouterr().err


def test_the_diff_report_on_a_full_disk(root: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "PATH": os.environ["PATH"],
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    page = root / "content/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "A long new paragraph. " * 60_000, encoding="utf-8")
    report = small_disk / "report.html"  # more than the disk holds
    assert main(["diff", "--root", str(root), "--base", "HEAD", "--lang", "en", "--html", str(report), "-q"]) == 74
    err = capsys.readouterr().err
    assert "No space left on device" in err and str(small_disk) in err
    assert "internal error" not in err
