"""Single-process speed on the corpus: the markdown-it-py floor against our full export, in one run.

    python benchmarks/corpus_speed.py [--root CORPUS] [--lang en] [--limit N]

Prints: page-versions, the floor (plain markdown-it-py parse+render of each served page's raw source, once a page),
our export (every page-version: Liquid, Markdown, rules, HTML), mean ms per page-version, the ratio of ours to the
floor, start-up (site load) time and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from markdown_it import MarkdownIt  # noqa: E402

from renderer import gc_policy  # noqa: E402
from renderer.model.selection import select  # noqa: E402
from renderer.model.site import Site  # noqa: E402
from renderer.page.render import Renderer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.environ.get("DOCS_CORPUS", "../shared/corpus/github-docs-2021-06"))
    ap.add_argument("--lang", default="en")
    ap.add_argument("--limit", type=int, default=0, help="only the first N page-versions")
    args = ap.parse_args()

    gc_policy.for_batch_work()  # as the command line does
    t0 = time.perf_counter()
    site = Site(Path(args.root))
    renderer = Renderer(site)
    jobs = list(select(site, [args.lang]))
    startup = time.perf_counter() - t0
    if args.limit:
        jobs = jobs[: args.limit]
    pages = list({id(p): p for p, _ in jobs}.values())

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    t = time.perf_counter()
    for page in pages:
        md.render(page.source.doc.body if page.source.doc else "")
    floor = (time.perf_counter() - t) / len(pages) * 1000

    t = time.perf_counter()
    errors = 0
    for page, version in jobs:
        errors += renderer.render(page, version).error is not None
    ours = (time.perf_counter() - t) / len(jobs) * 1000

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages: {len(pages)}  page-versions: {len(jobs)}  errors: {errors}")
    print(f"floor (markdown-it-py raw parse+render): {floor:.2f} ms/page")
    print(f"ours (full export): {ours:.2f} ms/page-version  total {ours * len(jobs) / 1000:.1f} s")
    print(f"ratio ours/floor: {ours / floor:.2f}")
    print(f"start-up (site load): {startup:.2f} s")
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
