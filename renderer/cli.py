"""The ``docs-renderer`` command line: parses arguments and hands over to one module per command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from renderer import __version__
from renderer.errors import DocsError

EXAMPLES = {
    "export": "docs-renderer export --root ../shared/corpus/github-docs-2021-06 --lang en > en.jsonl",
    "build": "docs-renderer build --out _site",
}


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="docs root holding content/ and data/ (default: .)")
    p.add_argument("--config", type=Path, help="site configuration file (default: <root>/docs-renderer.yml)")
    p.add_argument("--lang", action="append", metavar="CODE", help="language code, repeatable (default: all)")
    p.add_argument("--version", dest="versions", action="append", metavar="V", help="version, repeatable")
    p.add_argument("--path", dest="paths", action="append", metavar="GLOB", help="page path glob, repeatable")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="docs-renderer", description="Render multi-version Markdown + Liquid docs.")
    ap.add_argument("-V", "--version", action="version", version=f"docs-renderer {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    exp = sub.add_parser(
        "export",
        help="write every page-version as JSON Lines to standard output",
        epilog=f"example: {EXAMPLES['export']}",
    )
    _common(exp)
    build = sub.add_parser("build", help="write the static site", epilog=f"example: {EXAMPLES['build']}")
    _common(build)
    build.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "export":
            from renderer.commands.export import run
        else:
            from renderer.commands.build import run
        return run(args)
    except DocsError as e:
        print(f"docs-renderer: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
