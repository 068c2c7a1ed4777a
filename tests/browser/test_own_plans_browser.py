"""The example site is a product of its own: its pickers and page titles show its plans' titles, in a real
headless browser (Debian's chromium through Playwright's Python API; ``CHROMIUM`` names another binary).
Skipped, saying why, when either is missing."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from renderer.cli import main
from renderer.config import load_config

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright pip package is not installed")
if not CHROMIUM.is_file():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)", allow_module_level=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("own-plans") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out), "--lang", "en", "-q", "--no-cache"]) == 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_pickers_and_titles_show_the_sites_own_plans(base_url: str) -> None:
    config = load_config(REPO)
    server = config.enterprise
    assert server is not None and server.name != "enterprise-server"  # its own plans, not GitHub's
    expected = [p.title if not p.numbered else f"{p.title} {r}" for p in config.plans for r in p.releases]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
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
            browser.close()
