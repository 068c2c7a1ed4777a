"""``docs-renderer diff``: what each version's readers will see change.

Between two git revisions (``--base REV [--head REV]``, the head defaulting to the working tree with its
uncommitted edits), it renders every page-version-language whose output can differ and reports those that do.
With ``--versions A B [PATH...]`` it compares, for the same pages, what readers of version A and of version B
see. Exit status as ``git diff --exit-code``: 0 nothing differs, 1 something differs, 2 the diff could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from renderer.commands.options import add_common
from renderer.console.progress import Progress, progress_enabled
from renderer.diff import json_format, markdown_format, terminal
from renderer.diff.engine import diff_revisions, diff_versions
from renderer.diff.model import DiffResult
from renderer.diff.report_html import render_report
from renderer.layout.document import static_files
from renderer.model.errors import DocsError, storage_error
from renderer.model.selection import Selection
from renderer.model.site import Site
from renderer.workers import default_workers

EXAMPLES = """examples:
  docs-renderer diff --base main                      # working tree (uncommitted edits too) against where it
                                                      # branched from main, as a pull request shows it
  docs-renderer diff --base origin/main --head HEAD --html report.html --format json > diff.json
  docs-renderer diff --base origin/main --html report/index.html --format markdown \
      --report-url https://example.org/report/ >> "$GITHUB_STEP_SUMMARY"
  docs-renderer diff --versions free-pro-team@latest enterprise-server@2.22 pipelines/quickstart.md
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="what each version's readers will see change (between revisions, or between versions)",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p)
    p.add_argument(
        "--base", metavar="REV", help="compare with the merge base of REV and the head (as a pull request does)"
    )
    p.add_argument("--base-exact", action="store_true", help="compare with REV itself, not with the merge base")
    p.add_argument("--head", metavar="REV", help="the revision to compare (default: the working tree)")
    p.add_argument(
        "--versions", dest="compare", nargs=2, metavar=("A", "B"), help="compare two versions of the same pages"
    )
    p.add_argument("pages", nargs="*", metavar="PATH", help="only these pages (a/b.md, a/b, or globs)")
    p.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="standard output format (markdown: a summary for a pull-request comment or a job summary)",
    )
    p.add_argument("--html", type=Path, metavar="FILE", help="also write a self-contained side-by-side report")
    p.add_argument("--site-url", default="", metavar="URL", help="prefix for links to built pages in the report")
    p.add_argument(
        "--report-url", default="", metavar="URL", help="where the HTML report is published: the markdown links to it"
    )
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output")
    p.add_argument("--stat", action="store_true", help="list what changed, without the text diffs")
    p.add_argument(
        "--exhaustive", action="store_true", help="render every page-version on both sides (slow; a cross-check)"
    )
    p.add_argument(
        "-j", "--jobs", type=int, default=default_workers(), metavar="N", help="render on N processes (default: CPUs)"
    )


def run(args: argparse.Namespace) -> int:
    if bool(args.base) == bool(args.compare):
        print("docs-renderer diff: error: give either --base REV or --versions A B", file=sys.stderr)
        return 2
    if (args.head or args.base_exact) and not args.base:
        print("docs-renderer diff: error: --head and --base-exact need --base", file=sys.stderr)
        return 2
    try:
        result = _diff(args)
        try:
            _output(result, args)
        except BrokenPipeError:  # `| head`: the reader has seen enough; the status still says what was found
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except DocsError:
        raise  # the command line prints it and exits with 2 (74 for a disk that refused)
    except OSError as e:
        error = storage_error(e, args.html)  # writing --html to a full or read-only disk: not a bug of ours
        if error is None:
            return _internal(e, args)
        raise error from e
    except Exception as e:  # noqa: BLE001 - an internal failure must not read as "changes found" (1)
        return _internal(e, args)
    return 1 if result.changes else 0


def _internal(e: BaseException, args: argparse.Namespace) -> int:
    if args.verbose:
        traceback.print_exc()
    print(f"docs-renderer diff: internal error: {type(e).__name__}: {e}", file=sys.stderr)
    return 2


def _diff(args: argparse.Namespace) -> DiffResult:
    selection = Selection(args.lang, args.versions, [*(args.paths or ()), *args.pages])
    with Progress(None, "diff", enabled=progress_enabled(sys.stderr, quiet=args.quiet)) as bar:
        if args.base:
            return diff_revisions(
                args.root,
                args.base,
                args.head,
                selection,
                args.config,
                args.jobs,
                args.exhaustive,
                progress=bar,
                exact=args.base_exact,
            )
        site = Site(args.root, config_file=args.config)
        return diff_versions(site, args.compare[0], args.compare[1], selection, args.jobs, progress=bar)


def _output(result: DiffResult, args: argparse.Namespace) -> None:
    if args.html:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        css = static_files(Path(args.root))["site.css"].read_text(encoding="utf-8")
        args.html.write_text(render_report(result, args.site_url, css, args.jobs), encoding="utf-8")
    if args.format == "json":
        json_format.write(result, sys.stdout)
    elif args.format == "markdown":
        markdown_format.write(result, sys.stdout, args.report_url)
    elif not args.quiet:
        terminal.write(result, sys.stdout, colour=terminal.use_colour(sys.stdout, args.color), stat=args.stat)
