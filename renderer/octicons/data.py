"""Lazy, load-once access to the vendored @primer/octicons data (see scripts/vendor_octicons.py)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("octicons.json")

# height -> (natural width, SVG body), heights in ascending order.
Heights = dict[int, tuple[int, str]]


@functools.cache
def load_icons() -> dict[str, Heights]:
    """Every icon by name; the JSON is read on first use only."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        name: {int(h): (width, body) for h, (width, body) in sorted(heights.items(), key=lambda kv: int(kv[0]))}
        for name, heights in raw["icons"].items()
    }


@functools.cache
def package_version() -> str:
    """The @primer/octicons release the data came from."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["version"]
