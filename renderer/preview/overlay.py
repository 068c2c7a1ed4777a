"""The error overlay: each problem with its file, line and column, and that line quoted with a caret.

An error replaces the page (there is nothing else to show); warnings float over the page and can be closed.
Either way the document still carries the reload script, so fixing the file brings the page back.
"""

from __future__ import annotations

from pathlib import Path

from renderer import html_escape
from renderer.model.errors import ERROR, Diagnostic
from renderer.preview.paths import inside

_STYLE = """<style>
#docs-preview-overlay{position:fixed;inset:0 0 auto 0;max-height:100vh;overflow:auto;z-index:2147483647;
background:rgba(24,24,27,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;padding:16px 24px}
#docs-preview-overlay.warning{background:rgba(66,48,0,.95)}
#docs-preview-overlay h2{font-size:16px;margin:0 0 8px;color:#fca5a5}
#docs-preview-overlay.warning h2{color:#fde68a}
#docs-preview-overlay .problem{margin:12px 0}
#docs-preview-overlay .where{color:#93c5fd}
#docs-preview-overlay pre{background:#000;padding:8px 12px;margin:6px 0;overflow:auto;white-space:pre}
#docs-preview-overlay button{float:right;font:inherit;background:none;color:inherit;border:1px solid;cursor:pointer}
</style>"""


def quote(root: Path, problem: Diagnostic) -> str:
    """The problem's line of source with the one before it and a caret under the column ('' when unknown)."""
    if not problem.filename or not problem.line:
        return ""
    path = inside(root, problem.filename)
    if path is None:
        return ""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    if not 1 <= problem.line <= len(lines):
        return ""
    width = len(str(problem.line))
    shown = []
    if problem.line >= 2:
        shown.append(f"  {problem.line - 1:>{width}} | {lines[problem.line - 2]}")
    shown.append(f"> {problem.line:>{width}} | {lines[problem.line - 1]}")
    if problem.column:
        shown.append(" " * (width + 5 + problem.column - 1) + "^")
    return "\n".join(shown)


def _where(p: Diagnostic) -> str:
    parts = [str(x) for x in (p.filename, p.line, p.column) if x]
    return ":".join(parts)


def overlay(root: Path, problems: list[Diagnostic]) -> str:
    """The overlay's HTML (to put at the start of ``<body>`` or in its own document)."""
    if not problems:
        return ""
    fatal = any(p.severity == ERROR for p in problems)
    items = []
    for p in problems:
        where = _where(p)
        label = f" (line {p.line}" + (f", column {p.column}" if p.column else "") + ")" if p.line else ""
        quoted = quote(root, p)
        items.append(
            '<div class="problem">'
            + (f'<div class="where">{html_escape.text(where + label)}</div>' if where else "")
            + f'<div class="message">{html_escape.text(p.message)}</div>'
            + (f"<pre>{html_escape.text(quoted)}</pre>" if quoted else "")
            + "</div>"
        )
    close = "" if fatal else '<button type="button" onclick="this.parentNode.remove()">close</button>'
    title = "This page failed to render" if fatal else "Diagnostics in this page"
    level = "error" if fatal else "warning"
    return (
        f'{_STYLE}<div id="docs-preview-overlay" class="{level}" role="alert">{close}'
        f"<h2>{title}</h2>{''.join(items)}<p>Save the file to try again.</p></div>"
    )


def error_document(root: Path, title: str, problems: list[Diagnostic]) -> str:
    """A whole document for a page that could not be rendered."""
    return (
        f'<!doctype html>\n<html><head><meta charset="utf-8"><title>Error: {html_escape.text(title)}</title></head>\n'
        f"<body>{overlay(root, problems)}</body>\n</html>\n"
    )


def with_overlay(document: str, root: Path, problems: list[Diagnostic]) -> str:
    """``document`` with the warnings overlay right after ``<body ...>``."""
    html = overlay(root, problems)
    if not html:
        return document
    lower = document.lower()
    at = lower.find("<body")
    end = lower.find(">", at) if at >= 0 else -1
    return document[: end + 1] + html + document[end + 1 :] if end >= 0 else html + document
