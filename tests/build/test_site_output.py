"""The built example site: every link resolves, and the files readers and tools need are there."""

from __future__ import annotations

import json
from pathlib import Path

from renderer.build.site_links import broken_links

from .conftest import REPO, build


def html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_no_broken_internal_links(example_site: Path) -> None:
    broken = broken_links(example_site)
    assert broken == [], broken[:20]


def test_links_were_checked_at_all(example_site: Path) -> None:
    # guards the test above against a checker that finds no links
    page = html(example_site, "/en/pipelines/quickstart")
    assert 'href="/en/pipelines/learn-pipelines/about-pipelines"' in page
    assert 'src="/assets/images/help/pipelines/run-list.png"' in page
    assert (example_site / "assets/images/help/pipelines/run-list.png").is_file()


def test_redirect_pages_for_every_language_and_version(example_site: Path) -> None:
    # content/pipelines/managing-pipelines/index.md: redirect_from /pipelines/manage
    expected = {
        "/en/pipelines/manage": "/en/pipelines/managing-pipelines",
        "/en/server@3.1/pipelines/manage": "/en/server@3.1/pipelines/managing-pipelines",
        "/cn/ae@latest/pipelines/manage": "/cn/ae@latest/pipelines/managing-pipelines",
        "/pipelines/manage": "/en/pipelines/managing-pipelines",
    }
    for old, target in expected.items():
        page = html(example_site, old)
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page, old


def test_not_available_page_where_a_page_is_not_in_the_version(example_site: Path) -> None:
    page = html(example_site, "/en/server@3.1/pipelines/using-runners/about-hosted-runners")
    assert "This article is not available for the version you selected." in page
    assert 'href="/en/pipelines/using-runners/about-hosted-runners"' in page
    assert 'href="/en/ae@latest/pipelines/using-runners/about-hosted-runners"' in page


def test_index_page_lists_children_of_its_version_only(example_site: Path) -> None:
    dotcom = html(example_site, "/en/pipelines/using-runners")
    server = html(example_site, "/en/server@2.22/pipelines/using-runners")
    assert 'class="toc-title" href="/en/pipelines/using-runners/about-hosted-runners"' in dotcom
    assert "about-hosted-runners" not in server.split('class="toc"', 1)[1]
    assert "managing-runner-groups" not in server.split('class="toc"', 1)[1]  # >=3.0 only
    assert 'class="toc-title" href="/en/server@2.22/pipelines/using-runners/monitoring-runners"' in server


def test_home_page_per_language_and_version(example_site: Path) -> None:
    for url in ("/en", "/cn", "/en/server@2.22", "/cn/ae@latest"):
        assert "toc-title" in html(example_site, url), url
    assert "url=/en" in html(example_site, "/")


def test_404_sitemap_and_static_files(example_site: Path) -> None:
    assert "404" in (example_site / "404.html").read_text(encoding="utf-8")
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>/en/pipelines/quickstart</loc>" in sitemap
    assert "/pipelines/manage<" not in sitemap  # redirects are not pages
    assert "<loc>/en/server@3.1/pipelines/using-runners/about-hosted-runners</loc>" not in sitemap  # stub
    assert "<loc>/en/ae@latest/pipelines/using-runners/about-hosted-runners</loc>" in sitemap
    assert (example_site / "static/site.css").is_file() and (example_site / "static/site.js").is_file()


def test_search_index_per_language_and_version(example_site: Path) -> None:
    files = sorted(p.relative_to(example_site).as_posix() for p in (example_site / "search").rglob("*.json"))
    assert len(files) == 12  # 2 languages x 6 versions
    entries = json.loads((example_site / "search/en/cloud@latest.json").read_text(encoding="utf-8"))
    quick = next(e for e in entries if e["url"] == "/en/pipelines/quickstart")
    assert quick["title"] == "Quickstart for Lanternfish Pipelines"
    assert "Creating your first pipeline" in quick["headings"]
    assert "pipeline" in quick["text"]
    server = json.loads((example_site / "search/en/server@2.22.json").read_text(encoding="utf-8"))
    assert not any("about-hosted-runners" in e["url"] for e in server)


def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(REPO, again) == 0
    first = {p.relative_to(example_site): p.read_bytes() for p in example_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    different = [str(p) for p in first if first[p] != second[p]]
    assert different == []
