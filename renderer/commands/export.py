"""``docs-renderer export``: every selected page-version as one JSON line on standard output."""

from __future__ import annotations

import argparse
import json
import sys

from renderer import workers
from renderer.commands.options import add_common, add_jobs
from renderer.console.progress import Progress, progress_enabled
from renderer.console.report import Summary
from renderer.model.selection import select
from renderer.model.site import Site
from renderer.page.render import ANCHOR_MODES, Rendered, Renderer


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write every page-version as JSON Lines to standard output",
        description=__doc__,
        epilog="example: docs-renderer export --root ../shared/corpus/github-docs-2021-06 --lang en > en.jsonl",
    )
    add_common(p)
    add_jobs(p)
    p.add_argument(
        "--anchors",
        choices=ANCHOR_MODES,
        default="english",
        help="heading ids of translated pages: english (default) or reference (as GitHub's 2021 renderer)",
    )


def run(args: argparse.Namespace) -> int:
    site = Site(args.root, config_file=args.config, unchanging=True)
    renderer = Renderer(site, anchors=args.anchors)
    summary = Summary()
    out = sys.stdout
    jobs = [(p.lang.code, p.path, v) for p, v in select(site, args.lang, args.versions, args.paths)]

    def work(job: tuple[str, str, str]) -> Rendered:
        lang, path, version = job
        return renderer.render(site.page(lang, path), version)

    with Progress(len(jobs), "export", enabled=progress_enabled(sys.stderr, quiet=args.quiet)) as bar:
        for result in workers.run(jobs, work, args.jobs, group=lambda job: job[:2]):
            out.write(json.dumps(result.row(), ensure_ascii=False) + "\n")
            summary.add(result)
            bar.advance()
    summary.add_site_problems(site.problems)
    summary.print(sys.stderr, quiet=args.quiet, root=site.root)
    return 1 if summary.errors else 0
