"""Accessibility and the page's furniture, in chromium: axe-core on every kind of page, themes, keyboard, print.

axe-core is the npm package (``npm ci`` at the repo root puts it in ``node_modules/``), injected into Debian's
chromium through Playwright's Python API. Every kind of page the site has (article, product landing, a guides
page with learning tracks, index, "not available", 404, search results open) is checked at desktop and phone width
in the light and the dark theme; a critical or serious violation fails. Each run's counts by impact are written to
``test-artifacts/axe/``, with screenshots of the pages beside them (``test-artifacts/``, or ``$TEST_ARTIFACTS``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

ARTICLE = "/en/pipelines/quickstart"
NOT_AVAILABLE = "not-available"  # the first "not available in this version" page of the build, found in it
PAGES = {
    "article": ARTICLE,
    "landing": "/en/pipelines",  # layout: product-landing: introLinks, featuredLinks, guide cards, code examples
    "guides": "/en/pipelines/guides",  # layout: product-sublanding: learning tracks, guide cards with filters
    "index": "/en/pipelines/using-runners",
    "platforms": "/en/pipelines/using-runners/adding-self-hosted-runners",  # the platform picker
    "not-available": NOT_AVAILABLE,
    "404": "/404.html",
    "search": ARTICLE,  # with results open
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCREENSHOTS = {"article", "landing", "guides", "search", "404", "not-available"}
FAILING_IMPACTS = ("critical", "serious")


def first_not_available(out: Path) -> str:
    """The URL of a "not available in this version" page of the built site in ``out``."""
    for page in sorted(out.glob("en/**/index.html")):
        if 'class="article not-available"' in page.read_text(encoding="utf-8"):
            return "/" + page.parent.relative_to(out).as_posix()
    raise AssertionError("the example site has no page missing from a version")


@pytest.fixture(scope="module", autouse=True)
def _not_available_page(built_site: Path) -> None:
    PAGES[NOT_AVAILABLE] = first_not_available(built_site)


def open_page(browser, base_url: str, path: str, width: str = "desktop", theme: str = "light"):  # noqa: ANN001
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=theme)
    page = context.new_page()
    page.goto(base_url + path)
    return page


def open_search(page) -> None:  # noqa: ANN001
    page.fill(".js-search", "runner")
    page.wait_for_selector(".js-search-results li a")


def axe_violations(page) -> list[dict]:  # noqa: ANN001
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_serious_violation(browser, base_url: str, kind: str, width: str, theme: str) -> None:
    if not AXE.is_file():
        message = f"no axe-core at {AXE}: run `npm ci` at the repository root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    page = open_page(browser, base_url, PAGES[kind], width, theme)
    if kind == "search":
        open_search(page)
    name = f"{kind}-{width}-{theme}"
    if kind in SCREENSHOTS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    violations = axe_violations(page)
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
    (ARTIFACTS / "axe").mkdir(parents=True, exist_ok=True)
    summary = {"counts": counts, "rules": {v["id"]: v["impact"] for v in violations}}
    (ARTIFACTS / "axe" / f"{name}.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    page.context.close()
    bad = [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]
    assert not bad, "\n".join(bad)


def _colours(page) -> tuple[str, str]:  # noqa: ANN001
    """The page's background and its first code block's (if any)."""
    return page.evaluate(
        "() => { const pre = document.querySelector('.markdown-body pre');"
        " return [getComputedStyle(document.documentElement).backgroundColor,"
        " pre && getComputedStyle(pre).backgroundColor]; }"
    )


def test_the_theme_follows_the_system(browser, base_url: str) -> None:
    light = open_page(browser, base_url, ARTICLE, theme="light")
    dark = open_page(browser, base_url, ARTICLE, theme="dark")
    assert _colours(light)[0] == "rgb(255, 255, 255)"
    assert _colours(dark)[0] == "rgb(13, 17, 23)"
    assert _colours(light)[1] != _colours(dark)[1]  # code blocks too
    # highlighted tokens take the theme's colours
    token = "getComputedStyle(document.querySelector('.markdown-body pre .hl-t')).color"  # a YAML key
    assert light.evaluate(token) != dark.evaluate(token)
    assert light.get_attribute(".js-theme-toggle", "aria-pressed") == "false"
    assert dark.get_attribute(".js-theme-toggle", "aria-pressed") == "true"
    light.context.close()
    dark.context.close()


# Records, at the moment the stylesheet's <link> is parsed, whether <html> already carries the reader's theme.
_THEME_BEFORE_CSS = """
new MutationObserver((records, observer) => {
  for (const r of records) for (const n of r.addedNodes)
    if (n.nodeName === 'LINK' && n.rel === 'stylesheet') {
      window.__themeAtStylesheet = document.documentElement.getAttribute('data-theme');
      observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


def test_the_toggle_is_remembered_and_applied_before_first_paint(browser, base_url: str) -> None:
    page = open_page(browser, base_url, ARTICLE, theme="light")
    page.click(".js-theme-toggle")
    assert page.get_attribute("html", "data-theme") == "dark"
    assert page.get_attribute(".js-theme-toggle", "aria-pressed") == "true"
    assert _colours(page)[0] == "rgb(13, 17, 23)"
    page.add_init_script(_THEME_BEFORE_CSS)
    page.goto(base_url + "/en/pipelines/using-runners")  # another page of the site
    assert page.evaluate("window.__themeAtStylesheet") == "dark"
    assert _colours(page)[0] == "rgb(13, 17, 23)"
    page.click(".js-theme-toggle")  # and back: light, remembered too
    page.reload()
    assert page.get_attribute("html", "data-theme") == "light"
    assert _colours(page)[0] == "rgb(255, 255, 255)"
    page.context.close()


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus_ring(browser, base_url: str) -> None:
    page = open_page(browser, base_url, ARTICLE)
    reached: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {cls: typeof e.className === 'string' ? e.className : '', tag: e.tagName,
                    text: (e.textContent || '').trim().slice(0, 40),
                    outline: s.outlineStyle, width: s.outlineWidth}; }"""
        )
        if info["tag"] == "BODY":  # past the last control
            break
        reached.add(info["cls"] or info["tag"])
        assert info["outline"] != "none" and info["width"] != "0px", info
    for control in ("skip-link", "brand", "js-search", "theme-toggle js-theme-toggle", "SUMMARY"):
        assert control in reached, (control, reached)


def test_a_heading_shows_its_anchor_on_hover_and_keyboard_focus(browser, base_url: str) -> None:
    page = open_page(browser, base_url, ARTICLE)
    link = page.locator(".markdown-body h2 > a").first
    opacity = "e => getComputedStyle(e, '::before').opacity"
    assert link.evaluate("e => getComputedStyle(e, '::before').content") == '"#" / ""'
    assert link.evaluate(opacity) == "0"
    link.hover()
    assert link.evaluate(opacity) == "1"
    page.mouse.move(0, 400)
    assert link.evaluate(opacity) == "0"
    page.keyboard.press("Tab")  # keyboard mode, then focus moves to the heading's link
    link.focus()
    assert link.evaluate(opacity) == "1"
    # the heading link is the one the reference wrote: same id, same href, text unchanged
    assert link.get_attribute("href") == "#" + link.evaluate("e => e.parentElement.id")


def test_the_header_stays_on_screen_and_anchors_land_below_it(browser, base_url: str) -> None:
    for width in WIDTHS:
        page = open_page(browser, base_url, ARTICLE, width)
        target = page.locator(".markdown-body h2").nth(1)
        page.goto(base_url + ARTICLE + "#" + target.get_attribute("id"))
        header = page.locator(".site-header").bounding_box()
        assert page.evaluate("window.scrollY") > 100
        assert header["y"] == 0, width
        assert target.bounding_box()["y"] >= header["height"], width  # not hidden under the header
        page.context.close()


def test_the_favicon_is_an_svg_the_build_wrote(browser, base_url: str) -> None:
    page = open_page(browser, base_url, ARTICLE)
    href = page.get_attribute("link[rel=icon]", "href")
    response = page.request.get(base_url + href)
    assert response.ok and response.headers["content-type"] == "image/svg+xml"
    assert response.text().startswith("<svg")
    page.context.close()


def test_print_shows_the_article_alone_at_full_width(browser, base_url: str) -> None:
    page = open_page(browser, base_url, ARTICLE, theme="dark")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".sidebar", ".breadcrumbs", ".minitoc", ".prev-next", ".site-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    article = page.locator("article.article").bounding_box()
    assert article["width"] >= 0.95 * WIDTHS["desktop"][0] - 2 * 8  # the whole page, less the body's margin
    # dark ink on white paper whatever the screen's theme
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(31, 35, 40)"
    page.context.close()


def test_not_available_page_says_where_its_main_action_goes(browser, base_url: str) -> None:
    page = open_page(browser, base_url, PAGES[NOT_AVAILABLE])
    first = page.locator(".available-versions a").first  # the first version that has the page
    target, version = first.get_attribute("href"), first.inner_text()
    assert target.endswith(PAGES[NOT_AVAILABLE].split("/", 3)[3])  # the same page, in that version
    action = page.locator(".main-action a")
    assert action.inner_text() == f"Go to this page in {version}"
    assert action.get_attribute("href") == target
    action.click()
    page.wait_for_url(re.compile(re.escape(base_url + target) + "/?$"))
    assert page.inner_text("h1") == page.title().split(" - ")[0]
    assert not page.locator(".not-available").count()
    page.context.close()


def test_404_page_has_search_and_pickers(browser, base_url: str) -> None:
    page = open_page(browser, base_url, "/404.html")
    assert page.inner_text("h1") == "We could not find that page."
    open_search(page)
    hrefs = page.eval_on_selector_all(".js-search-results a", "els => els.map(e => e.getAttribute('href'))")
    assert "/en/pipelines/using-runners/adding-self-hosted-runners" in hrefs  # the default version's pages
    page.click(".version-picker summary")
    other = page.locator(".version-picker li:not(.current) a").first
    home = other.get_attribute("href")
    assert re.fullmatch(r"/en/[^/]+", home)  # that version's home page
    other.click()
    page.wait_for_url(re.compile(re.escape(base_url + home) + "/?$"))
    assert page.locator(".toc-list").count()
    page.context.close()
