"""The self-contained HTML report: structure, and how it looks in a real headless browser."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from renderer.diff import diff_revisions
from renderer.diff.report_html import render_report

from .sites import make_site

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def edited_site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "docs")
    reusable = root / "data/reusables/open-settings.md"
    reusable.write_text(reusable.read_text(encoding="utf-8").replace("Open", "Open the"), encoding="utf-8")
    page = root / "content/setup/install.md"
    text = page.read_text(encoding="utf-8").replace("Run it twice if the first run stops.", "Run it again.")
    page.write_text(text + "\nThe installer logs to `install.log`.\n", encoding="utf-8")
    return root


def test_report_is_self_contained_grouped_and_highlighted(tmp_path):
    result = diff_revisions(edited_site(tmp_path), "main")
    html = render_report(result, site_url="http://localhost:8000")
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!localhost:8000)""", html)  # nothing fetched
    assert "<script" not in html
    # one section per page: en install and en sharing (cn reads its own translations, which did not change)
    assert html.count('<section class="page"') == result.pages == 2
    assert '<a href="http://localhost:8000/en/setup/install">free-pro-team@latest</a>' in html
    assert '<td class="del">Run it <del>twice if the first run stops</del>.</td>' in html
    assert '<td class="ins">1. Open <ins>the</ins> Settings in Kestrel Sync.</td>' in html
    assert '<td class="ins">The installer logs to install.log.</td>' in html


def test_report_with_no_changes(tmp_path):
    result = diff_revisions(make_site(tmp_path / "docs"), "main")
    assert "No page-version renders differently." in render_report(result)


def test_report_in_a_headless_browser(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip(f"no chromium at {CHROMIUM}: install Debian's chromium package to run this test")
    report = tmp_path / "report.html"
    report.write_text(render_report(diff_revisions(edited_site(tmp_path), "main")), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)  # git-ignored: screenshots to look at, never committed
    shot = ARTIFACTS / "diff-report.png"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report.as_uri())
            page.screenshot(path=str(shot), full_page=True)
            sections = page.locator("section.page").count()
            left, right = page.locator("td.del").first, page.locator("td.ins").first
            colours = (
                left.evaluate("e => getComputedStyle(e).backgroundColor"),
                right.evaluate("e => getComputedStyle(e).backgroundColor"),
            )
            # the two columns sit side by side, at the same height
            lbox, rbox = left.bounding_box(), right.bounding_box()
        finally:
            browser.close()
    assert requests == [report.as_uri()]  # self-contained: the browser fetched nothing else
    assert sections == 2
    assert colours == ("rgb(255, 235, 233)", "rgb(218, 251, 225)")
    assert lbox and rbox and abs(lbox["y"] - rbox["y"]) < 1 and rbox["x"] > lbox["x"] + lbox["width"] - 1
    assert shot.stat().st_size > 10_000
