"""``docs-renderer check``: report what is broken in the docs, without building them; exit 1 when anything is.

Checks front matter and versions, Liquid (syntax, data paths, variables, octicons, circular reusables), links
and anchors in every version and language, the children tree and redirects. Give files (as a pre-commit hook
does) to check only those and the pages they affect. Problems in translations are warnings: the renderer
serves English in their place; ``--strict`` makes them fail too. See docs/check.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from renderer.check import ERROR, KINDS, check_site
from renderer.check.report import write_json, write_text
from renderer.commands.options import add_common
from renderer.model.errors import storage_error
from renderer.model.site import Site


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="find broken links, Liquid, front matter, tree and redirects",
        description=__doc__,
        epilog="examples: docs-renderer check --root docs | docs-renderer check --format json content/a.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p, selection=False)
    p.add_argument("files", nargs="*", type=Path, help="only these files (and the pages they affect)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.add_argument("--no-links", dest="links", action="store_false", help="skip links and anchors (no rendering)")
    p.add_argument("--only", type=_kinds, action="extend", metavar="KIND[,KIND…]",
                   help="report only these kinds of finding (repeatable; see docs/check.md)")
    p.add_argument("--skip", type=_kinds, action="extend", metavar="KIND[,KIND…]",
                   help="do not report these kinds (repeatable)")


def _kinds(text: str) -> list[str]:
    """``link,anchor`` -> the kinds; an unknown one is an argument error listing the kinds there are."""
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"unknown kind {', '.join(unknown) or repr(text)}; kinds: {', '.join(KINDS)}")
    return kinds


def run(args: argparse.Namespace) -> int:
    # A bug of ours is turned into a short message and a details file by renderer.cli.main, as for every command.
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    site = Site(args.root, config_file=args.config)
    files = [_relative(f, site.root) for f in args.files] if args.files else None
    kinds = set(args.only or KINDS) - set(args.skip or ())
    findings = check_site(site, files, links=args.links, kinds=kinds)
    seconds = time.perf_counter() - started
    status = 1 if any(args.strict or f.severity == ERROR for f in findings) else 0
    try:
        if args.format == "json":
            write_json(findings, sys.stdout, seconds=seconds)
        else:
            write_text(findings, sys.stdout, quiet=args.quiet, seconds=seconds)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (``| head``): not an error of ours; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as e:  # ``> report.json`` on a full disk: say which file it was (a write has no name)
        error = storage_error(e, "standard output")
        if error is None:
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left unwritten stays so
        raise error from e
    return status


def _relative(path: Path, root: Path) -> str:
    """A file argument as a docs-root-relative path (it may be given relative to the current folder)."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return os.path.relpath(absolute.resolve(), root.resolve()).replace(os.sep, "/")
    except ValueError:
        return path.as_posix()
