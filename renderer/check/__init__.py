"""``check``: find what is broken in a docs site before readers do, without building it.

``check_site(site)`` runs every check and returns the findings, one per problem and place, sorted by file.
With ``files``, only findings in those files are kept and only the pages they affect are link-checked (what a
pre-commit hook wants). The checks, one module each: ``front_matter`` (YAML, keys, versions), ``liquid``
(syntax, data paths, variables, octicons), ``cycles`` (circular reusables), ``features`` (feature files and
``ifversion`` names), ``links`` (links and anchors per
version and language), ``tree`` (children, unreachable pages), ``redirects``.
"""

from __future__ import annotations

from collections.abc import Iterable

from renderer.check import config, cycles, features, front_matter, liquid, redirects, tree
from renderer.check.context import CheckContext, Parsed
from renderer.check.findings import ERROR, KINDS, WARNING, Finding, merge, quote_lines
from renderer.check.links import LinkChecker
from renderer.liquid import nodes as n
from renderer.model.site import Page, Site

STATIC_LIQUID_KINDS = ("liquid-syntax", "data-path", "octicon", "reusable-cycle", "undefined-variable", "feature")
RENDERED_KINDS = ("link", "anchor", "render")  # found by rendering every page-version: the slow part
__all__ = ["ERROR", "KINDS", "WARNING", "Finding", "check_site"]


def check_site(
    site: Site, files: Iterable[str] | None = None, *, links: bool = True, kinds: Iterable[str] | None = None
) -> list[Finding]:
    """Every finding in ``site`` (root-relative ``files`` narrow it, and ``kinds`` the kinds reported); each
    with its source line quoted."""
    wanted_kinds = set(KINDS if kinds is None else kinds)
    links = links and bool(wanted_kinds & set(RENDERED_KINDS))  # no page is rendered for nothing
    ctx = CheckContext(site)
    only = None if files is None else set(files)
    pages_md = [f for lang in ctx.languages for f in ctx.content_files(lang)]
    data = [f for lang in ctx.languages for f in ctx.data_files(lang)]
    wanted = [f for f in pages_md + data if only is None or f in only]
    findings = config.check(site, only) + front_matter.check(ctx, wanted)

    data_given = only is None or any(not _is_page(f) for f in only)
    texts = [t for f in pages_md if only is None or f in only for t in ctx.page_texts(f)]
    data_texts = [t for f in data for t in ctx.data_texts(f)] if data_given else []
    defined = liquid.defined_names(ctx, pages_md + data)
    findings += liquid.check(ctx, [t for t in texts + data_texts if only is None or t.file in only], defined)
    findings += cycles.check(ctx, data_texts)
    if only is None:  # whether a feature is used is a question about the whole site
        findings += features.check(ctx, texts + data_texts, only)
    findings += tree.check(ctx, only)
    findings += redirects.check(ctx, only)
    if links:
        broken = {f.file for f in findings if f.kind == "liquid-syntax"}
        pages = _pages_to_link_check(ctx, only, data_texts)
        pages = [p for p in pages if p.source.relfile not in broken]
        found = LinkChecker(ctx).check(pages)
        # a render failure that a static finding already explains (same place) adds nothing
        explained = {(f.file, f.line) for f in findings if f.kind in STATIC_LIQUID_KINDS}
        findings += [f for f in found if f.kind != "render" or not (f.file in broken or (f.file, f.line) in explained)]
    result = merge([f for f in findings if f.kind in wanted_kinds])
    quote_lines(result, site.root)
    return result


def _pages_to_link_check(ctx: CheckContext, only: set[str] | None, data_texts: list[Parsed]) -> list[Page]:
    """Every page with a source of its own (translations served from English add nothing), or, with ``only``,
    the pages whose source or whose (static) data references touch those files."""
    pages = []
    for lang in ctx.languages:
        for page in ctx.site.pages(lang):
            if page.fallback is None and (lang.is_source or page.source is not page.english):
                pages.append(page)
    if only is None:
        return pages
    data_files = {f for f in only if not _is_page(f)}
    uses = _data_uses(ctx, data_texts)
    out = []
    for page in pages:
        if page.source.relfile in only:
            out.append(page)
        elif data_files and _reads(ctx, page, uses) & data_files:
            out.append(page)
    return out


def _is_page(relfile: str) -> bool:
    return "/content/" in f"/{relfile}"


def _refs(ctx: CheckContext, texts: list[Parsed]) -> set[str]:
    """Data files that ``{% data %}`` tags in these texts name directly."""
    out = set()
    for parsed in texts:
        lang = ctx.language_of(parsed.file)
        for node in parsed.flat:
            if isinstance(node, n.Data):
                keys = liquid.static_keys(node.path)
                if keys:
                    value, _ = ctx.lookup(lang, tuple(keys))
                    if getattr(value, "filename", None):
                        out.add(value.filename)
    return out


def _data_uses(ctx: CheckContext, data_texts: list[Parsed]) -> dict[str, set[str]]:
    by_file: dict[str, list[Parsed]] = {}
    for t in data_texts:
        by_file.setdefault(t.file, []).append(t)
    return {f: _refs(ctx, texts) for f, texts in by_file.items()}


def _reads(ctx: CheckContext, page: Page, uses: dict[str, set[str]]) -> set[str]:
    """Data files a page reads, directly or through other data files (names written out only)."""
    todo = list(_refs(ctx, ctx.page_texts(page.source.relfile)))
    seen: set[str] = set()
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(uses.get(f, ()))
    return seen
