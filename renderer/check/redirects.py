"""Redirects: ``redirect_from`` entries that are repeated, claimed by two pages, or shadow a real page.

Two pages may claim the same old path when they exist in different versions (each version redirects to its
own page); the claim conflicts only where their versions overlap. Paths compare case-insensitively, without a
trailing slash.
"""

from __future__ import annotations

from renderer.check.context import CheckContext
from renderer.check.findings import Finding
from renderer.model.site import Page


def check(ctx: CheckContext, files: set[str] | None = None) -> list[Finding]:
    pages = ctx.site.pages(ctx.site.config.source_language)
    real = {"/" + p.url_path.lower(): p for p in pages}
    claimed: dict[str, Page] = {}
    out: list[Finding] = []
    for page in pages:
        relfile = page.english.relfile
        keep = files is None or relfile in files
        for entry, line, column in _entries(ctx, page):
            if not entry.startswith("/"):
                if keep:
                    out.append(ctx.finding("redirect", f"redirect_from {entry!r} does not start with /", relfile,
                                           line, column, "write the old path from the site root: /old/path"))
                continue
            key = entry.rstrip("/").lower() or "/"
            other = claimed.get(key)
            if other is page:
                if keep:
                    out.append(ctx.finding("redirect", f"redirect_from {entry!r} is listed twice", relfile, line,
                                           column, "remove the repeated line"))
            elif other is not None and set(other.versions) & set(page.versions):
                if keep:
                    both = sorted(set(other.versions) & set(page.versions))
                    out.append(ctx.finding("redirect", f"redirect_from {entry!r} is also claimed by "
                                           f"{other.english.relfile}", relfile, line, column,
                                           "keep it on one page only", where=both))
            else:
                claimed.setdefault(key, page)
            target = real.get(key)
            if target is not None and target is not page and keep:
                out.append(ctx.finding("redirect", f"redirect_from {entry!r} is the path of the page "
                                       f"{target.english.relfile}, which wins; the redirect never happens",
                                       relfile, line, column, "remove the entry or move that page"))
    return out


def _entries(ctx: CheckContext, page: Page) -> list[tuple[str, int, int]]:
    doc = page.english.doc
    raw = doc.meta.get("redirect_from") if doc else None
    if not raw:
        return []
    items = [raw] if isinstance(raw, str) else [str(x) for x in raw] if isinstance(raw, list) else []
    relfile = page.english.relfile
    start, _ = ctx.front_matter_position(relfile, "redirect_from")
    lines = ctx.lines(relfile)
    out = []
    number = start - 1
    for item in items:
        found = None
        for i in range(number, min(len(lines), number + 200)):
            col = lines[i].find(item)
            if col >= 0:
                found = (i + 1, col + 1)
                number = i + 1
                break
        out.append((item, *(found or (start, 1))))
    return out
