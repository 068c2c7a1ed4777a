"""``docs-renderer build``: the static site a reader navigates, in every language and version.

Writes one ``index.html`` a page-version at its URL (laid out with sidebar, pickers, breadcrumbs, ...), a
"not available in this version" page at the page's URL in each version it does not exist in, a redirect page
at each old URL of ``redirect_from``, ``/404.html``, ``/sitemap.xml``, a search index per language and version
(``/search/<lang>/<version>.json``), the site's CSS and JavaScript (``/static/``) and the docs root's
``assets/``. Output is deterministic: the same input gives byte-identical files.

The site is written to a fresh folder beside ``--out`` and swapped in at the end, so a failed or interrupted
build leaves the previous site as it was.
"""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from renderer.cli import add_common
from renderer.jobs import select
from renderer.layout import Layout, static_files
from renderer.redirects import redirect_map
from renderer.render import Renderer
from renderer.report import Summary
from renderer.search_index import SearchEntry, entry, index_json
from renderer.site import Page, Site
from renderer.sitemap import sitemap_xml


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="write the static site",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: docs-renderer build --out _site --base-url https://docs.example.com",
    )
    add_common(p)
    p.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")
    p.add_argument("--base-url", default="", help="the site's address, for absolute URLs in sitemap.xml")


def run(args: argparse.Namespace) -> int:
    site = Site(args.root, config_file=args.config)
    renderer = Renderer(site)
    layout = Layout(site, renderer)
    summary = Summary()
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site must be readable
    try:
        counts = _build(site, renderer, layout, summary, staging, args)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary.print(sys.stderr, quiet=args.quiet)
    if not args.quiet:
        print(
            f"{counts['pages']} pages, {counts['stubs']} not-available pages, {counts['redirects']} redirects "
            f"({counts['conflicts']} old URLs claimed twice), {counts['indexes']} search indexes",
            file=sys.stderr,
        )
    print(f"site written to {out}", file=sys.stderr)
    return 1 if summary.errors else 0


def _build(
    site: Site, renderer: Renderer, layout: Layout, summary: Summary, staging: Path, args: argparse.Namespace
) -> dict[str, int]:
    versions = list(args.versions or site.config.versions)
    pages_done: set[str] = set()
    search: dict[tuple[str, str], list[SearchEntry]] = defaultdict(list)
    for page, version in select(site, args.lang, args.versions, args.paths):
        result = renderer.render(page, version)
        summary.add(result)
        if result.error:
            continue
        _write(staging, result.href, layout.document(page, result))
        pages_done.add(result.href)
        search[(page.lang.code, version)].append(entry(result.href, result.title, result.intro, result.html))

    pages = _selected_pages(site, args.lang, args.paths)
    redirects = redirect_map(site, pages, versions, pages_done)
    for old, target in sorted(redirects.targets.items()):
        _write(staging, old, layout.redirect(target))
    stubs = 0
    for page in pages:
        for version in versions:
            url = site.href(page.lang, version, page.url_path)
            taken = url in pages_done or url in redirects.targets
            if page.versions and version not in page.versions and not taken:
                _write(staging, url, layout.not_available(page, version))
                stubs += 1

    home_lang = site.config.source_language
    _write(staging, "/", layout.redirect(site.href(home_lang, site.config.default_version, "")))
    (staging / "404.html").write_text(layout.not_found(), encoding="utf-8")
    (staging / "sitemap.xml").write_text(sitemap_xml(pages_done, args.base_url), encoding="utf-8")
    for (lang, version), entries in sorted(search.items()):
        target = staging / "search" / lang / f"{version}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_json(entries), encoding="utf-8")
    for name, source in static_files(site.root).items():
        target = staging / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    assets = site.root / "assets"
    if assets.is_dir():
        shutil.copytree(assets, staging / "assets", dirs_exist_ok=True)
    return {
        "pages": len(pages_done),
        "stubs": stubs,
        "redirects": len(redirects.targets),
        "conflicts": len(redirects.conflicts),
        "indexes": len(search),
    }


def _selected_pages(site: Site, langs: list[str] | None, paths: list[str] | None) -> list[Page]:
    languages = [site.config.language(code) for code in langs] if langs else list(site.config.languages)
    return [
        page
        for lang in languages
        for page in site.pages(lang)
        if not paths or any(fnmatch.fnmatchcase(page.path, g) for g in paths)
    ]


def _write(staging: Path, url: str, html: str) -> None:
    target = staging / url.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def _swap(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``; the old site is removed only once the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
    staging.rename(out)
    if old:
        shutil.rmtree(old, ignore_errors=True)
