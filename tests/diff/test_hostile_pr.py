"""A hostile pull request: ``docs-renderer diff --base HEAD~1`` on a head commit that carries each hostile input of
issue 14 must finish within 60 s and 1 GB, and say which file is at fault.

The inputs: a committed symlink to /dev/zero under data/, a YAML alias bomb in data/variables/, reusables twelve
deep that each use the next ten times, a loop of a billion steps, a list nested a thousand deep. Each runs alone
(so one that fails does not hide the others), and all together. The diff runs in a child of a small launcher
that reports the peak resident memory of the diff and its children (``RUSAGE_CHILDREN`` of a fresh process, so
nothing else this test session ran is counted); an address-space limit keeps a regression from taking the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .sites import commit, git

SECONDS = 60
MEMORY_KB = 1024 * 1024  # 1 GB, as ru_maxrss counts it (kilobytes on Linux)
ADDRESS_SPACE = 3 * 1024**3  # what the diff may map at all: it dies of MemoryError, not the machine

PAGE = "---\ntitle: {title}\nversions: '*'\n---\n{body}"
BASE = {
    "content/index.md": "---\ntitle: Harbour docs\nversions: '*'\nchildren:\n  - /moorings\n---\nWelcome aboard.\n",
    "content/moorings.md": PAGE.format(title="Moorings", body="{% data reusables.tide %}\n\nTie up at the quay.\n"),
    "data/reusables/tide.md": "Check the {% data variables.harbour.name %} tide table first.",
    "data/variables/harbour.yml": "name: Gullhaven\n",
}

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


def _fan_out() -> dict[str, str]:
    files = {}
    for k in range(12):
        inner = f"{{% data reusables.fan{k + 1} %}}" if k < 11 else "leaf"
        files[f"data/reusables/fan{k}.md"] = " ".join([inner] * 10) + "\n"
    return files


# each hostile input: the files it adds, the page that uses it, and what the diff's output must name
HOSTILE = {
    "dev-zero": ({"content/zero.md": PAGE.format(title="Zero", body="{% data reusables.zero %}\n")},
                 {"data/reusables/zero.md": "/dev/zero"}, "data/reusables/zero.md"),
    "alias-bomb": ({"content/bomb.md": PAGE.format(title="Bomb", body="{{ site.data.variables.bomb.i }}\n"),
                    "data/variables/bomb.yml": BOMB}, {}, "data/variables/bomb.yml"),
    "reusable-explosion": ({"content/fan.md": PAGE.format(title="Fan", body="{% data reusables.fan0 %}\n"),
                            **_fan_out()}, {}, "data/reusables/fan"),
    "huge-loop": ({"content/loop.md": PAGE.format(
        title="Loop", body="Counting.\n\n{% for i in (1..1000000000) %}x{% endfor %}\n")}, {}, "content/loop.md"),
    "deep-list": ({"content/deep.md": PAGE.format(title="Deep", body="".join("  " * i + "- x\n" for i in range(1000)))},
                  {}, "content/deep.md"),
}
PAGES = {"dev-zero": "zero", "alias-bomb": "bomb", "reusable-explosion": "fan", "huge-loop": "loop",
         "deep-list": "deep"}

def write(root: Path, files: dict[str, str], links: dict[str, str] | None = None) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for rel, target in (links or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)


def hostile_repo(root: Path, names: list[str]) -> Path:
    """A docs repository whose HEAD~1 is the tiny site and whose HEAD adds the named hostile inputs."""
    write(root, BASE)
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    children = "".join(f"  - /{PAGES[n]}\n" for n in names)
    index = BASE["content/index.md"].replace("  - /moorings\n", "  - /moorings\n" + children)
    write(root, {"content/index.md": index})
    for name in names:
        files, links, _ = HOSTILE[name]
        write(root, files, links)
    commit(root, "hostile")
    return root


LAUNCHER = """
import json, resource, subprocess, sys, time
limit = int(sys.argv[1])
seconds = float(sys.argv[2])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
started = time.monotonic()
try:
    done = subprocess.run(sys.argv[3:], capture_output=True, text=True, timeout=seconds, preexec_fn=cap)
    status, out, err = done.returncode, done.stdout, done.stderr
except subprocess.TimeoutExpired as e:
    status, out, err = "timeout", e.stdout or "", e.stderr or ""
    out, err = (x.decode("utf-8", "replace") if isinstance(x, bytes) else x for x in (out, err))
print(json.dumps({"status": status, "seconds": time.monotonic() - started, "stdout": out, "stderr": err,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run_diff(root: Path) -> dict:
    command = [sys.executable, "-m", "renderer", "diff", "--root", str(root), "--base", "HEAD~1", "-j", "1",
               "--color", "never"]
    done = subprocess.run([sys.executable, "-c", LAUNCHER, str(ADDRESS_SPACE), str(SECONDS), *command],
                          capture_output=True, text=True, timeout=SECONDS + 30, cwd=Path(__file__).parents[1])
    return json.loads(done.stdout)


def assert_survives(result: dict, names: list[str]) -> None:
    assert result["status"] in (0, 1), (result["status"], result["stderr"][-2000:])
    assert result["seconds"] < SECONDS
    assert result["maxrss_kb"] < MEMORY_KB, f"peak RSS {result['maxrss_kb'] // 1024} MB"
    for name in names:
        assert HOSTILE[name][2] in result["stdout"], (name, result["stdout"][-3000:])


@pytest.mark.parametrize("name", ["dev-zero", "alias-bomb",
                                  "reusable-explosion", "huge-loop", "deep-list"])
def test_one_hostile_input(tmp_path, name):
    assert_survives(run_diff(hostile_repo(tmp_path / "docs", [name])), [name])


def test_every_hostile_input_in_one_pull_request(tmp_path):
    names = list(HOSTILE)
    assert_survives(run_diff(hostile_repo(tmp_path / "docs", names)), names)


def test_every_hostile_input_but_the_dev_zero_link_in_one_pull_request(tmp_path):
    names = [n for n in HOSTILE if n != "dev-zero"]
    result = run_diff(hostile_repo(tmp_path / "docs", names))
    assert_survives(result, names)
    assert "limits.loop_iterations" in result["stdout"] and "limits.markdown_nesting" in result["stdout"]
