"""Navigation and redirects on a tiny site of our own (tests/build/conftest.py TINY): exact expectations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from renderer.build.redirects import _guides_form, redirect_map
from renderer.layout.document import Layout
from renderer.model.site import Site

from .conftest import TINY, build, write


@pytest.fixture
def tiny_site(tiny_root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    assert build(tiny_root, out) == 0
    return out


def read(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def sidebar(page: str) -> list[str]:
    nav = page.split('<nav class="sidebar"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="[^"]*"[^>]*>([^<]*)</a>', nav)


def test_sidebar_uses_short_titles_and_hides_pages_not_in_the_version(tiny_site: Path) -> None:
    assert sidebar(read(tiny_site, "/en/kites/basics")) == ["Kites", "Kite basics", "Winds"]
    server = read(tiny_site, "/en/enterprise-server@3.1/kites/basics")
    assert sidebar(server) == ["Kites", "Kite basics", "Harbour rules"]


def test_sidebar_marks_the_current_page(tiny_site: Path) -> None:
    page = read(tiny_site, "/en/kites/winds")
    assert '<li class="current"><a href="/en/kites/winds" aria-current="page">Winds</a>' in page


def test_breadcrumbs_prev_next_and_minitoc(tiny_site: Path) -> None:
    page = read(tiny_site, "/en/kites/basics")
    crumbs = page.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Kites", "Kite basics"]
    assert 'rel="prev" href="/en/kites"' in page
    assert 'rel="next" href="/en/kites/winds"' in page
    minitoc = page.split('class="minitoc"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<li class="level-(\d)"><a href="#([^"]+)">', minitoc) == [
        ("2", "strings"),
        ("3", "knots"),
        ("2", "tails"),
    ]
    last = read(tiny_site, "/en/enterprise-server@3.0/kites/harbour-rules")
    assert 'rel="next"' not in last and 'rel="prev" href="/en/enterprise-server@3.0/kites/basics"' in last


def test_index_page_toc_has_titles_and_intros(tiny_site: Path) -> None:
    toc = read(tiny_site, "/en/kites").split('class="toc"', 1)[1]
    assert '<a class="toc-title" href="/en/kites/basics">Kite basics</a>' in toc
    assert "<p>Gusts and lulls.</p>" in toc
    assert "harbour-rules" not in toc


def test_version_picker_lists_every_version_and_marks_missing_ones(tiny_site: Path) -> None:
    page = read(tiny_site, "/en/kites/winds")
    picker = page.split('class="picker version-picker"', 1)[1].split("</details>", 1)[0]
    assert '<a href="/en/github-ae@latest/kites/winds">GitHub AE</a>' in picker
    assert '<a href="/en/enterprise-server@3.1/kites/winds" class="unavailable" rel="nofollow">' in picker
    stub = read(tiny_site, "/en/enterprise-server@3.1/kites/winds")
    assert "not available for the version you selected" in stub


def test_language_picker_links_the_same_page_and_version(tiny_site: Path) -> None:
    page = read(tiny_site, "/en/enterprise-server@3.0/kites/basics")
    picker = page.split('class="picker language-picker"', 1)[1].split("</details>", 1)[0]
    assert 'href="/cn/enterprise-server@3.0/kites/basics"' in picker


def test_redirects(tiny_site: Path) -> None:
    def target(old: str) -> str:
        return re.search(r'url=([^"]+)"', read(tiny_site, old)).group(1)

    assert target("/en/kites/start") == "/en/kites/basics"
    assert target("/kites/start") == "/en/kites/basics"
    assert target("/cn/enterprise-server@2.21/kites/start") == "/cn/enterprise-server@2.21/kites/basics"
    # an enterprise-only page: the unversioned old URL goes to its newest version
    assert target("/en/kites/rules") == "/en/enterprise-server@3.1/kites/harbour-rules"
    assert target("/en/enterprise-server@3.0/kites/rules") == "/en/enterprise-server@3.0/kites/harbour-rules"
    # an old URL naming a version applies to that version only
    assert target("/en/enterprise-server@3.0/kites/old-rules") == "/en/enterprise-server@3.0/kites/harbour-rules"
    assert not (tiny_site / "en/enterprise-server@3.1/kites/old-rules").exists()


def test_real_pages_are_never_replaced_by_redirects(tiny_root: Path) -> None:
    site = Site(tiny_root)
    pages = site.pages("en")
    result = redirect_map(site, pages, site.config.versions, taken={"/en/kites/start"})
    assert "/en/kites/start" not in result.targets
    assert result.targets["/en/enterprise-server@3.1/kites/start"] == "/en/enterprise-server@3.1/kites/basics"


def test_a_map_made_before_the_pages_are_built_equals_one_made_after(tiny_root: Path) -> None:
    # The build makes the map from the URLs the pages are to have; pages that then fail give theirs back.
    # Here a page planned at /en/kites/start (an old URL of "basics") fails.
    site = Site(tiny_root)
    pages = site.pages("en")
    built = {site.href(p.lang, v, p.url_path) for p in pages for v in p.versions}
    early = redirect_map(site, pages, site.config.versions, taken=built | {"/en/kites/start"})
    assert "/en/kites/start" not in early.targets
    early.release([url for url in early.blocked if url not in built])
    late = redirect_map(site, pages, site.config.versions, taken=built)
    assert early.targets["/en/kites/start"] == "/en/kites/basics"
    assert early.targets == late.targets
    assert sorted(early.conflicts) == sorted(late.conflicts)


def test_search_index_entries(tiny_site: Path) -> None:
    entries = json.loads((tiny_site / "search/en/free-pro-team@latest.json").read_text(encoding="utf-8"))
    assert [e["url"] for e in entries] == ["/en", "/en/kites", "/en/kites/basics", "/en/kites/winds"]
    basics = entries[2]
    assert basics["headings"] == ["Strings", "Knots", "Tails"]
    assert basics["intro"] == "Start here."
    assert basics["text"].startswith("Strings Text about strings.")


def test_a_failed_build_leaves_the_previous_site(tiny_root: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    assert build(tiny_root, out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def explode(self: Layout, page: object, result: object) -> str:
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(Layout, "laid_out", explode)
    assert build(tiny_root, out, "--no-cache", "--jobs", "1") == 70  # a bug: short message, details in a file
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    # no staging left behind (the lock file stays: see renderer/build/output.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.cache", ".out.lock", "out", "tiny"]


def test_old_url_claimed_twice_goes_to_the_page_in_that_version(tiny_root: Path, tmp_path: Path) -> None:
    index, winds = TINY["content/kites/index.md"], TINY["content/kites/winds.md"]
    write(
        tiny_root,
        {
            "content/kites/index.md": index.replace("  - /winds\n", "  - /winds\n  - /gales\n"),
            "content/kites/winds.md": winds.replace("---\n\n", "redirect_from:\n  - /breeze\n---\n\n"),
            "content/kites/gales.md": (
                "---\ntitle: Gales\nversions:\n  enterprise-server: '*'\nredirect_from:\n  - /breeze\n---\n\nStorms.\n"
            ),
        },
    )
    site = Site(tiny_root)
    result = redirect_map(site, site.pages("en"), site.config.versions, taken=set())
    assert result.targets["/en/breeze"] == "/en/kites/winds"  # gales is not in the default version
    assert result.targets["/en/enterprise-server@2.21/breeze"] == "/en/enterprise-server@2.21/kites/gales"
    assert result.targets["/en/github-ae@latest/breeze"] == "/en/github-ae@latest/kites/winds"


def test_derived_old_forms(tiny_root: Path) -> None:
    assert _guides_form("/admin/installation/setup") == "/admin/guides/installation/setup"
    assert _guides_form("/enterprise/admin/installation/setup") == "/enterprise/admin/guides/installation/setup"
    assert _guides_form("/desktop/getting-started") == "/desktop/guides/getting-started"
    assert _guides_form("/admin/guides/installation") is None
    assert _guides_form("/github/admin/x") is None
    site = Site(tiny_root)
    result = redirect_map(site, site.pages("en"), site.config.versions, taken=set())
    # a numbered plan without a release: the newest release the page is in
    newest = "/en/enterprise-server@3.1/kites/harbour-rules"
    assert result.targets["/en/enterprise-server/kites/harbour-rules"] == newest
    assert "/en/enterprise-server/kites/winds" not in result.targets
