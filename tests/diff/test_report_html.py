"""The self-contained HTML report: structure, and how it looks in a real headless browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from renderer.cli import main
from renderer.diff import diff_revisions
from renderer.diff.report_html import render_report

from .sites import make_site

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))  # the one name for the browser, as elsewhere
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
    assert "Run it <del>twice if the first run stops</del><ins>again</ins>." in html  # the visual diff
    assert '<td class="del">Run it <del>twice if the first run stops</del>.</td>' in html
    assert '<td class="ins">1. Open <ins>the</ins> Settings in Kestrel Sync.</td>' in html
    assert '<td class="ins">The installer logs to install.log.</td>' in html


def test_report_with_no_changes(tmp_path):
    result = diff_revisions(make_site(tmp_path / "docs"), "main")
    assert "No page-version renders differently." in render_report(result)


HOSTILE = (
    "Harmless words.\n\n"
    "<script>window.pwned = 'script'</script>\n\n"
    '<img src="x" onerror="window.pwned = \'onerror\'">\n\n'
    "<a href=\"javascript:window.pwned='link'\">click</a>\n\n"
    '<svg><animate attributeName="href" values="javascript:alert(1)"/><a><text>svg</text></a></svg>\n\n'
    '<iframe srcdoc="<script>parent.pwned=1</script>"></iframe>\n\n'
    '<p style="position:fixed;inset:0">cover</p> <form action="https://example.org"><button>go</button></form>\n'
)


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
    if not CHROMIUM.is_file():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


def written_report(tmp_path: Path, root: Path) -> Path:
    report = tmp_path / "report.html"
    assert main(["diff", "--root", str(root), "--base", "main", "--lang", "en", "--html", str(report), "-q"]) == 1
    return report


def test_the_visual_diff_marks_the_changes_in_the_page(tmp_path, browser):
    report = written_report(tmp_path, edited_site(tmp_path))
    ARTIFACTS.mkdir(exist_ok=True)  # git-ignored: screenshots to look at, never committed
    for width, height, device in ((1280, 900, "desktop"), (390, 844, "phone")):
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
            requests: list[str] = []
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            page.goto(report.as_uri())
            install = page.locator("section.page", has_text="Installing Kestrel Sync")
            marks = install.locator(".vd-page >> visible=true").first.locator("ins, del")
            # each mark sits in the sentence whose words changed, in reading order
            found = marks.evaluate_all(
                "ms => ms.map(m => [m.tagName.toLowerCase(), m.textContent.trim(),"
                " (m.closest('p, li') || m.querySelector('p, li')).textContent.replace(/\\s+/g, ' ').trim()])"
            )
            assert found == [
                ["ins", "the", "Open the Settings in Kestrel Sync. Settings sync across your devices."],
                ["del", "twice if the first run stops", "Run it twice if the first run stopsagain."],
                ["ins", "again", "Run it twice if the first run stopsagain."],
                ["ins", "The installer logs to install.log.", "The installer logs to install.log."],
            ]
            # the new paragraph is marked as a block; the edited ones word by word
            blocks = install.locator(".vd-page >> visible=true").first.locator("ins.vd-block")
            assert blocks.all_inner_texts() == ["The installer logs to install.log."]
            assert blocks.first.evaluate("b => getComputedStyle(b, '::before').content") == '"added"'
            page.screenshot(path=str(ARTIFACTS / f"diff-visual-{device}-{scheme}.png"))
            # nothing wider than a phone: long words wrap, code and tables scroll in their own box
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            # the text view is one click away, and shows the old and new lines side by side
            install.locator("label", has_text="Text").first.click()
            left, right = install.locator("td.del").first, install.locator("td.ins").first
            assert left.is_visible() and right.is_visible()
            lbox, rbox = left.bounding_box(), right.bounding_box()
            assert lbox and rbox and abs(lbox["y"] - rbox["y"]) < 1 and rbox["x"] > lbox["x"] + lbox["width"] - 1
            assert not install.locator(".vd-page").first.is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(ARTIFACTS / f"diff-text-{device}-{scheme}.png"))
            assert requests == [report.as_uri()]  # self-contained: the browser fetched nothing else
            page.close()


def test_a_page_changed_differently_in_several_versions_has_a_version_switch(tmp_path, browser):
    root = make_site(tmp_path / "docs")
    page_file = root / "content/setup/install.md"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("legacy runtime", "old runtime"))
    reusable = root / "data/reusables/open-settings.md"
    reusable.write_text(reusable.read_text(encoding="utf-8").replace("Open", "Open the"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(written_report(tmp_path, root).as_uri())
    install = page.locator("section.page", has_text="Installing Kestrel Sync")
    switch = install.locator(".tabs.versions > label")
    assert "enterprise-server@2.22" in switch.all_inner_texts()
    switch.filter(has_text="enterprise-server@2.22").click()
    shown = install.locator(".tabs.versions > .panel:visible .vd-page:visible del")
    assert "legacy" in shown.all_inner_texts()


def test_hostile_page_content_runs_nothing_in_the_report(tmp_path, browser):
    root = make_site(tmp_path / "docs")
    page_file = root / "content/sharing.md"
    page_file.write_text(page_file.read_text(encoding="utf-8") + "\n" + HOSTILE, encoding="utf-8")
    report = written_report(tmp_path, root)
    html = report.read_text(encoding="utf-8")
    assert "Harmless words" in html
    for gone in ("<script", "onerror", "javascript:", "<iframe", "<animate", "<form", "position:fixed"):
        assert gone not in html.lower().replace(" ", ""), gone
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    hrefs = page.locator(".vd-page a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(h is None or re.match(r"(https?:|/|#)", h) for h in hrefs), hrefs
    page.evaluate(
        "document.querySelectorAll('.vd-page a:not([href]), .vd-page img')"
        ".forEach(e => e.dispatchEvent(new MouseEvent('click', {bubbles: true})))"
    )
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('script, iframe, [onerror], [onload]').length") == 0
