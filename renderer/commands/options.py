"""The options several commands share, so each command adds them the same way (and no command imports the
dispatcher, ``cli.py``, which imports the commands)."""

from __future__ import annotations

import argparse
from pathlib import Path


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
