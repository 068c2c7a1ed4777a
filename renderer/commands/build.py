"""``docs-renderer build``: the static site, one ``index.html`` a page-version at its URL.

The site is written to a fresh folder beside ``--out`` and swapped in at the end, so a failed or interrupted
build leaves the previous site as it was.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from renderer.cli import add_common
from renderer.jobs import select
from renderer.layout import Layout
from renderer.render import Renderer
from renderer.report import Summary
from renderer.site import Site


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="write the static site",
        description=__doc__,
        epilog="example: docs-renderer build --out _site",
    )
    add_common(p)
    p.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")


def run(args: argparse.Namespace) -> int:
    site = Site(args.root, config_file=args.config)
    renderer = Renderer(site)
    layout = Layout(site)
    summary = Summary()
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for page, version in select(site, args.lang, args.versions, args.paths):
            result = renderer.render(page, version)
            summary.add(result)
            if result.error:
                continue
            html = layout.document(page, result)
            target = staging / result.href.lstrip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary.print(sys.stderr, quiet=args.quiet)
    print(f"site written to {out}", file=sys.stderr)
    return 1 if summary.errors else 0


def _swap(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``; the old site is removed only once the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
    staging.rename(out)
    if old:
        shutil.rmtree(old, ignore_errors=True)
