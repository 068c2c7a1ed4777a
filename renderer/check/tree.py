"""The page tree: ``children:`` entries with no file behind them, and pages no ``children:`` list reaches.

A child ``/name`` of ``a/index.md`` is ``a/name/index.md`` or ``a/name.md`` (as ``Site`` resolves it).
Translations follow the English tree, so a translated file whose English page is not served is never served.
"""

from __future__ import annotations

import os

from renderer.check.context import CheckContext
from renderer.check.findings import Finding


def check(ctx: CheckContext, files: set[str] | None = None) -> list[Finding]:
    """Findings for the whole tree; ``files`` narrows which files' findings are kept."""
    config = ctx.site.config
    english = config.source_language
    served = {p.path for p in ctx.site.pages(english)}
    out: list[Finding] = []
    for relfile in ctx.content_files(english):
        if files is not None and relfile not in files:
            continue
        path = relfile[len("content/") :]
        if path not in served:
            out.append(ctx.finding("unreachable", "no children: list reaches this page, so it is never served",
                                   relfile, 1, 1, f"add it to the children: of {_parent_index(path)}"))
        out.extend(_children(ctx, relfile, path))
    for lang in config.languages:
        if lang.is_source:
            continue
        prefix = ctx.site.content_dir(lang) + "/"
        for relfile in ctx.content_files(lang):
            if files is not None and relfile not in files:
                continue
            path = relfile[len(prefix) :]
            if path not in served and not (ctx.root / "content" / path).is_file():
                out.append(ctx.finding("unreachable", f"translates content/{path}, which does not exist",
                                       relfile, 1, 1, "move or delete it to match the English tree"))
    return out


def _parent_index(path: str) -> str:
    folder = os.path.dirname(path)
    if path.endswith("/index.md"):
        folder = os.path.dirname(folder)
    return f"content/{folder}/index.md" if folder else "content/index.md"


def _children(ctx: CheckContext, relfile: str, path: str) -> list[Finding]:
    src = ctx.source(relfile)
    if src is None or src.doc is None or "children" not in src.doc.meta:
        return []
    raw = src.doc.meta["children"]
    line, column = ctx.front_matter_position(relfile, "children")
    if not isinstance(raw, list):
        return [ctx.finding("children", "children: must be a list of paths", relfile, line, column)]
    folder = os.path.dirname(path)
    out = []
    for child in raw:
        if not isinstance(child, str) or not child.strip("/"):
            out.append(ctx.finding("children", f"children: entry {child!r} is not a path", relfile, line, column))
            continue
        name = child.strip("/")
        base = f"{folder}/{name}" if folder else name
        if ".." in name.split("/") or "\\" in name:
            where = _entry_line(ctx, relfile, line, child)
            out.append(ctx.finding("children", f"children: {child!r} leaves the page's folder", relfile, *where,
                                   "name a page inside this folder; move the page here if it belongs here"))
            continue
        if (ctx.root / "content" / base / "index.md").is_file() or (ctx.root / "content" / f"{base}.md").is_file():
            continue
        where = _entry_line(ctx, relfile, line, child)
        out.append(ctx.finding("children", f"children: no page for {child!r}", relfile, *where,
                               f"create content/{base}.md or content/{base}/index.md, or remove the entry"))
    return out


def _entry_line(ctx: CheckContext, relfile: str, start: int, entry: str) -> tuple[int, int]:
    lines = ctx.lines(relfile)
    for number in range(start - 1, min(len(lines), start + 400)):
        col = lines[number].find(entry)
        if col >= 0 and number >= start:
            return number + 1, col + 1
        if number >= start and lines[number].strip() == "---":
            break
    return start, 1
