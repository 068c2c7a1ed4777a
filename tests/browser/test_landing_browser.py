"""The example site's landing pages in chromium, and the platform picker of articles: the product landing
(``/en/pipelines``: featured links, code examples, guide cards, all docs) and its guides page
(``/en/pipelines/guides``: the featured learning track, learning tracks, guide cards with filters). "More"
buttons, filters and the picker work; without scripts everything shows; nothing sticks out sideways on a phone.
Full-page screenshots at desktop and phone width, light and dark, go to ``test-artifacts/landing/``.
"""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS

LANDING = "/en/pipelines"
SUBLANDING = "/en/pipelines/guides"


def _open(browser, base_url: str, path: str, width: int = 1280, theme: str = "light", scripts: bool = True):  # noqa: ANN001
    viewport = {"width": width, "height": 900}
    context = browser.new_context(viewport=viewport, color_scheme=theme, java_script_enabled=scripts)
    page = context.new_page()
    page.goto(base_url + path)
    return page


def _visible(page, selector: str) -> int:  # noqa: ANN001
    return page.locator(selector).evaluate_all("els => els.filter(e => e.offsetParent !== null).length")


def test_product_landing_shows_its_sections(browser, base_url: str) -> None:
    page = _open(browser, base_url, LANDING)
    assert page.locator("h1").inner_text() == "Lanternfish Pipelines"  # the short title, as the 2021 site had it
    headings = page.locator(".featured h2").all_inner_texts()
    assert [h.lower() for h in headings] == ["guides", "most read"]  # popularHeading; no raw GUIDE_CARDS
    assert "GUIDE_CARDS" not in page.content() and "guide_cards" not in page.content()
    assert page.locator(".featured-guides .featured-intro").count() == 3
    assert page.locator(".guide-card").count() == 3
    assert "@lanternfish-security" in page.locator(".guide-card").nth(1).inner_text()
    assert page.locator(".all-articles-category").count() == 3
    page.context.close()


def test_code_examples_show_more_and_filter(browser, base_url: str) -> None:
    page = _open(browser, base_url, LANDING)
    cards = ".examples .js-filter-card"
    assert page.locator(cards).count() == 7 and _visible(page, cards) == 6
    page.click(".examples .js-show-more")
    assert _visible(page, cards) == 7
    assert page.evaluate("document.activeElement.closest('.example-card') !== null")  # focus on the first shown
    page.fill(".js-filter-input", "security")
    assert _visible(page, cards) == 2
    page.fill(".js-filter-input", "no such example")
    assert _visible(page, cards) == 0 and page.locator(".examples .js-filter-none").is_visible()
    page.context.close()


def test_guides_page_tracks_and_filters(browser, base_url: str) -> None:
    page = _open(browser, base_url, SUBLANDING)
    assert page.locator("h1").inner_text() == "Lanternfish Pipelines guides"
    assert "Get started with Lanternfish Pipelines" in page.locator(".featured-track").inner_text()
    assert page.locator(".track").count() == 2  # the featured track is shown at the top only
    secure = page.locator(".track").nth(1)
    assert _visible(secure, ".track-guides li") == 4
    secure.locator(".js-show-more").click()
    assert _visible(secure, ".track-guides li") == 5
    cards = ".article-cards .js-filter-card"
    assert page.locator(cards).count() == 12 and _visible(page, cards) == 9
    page.select_option('select[data-filter="type"]', "overview")
    assert _visible(page, cards) == 2  # a filter searches every card, not the first nine
    page.select_option('select[data-filter="topics"]', "Runners")
    assert _visible(page, cards) == 1
    page.select_option('select[data-filter="type"]', "")
    assert _visible(page, cards) == 4
    page.context.close()


def test_without_scripts_everything_shows(browser, base_url: str) -> None:
    page = _open(browser, base_url, SUBLANDING, scripts=False)
    assert _visible(page, ".article-cards .js-filter-card") == 12
    assert _visible(page, ".track-guides li") == 3 + 5
    page.context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("width_name", "width"), [("desktop", 1280), ("phone", 390)])
@pytest.mark.parametrize("path", [LANDING, SUBLANDING])
def test_landing_screenshots(browser, base_url: str, path: str, width_name: str, width: int, theme: str) -> None:
    page = _open(browser, base_url, path, width, theme)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
    (ARTIFACTS / "landing").mkdir(parents=True, exist_ok=True)
    name = "landing" if path == LANDING else "guides"
    shot = ARTIFACTS / "landing" / f"{name}-{width_name}-{theme}.png"
    page.screenshot(path=str(shot), full_page=True)
    page.context.close()
    assert shot.stat().st_size > 20_000


PLATFORMS = "/en/pipelines/using-runners/adding-self-hosted-runners"  # {% mac %}, {% windows %}, {% linux %}


def _shown_platforms(page) -> list[str]:  # noqa: ANN001
    return page.eval_on_selector_all(
        ".extended-markdown.mac, .extended-markdown.windows, .extended-markdown.linux",
        "els => els.filter(e => !e.hidden).map(e => e.classList[1])",
    )


def test_platform_picker_shows_one_platform_at_a_time(browser, base_url: str) -> None:
    page = _open(browser, base_url, PLATFORMS)
    buttons = page.locator(".platform-picker button")
    assert buttons.all_inner_texts() == ["Mac", "Windows", "Linux"]
    assert len(_shown_platforms(page)) >= 1 and len(set(_shown_platforms(page))) == 1  # the reader's system's
    page.click('.platform-picker button[data-platform="windows"]')
    assert set(_shown_platforms(page)) == {"windows"}
    assert page.locator('.platform-picker button[aria-pressed="true"]').inner_text() == "Windows"
    page.goto(base_url + PLATFORMS)  # the choice is remembered
    assert set(_shown_platforms(page)) == {"windows"}
    page.goto(base_url + "/en/pipelines/using-runners/monitoring-runners")  # defaultPlatform: linux comes first
    assert set(_shown_platforms(page)) == {"linux"}
    page.context.close()
    plain = _open(browser, base_url, PLATFORMS, scripts=False)
    assert set(_shown_platforms(plain)) == {"mac", "windows", "linux"}
    assert not plain.locator(".platform-picker").is_visible()
    plain.context.close()
