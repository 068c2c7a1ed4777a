"""What the browser tests share: the example site built once and served over HTTP, and one chromium.

Package-scoped, not session-scoped: Playwright's sync API runs an event loop while it is open, and the browser
tests of other folders start their own after these are done.

Debian's chromium (``/usr/bin/chromium``, or the binary env var ``CHROMIUM`` names) through the ``playwright``
pip package's Python API (no browser is downloaded); without either, the tests here are skipped and say why.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from renderer.cli import main

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", REPO / "test-artifacts"))

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright pip package is not installed")
if not CHROMIUM.is_file():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)", allow_module_level=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="package")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for every browser test."""
    out = tmp_path_factory.mktemp("browser") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="package")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield b
        b.close()
