"""The ``docs-renderer`` command line: one module per command under ``renderer/commands/``.

Each command module provides ``add_parser(subparsers)`` (its options, help and examples) and ``run(args) -> int``
(the exit status); this module only dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

from renderer import __version__, gc_policy
from renderer.config import discover_root
from renderer.diagnostics import print_diagnostic
from renderer.errors import DocsError

COMMANDS = ("build", "export", "serve", "diff", "check")


def add_common(p: argparse.ArgumentParser, *, selection: bool = True) -> None:
    """Options every command shares: where the docs are, and which page-versions to work on."""
    p.add_argument(
        "--root",
        type=Path,
        help="docs root holding content/ and data/ (default: the nearest folder upward with docs-renderer.yml "
        "or content/)",
    )
    p.add_argument("--config", type=Path, help="site configuration file (default: <root>/docs-renderer.yml)")
    if selection:
        p.add_argument("--lang", action="append", metavar="CODE", help="language code, repeatable (default: all)")
        p.add_argument("--version", dest="versions", action="append", metavar="V", help="version, repeatable")
        p.add_argument("--path", dest="paths", action="append", metavar="GLOB", help="page path glob, repeatable")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default: one per core)")


def _modules() -> dict[str, object]:
    found = {}
    for name in COMMANDS:
        try:
            found[name] = importlib.import_module(f"renderer.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"renderer.commands.{name}":
                raise
    return found


def parser(modules: dict[str, object] | None = None) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="docs-renderer", description="Render multi-version Markdown + Liquid docs.")
    ap.add_argument("-V", "--version", action="version", version=f"docs-renderer {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (modules or _modules()).values():
        module.add_parser(sub)  # type: ignore[attr-defined]
    return ap


def main(argv: list[str] | None = None) -> int:
    modules = _modules()
    args = parser(modules).parse_args(argv)
    gc_policy.for_batch_work()
    if hasattr(args, "root") and args.root is None:
        args.root = discover_root(Path.cwd())
    try:
        return modules[args.command].run(args)  # type: ignore[attr-defined]
    except DocsError as e:
        print_diagnostic(e, getattr(args, "root", Path(".")), sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`export | head`): stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception:  # noqa: BLE001 - a bug in the renderer: a short message, the details in a file
        with tempfile.NamedTemporaryFile("w", prefix="docs-renderer-crash-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        print(
            f"docs-renderer: internal error ({sys.exc_info()[1].__class__.__name__}); this is a bug, not your docs. "
            f"Details were written to {f.name}",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
