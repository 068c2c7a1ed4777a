"""How browser tabs learn that their page changed.

Each served page carries a token (a hash of its document). The page's script opens a Server-Sent Events stream
for its URL and token; the server sends ``reload`` when the page's current token differs, so only tabs whose
page really changed reload (an edit that renders to the same HTML reloads nothing). Before reloading, the
script keeps the scroll position in ``sessionStorage`` and restores it once the new document has loaded.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from renderer.html_escape import script_value

EVENTS_PATH = "/__preview/events"
MISSING = "missing"  # the token of a URL with no page (a tab there reloads when one appears)

_SCRIPT = """<script>
(function () {
  var page = %(href)s, token = %(token)s, key = "docs-preview-scroll:" + page;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = JSON.parse(saved);
    var restore = function () { window.scrollTo(xy[0], xy[1]); };
    restore();
    window.addEventListener("load", restore);
  }
  var source = new EventSource(%(events)s + "?page=" + encodeURIComponent(page) + "&token=" + token);
  source.addEventListener("reload", function () {
    source.close();
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    window.location.reload();
  });
})();
</script>
"""


def token_of(document: str, salt: str = "") -> str:
    return hashlib.sha1((salt + document).encode("utf-8")).hexdigest()[:16]


def script(href: str, token: str) -> str:
    return _SCRIPT % {"href": script_value(href), "token": script_value(token), "events": script_value(EVENTS_PATH)}


def inject(document: str, snippet: str) -> str:
    """``snippet`` just before the last ``</body>`` (or at the end when the document has none)."""
    at = document.lower().rfind("</body>")
    return document + snippet if at < 0 else document[:at] + snippet + document[at:]


class ReloadHub:
    """The current token of each page, and the tabs waiting for it to change."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._tokens: dict[str, str] = {}
        self._open: Counter[str] = Counter()
        self._closed = False

    def publish(self, href: str, token: str) -> None:
        with self._cond:
            if self._tokens.get(href) != token:
                self._tokens[href] = token
                self._cond.notify_all()

    def current(self, href: str) -> str | None:
        with self._cond:
            return self._tokens.get(href)

    def wait(self, href: str, token: str, timeout: float) -> str | None:
        """The page's new token once it differs from ``token``; None on timeout or shutdown."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._tokens.get(href, token) != token, timeout)
            new = self._tokens.get(href, token)
            return None if self._closed or new == token else new

    @contextmanager
    def tab(self, href: str) -> Iterator[None]:
        """Count a tab showing ``href`` while its event stream is open."""
        with self._cond:
            self._open[href] += 1
        try:
            yield
        finally:
            with self._cond:
                self._open[href] -= 1
                if self._open[href] <= 0:
                    del self._open[href]

    def open_pages(self) -> set[str]:
        with self._cond:
            return set(self._open)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release every waiting stream (server shutdown)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
