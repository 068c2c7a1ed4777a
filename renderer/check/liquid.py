"""Liquid: syntax errors, ``{% data %}`` paths that point at nothing, undefined variables, unknown octicons.

All of it from node trees, without rendering: a data path is checked when every key in it is written out
(``reusables.a.b``, ``variables.x[0]``), a variable when nothing in the site ever defines its name (pages and
reusables share one scope, so a name assigned anywhere counts as defined).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from renderer.check.context import CheckContext, Parsed
from renderer.check.findings import Finding
from renderer.liquid import nodes as n
from renderer.liquid.runtime import MISSING, getitem
from renderer.octicons import render_octicon
from renderer.page.version_globals import ALIASES
from renderer.page.version_globals import names as version_names

# What the renderer puts in every page's context (renderer/page/render.py) besides the version's names
# (version_globals.py, which depend on the site's plans), and the loop objects Liquid makes.
GLOBALS = frozenset("currentPath page site forloop tablerowloop".split())
# What the reference site's code put in the context of particular pages (REST and GraphQL references, webhook
# payloads, release notes, guides layouts); that code is not part of a docs root, so these are not typos.
SITE_CODE_CONTEXT = frozenset(
    "currentRestOperations webhookPayloadsForCurrentVersion graphql rest productMap currentProduct latestPatch "
    "latestRelease".split()
)


def known(ctx: CheckContext) -> frozenset[str]:
    return GLOBALS | SITE_CODE_CONTEXT | version_names(ctx.site.config)

_DEFINES = re.compile(r"{%-?\s*(?:assign|capture|for|tablerow|increment|decrement)\s+([A-Za-z_][\w-]*)")


def check(ctx: CheckContext, texts: list[Parsed], defined: set[str]) -> list[Finding]:
    out: list[Finding] = []
    names = known(ctx)
    for parsed in texts:
        if parsed.error is not None:
            out.append(_syntax(ctx, parsed))
            continue
        lang = ctx.language_of(parsed.file)
        for node in parsed.flat:
            if isinstance(node, n.Data):
                out.extend(_data(ctx, parsed, lang, node.path, node.offset))
            elif isinstance(node, n.Output):
                expr = node.expr.expr if isinstance(node.expr, n.Filtered) else node.expr
                if isinstance(expr, n.Path) and expr.root == "site" and expr.keys[:1] == ["data"]:
                    out.extend(_data(ctx, parsed, lang, expr, expr.offset))
            elif isinstance(node, n.Path) and isinstance(node.root, str) and node.root not in names:
                if node.root not in defined:
                    out.append(_undefined(ctx, parsed, node, defined))
            elif isinstance(node, n.Octicon):
                out.extend(_octicon(ctx, parsed, node))
    return out


def defined_names(ctx: CheckContext, files: list[str]) -> set[str]:
    """Every variable name some file defines (assign, capture, for, tablerow, increment, decrement).

    Read with a pattern rather than a parse, so that checking one file does not mean parsing every page.
    """
    names: set[str] = set()
    for relfile in files:
        text = "\n".join(ctx.lines(relfile))
        if "{%" in text:
            names.update(m.group(1) for m in _DEFINES.finditer(text))
    return names


def static_keys(path: n.Path) -> list[str] | None:
    """The keys after ``site.data`` when all are written out, else None."""
    keys = path.keys[1:]
    if all(isinstance(k, (str, int)) for k in keys):
        return [str(k) for k in keys]
    return None


def resolve(view: Any, keys: list[str]) -> tuple[Any, int]:
    """The value at ``keys`` under a data view, and how many keys were found before it went missing."""
    value = view
    for i, key in enumerate(keys):
        nxt = getitem(value, int(key) if key.lstrip("-").isdigit() and isinstance(value, list) else key)
        if nxt is MISSING or nxt is None:
            return MISSING, i
        value = nxt
    return value, len(keys)


def _syntax(ctx: CheckContext, parsed: Parsed) -> Finding:
    e = parsed.error
    assert e is not None
    column = e.column + (parsed.column - 1 if e.line == parsed.line else 0)
    return ctx.finding("liquid-syntax", e.message, parsed.file, max(1, e.line), max(1, column),
                       "close every block tag ({% if %}...{% endif %}) and check the tag's spelling")


def _data(ctx: CheckContext, parsed: Parsed, lang: Any, path: n.Path, offset: int) -> list[Finding]:
    keys = static_keys(path)
    if not keys:
        return []
    value, found = ctx.lookup(lang, tuple(keys))
    if value is not MISSING:
        return []
    parent, _ = ctx.lookup(lang, tuple(keys[:found]))
    choices = [str(k) for k in parent] if hasattr(parent, "__iter__") and not isinstance(parent, str) else []
    close = difflib.get_close_matches(keys[found], choices, n=1)
    hint = f"did you mean {'.'.join(keys[:found] + close[:1])}?" if close else (
        f"no {keys[found]!r} under {'.'.join(keys[:found]) or 'site.data'}: create it or fix the path"
    )
    line, column = parsed.position(offset)
    return [ctx.finding("data-path", f"unknown data path '{'.'.join(keys)}'", parsed.file, line, column, hint)]


def _undefined(ctx: CheckContext, parsed: Parsed, node: n.Path, defined: set[str]) -> Finding:
    line, column = parsed.position(node.offset)
    generic = ALIASES.get(str(node.root))
    close = difflib.get_close_matches(str(node.root), sorted(known(ctx) | defined), n=1)
    if generic:  # GitHub's name, on a site whose numbered plan is not GitHub's
        hint = f"this site's plans are its own: use {generic!r} (docs/content-format.md)"
    else:
        hint = f"did you mean {close[0]!r}?" if close else "assign it first, or check the spelling"
    return ctx.finding("undefined-variable", f"undefined variable '{node.root}'", parsed.file, line, column, hint)


def _octicon(ctx: CheckContext, parsed: Parsed, node: n.Octicon) -> list[Finding]:
    name = "trash" if node.name == "trashcan" else node.name
    try:
        render_octicon(name, {})
    except KeyError:
        line, column = parsed.position(node.offset)
        return [ctx.finding("octicon", f"unknown octicon '{node.name}'", parsed.file, line, column,
                            "see https://primer.style/octicons for the names of @primer/octicons 14.1.0")]
    return []
