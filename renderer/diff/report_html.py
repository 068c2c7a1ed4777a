"""A self-contained HTML report of a diff: grouped by page, a side-by-side view of the readable text per run of
versions that changed alike, changed lines highlighted and changed words marked, links to the built pages.

One file, no scripts, no external assets: it can be attached to a CI run or opened from disk.
"""

from __future__ import annotations

import difflib
import re
from html import escape

from renderer.diff.model import Change, DiffResult
from renderer.diff.terminal import summary_line

CONTEXT = 3  # unchanged lines shown around each change
_WORD = re.compile(r"\s+|\w+|[^\w\s]")

_CSS = """
body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header.top{background:#24292f;color:#fff;padding:12px 24px}
header.top h1{font-size:18px;margin:0}
header.top p{margin:4px 0 0;color:#d0d7de}
main{padding:16px 24px}
nav.toc{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 16px;margin-bottom:16px}
nav.toc ul{margin:4px 0;padding-left:20px}
section.page{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin-bottom:20px}
section.page>h2{font-size:16px;margin:0;padding:10px 16px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
section.page>h2 code{font-weight:normal;color:#57606a;margin-left:8px}
div.run{padding:8px 16px 16px}
div.run h3{font-size:14px;margin:8px 0}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-right:6px;color:#fff}
.changed{background:#9a6700}.added{background:#1a7f37}.removed{background:#cf222e}
.versions a{margin-right:8px}
.fields{margin-right:8px}
details.pages{margin:8px 0;font-size:14px}
details.pages ul{columns:2 20em;margin:6px 0}
table.sxs{width:100%;border-collapse:collapse;table-layout:fixed;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace}
table.sxs th{text-align:left;background:#f6f8fa;border:1px solid #d0d7de;padding:4px 8px;font-weight:600}
table.sxs td{border-left:1px solid #d0d7de;border-right:1px solid #d0d7de;padding:1px 8px;
  white-space:pre-wrap;word-wrap:break-word;vertical-align:top}
td.del{background:#ffebe9}td.ins{background:#dafbe1}td.empty{background:#f6f8fa}
td.del del{background:#ff8182;text-decoration:none;border-radius:2px}
td.ins ins{background:#4ac26b;text-decoration:none;border-radius:2px}
tr.gap td{color:#57606a;background:#ddf4ff;text-align:center;font-style:italic}
"""


def render_report(result: DiffResult, site_url: str = "") -> str:
    """The report as one HTML document; ``site_url`` is prepended to page URLs (``http://localhost:8000``)."""
    groups = result.groups(without_shared=True)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Rendered diff: {escape(result.left)} → {escape(result.right)}</title>",
        f"<style>{_CSS}</style></head><body>",
        '<header class="top"><h1>Rendered diff</h1>',
        f"<p>{escape(summary_line(result))}</p></header><main>",
    ]
    for shared in result.shared:  # one edit around the article of many pages, told once
        what = " and ".join(shared.fields)
        parts.append(f'<section class="page shared"><h2>The {escape(what)} of {len(shared.changes)} page-versions '
                     f"({shared.pages} pages) changed the same way</h2>")
        parts.append(_run(shared.changes, result, site_url, shared=True))
        parts.append("</section>")
    if not groups and not result.shared:
        parts.append("<p>No page-version renders differently.</p>")
    else:
        parts.append('<nav class="toc"><strong>Pages</strong><ul>')
        for i, ((lang, path), runs) in enumerate(groups):
            n = sum(len(r) for r in runs)
            parts.append(
                f'<li><a href="#p{i}">{escape(runs[0][0].title)}</a> <code>{escape(lang)} {escape(path)}</code>'
                f" ({n} version{'s' if n != 1 else ''})</li>"
            )
        parts.append("</ul></nav>")
    for i, ((lang, path), runs) in enumerate(groups):
        parts.append(f'<section class="page" id="p{i}"><h2>{escape(runs[0][0].title)}')
        parts.append(f"<code>{escape(lang)} · {escape(path)}</code></h2>")
        for run in runs:
            parts.append(_run(run, result, site_url))
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _run(run: list[Change], result: DiffResult, site_url: str, shared: bool = False) -> str:
    """One run of page-versions that changed alike: its versions (for a shared change, its page-versions, folded
    away: there can be hundreds), then the side-by-side diff of the first."""
    first = run[0]
    fields = f'<span class="fields">{escape(", ".join(first.fields))}</span>' if first.fields else ""
    if shared:
        items = "".join(f'<li><a href="{escape(site_url + c.href)}">{escape(c.href)}</a></li>' for c in run)
        links = f'<details class="pages"><summary>the {len(run)} page-versions</summary><ul>{items}</ul></details>'
        head = f'<h3><span class="badge {first.status}">{first.status}</span>{fields}</h3>{links}'
    else:
        links = " ".join(f'<a href="{escape(site_url + c.href)}">{escape(c.version)}</a>' for c in run)
        head = (
            f'<h3><span class="badge {first.status}">{first.status}</span>{fields}'
            f'<span class="versions">{links}</span></h3>'
        )
    old, new = first.texts()
    rows = _rows(old.splitlines(), new.splitlines())
    table = (
        '<table class="sxs"><colgroup><col><col></colgroup>'
        f"<tr><th>{escape(result.left)}</th><th>{escape(result.right)}</th></tr>{''.join(rows)}</table>"
    )
    return f'<div class="run">{head}{table}</div>'


def _rows(old: list[str], new: list[str]) -> list[str]:
    rows = []
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            lines = old[i1:i2]
            keep_head = CONTEXT if n > 0 else 0
            keep_tail = CONTEXT if n < len(ops) - 1 else 0
            if len(lines) > keep_head + keep_tail + 1:
                rows.extend(_same(x) for x in lines[:keep_head])
                hidden = len(lines) - keep_head - keep_tail
                rows.append(f'<tr class="gap"><td colspan="2">{hidden} unchanged lines</td></tr>')
                rows.extend(_same(x) for x in lines[len(lines) - keep_tail :])
            else:
                rows.extend(_same(x) for x in lines)
            continue
        left, right = old[i1:i2], new[j1:j2]
        for k in range(max(len(left), len(right))):
            a = left[k] if k < len(left) else None
            b = right[k] if k < len(right) else None
            rows.append(_changed(a, b))
    return rows


def _same(line: str) -> str:
    cell = escape(line) or " "
    return f"<tr><td>{cell}</td><td>{cell}</td></tr>"


def _changed(a: str | None, b: str | None) -> str:
    if a is not None and b is not None:
        left, right = _words(a, b)
    else:
        left = escape(a) if a is not None else None
        right = escape(b) if b is not None else None
    lcell = f'<td class="del">{left or " "}</td>' if left is not None else '<td class="empty"></td>'
    rcell = f'<td class="ins">{right or " "}</td>' if right is not None else '<td class="empty"></td>'
    return f"<tr>{lcell}{rcell}</tr>"


def _words(a: str, b: str) -> tuple[str, str]:
    """Both lines with the words that differ marked (``<del>`` on the left, ``<ins>`` on the right)."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        x, y = escape("".join(wa[i1:i2])), escape("".join(wb[j1:j2]))
        if tag == "equal":
            left.append(x)
            right.append(y)
            continue
        left.append(_mark(x, "del"))
        right.append(_mark(y, "ins"))
    return "".join(left), "".join(right)


def _mark(text: str, tag: str) -> str:
    """``text`` marked as changed, the spaces around it left unmarked (they are not what changed)."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return f"{text[:start]}<{tag}>{core}</{tag}>{text[start + len(core) :]}"
