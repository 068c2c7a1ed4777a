"""Where each key and list item of a YAML document is written, so a problem in a value can name its line.

The value is loaded elsewhere (``yaml_load.py``); this reads the same text's node tree, which keeps positions,
and maps each path (``("plans", 1, "title")``) to the 1-based line and column where it starts: a mapping
entry at its key, a list item at the item.
"""

from __future__ import annotations

import yaml

Path = tuple[str | int, ...]


def positions(text: str) -> dict[Path, tuple[int, int]]:
    """Every path of the document to its (line, column); empty when the text does not parse."""
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[Path, tuple[int, int]] = {}
    stack: list[tuple[Path, yaml.Node]] = [((), root)] if root is not None else []
    seen: set[int] = set()
    while stack:
        path, node = stack.pop()
        if id(node) in seen:  # an alias: its positions are the anchor's, already recorded
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*path, str(key.value))
                out.setdefault(child, (key.start_mark.line + 1, key.start_mark.column + 1))
                stack.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                child = (*path, i)
                out.setdefault(child, (item.start_mark.line + 1, item.start_mark.column + 1))
                stack.append((child, item))
    return out


def nearest(where: dict[Path, tuple[int, int]], path: Path) -> tuple[int | None, int | None]:
    """The position of ``path``, or of its nearest written ancestor (a missing key is reported at its item)."""
    while path:
        if path in where:
            return where[path]
        path = path[:-1]
    return None, None
