"""The preview's HTTP server: the standard library's threaded server, one handler, a few routes.

- ``/`` redirects to the home page; ``/<lang>/[<version>/]<path>`` is a page (rendered on request, with the
  reload script before ``</body>``); a trailing slash redirects to the URL without it, as links are written.
- ``/assets/...`` is a file under the docs root's ``assets/`` folder (what pages link to as ``/assets/...``), and
  ``/static/...`` the layout's CSS and scripts, from ``templates/static/`` (the docs root's, else built-in), the
  same files ``build`` copies.
- ``/search/<lang>/<version>.json`` is the search index the search box loads, made on request from the pages
  (``Preview.search_index``), as ``build`` writes it.
- ``/__preview/events?page=<url>&token=<t>`` is the Server-Sent Events stream a tab listens on.
Anything else, and any path that could reach outside the roots, is 404.

A request whose ``Host`` header names another host than the one listened on gets 421: a web page the writer
visits could otherwise reach the drafts through a name that resolves to this machine (DNS rebinding). On a
loopback address, ``localhost`` and the other loopback spellings are accepted; ``--host 0.0.0.0`` (or ``::``)
accepts any name, as listening everywhere asks for.
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from renderer.layout.document import template_dirs
from renderer.preview import reload
from renderer.preview.app import Preview
from renderer.preview.paths import clean_segments, static_file
from renderer.preview.watcher import Watcher

HEARTBEAT = 10.0  # seconds between keep-alive comments on an idle event stream
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ANY_ADDRESS = ("", "0.0.0.0", "::")


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The ``Host`` header values a server listening on ``host``:``port`` answers; None for any."""
    if host in ANY_ADDRESS:
        return None
    names = {host.lower()}
    if host in LOOPBACK_NAMES or host.startswith("127."):
        names.update(LOOPBACK_NAMES)
    spelled = {f"[{n}]" if ":" in n else n for n in names}
    return frozenset({f"{n}:{port}" for n in spelled} | (spelled if port == 80 else set()))


