"""``docs-renderer retire VERSION``: take a release out of the site (``enterprise-server@2.21``, the plan's
oldest): configuration, front-matter ranges and every version condition rewritten, proved to leave every other
page-version as it renders now (the plan's next release included) before anything is written.

``--dry-run`` prints the patch and writes nothing. Exit 0 when proved (and written), 1 when the proof failed
(nothing written; the first page-version that would change is named), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time

from renderer.commands.options import add_common, add_jobs
from renderer.model.errors import DocsError
from renderer.rewrite import retire


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "retire",
        help="take a release out of the site, its conditions rewritten, proved to change nothing else",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: docs-renderer retire enterprise-server@2.21 --dry-run > retire.patch",
    )
    add_common(p, selection=False)
    p.add_argument("version", help="the release to retire: PLAN@RELEASE, the plan's oldest")
    p.add_argument("--dry-run", action="store_true", help="print the patch (after its proof), write nothing")
    add_jobs(p)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    err = sys.stderr
    try:
        plan, after = retire.plan(args.root, args.version, args.config)
    except ValueError as e:
        raise DocsError(str(e), hint="docs-renderer config shows the plans and their releases") from None
    print(
        f"{len(plan.files)} files to rewrite: {plan.removed} conditions removed, {plan.rewritten} rewritten, "
        f"{plan.ranges} front-matter ranges simplified, {len(plan.kept)} conditions kept as written",
        file=err,
    )
    for rel, line, why in plan.kept:
        print(f"  {rel}:{line}: kept: {why}", file=err)
    for rel in plan.left_plan:
        print(f"  {rel}: its range held for {args.version} only: the plan is removed from its versions", file=err)
    if not retire.prove(args.root, plan, after, args.config, args.jobs):
        print(f"docs-renderer retire: the proof failed: {plan.first_difference} would change; nothing was written",
              file=err)
        return 1
    print(f"proof: {plan.proof} ({time.perf_counter() - started:.0f}s)", file=err)
    if args.dry_run:
        for rel, (old, new) in sorted(plan.files.items()):
            sys.stdout.writelines(
                difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{rel}", f"b/{rel}")
            )
        return 0
    retire.apply(args.root, plan)
    for rel in sorted(plan.files):
        print(f"rewrote {rel}", file=err)
    return 0
