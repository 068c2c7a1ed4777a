"""``docs-renderer migrate short-versions``: rewrite the 2021 ``currentVersion`` conditions into the ``ifversion``
form, and prove that every page-version renders as before.

The rewrite is built in a copy of the docs root and compared, built file by built file, with a build of the
sources as they are; only when all are the same are the sources rewritten (``--dry-run``: never; the patch is
printed). Exit 0 when proved (and written), 1 when the proof failed (nothing written: the first built file
that would change is named), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
import time

from renderer.commands.options import add_common, add_jobs
from renderer.rewrite import migrate


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "migrate",
        help="rewrite version conditions into the ifversion form, proved to render the same",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: docs-renderer migrate short-versions --dry-run > migrate.patch",
    )
    add_common(p, selection=False)
    p.add_argument("what", choices=("short-versions",), help="the migration: short-versions")
    p.add_argument("--dry-run", action="store_true", help="print the patch (after its proof), write nothing")
    add_jobs(p)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    err = sys.stderr
    plan = migrate.plan(args.root, args.config)
    print(f"{len(plan.files)} files to rewrite, {plan.converted} conditions rewritten, {plan.names} front-matter "
          f"plan names shortened, {len(plan.kept)} version conditions kept as written", file=err)
    for rel, line, why in plan.kept:
        print(f"  {rel}:{line}: kept: {why}", file=err)
    if not plan.files:
        return 0
    if not migrate.prove(args.root, plan, args.config, args.jobs):
        print(f"docs-renderer migrate: the proof failed: {plan.first_difference} would change; nothing was written",
              file=err)
        return 1
    print(f"proof: {plan.proof} ({time.perf_counter() - started:.0f}s)", file=err)
    if args.dry_run:
        sys.stdout.write(plan.patch())
        return 0
    migrate.apply(args.root, plan)
    for rel in sorted(plan.files):
        print(f"rewrote {rel}", file=err)
    return 0
