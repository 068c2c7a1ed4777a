"""``docs-renderer build``: the static site a reader navigates, in every language and version.

Writes one ``index.html`` a page-version at its URL (laid out with sidebar, pickers, breadcrumbs, ...), a
"not available in this version" page at the page's URL in each version it does not exist in, a redirect page
at each old URL of ``redirect_from``, ``/404.html``, ``/sitemap.xml``, a search index per language and version
(``/search/<lang>/<version>.json``), the site's CSS and JavaScript (``/static/``) and the docs root's
``assets/``. Output is deterministic: the same input gives byte-identical files.

The site is written to a fresh folder beside ``--out`` and swapped in at the end, so a failed or interrupted
build leaves the previous site as it was. A second build reuses the first (cache folder beside the output):
with no change it does nothing; after an edit it builds again only the page-versions that read the edited file.
``--shard K/N`` builds a deterministic K-th of the pages (for a CI matrix); ``--merge`` joins the parts.

Because the build replaces ``--out`` whole, it refuses (exit 2, nothing touched) an ``--out`` that is the docs
root or holds it, lies inside a source folder (content/, data/, assets/, templates/, translations/), or is a
non-empty folder that a build did not make (each built site carries a ``.docs-renderer-site`` marker file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from renderer.build.builder import Builder, Options, parse_shard
from renderer.build.output import check_output
from renderer.commands.options import add_common, add_jobs
from renderer.console.progress import Progress, progress_enabled
from renderer.console.report import Summary
from renderer.model.site import Site


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="write the static site",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  docs-renderer build --out _site --base-url https://docs.example.com\n"
        "  docs-renderer build --shard 1/2 --out part1 && docs-renderer build --shard 2/2 --out part2\n"
        "  docs-renderer build --merge part1 part2 --out _site",
    )
    add_common(p)
    add_jobs(p)
    p.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")
    p.add_argument("--base-url", default="", help="the site's address, for absolute URLs in sitemap.xml")
    p.add_argument("--cache", type=Path, help="incremental build cache (default: .<out>.cache beside --out)")
    p.add_argument("--no-cache", action="store_true", help="build everything, and keep no cache")
    p.add_argument("--shard", metavar="K/N", help="build only the K-th of N deterministic parts of the pages")
    p.add_argument("--merge", type=Path, nargs="+", metavar="PART", help="join shard folders into --out")


def run(args: argparse.Namespace) -> int:
    site = Site(args.root, config_file=args.config, unchanging=True)
    out = Path(args.out).resolve()
    # before anything is read or made beside it (the cache folder): --out may name the sources themselves
    check_output(out, site.root, (lang.dir for lang in site.config.languages))
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        print(f"docs-renderer: error: {e}", file=sys.stderr)
        return 2
    cache = None if args.no_cache or shard or args.merge else args.cache or out.with_name(f".{out.name}.cache")
    options = Options(args.lang, args.versions, args.paths, args.base_url, args.jobs, cache, shard)
    summary = Summary()
    with Progress(None, "build", enabled=progress_enabled(sys.stderr, quiet=args.quiet)) as bar:
        builder = Builder(site, options, progress=lambda outcome: bar.advance(), planned=bar.set_total)
        result = builder.merge(args.merge, out) if args.merge else builder.build(out)
    for outcome in result.outcomes:
        summary.add(outcome)
    for report in result.reused.values():
        summary.add_reused(report)
    summary.add_site_problems([*site.config.warnings, *site.problems])
    # -q: errors only, for scripts and CI logs; the table and what was written are for people watching
    summary.print(sys.stderr, quiet=args.quiet, root=site.root, table=not args.quiet)
    if not args.quiet:
        print(_describe(result), file=sys.stderr)
        print(f"site written to {out}", file=sys.stderr)
    return 1 if summary.errors else 0


def _describe(result) -> str:
    c = result.counts
    if result.mode == "unchanged":
        return "nothing changed since the last build: the site is up to date"
    if result.mode == "incremental" and "redirects" not in c:
        return f"incremental build: {c.get('pages', 0)} page-versions built again, the rest reused"
    if result.mode == "shard":
        return f"shard: {c.get('pages', 0)} pages (join the parts with --merge)"
    return (
        f"{c.get('pages', 0)} pages, {c.get('stubs', 0)} not-available pages, {c.get('redirects', 0)} redirects "
        f"({c.get('conflicts', 0)} old URLs claimed twice), {c.get('indexes', 0)} search indexes"
    )
