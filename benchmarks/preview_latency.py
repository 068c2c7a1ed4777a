"""How fast the preview is on the corpus: start-up time, and save-to-browser latency for a typical article.

    DOCS_CORPUS=/path/to/github-docs-2021-06 python benchmarks/preview_latency.py [--runs 20]

The corpus is copied to a temporary folder first (it is read-only; the benchmark edits files). The server runs
as ``docs-renderer serve`` in its own process, bound to 127.0.0.1, and is stopped at the end.

- start-up: from launching the command to the port accepting connections, to the first response, and to the
  first article served (that one loads the page tree, front matter of every page, unless the background warm-up
  already did).
- latency: for N saves of a file, the time from the write to the browser having the new page: first contentful
  paint and DOMContentLoaded of the reloaded document (the browser's clock, which is the system clock), and
  the moment Playwright reports its load event (an upper bound). Measured twice: saving a reusable the article
  uses, and saving the article itself. Also, without a browser: write → the server's reload event → the new
  page fetched over HTTP.
The browser is Debian's chromium (``/usr/bin/chromium``, or ``CHROMIUM``) through Playwright's Python API.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

DEFAULT_PAGE = "github/getting-started-with-github/learning-about-github/access-permissions-on-github.md"
DEFAULT_REUSABLE = "data/reusables/gated-features/enterprise-accounts.md"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, port: int, log: Path | None = None) -> tuple[subprocess.Popen, dict[str, float]]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "renderer", "serve", "--root", str(root), "--port", str(port), "-v" if log else "-q"],
        stdout=subprocess.DEVNULL,
        stderr=log.open("w") if log else None,
    )
    times: dict[str, float] = {}
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.002)
    times["listening"] = time.perf_counter() - started
    fetch(port, "/")
    times["first response"] = time.perf_counter() - started
    return proc, times


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()


def fetch(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", quote(path))
    resp = conn.getresponse()
    body = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, body


def summary(name: str, values_ms: list[float]) -> str:
    if not values_ms:
        return f"{name}: no data"
    v = sorted(values_ms)
    p90 = v[min(len(v) - 1, int(round(0.9 * (len(v) - 1))))]
    return (
        f"{name}: median {statistics.median(v):.0f} ms (min {v[0]:.0f}, p90 {p90:.0f}, max {v[-1]:.0f}, n={len(v)})"
    )


def measure_startup(root: Path, href: str, runs: int) -> None:
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        port = free_port()
        proc, times = start_server(root, port)
        t0 = time.perf_counter()
        status, _ = fetch(port, href)
        assert status == 200, f"{href}: HTTP {status}"
        # the article's time counts from the launch: listening time + the request
        times["first article"] = times["first response"] + (time.perf_counter() - t0)
        stop_server(proc)
        for k, v in times.items():
            rows.setdefault(k, []).append(v * 1000)
    print(f"start-up on the corpus ({runs} runs, from launching `docs-renderer serve`):")
    for k, v in rows.items():
        print("  " + summary(k, v))


def edit(path: Path, original: str, marker: str) -> None:
    # a word added inside the existing text, so the change shows wherever the text renders
    path.write_text(original.rstrip("\n") + f" {marker}\n", encoding="utf-8")


def measure_http(port: int, href: str, target: Path, runs: int) -> list[float]:
    """Save → the server's reload event for the page → the new page fetched; no browser."""
    original = target.read_text(encoding="utf-8")
    out = []
    try:
        for i in range(runs):
            status, body = fetch(port, href)
            token = body.split('token = "', 1)[1].split('"', 1)[0] if 'token = "' in body else ""
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            conn.request("GET", f"/__preview/events?page={quote(href)}&token={token}")
            resp = conn.getresponse()
            resp.fp.read1(100)  # the stream is open
            marker = f"probe{i}x{os.getpid()}"
            t0 = time.perf_counter()
            edit(target, original, marker)
            seen = b""
            while b"event: reload" not in seen:
                seen += resp.fp.read1(1000)
            conn.close()
            status, body = fetch(port, href)
            out.append((time.perf_counter() - t0) * 1000)
            assert marker in body, "the page did not change"
            time.sleep(0.1)
    finally:
        target.write_text(original, encoding="utf-8")
    return out


_TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {origin: performance.timeOrigin, dcl: nav ? nav.domContentLoadedEventEnd : null,
          fcp: paint ? paint.startTime : null, text: document.body ? document.body.innerText : ""};
}"""


def measure_browser(tab, url: str, target: Path, runs: int) -> dict[str, list[float]]:
    original = target.read_text(encoding="utf-8")
    rows: dict[str, list[float]] = {"first contentful paint": [], "DOMContentLoaded": [], "load (Playwright)": []}
    extra: list[int] = []
    try:
        tab.goto(url)
        tab.wait_for_timeout(500)  # (not time.sleep: Playwright delivers events only while it is called)
        for i in range(runs):
            tab.wait_for_timeout(300)  # the reloaded page's event stream connects; a writer does not save faster
            marker = f"probe{i}x{os.getpid()}"
            with tab.expect_event("load", timeout=10_000):
                wall = time.time() * 1000
                t0 = time.perf_counter()
                edit(target, original, marker)
            t = tab.evaluate(_TIMING)
            while marker not in t["text"]:  # an extra reload in between (would be a bug worth seeing)
                extra.append(i)
                with tab.expect_event("load", timeout=10_000):
                    pass
                t = tab.evaluate(_TIMING)
            rows["load (Playwright)"].append((time.perf_counter() - t0) * 1000)
            if t["fcp"] is not None:
                rows["first contentful paint"].append(t["origin"] + t["fcp"] - wall)
            if t["dcl"] is not None:
                rows["DOMContentLoaded"].append(t["origin"] + t["dcl"] - wall)
    finally:
        target.write_text(original, encoding="utf-8")
    if extra:
        print(f"  (saves {extra}: a reload showed the page without the change first)")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("DOCS_CORPUS"), help="corpus root (default: $DOCS_CORPUS)")
    ap.add_argument("--page", default=DEFAULT_PAGE, help="the article, relative to content/")
    ap.add_argument("--reusable", default=DEFAULT_REUSABLE, help="a reusable the article uses")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--startup-runs", type=int, default=5)
    args = ap.parse_args()
    # The commands timed run as an installed tool runs, from compiled bytecode: with PYTHONDONTWRITEBYTECODE
    # set (as on some CI machines) every run would compile the renderer's modules again (0.1-0.2 s).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if not args.corpus or not Path(args.corpus, "content").is_dir():
        print("set DOCS_CORPUS (or --corpus) to the corpus root", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    root = workdir / "corpus"
    try:
        shutil.copytree(args.corpus, root)
        for folder, _, files in os.walk(root):  # the copy keeps the read-only modes
            os.chmod(folder, 0o755)
            for f in files:
                os.chmod(os.path.join(folder, f), 0o644)
        page = args.page[: -len(".md")]
        href = "/en/" + (page[: -len("/index")] if page.endswith("/index") else page)
        article = root / "content" / args.page
        reusable = root / args.reusable
        print(f"article: {href} ({article.stat().st_size} bytes); reusable: {args.reusable}")
        measure_startup(root, href, args.startup_runs)

        port = free_port()
        log = workdir / "serve.log"
        proc, _ = start_server(root, port, log)
        try:
            fetch(port, href)
            print(f"save → reload event → new page over HTTP ({args.runs} saves each, no browser):")
            print("  " + summary("reusable", measure_http(port, href, reusable, args.runs)))
            print("  " + summary("article", measure_http(port, href, article, args.runs)))
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                print("browser latency skipped: Playwright is not installed (pip install playwright)")
                return 0
            if not Path(CHROMIUM).is_file():
                print(f"browser latency skipped: no chromium at {CHROMIUM}")
                return 0
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                tab = browser.new_page()
                for name, target in (("reusable", reusable), ("article", article)):
                    rows = measure_browser(tab, f"http://127.0.0.1:{port}{href}", target, args.runs)
                    print(f"save → headless chromium shows the change, saving the {name} ({args.runs} saves):")
                    for k, v in rows.items():
                        print("  " + summary(k, v))
                browser.close()
        except BaseException:
            print("server log (tail):\n" + "".join(log.read_text().splitlines(True)[-20:]), file=sys.stderr)
            raise
        finally:
            stop_server(proc)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
