"""The example site is a product of its own: its pickers and page titles show its plans' titles, in a real
headless browser (the shared build and chromium of ``conftest.py``)."""

from __future__ import annotations

from renderer.model.config import load_config

from .conftest import REPO


def test_the_pickers_and_titles_show_the_sites_own_plans(browser, base_url: str) -> None:  # noqa: ANN001
    config = load_config(REPO)
    server = config.enterprise
    assert server is not None and server.name != "enterprise-server"  # its own plans, not GitHub's
    expected = [p.title if not p.numbered else f"{p.title} {r}" for p in config.plans for r in p.releases]
    page = browser.new_page()
    try:
        page.goto(base_url + "/en/pipelines/quickstart")
        page.click(".version-picker summary")
        shown = [t.split("\n")[0].strip() for t in page.locator(".version-picker a").all_inner_texts()]
        assert shown == expected
        assert not any("GitHub" in t or t.startswith("Enterprise Server") for t in shown)
        release = f"{server.title} {server.releases[1]}"
        page.click(f".version-picker a:text('{release}')")
        page.wait_for_url(f"**/en/{server.name}@{server.releases[1]}/pipelines/quickstart**")
        assert release in page.inner_text(".version-picker summary")
        assert page.title().endswith(f" - {release} - Lanternfish Docs")
    finally:
        page.close()
