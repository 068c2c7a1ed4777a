"""Build an octicon's `<svg>` element exactly as @primer/octicons 14.1.0 `toSVG(options)` wrote it.

Attribute order is the package's defaults (`version width height viewBox class aria-hidden`) with given
attributes overriding in place and new ones appended in the order given. A given `width` or `height` picks the
largest natural size not above it (else the smallest) and fills in the other side proportionally; a given
`class` is appended to the octicon classes; a given `aria-label` adds `role="img"` and drops `aria-hidden`.
"""

from __future__ import annotations

import re

from renderer.octicons import jsnum
from renderer.octicons.data import load_icons

DEFAULT_SIZE = 16
# Names the docs kept using after octicons renamed the icon (octicons 12 renamed trashcan to trash).
ALIASES = {"trashcan": "trash"}
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_:][-A-Za-z0-9_:.]*")


class UnknownOcticon(KeyError):
    """No icon of that name in the vendored octicons release."""


def _natural_height(heights: list[int], requested: str | int) -> int:
    target = requested if isinstance(requested, int) else jsnum.to_number(requested)
    chosen = heights[0]
    for height in heights:
        if height <= target:
            chosen = height
    return chosen


def _escape(value: str) -> str:
    # The reference never escaped (its tag syntax cannot produce these characters); escaping keeps
    # API callers from breaking the markup without changing anything the tag can produce.
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def render_octicon(name: str, attrs: dict[str, str] | None = None) -> str:
    """The `<svg>…</svg>` markup of octicon `name` with the given attributes (values as written in the tag)."""
    icons = load_icons()
    key = ALIASES.get(name, name)
    if key not in icons:
        raise UnknownOcticon(name)
    options = dict(attrs or {})
    for attribute in options:
        if not _ATTRIBUTE_NAME.fullmatch(attribute):
            raise ValueError(f"not an attribute name: {attribute!r}")
    heights = icons[key]
    height = _natural_height(list(heights), options.get("height") or options.get("width") or DEFAULT_SIZE)
    width, body = heights[height]

    merged: dict[str, str] = {
        "version": "1.1",
        "width": str(width),
        "height": str(height),
        "viewBox": f"0 0 {width} {height}",
        "class": f"octicon octicon-{key}",
        "aria-hidden": "true",
    }
    merged.update(options)
    given_width, given_height = options.get("width"), options.get("height")
    if given_width or given_height:
        merged["width"] = given_width or jsnum.to_string(jsnum.parse_int(given_height or "") * width / height)
        merged["height"] = given_height or jsnum.to_string(jsnum.parse_int(given_width or "") * height / width)
    if options.get("class"):
        merged["class"] = f"octicon octicon-{key} {options['class']}"
    if options.get("aria-label"):
        merged["role"] = "img"
        del merged["aria-hidden"]
    rendered = " ".join(f'{attribute}="{_escape(value)}"' for attribute, value in merged.items())
    return f"<svg {rendered}>{body}</svg>"