class PreviewServer(ThreadingHTTPServer):
    """Serves one docs root; ``start()`` runs it (and the watcher) in the background, ``stop()`` ends both."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # a browser opens several connections at once; the default of 5 drops some

    def __init__(
        self, preview: Preview, host: str = "127.0.0.1", port: int = 4000, *, watch: bool = True, log: bool = False
    ) -> None:
        self.preview = preview
        self.log = log
        super().__init__((host, port), _Handler)
        self.allowed_hosts = allowed_hosts(host, self.server_address[1])
        self.watcher = Watcher(preview.root, self.on_changes) if watch else None
        self._thread: threading.Thread | None = None
        self.watching = threading.Event()  # set once file changes are seen

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that stops loading, follows a link or closes a tab before the answer is written hangs up
        # mid-write: routine, not worth a traceback per request. Anything else is still printed.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)

    def on_changes(self, burst: dict[str, str]) -> None:
        with self.preview.lock.exclusive():
            try:
                changed = self.preview.apply(self.preview.changes(burst))
            except Exception:  # noqa: BLE001 - whatever went wrong, start over from the disk rather than stop
                traceback.print_exc()
                changed = self.preview.reset()
        if self.log and changed:
            print(f"reloading {', '.join(sorted(changed))}", file=sys.stderr)

    def start(self, *, warm: bool = False) -> None:
        """Serve in the background. Watching starts (and with ``warm`` the page tree loads) in another thread:
        adding a watch per folder of a large tree takes a while, and requests need not wait for it."""
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="preview-http", daemon=True
        )
        self._thread.start()

        def prepare() -> None:
            if self.watcher:
                self.watcher.start()
            self.watching.set()
            if warm:
                self.preview.warm()

        threading.Thread(target=prepare, name="preview-prepare", daemon=True).start()

    def stop(self) -> None:
        self.preview.hub.close()
        if self.watcher:
            self.watching.wait(10)
            self.watcher.stop()
        self.shutdown()
        self.server_close()
        if self._thread:
            self._thread.join(timeout=5)


def _static(root: Path, segments: list[str]) -> Path | None:
    """``/assets/...`` from the docs root's ``assets/``; ``/static/...`` from ``templates/static/`` of the docs root,
    else of the built-in templates (where ``build`` copies them from)."""
    if segments[0] == "assets":
        return static_file(root / "assets", segments[1:])
    for folder in template_dirs(root):
        found = static_file(folder / "static", segments[1:])
        if found is not None:
            return found
    return None


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        if self.server.log:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:  # noqa: N802 - the base class's naming
        self._route(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._route(head=False)

    def _route(self, head: bool) -> None:
        allowed = self.server.allowed_hosts
        if allowed is not None and (self.headers.get("Host") or "").lower() not in allowed:
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, "<!doctype html><title>421</title>"
                              "<p>This preview answers only requests for the address it listens on.</p>", head=head)
        segments = clean_segments(self.path)
        if segments is None:
            return self._not_found(head)
        preview = self.server.preview
        if not segments:
            home = preview.site.href(preview.site.config.source_language, preview.site.config.default_version, "")
            return self._redirect(home)
        if "/" + "/".join(segments) == reload.EVENTS_PATH:
            return self._events()
        if segments[0] in ("assets", "static"):
            path = _static(preview.root, segments)
            if path is None:
                return self._not_found(head)
            return self._send_file(path, head)
        if segments[0] == "search" and len(segments) == 3 and segments[2].endswith(".json"):
            index = preview.search_index(segments[1], segments[2][: -len(".json")])
            if index is None:
                return self._not_found(head)
            return self._send(HTTPStatus.OK, index, head=head, content_type="application/json; charset=utf-8",
                              compress=True)
        found = preview.locate(segments)
        doc = preview.document(*found) if found else None
        if doc is None:
            # a tab left on a missing page still listens: it reloads when the page appears
            return self._not_found(head, "/" + "/".join(segments))
        if "/" + "/".join(segments) != doc.href or self.path.split("?", 1)[0].endswith("/"):
            return self._redirect(doc.href)
        html = reload.inject(doc.html, reload.script(doc.href, doc.token))
        self._send(HTTPStatus(doc.status), html, head=head)

    def _not_found(self, head: bool, href: str | None = None) -> None:
        html = self.server.preview.not_found()
        if href:
            html = reload.inject(html, reload.script(href, reload.MISSING))
        self._send(HTTPStatus.NOT_FOUND, html, head=head)

    def _events(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        href = (query.get("page") or [""])[0]
        token = (query.get("token") or [""])[0]
        preview = self.server.preview
        hub = preview.hub
        try:
            with hub.tab(href):
                # Counted first, then brought up to date: a change after this line re-renders the page for us,
                # and one made while the tab was loading (no stream open) is caught here.
                if preview.document_at(href) is None:
                    hub.publish(href, reload.MISSING)
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while not hub.closed:
                    new = hub.wait(href, token, HEARTBEAT)
                    if new is None:
                        self.wfile.write(b": still here\n\n")
                    else:
                        self.wfile.write(f"event: reload\ndata: {new}\n\n".encode())
                        token = new
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab closed or reloaded

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", quote(location, safe="/@:"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(
        self,
        status: HTTPStatus,
        html: str,
        *,
        head: bool,
        content_type: str = "text/html; charset=utf-8",
        compress: bool = False,
    ) -> None:
        body = html.encode("utf-8")
        # The search index is megabytes of JSON: gzipped, as a static host serves it, a first search costs a
        # fifth of it (docs/site.md has the figures).
        gzipped = compress and "gzip" in (self.headers.get("Accept-Encoding") or "").lower()
        if gzipped:
            body = gzip.compress(body, compresslevel=5, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_file(self, path: Path, head: bool) -> None:
        try:
            body = path.read_bytes()
        except OSError:
            return self._not_found(head)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(body)
