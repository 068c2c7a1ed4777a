"""Instructions, not seconds: the build of part of the corpus, this checkout against another revision.

    python benchmarks/instructions.py [--root CORPUS] [--against REV] [--path GLOB]... [--lang CODE]...

Wall and CPU time on a shared machine vary by a fifth from one minute to the next (two full builds of the same
code, one after the other, took 26 and 32 s), which hides a change worth a few percent. valgrind's callgrind
counts the instructions a process executes instead: the same count for the same code and input, whatever else
the machine is doing. So this runs ``docs-renderer build --jobs 1`` of the pages matching ``--path`` (default
``pages/*`` and ``developers/*``: 960 page-versions in English and Simplified Chinese) once for this checkout and
once for ``--against`` (default ``HEAD``, checked out with ``git worktree`` in a temporary folder), both at the
same time (each is one process), and prints each count and their ratio. Each is built once outside valgrind
first, so that its modules are compiled (into a bytecode folder of its own) before the count. The count includes
start-up and the walk of the whole page tree, which every build pays: a change to per-page work shows diluted.

Needs valgrind (``apt-get install valgrind``). Under callgrind Python runs about fifty times slower: a few
minutes for the default selection.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Two products whose versions share their text about as often as the corpus's pages do (six in ten Markdown
# renders of the whole corpus are of a text another version of the page rendered already; actions/, written
# version by version, has three in ten)
DEFAULT_PATHS = ["pages/*", "developers/*"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.environ.get("DOCS_CORPUS", "../shared/corpus/github-docs-2021-06"))
    ap.add_argument("--against", default="HEAD", help="the revision to compare with (default: HEAD)")
    ap.add_argument("--path", action="append", help=f"page path glob (default: {' '.join(DEFAULT_PATHS)})")
    ap.add_argument("--lang", action="append", help="language code (default: every language)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    root = Path(args.root).resolve()
    with tempfile.TemporaryDirectory(prefix="instructions-") as tmp:
        other = Path(tmp) / "against"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(other), args.against], check=True
        )
        try:
            runs = {
                "this checkout": start(REPO, root, Path(tmp) / "this", args),
                args.against: start(other, root, Path(tmp) / "other", args),
            }
            counts = {name: finish(proc, out) for name, (proc, out) in runs.items()}
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(other)], check=False)
    for name, count in counts.items():
        print(f"{name}: {count:,} instructions")
    ours, theirs = counts["this checkout"], counts[args.against]
    print(f"this checkout / {args.against}: {ours / theirs:.4f} ({(ours - theirs) / theirs:+.1%})")


def start(checkout: Path, root: Path, work: Path, args: argparse.Namespace) -> tuple[subprocess.Popen, Path]:
    work.mkdir()
    out = work / "callgrind.out"

    def build(site: str) -> list[str]:
        cmd = [sys.executable, "-m", "renderer", "build", "--root", str(root), "--out", str(work / site)]
        cmd += ["--jobs", "1", "-q"]
        for glob in args.path or DEFAULT_PATHS:
            cmd += ["--path", glob]
        for lang in args.lang or []:
            cmd += ["--lang", lang]
        return cmd

    # Run from the work folder, so that ``-m renderer`` is the checkout's (PYTHONPATH), not the current folder's.
    # Bytecode goes to a folder of each run's own, made by a first build outside valgrind: the count is then
    # of building, not of compiling modules (which one checkout might find compiled and the other not).
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONPYCACHEPREFIX": str(work / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    quiet = {"cwd": work, "env": env, "stdout": subprocess.DEVNULL}
    subprocess.run(build("warm-site"), stderr=subprocess.DEVNULL, check=False, **quiet)
    counted = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *build("site")]
    return subprocess.Popen(counted, stderr=subprocess.PIPE, text=True, **quiet), out


def finish(proc: subprocess.Popen, out: Path) -> int:
    err = proc.communicate()[1]
    if proc.returncode not in (0, 1) or not out.exists():  # 1: pages with errors, as the corpus has
        sys.exit(f"the build under valgrind failed ({proc.returncode}):\n{err[-2000:]}")
    found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
    if found is None:
        sys.exit(f"no instruction count in {out}")
    return int(found.group(1))


if __name__ == "__main__":
    main()
