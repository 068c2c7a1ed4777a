"""A docs root of two pages written by a test (a home page and ``p.md`` holding the text under test), and ways to
render it: in this process, or in a child limited in time and memory, for input that could hang or fill memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

from renderer.model.site import Site
from renderer.page.render import Renderer

FPT = "free-pro-team@latest"
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for a child render
REPO = Path(__file__).resolve().parent.parent


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def make_site(root: Path, body: str | bytes = "", meta: str = "", files: dict[str, str | bytes] | None = None) -> Path:
    write(root, "content/index.md", "---\ntitle: Home\nversions: '*'\nchildren:\n  - /p\n---\n")
    if isinstance(body, bytes):
        write(root, "content/p.md", b"---\ntitle: P\nversions: '*'\n" + meta.encode() + b"---\n" + body)
    else:
        write(root, "content/p.md", f"---\ntitle: P\nversions: '*'\n{meta}---\n{body}")
    for rel, content in (files or {}).items():
        write(root, rel, content)
    return root


def render(root: Path, path: str = "p.md"):
    site = Site(root)
    page = site.page("en", path)
    assert page is not None, path
    return Renderer(site).render(page, FPT)


def run_bounded(command: list[str], seconds: float = 60) -> subprocess.CompletedProcess:
    """Run a command in a child limited in memory and time (a timeout fails the test)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(command, capture_output=True, text=True, timeout=seconds, preexec_fn=limit, cwd=REPO)


def render_bounded(root: Path, seconds: float = 30) -> dict:
    """Render ``p.md`` in a child limited in time and memory: {error, html_length} or {killed}."""
    script = textwrap.dedent(
        f"""
        import json
        from renderer.model.site import Site
        from renderer.page.render import Renderer
        site = Site({str(root)!r})
        out = Renderer(site).render(site.page("en", "p.md"), {FPT!r})
        print(json.dumps({{"error": out.error, "html_length": len(out.html)}}))
        """
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=seconds,
                              preexec_fn=limit, env={**os.environ, "PYTHONHASHSEED": "0"})
    except subprocess.TimeoutExpired:
        return {"killed": f"still running after {seconds}s"}
    if done.returncode != 0:
        return {"killed": f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout)
