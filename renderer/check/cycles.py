"""Circular reusables: data values that, through ``{% data %}``, end up including themselves.

The renderer stops such a loop at render time; this finds it without rendering and names the whole chain,
reported at the ``{% data %}`` tag that closes it.
"""

from __future__ import annotations

from renderer.check.context import CheckContext, Parsed
from renderer.check.findings import Finding
from renderer.check.liquid import static_keys
from renderer.liquid import nodes as n

Node = tuple[str, str]  # (file, dotted data path)


def check(ctx: CheckContext, texts: list[Parsed]) -> list[Finding]:
    by_node: dict[Node, Parsed] = {(p.file, p.data_path): p for p in texts if p.data_path and p.nodes is not None}
    edges: dict[Node, list[tuple[Node, int]]] = {}
    for node, parsed in by_node.items():
        lang = ctx.language_of(parsed.file)
        out = []
        for item in parsed.flat:
            if isinstance(item, n.Data):
                keys = static_keys(item.path)
                if not keys:
                    continue
                value, _ = ctx.lookup(lang, tuple(keys))
                filename = getattr(value, "filename", None)
                if filename:
                    out.append(((filename, ".".join(keys)), item.offset))
        edges[node] = out
    findings: list[Finding] = []
    reported: set[frozenset[Node]] = set()
    state: dict[Node, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if state.get(start):
            continue
        path: list[Node] = [start]
        iters = [iter(edges.get(start, ()))]
        state[start] = 1
        while iters:
            step = next(iters[-1], None)
            if step is None:
                state[path.pop()] = 2
                iters.pop()
                continue
            target, offset = step
            if state.get(target) == 1:
                cycle = path[path.index(target):]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    findings.append(_finding(ctx, by_node[path[-1]], offset, cycle + [target]))
            elif not state.get(target) and target in edges:
                state[target] = 1
                path.append(target)
                iters.append(iter(edges[target]))
    return findings


def _finding(ctx: CheckContext, parsed: Parsed, offset: int, chain: list[Node]) -> Finding:
    line, column = parsed.position(offset)
    names = " -> ".join(path for _, path in chain)
    what = "includes itself" if len(chain) == 2 else "is part of a loop of reusables"
    return ctx.finding("reusable-cycle", f"{chain[0][1]} {what}: {names}", parsed.file, line, column,
                       "remove the {% data %} tag that closes the loop; a reusable cannot contain itself")
