"""docs/environment.md lists every exit status the command line can end with; a few of them, end to end."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _used() -> set[int]:
    """Every status the code returns: ``return N`` in cli.py and the commands, ``exit_status = N`` in errors.py."""
    found: set[int] = set()
    for path in [REPO / "renderer/cli.py", *sorted((REPO / "renderer/commands").glob("*.py"))]:
        found |= {int(n) for n in re.findall(r"\breturn (\d+)\b", path.read_text(encoding="utf-8"))}
        found |= {int(n) for n in re.findall(r"os\._exit\((\d+)\)", path.read_text(encoding="utf-8"))}
    errors = (REPO / "renderer/model/errors.py").read_text(encoding="utf-8")
    found |= {int(n) for n in re.findall(r"exit_status = (\d+)", errors)}
    return found


def _documented() -> set[int]:
    text = (REPO / "docs/environment.md").read_text(encoding="utf-8")
    header = re.search(r"^\| command \|((?: \d+ \|)+)$", text, re.M)
    assert header, "the per-command table of exit statuses is gone"
    return {int(n) for n in re.findall(r"\d+", header.group(1))} | {
        int(n) for n in re.findall(r"^\| (\d+) \|", text, re.M)
    }


def test_every_exit_status_is_documented() -> None:
    used = _used()
    assert {70, 74, 75, 130, 141, 143} <= used  # the reading above still finds them
    assert used - _documented() == set(), "add these to docs/environment.md"


def test_a_full_disk_under_standard_output_is_74_and_says_so() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "renderer", "check", "--root", str(REPO), "-q", "--no-links"],
            stdout=full, stderr=subprocess.PIPE, text=True,
        )
    assert done.returncode == 74
    assert "standard output: error: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def _config_command(stdout, preexec_fn=None) -> subprocess.CompletedProcess:
    """The installed command's way out (``renderer.cli.command``) on a command whose output fits in one buffer:
    with standard output buffered, it is written when the command exits."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "renderer", "config", "--root", str(REPO)],
        stdout=stdout, stderr=subprocess.PIPE, env=env, preexec_fn=preexec_fn,
    )


def test_the_quick_exit_writes_the_last_buffer_out(capsys) -> None:
    from renderer.cli import main

    assert main(["config", "--root", str(REPO)]) == 0
    assert _config_command(subprocess.PIPE).stdout.decode() == capsys.readouterr().out


def test_the_last_buffer_refused_by_the_disk_is_74_and_says_so(tmp_path) -> None:
    def file_size_limit() -> None:  # a file may not grow past 100 bytes: the disk refuses the final flush
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, resource.RLIM_INFINITY))

    with open(tmp_path / "config.txt", "w") as small:
        done = _config_command(small, file_size_limit)
    assert done.returncode == 74
    assert b"standard output: error: File too large" in done.stderr
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_the_last_buffer_to_a_closed_pipe_is_141_without_a_traceback() -> None:
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "w") as pipe:
        done = _config_command(pipe)
    assert done.returncode == 141
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr
