"""A build stopped at any instant (kill -9, SIGTERM) leaves a whole site at --out and no process behind, and the
next build clears what it left; two builds into one --out do not race (renderer/build/output.py, builder.py)."""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from renderer.build import output
from renderer.build.output import MARKER, PAUSE_VARIABLE

from .conftest import build

REPO = Path(__file__).resolve().parents[2]
PAGE = "content/pipelines/quickstart.md"  # edited between builds, so that each one has something to do

pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads processes from /proc")


@pytest.fixture
def root(example_copy: Path) -> Path:
    return example_copy




def _start(root: Path, out: Path, *extra: str, pause: str | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != PAUSE_VARIABLE}
    if pause:
        env[PAUSE_VARIABLE] = pause
    command = [sys.executable, "-m", "renderer", "build", "--root", str(root), "--out", str(out), "-q", "-j", "2"]
    # a session of its own: if a test fails, the finally below can end all it started, orphans included
    return subprocess.Popen(
        [*command, *extra], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def _wait_for_pause(proc: subprocess.Popen[bytes], point: str, timeout: float = 60) -> None:
    assert proc.stderr is not None
    wanted = f"docs-renderer: test pause at {point}".encode()
    seen = b""
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while wanted not in seen:
            left = deadline - time.monotonic()
            assert left > 0 and proc.poll() is None, f"never paused at {point}: {seen.decode(errors='replace')}"
            if sel.select(left):
                seen += os.read(proc.stderr.fileno(), 4096)


def _stderr(proc: subprocess.Popen[bytes]) -> str:
    assert proc.stderr is not None
    return proc.stderr.read().decode(errors="replace")


def _processes_of(out: Path) -> list[str]:
    """Every live process whose command line names ``out`` (a build's workers have their parent's)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()  # empty for a zombie: it is gone
        except OSError:
            continue
        if str(out).encode() in cmdline and b"renderer" in cmdline:
            found.append(entry + ": " + cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return found


def _none_left(out: Path, within: float = 5.0) -> list[str]:
    deadline = time.monotonic() + within
    while (left := _processes_of(out)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _whole(out: Path) -> bool:
    return all((out / name).is_file() for name in (MARKER, "404.html", "en/index.html"))


def _debris(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.name not in (
        f".{out.name}.cache", f".{out.name}.lock"))


def _edit(root: Path, text: str, *, front_matter: bool = False) -> None:
    """A body edit (an incremental build), or with ``front_matter`` an intro edit too (a full one)."""
    path = root / PAGE
    source = path.read_text(encoding="utf-8")
    if front_matter:
        source = source.replace("\nintro: '", f"\nintro: '{text} ", 1)
    path.write_text(source + f"\n{text}\n", encoding="utf-8")


def _reap(*procs: subprocess.Popen[bytes]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # any worker left of that build: the test has already failed
        except ProcessLookupError:
            pass


def test_kill_9_at_random_instants_leaves_a_whole_site_and_no_process(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(root, out) == 0
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    for i in range(12):
        _edit(root, f"Edit number {i}.", front_matter=i % 3 == 0)
        extra = ("--no-cache",) if i % 4 == 1 else ()
        proc = _start(root, out, *extra)
        try:
            time.sleep(rng.uniform(0.05, 1.0))  # from start-up to after the swap: the site phase takes ~0.5 s
            proc.kill()
            proc.wait()
            assert _whole(out), f"seed {seed}, kill {i}: no whole site at --out"
            assert _none_left(out) == [], f"seed {seed}, kill {i}: processes outlived the build"
        finally:
            _reap(proc)
    assert build(root, out) == 0
    assert "Edit number 11." in (out / "en/pipelines/quickstart/index.html").read_text(encoding="utf-8")
    assert _debris(out) == []


@pytest.mark.parametrize(
    ("point", "extra", "shows_edit"),
    [
        ("before-swap", ("--no-cache",), False),  # the new site is complete in staging, not yet swapped in
        ("after-exchange", ("--no-cache",), True),  # swapped in; the old site (now in staging) not yet removed
        ("commit", (), False),  # an incremental update journaled, none of its files moved yet
    ],
)
def test_kill_9_between_the_swaps_steps(
    root: Path, tmp_path: Path, point: str, extra: tuple[str, ...], shows_edit: bool
) -> None:
    out = tmp_path / "site"
    assert build(root, out) == 0
    _edit(root, "The edit under test.")
    proc = _start(root, out, *extra, pause=point)
    try:
        _wait_for_pause(proc, point)
        proc.kill()
        proc.wait()
        assert _whole(out)
        page = (out / "en/pipelines/quickstart/index.html").read_text(encoding="utf-8")
        assert ("The edit under test." in page) == shows_edit
        assert _none_left(out) == []
        assert _debris(out) != [] or point == "commit"  # a staging folder stayed behind (a commit's is in it)
    finally:
        _reap(proc)
    assert build(root, out) == 0  # clears the debris first; a cut-short update is completed
    assert "The edit under test." in (out / "en/pipelines/quickstart/index.html").read_text(encoding="utf-8")
    assert _debris(out) == []


def test_sigterm_is_handled_like_ctrl_c(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(root, out) == 0
    before = (out / "en/pipelines/quickstart/index.html").read_bytes()
    _edit(root, "Never published.")
    proc = _start(root, out, "--no-cache", pause="before-swap")
    try:
        _wait_for_pause(proc, "before-swap")
        proc.terminate()
        assert proc.wait(timeout=30) == 143
        assert (out / "en/pipelines/quickstart/index.html").read_bytes() == before
        assert _debris(out) == []  # the staging folder was removed on the way out
        assert _none_left(out) == []
    finally:
        _reap(proc)


def test_sigterm_while_the_workers_run(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(root, out) == 0
    for i, point in enumerate(["page-phase", "site-phase", "page-phase", "site-phase"]):
        _edit(root, f"Term {i}.", front_matter=True)
        proc = _start(root, out, pause=point)
        try:
            # at a fixed point, not after a delay: the example site builds in less than its start-up takes
            _wait_for_pause(proc, point)
            proc.terminate()
            status = proc.wait(timeout=30)
            assert status in (143, 0), _stderr(proc)  # 0: it finished first
            assert _whole(out)
            assert _none_left(out) == []
            assert _debris(out) == []  # the staging folder went, after the search index thread stopped writing it
        finally:
            _reap(proc)
    assert build(root, out) == 0
    assert _debris(out) == []


def test_a_second_build_into_the_same_out_waits_then_refuses(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert build(root, out) == 0
    _edit(root, "First build's edit.")
    proc = _start(root, out, "--no-cache", pause="before-swap")
    try:
        _wait_for_pause(proc, "before-swap")
        monkeypatch.setattr(output, "LOCK_WAIT", 0.3)
        capsys.readouterr()
        started = time.monotonic()
        assert build(root, out, "--no-cache") == 75
        assert time.monotonic() - started >= 0.3
        err = capsys.readouterr().err
        assert f"another build (process {proc.pid}) is writing {out.resolve()}" in err
        assert "build again once it is done, or choose another --out" in err
        assert _whole(out)
        proc.terminate()
        assert proc.wait(timeout=30) == 143
    finally:
        _reap(proc)
    assert build(root, out) == 0  # the lock went with the build


def test_only_the_staging_folders_of_dead_builds_into_this_out_are_removed(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    dead = tmp_path / ".site.staging-abcd1234"  # as a killed build leaves it: no build holds the lock
    (dead / "en").mkdir(parents=True)
    (dead / "en" / "index.html").write_text("half a site", encoding="utf-8")
    others = [tmp_path / ".site-2.staging-abcd1234", tmp_path / ".sitex.staging-abcd1234", tmp_path / ".site-old"]
    for folder in others:
        folder.mkdir()
    assert build(root, out) == 0
    assert not dead.exists()
    assert all(folder.is_dir() for folder in others)  # another --out's, or not a name a build gives


def test_without_an_atomic_exchange_a_swap_cut_between_its_renames_is_undone(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    monkeypatch.setattr(output, "exchange", lambda a, b: False)  # as on a kernel or file system without it
    assert build(root, out) == 0
    _edit(root, "Second build.")
    assert build(root, out) == 0  # the two-rename swap works
    assert "Second build." in (out / "en/pipelines/quickstart/index.html").read_text(encoding="utf-8")
    assert _debris(out) == []
    # what a kill between the two renames leaves: no --out, the previous site beside it
    out.rename(output.old_site(out))
    output.restore_old_site(out)
    assert _whole(out) and not output.old_site(out).exists()


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "which").write_text("a", encoding="utf-8")
    (b / "which").write_text("b", encoding="utf-8")
    if not output.exchange(a, b):
        pytest.skip("no renameat2(RENAME_EXCHANGE) on this kernel or file system")
    assert (a / "which").read_text(encoding="utf-8") == "b"
    assert (b / "which").read_text(encoding="utf-8") == "a"
