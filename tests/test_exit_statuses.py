"""docs/environment.md lists every exit status the command line can end with; a few of them, end to end."""

from __future__ import annotations

import re
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
