"""Load a YAML file's value within the node budget, with aliases kept shared.

YAML aliases let a small file stand for an enormous value: nine lines of ``b: &b [*a, *a, ...]`` are 387 million
items (a "billion laughs"). PyYAML builds each anchored value once and every alias refers to it, which costs
nothing; what cost memory was copying the value (to wrap its strings) as though each alias were its own copy. So
the value is converted once per distinct node, aliases keep pointing at one converted node, and the value's size
with every alias counted as what it stands for (what anyone iterating or printing it would meet) is checked
against ``Limits.yaml_nodes`` before the value is handed out. A value that contains itself is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from renderer.model.limits import BudgetError, hint_for


def load_yaml(text: str, filename: str, max_nodes: int, convert_str: Callable[[str], Any] | None = None) -> Any:
    """The YAML value of ``text``, each string passed through ``convert_str``; mapping keys become strings.

    yaml.YAMLError is left to the caller (which knows how to point into its file); BudgetError is raised, naming
    ``filename``, when the value has more than ``max_nodes`` nodes, aliases expanded.
    """
    value = yaml.load(text, Loader=yaml.CSafeLoader)
    if not isinstance(value, (dict, list)):
        return convert_str(value) if convert_str is not None and isinstance(value, str) else value
    converted, size = _convert(value, filename, max_nodes, convert_str)
    return converted


def _convert(root: Any, filename: str, max_nodes: int, convert_str: Callable[[str], Any] | None) -> tuple[Any, int]:
    """Convert every distinct mapping and list once, children first (without recursion: libyaml allows a
    thousand levels); return the converted root and its size, aliases expanded."""
    done: dict[int, tuple[Any, int]] = {}  # id of a mapping or list -> (converted, size)
    started: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if not children_done:
            if key in done:
                continue
            if key in started:  # met again while its own children are being converted: it contains itself
                raise BudgetError(
                    "a YAML value contains itself (an alias inside its own anchor)",
                    filename,
                    hint="write the value out instead of referring to it from inside",
                )
            started.add(key)
            stack.append((node, True))
            children = node.values() if isinstance(node, dict) else node
            stack.extend((c, False) for c in children if isinstance(c, (dict, list)) and id(c) not in done)
            continue
        size = 1
        if isinstance(node, dict):
            out: Any = {}
            for k, v in node.items():
                v, n = _child(v, done, convert_str)
                out[str(k)] = v
                size += 1 + n
        else:
            out = []
            for v in node:
                v, n = _child(v, done, convert_str)
                out.append(v)
                size += n
        if size > max_nodes:
            raise BudgetError(
                f"YAML value too large: one value is {size:,} nodes once its aliases are expanded, more than the "
                f"{max_nodes:,} a YAML file may have (an alias bomb?)",
                filename,
                hint="write fewer values, or refer to large anchors less often, or " + hint_for("yaml_nodes"),
            )
        done[key] = (out, size)
    return done[id(root)]


def _child(value: Any, done: dict[int, tuple[Any, int]], convert_str: Callable[[str], Any] | None) -> tuple[Any, int]:
    if isinstance(value, (dict, list)):
        converted = done.get(id(value))
        if converted is None:  # an ancestor: only a value that contains itself gets here
            raise AssertionError("a container converted before its children")
        return converted
    if convert_str is not None and isinstance(value, str):
        return convert_str(value), 1
    return value, 1
