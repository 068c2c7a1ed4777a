"""``docs-renderer config``: the configuration a command run here would use, every default filled in.

Prints the plans, languages and limits as YAML (or JSON), each top-level key with a comment saying where it
came from: the docs root's ``docs-renderer.yml`` (or ``--config FILE``), or the built-in defaults. Warnings
about the configuration (a plan without a title) go to standard error, with file and line. Nothing is
rendered; the docs root need not have content yet. See docs/configuration.md for what each key means.
"""

from __future__ import annotations

import argparse
import json
import sys

import yaml

from renderer.commands.options import add_common
from renderer.console.diagnostics import print_diagnostic
from renderer.model.config import effective, load_config


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "config",
        help="print the effective configuration (defaults merged)",
        description=__doc__,
        epilog="examples: docs-renderer config | docs-renderer config --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p, selection=False)
    p.add_argument("--format", choices=("yaml", "json"), default="yaml", help="output format (default: yaml)")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root, args.config)
    for warning in config.warnings:
        print_diagnostic(warning, args.root, sys.stderr)
    values = effective(config)
    if args.format == "json":
        json.dump({"source": config.source, "origins": config.origins, **values}, sys.stdout, ensure_ascii=False,
                  indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"# The configuration of {args.root}, as every command uses it (docs/configuration.md).")
    for key, value in values.items():
        print(f"\n# {key}: {config.origins[key]}")
        flow = None if key != "limits" else False  # lists of releases on one line; one limit a line
        text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=100)
        sys.stdout.write(text)
    return 0
