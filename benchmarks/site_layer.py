"""Per-step cost of the site layer of ``build`` on the corpus, in one process: what each page-version costs
after it is rendered (layout, search entry), and what the site costs once (redirect map, redirect pages).

    python benchmarks/site_layer.py [--root CORPUS] [--lang en] [--every K] [--rendered FILE]

Prints, for every page-version of the selected languages (all by default; every K-th one with ``--every``):
``Renderer.render``, ``Layout.document`` and ``search_index.entry`` in mean ms per page-version, then
``redirect_map`` for all pages and versions (the total is its time), "not available in this version" pages and
redirect pages (ms each), and writing 5000 redirect pages to a temporary folder. ``--rendered FILE`` keeps the
rendered pages in a pickle, so later runs that only measure the layer skip rendering (delete the file when the
renderer changes).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from renderer import gc_policy  # noqa: E402
from renderer.build.redirects import redirect_map  # noqa: E402
from renderer.build.search_index import entry  # noqa: E402
from renderer.layout.document import Layout  # noqa: E402
from renderer.model.selection import select  # noqa: E402
from renderer.model.site import Page, Site  # noqa: E402
from renderer.page.render import Rendered, Renderer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.environ.get("DOCS_CORPUS", "../shared/corpus/github-docs-2021-06"))
    ap.add_argument("--lang", action="append", help="language code (repeatable; default: all)")
    ap.add_argument("--every", type=int, default=1, help="only every K-th page-version")
    ap.add_argument("--rendered", type=Path, help="pickle of rendered pages, reused when it exists")
    args = ap.parse_args()
    gc_policy.for_batch_work()  # as the command line does

    t = time.perf_counter()
    site = Site(Path(args.root))
    renderer = Renderer(site)
    layout = Layout(site, renderer)
    jobs = list(select(site, args.lang))[:: args.every]
    print(f"load + select: {time.perf_counter() - t:.2f} s, {len(jobs)} page-versions")

    results = _rendered(renderer, jobs, args.rendered)
    ok = [(page, result) for page, result in results if not result.error]

    t = _now()
    for page, result in ok:
        layout.document(page, result)
    _per_page("Layout.document", t, len(ok))

    t = _now()
    for _, result in ok:
        entry(result.href, result.title, result.intro, result.html)
    _per_page("search_index.entry", t, len(ok))

    languages = [site.config.language(code) for code in args.lang] if args.lang else site.config.languages
    pages = [p for lang in languages for p in site.pages(lang)]
    done = {site.href(p.lang, v, p.url_path) for p in pages for v in p.versions}
    t = _now()
    redirects = redirect_map(site, pages, list(site.config.versions), done)
    _per_page("redirect_map (per redirect)", t, len(redirects.targets))

    stubs = [(p, v) for p in pages for v in site.config.versions if p.versions and v not in p.versions]
    t = _now()
    for page, version in stubs:
        layout.not_available(page, version)
    _per_page("Layout.not_available", t, len(stubs))

    targets = sorted(redirects.targets.items())
    t = _now()
    for _, target in targets:
        layout.redirect(target)
    _per_page("Layout.redirect", t, len(targets))

    with tempfile.TemporaryDirectory() as tmp:
        t = _now()
        for old, target in targets[:5000]:
            f = Path(tmp) / old.strip("/") / "index.html"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(layout.redirect(target), encoding="utf-8")
        _per_page(f"write {min(5000, len(targets))} redirect pages", t, min(5000, len(targets)))


def _rendered(renderer: Renderer, jobs: list[tuple[Page, str]], cache: Path | None) -> list[tuple[Page, Rendered]]:
    """Render the jobs, or read them back from ``cache`` (keyed by language and path: pages are not picklable)."""
    if cache and cache.exists():
        by_key = pickle.loads(cache.read_bytes())
        print(f"Renderer.render: read from {cache}")
        return [(page, by_key[(page.lang.code, page.path, version)]) for page, version in jobs]
    t = _now()
    results = [(page, renderer.render(page, version)) for page, version in jobs]
    _per_page("Renderer.render", t, len(jobs))
    if cache:
        cache.write_bytes(pickle.dumps({(p.lang.code, p.path, r.version): r for p, r in results}))
    return results


def _per_page(step: str, start: tuple[float, float], count: int) -> None:
    """Wall and CPU time since ``start`` (from ``_now``): on a shared machine the CPU time is the steadier one."""
    wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
    each = 1000 / max(count, 1)
    print(f"{step}: {wall * each:.3f} ms each ({cpu * each:.3f} ms CPU), {wall:.2f} s for {count} ({cpu:.2f} s CPU)")


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


if __name__ == "__main__":
    main()
