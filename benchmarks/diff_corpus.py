"""Benchmark ``docs-renderer diff`` on the corpus: edit one widely used reusable, time the diff.

The corpus (read-only) is copied into a temporary git repository, committed, and one reusable is edited in the
working tree; then ``docs-renderer diff --base HEAD`` runs as a user would run it (a fresh process): with
``--stat``, and as the review workflow runs it (``--html`` report and ``--format markdown`` summary), each
``--runs`` times; then once through the API for the counts. Nothing is written outside the temporary folder.

    DOCS_CORPUS=/path/to/github-docs-2021-06 python benchmarks/diff_corpus.py [--reusable KEY] [--runs N] [--verify]

``--verify`` renders every page-version on both sides too and checks that the incremental diff reported
exactly the page-versions whose output changed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from renderer.diff import diff_revisions

DEFAULT_REUSABLE = "repositories/navigate-to-repo"  # the most used reusable of the corpus (225 references)


def prepare(corpus: Path, work: Path) -> Path:
    root = work / "corpus"
    shutil.copytree(corpus, root)
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com", "GIT_CONFIG_GLOBAL": "/dev/null"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)
    return root


def edit(root: Path, reusable: str) -> Path:
    path = root / "data" / "reusables" / f"{reusable}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + " (edited for the diff benchmark)\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=os.environ.get("DOCS_CORPUS"), help="corpus root (DOCS_CORPUS)")
    ap.add_argument("--reusable", default=DEFAULT_REUSABLE, help="key under data/reusables/, without .md")
    ap.add_argument("--runs", type=int, default=3, help="timed command-line runs")
    ap.add_argument("--verify", action="store_true", help="also render everything and compare (minutes)")
    ap.add_argument("--jobs", type=int, default=1, help="processes for --verify")
    args = ap.parse_args(argv)
    # The commands timed run as an installed tool runs, from compiled bytecode: with PYTHONDONTWRITEBYTECODE
    # set (as on some CI machines) every run would compile the renderer's modules again (0.1-0.2 s).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if not args.corpus or not Path(args.corpus, "content").is_dir():
        print("set DOCS_CORPUS (or --corpus) to the corpus root", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="diff-bench-") as tmp:
        t = time.perf_counter()
        root = prepare(Path(args.corpus), Path(tmp))
        print(f"corpus copied and committed in {time.perf_counter() - t:.1f}s")
        edited = edit(root, args.reusable)
        print(f"edited {edited.relative_to(root)}")
        exe = Path(sys.executable).with_name("docs-renderer")
        report = Path(tmp) / "report" / "index.html"
        commands = {
            "--stat": ["--stat"],
            "--html --format markdown": ["--html", str(report), "--format", "markdown"],
        }
        for name, extra in commands.items():
            for i in range(args.runs):
                load = os.getloadavg()[0]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                done = subprocess.run([str(exe), "diff", "--base", "HEAD", *extra], cwd=root, capture_output=True)
                seconds = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                print(
                    f"run {i + 1}: docs-renderer diff --base HEAD {name}: exit {done.returncode}, "
                    f"{seconds:.2f}s wall, {cpu:.2f}s CPU (git included), load average {load:.1f} on "
                    f"{os.cpu_count()} CPUs"
                )
                if done.returncode == 2:
                    print(done.stderr.decode(), file=sys.stderr)
                    return 2
            if report.exists():
                print(f"  HTML report {report.stat().st_size / 1e6:.1f} MB, markdown summary {len(done.stdout)} bytes")
        result = diff_revisions(root, "HEAD")
        langs = sorted({c.lang for c in result.changes})
        print(
            f"API: {result.candidates} candidate page-versions, {result.rendered} renders, "
            f"{len(result.changes)} changed page-versions in {result.pages} pages ({', '.join(langs)}), "
            f"{result.seconds:.2f}s"
        )
        if args.verify:
            full = diff_revisions(root, "HEAD", jobs=args.jobs, exhaustive=True)
            found = {(c.lang, c.path, c.version) for c in result.changes}
            truth = {(c.lang, c.path, c.version) for c in full.changes}
            print(
                f"exhaustive: {len(truth)} changed of {full.candidates} page-versions ({full.seconds:.0f}s); "
                f"missed by the incremental diff: {len(truth - found)}, reported wrongly: {len(found - truth)}"
            )
            if found != truth:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
