"""The full build of the corpus on all cores, and the rebuilds that follow an edit.

    python benchmarks/build_speed.py [--root CORPUS] [--jobs N] [--runs N]

The corpus is copied to a temporary folder (it is read-only, and one reusable gets edited). Prints, each as
measured by the wall clock around `docs-renderer build` run as a command:
  - the full build (every language and version, no cache), ``--runs`` times, each into a new folder with a new
    cache, and the peak memory of its processes together;
  - a rebuild with no change;
  - a rebuild after editing one reusable used by at most 50 pages (which, and how many page-versions read it);
  - the floor, in the same run: markdown-it-py's raw parse and render of every page's source (every language),
    in one process, and the cold full build as a ratio to floor x page-versions / cores (issue 20's yardstick:
    what the Markdown work alone would cost on every core).

Nothing is deleted until the end. On ext4 without a journal (this machine's disk), creating a file or folder
skips every inode freed in the last few minutes, one by one: right after the removal of a large tree (a
previous site), creating the 80,000 files of a site costs several times more kernel time. Measure when no
large tree was removed in the last six minutes (ext4 without a journal avoids reusing a freed inode for up
to five minutes, to help recovery after a crash).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REUSABLE = re.compile(r"\{%-?\s*data\s+reusables\.([\w.\-]+)\s*-?%\}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.environ.get("DOCS_CORPUS", "../shared/corpus/github-docs-2021-06"))
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--runs", type=int, default=1, help="full builds to time (each into a new folder)")
    args = ap.parse_args()
    # The commands timed run as an installed tool runs, from compiled bytecode: with PYTHONDONTWRITEBYTECODE
    # set (as on some CI machines) every run would compile the renderer's modules again (0.1-0.2 s).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    with tempfile.TemporaryDirectory(prefix="build-speed-") as tmp:
        root = Path(tmp) / "docs"
        shutil.copytree(args.root, root)

        def build(out: Path, *extra: str) -> tuple[float, int]:
            # What the copy and earlier builds left to write back to disk is written first, outside the timing,
            # so each build pays only for its own writes.
            os.sync()
            cmd = [sys.executable, "-m", "renderer", "build", "--root", str(root), "--out", str(out), "-q"]
            cmd += ["--jobs", str(args.jobs)] if args.jobs else []
            started = time.perf_counter()
            proc = subprocess.Popen([*cmd, *extra], stderr=subprocess.PIPE, text=True)
            peak = watch_memory(proc)
            err = proc.communicate()[1]
            took = time.perf_counter() - started
            if proc.returncode not in (0, 1):
                sys.exit(f"build failed ({proc.returncode}):\n{err[-2000:]}")
            return took, peak()

        fulls = []
        for run in range(1, args.runs + 1):
            out, cache = Path(tmp) / f"site-{run}", Path(tmp) / f"cache-{run}"
            full, peak = build(out, "--cache", str(cache))
            fulls.append(full)
            files = sum(len(names) for _, _, names in os.walk(out))
            print(f"full build: {full:.1f} s wall, {files} files, peak memory {peak / 2**20:.0f} MiB (all processes)")
        if args.runs > 1:
            print(f"full build, median of {args.runs}: {statistics.median(fulls):.1f} s wall")
        per_page, page_versions = floor(root)
        cores = args.jobs or os.cpu_count() or 1
        ideal = per_page * page_versions / cores
        print(f"floor (markdown-it-py raw parse+render, one process): {per_page * 1000:.2f} ms/page; "
              f"{page_versions} page-versions on {cores} cores: {ideal:.1f} s")
        print(f"cold full build / floor: {statistics.median(fulls) / ideal:.2f}")
        same, _ = build(out, "--cache", str(cache))
        print(f"no-change rebuild: {same:.2f} s wall")
        name, pages = reusable_with_at_most(root, 50)
        target = root / "data" / "reusables" / (name.replace(".", "/") + ".md")
        target.write_text(target.read_text(encoding="utf-8") + "\n\nEdited for the benchmark.\n", encoding="utf-8")
        edited, _ = build(out, "--cache", str(cache))
        print(f"rebuild after editing reusables.{name} (used in {pages} English pages): {edited:.2f} s wall")


def floor(root: Path) -> tuple[float, int]:
    """Seconds per page of markdown-it-py alone on each page's raw source, and how many page-versions the site
    has (in a child process, so that this one stays as light as it was for the builds)."""
    code = (
        "import sys, time; from pathlib import Path; from markdown_it import MarkdownIt\n"
        "from renderer.model.site import Site; from renderer.model.selection import select\n"
        "site = Site(Path(sys.argv[1])); jobs = list(select(site))\n"
        "pages = list({id(p): p for p, _ in jobs}.values())\n"
        "md = MarkdownIt('commonmark').enable('table').enable('strikethrough')\n"
        "t = time.perf_counter()\n"
        "for p in pages: md.render(p.source.doc.body if p.source.doc else '')\n"
        "print((time.perf_counter() - t) / len(pages), len(jobs))\n"
    )
    here = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True, cwd=here)
    per_page, page_versions = done.stdout.split()
    return float(per_page), int(page_versions)


def reusable_with_at_most(root: Path, limit: int) -> tuple[str, int]:
    """The most used reusable that at most ``limit`` English pages use directly."""
    users: Counter[str] = Counter()
    for path in (root / "content").rglob("*.md"):
        for name in set(REUSABLE.findall(path.read_text(encoding="utf-8"))):
            users[name] += 1
    name, count = max(((n, c) for n, c in users.items() if c <= limit), key=lambda x: (x[1], x[0]))
    return name, count


def watch_memory(proc: subprocess.Popen) -> callable:
    """Sample the resident memory of a process and its descendants; returns a function giving the peak."""
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()

    def result() -> int:
        thread.join()
        return peak[0]

    return result


def _tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants (read from /proc, only those processes)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status", encoding="utf-8") as f:
                rss = next((line.split()[1] for line in f if line.startswith("VmRSS:")), "0")
            total += int(rss) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="utf-8") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue  # ended meanwhile
    return total


if __name__ == "__main__":
    main()
