"""The built example site in a real headless browser: pickers, sidebar, redirects, copy button, search.

Needs Debian's chromium (``/usr/bin/chromium``, or the path in env var ``CHROMIUM``) and the ``playwright`` pip
package (only its Python API is used: no browser is downloaded). Screenshots of an article at desktop and phone
width are saved to ``test-artifacts/`` at the repo root (or env var ``TEST_ARTIFACTS``).
"""

from __future__ import annotations

import re

import pytest

from .conftest import ARTIFACTS

ARTICLE = "/en/pipelines/quickstart"


@pytest.fixture
def page(browser, base_url: str):  # noqa: ANN001 - playwright objects
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = context.new_page()
    yield pg
    context.close()


def wait_for_path(page, base_url: str, path: str) -> None:  # noqa: ANN001
    """Wait until the browser shows ``path`` (the test server adds a slash to folder URLs, as most hosts do)."""
    page.wait_for_url(re.compile(re.escape(base_url + path) + "/?$"))


def test_version_picker_goes_to_the_same_page_in_another_version(page, base_url: str) -> None:
    page.goto(base_url + ARTICLE)
    title = page.inner_text("h1")
    page.click(".version-picker summary")
    page.click(".version-picker a:text('Lanternfish Enterprise Server 3.0')")
    wait_for_path(page, base_url, "/en/server@3.0/pipelines/quickstart")
    assert page.inner_text("h1") == title
    assert "Lanternfish Enterprise Server 3.0" in page.inner_text(".version-picker summary")


def test_version_picker_to_a_version_without_the_page(page, base_url: str) -> None:
    page.goto(base_url + "/en/pipelines/using-runners/about-hosted-runners")
    page.click(".version-picker summary")
    page.click(".version-picker a:text('Lanternfish Enterprise Server 3.1')")
    wait_for_path(page, base_url, "/en/server@3.1/pipelines/using-runners/about-hosted-runners")
    assert "not available for the version you selected" in page.inner_text(".notice")
    page.click(".available-versions a:text('Lanternfish AE')")
    wait_for_path(page, base_url, "/en/ae@latest/pipelines/using-runners/about-hosted-runners")


def test_language_picker_goes_to_the_other_language(page, base_url: str) -> None:
    page.goto(base_url + "/en/server@3.1" + ARTICLE[3:])
    page.click(".language-picker summary")
    page.click(".language-picker a:text('简体中文')")
    wait_for_path(page, base_url, "/cn/server@3.1/pipelines/quickstart")
    assert page.get_attribute("html", "lang") == "zh-Hans"


def test_sidebar_marks_the_current_page(page, base_url: str) -> None:
    url = "/en/pipelines/managing-pipelines/re-running-a-pipeline"
    page.goto(base_url + url)
    current = page.locator(".sidebar li.current > a")
    assert current.count() == 1
    assert current.get_attribute("href") == url
    assert current.get_attribute("aria-current") == "page"
    other = page.locator(".sidebar li:not(.current) > a").first
    style = "e => getComputedStyle(e).backgroundColor"
    assert current.evaluate(style) != other.evaluate(style)  # it looks different, not only in the markup


def test_a_redirect_url_lands_on_its_page(page, base_url: str) -> None:
    page.goto(base_url + "/en/server@3.0/pipelines/manage")
    wait_for_path(page, base_url, "/en/server@3.0/pipelines/managing-pipelines")
    assert page.inner_text("h1") == "Managing pipelines"


def test_the_copy_button_copies(page, base_url: str) -> None:
    page.goto(base_url + ARTICLE)
    button = page.locator(".js-btn-copy").first
    expected = button.get_attribute("data-clipboard-text")
    assert expected and "name: Hello pipeline" in expected
    button.click()
    page.wait_for_selector(".js-btn-copy.copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_search_finds_pages_of_the_version(page, base_url: str) -> None:
    page.goto(base_url + "/en/server@2.22/pipelines")
    page.fill(".js-search", "runner")
    page.wait_for_selector(".js-search-results li a")
    hrefs = page.eval_on_selector_all(".js-search-results a", "els => els.map(e => e.getAttribute('href'))")
    assert "/en/server@2.22/pipelines/using-runners/adding-self-hosted-runners" in hrefs
    assert all(h.startswith("/en/server@2.22/") for h in hrefs)


def test_search_by_keyboard_marks_the_words_and_groups_by_product(page, base_url: str) -> None:
    page.goto(base_url + ARTICLE)
    page.keyboard.press("/")  # anywhere on the page: the cursor goes to the search box
    assert page.evaluate("document.activeElement.classList.contains('js-search')")
    page.keyboard.type("package")
    page.wait_for_selector(".js-search-results li a")
    groups = page.locator(".js-search-results .search-group-name").all_inner_texts()
    assert groups and len(groups) == len(set(groups))  # each product once, as a heading over its results
    assert [g.lower() for g in groups][0].startswith("lanternfish packages")
    marks = page.locator(".js-search-results a mark").all_inner_texts()
    assert marks and all(m.lower() == "package" for m in marks)
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and second and first != second
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("Escape")  # back to the box, the results closed
    assert page.evaluate("document.activeElement.classList.contains('js-search')")
    assert page.locator(".js-search-results").is_hidden()
    page.keyboard.press("Enter")  # the first result, the results shown again
    page.wait_for_url("**" + first + "/")  # the static server adds the slash of the folder


def test_a_chinese_query_finds_chinese_pages(page, base_url: str) -> None:
    page.goto(base_url + "/cn/pipelines/quickstart")
    page.fill(".js-search", "运行器")
    page.wait_for_selector(".js-search-results li a")
    hrefs = page.eval_on_selector_all(".js-search-results a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("/cn/") for h in hrefs)
    assert "运行器" in page.locator(".js-search-results mark").first.inner_text()


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots_of_an_article(browser, base_url: str, name: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.goto(base_url + ARTICLE)
    # nothing may stick out sideways: a phone reader scrolls down only
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"article-{name}.png"
    pg.screenshot(path=str(shot))
    pg.screenshot(path=str(ARTIFACTS / f"article-{name}-full.png"), full_page=True)
    for picker in (".version-picker", ".language-picker"):  # an open menu must fit on the screen too
        pg.click(f"{picker} summary")
        assert pg.evaluate("document.documentElement.scrollWidth") <= width, picker
        pg.keyboard.press("Escape")
    context.close()
    assert shot.stat().st_size > 10_000
