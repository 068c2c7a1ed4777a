"""The preview in a real headless browser: edits reach the open tab, and only the tab whose page changed.

Needs Playwright's Python package (``pip install playwright``; its own browser downloads are not used) and
Debian's chromium at /usr/bin/chromium; skipped with the reason when either is missing.
"""

import os
from pathlib import Path

import pytest

from renderer.preview import Preview, PreviewServer

from .conftest import write

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
if not CHROMIUM.is_file():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)", allow_module_level=True)

MOORING = "content/guide/mooring.md"
ROPES = "data/reusables/guide/ropes.md"


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def served(site_root):
    # a long article, so that keeping the scroll position is visible
    text = (site_root / MOORING).read_text(encoding="utf-8")
    filler = "".join(f"\nParagraph {i} about knots and cleats.\n" for i in range(120))
    write(site_root, MOORING, text + filler)
    srv = PreviewServer(Preview(site_root), "127.0.0.1", 0)
    srv.start()
    srv.watching.wait(10)
    yield srv, site_root
    srv.stop()


def test_edits_reach_only_the_tabs_that_show_them(browser, served):
    srv, root = served
    expect = sync_api.expect
    tab = browser.new_page()
    tab.goto(srv.url + "/en/guide/mooring")
    expect(tab.locator("body")).to_contain_text("Use two bow lines and a stern line.")
    other = browser.new_page()
    other.goto(srv.url + "/en/guide/tides")
    tab.evaluate("window.scrollTo(0, 600)")
    tab.evaluate("window.__notReloaded = true")

    # a reusable the page uses: the tab shows the new text with no action, at the same scroll position
    write(root, ROPES, "Use a spring line as well.\n")
    expect(tab.locator("body")).to_contain_text("Use a spring line as well.", timeout=5000)
    assert tab.evaluate("window.__notReloaded") is None  # it did reload
    tab.wait_for_function("window.scrollY > 500", timeout=3000)

    # a page this tab does not show: the other tab reloads, this one does not
    tab.evaluate("window.__notReloaded = true")
    other.evaluate("window.__notReloaded = true")
    write(root, "content/guide/tides.md", "---\ntitle: Reading the tides\nversions: '*'\n---\n\nSlack water.\n")
    expect(other.locator("body")).to_contain_text("Slack water.", timeout=5000)
    tab.wait_for_timeout(800)  # the server told the other tab already: this one would have been told too
    assert tab.evaluate("window.__notReloaded") is True

    # broken Liquid in the page: the overlay names the file and the line
    good = (root / MOORING).read_text(encoding="utf-8")
    write(root, MOORING, good.replace("{% endif %}", "{% endiff %}"))
    overlay = tab.locator("#docs-preview-overlay")
    expect(overlay).to_be_visible(timeout=5000)
    expect(overlay).to_contain_text("content/guide/mooring.md:10:68")
    expect(overlay).to_contain_text("line 10")
    expect(overlay).to_contain_text("{% endiff %}")  # the line, quoted

    # fixed: the page comes back
    write(root, MOORING, good)
    expect(tab.locator("body")).to_contain_text("Use a spring line as well.", timeout=5000)
    expect(overlay).to_have_count(0)
    assert tab.evaluate("window.__notReloaded") is None


def test_a_hostile_path_runs_no_script_in_the_tab(browser, served):
    srv, _ = served
    tab = browser.new_page()
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (
        "/en/%3C/script%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
        "/en/guide/%3C!--%3Cscript%3Ealert(2)%3C/script%3E",
        "/en/%22%29%3Balert(3)%3B%2F%2F",
    ):
        tab.goto(srv.url + path)
        tab.wait_for_timeout(300)
    assert dialogs == []
    assert tab.locator("img[src=x]").count() == 0
