"""A self-contained HTML report of a diff, grouped by page. For each run of versions that changed alike: the
page as readers see it (the site's own styles) with what changed marked in place (``visual``), and a switch to
the readable text side by side, changed lines highlighted and changed words marked; links to the built pages.
A page that changed differently in several versions has a switch between those runs.

One file, no scripts (the switches are radio buttons and CSS), no external assets but the pages' images: it
can be attached to a CI run or opened from disk. Light and dark follow the reader's system setting.
"""

from __future__ import annotations

import difflib
import re
from html import escape

from renderer import workers
from renderer.diff.model import Change, DiffResult, Side, anchor
from renderer.diff.scoped_css import scope
from renderer.diff.terminal import summary_line
from renderer.diff.visual import visual_diff

CONTEXT = 3  # unchanged lines shown around each change
_WORD = re.compile(r"\s+|\w+|[^\w\s]")

_CSS = """
:root{--fg:#1f2328;--muted:#57606a;--bg:#f6f8fa;--panel:#fff;--line:#d0d7de;--top:#24292f;--gap:#ddf4ff;
  --del:#ffebe9;--del-word:#ff8182;--ins:#dafbe1;--ins-word:#4ac26b;--focus:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;
  --top:#010409;--gap:#12263f;--del:#3c1618;--del-word:#8e1519;--ins:#12361f;--ins-word:#1a7f37;--focus:#4493f8}}
body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:var(--fg);background:var(--bg)}
a{color:var(--focus)}
header.top{background:var(--top);color:#fff;padding:12px 24px}
header.top h1{font-size:18px;margin:0}
header.top p{margin:4px 0 0;color:#d0d7de;overflow-wrap:anywhere}
main{padding:16px 24px;max-width:1400px}
nav.toc{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 16px;margin-bottom:16px}
nav.toc ul{margin:4px 0;padding-left:20px}
nav.toc li,section.page>h2{overflow-wrap:anywhere}
section.page{background:var(--panel);border:1px solid var(--line);border-radius:6px;margin-bottom:20px;min-width:0}
section.page>h2{font-size:16px;margin:0;padding:10px 16px;border-bottom:1px solid var(--line);background:var(--bg)}
section.page>h2 code{font-weight:normal;color:var(--muted);margin-left:8px}
div.run{padding:8px 16px 16px;min-width:0}
div.run h3{font-size:14px;margin:8px 0;overflow-wrap:anywhere}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-right:6px;color:#fff}
.changed{background:#9a6700}.added{background:#1a7f37}.removed{background:#cf222e}
.versions a{margin-right:8px}
.fields{margin-right:8px}
details.pages{margin:8px 0;font-size:14px}
details.pages ul{columns:2 20em;margin:6px 0}
.tabs{display:flex;flex-wrap:wrap;gap:0 4px;margin-top:8px}
.tabs>input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.tabs>label{order:1;cursor:pointer;padding:4px 12px;border:1px solid var(--line);border-bottom:0;
  border-radius:6px 6px 0 0;color:var(--muted);background:var(--bg);overflow-wrap:anywhere}
.tabs>input:checked+label{color:var(--fg);background:var(--panel);font-weight:600}
.tabs>input:focus-visible+label{outline:2px solid var(--focus);outline-offset:1px}
.tabs>.panel{order:2;flex:1 1 100%;min-width:0;display:none;border-top:1px solid var(--line);padding-top:8px}
.tabs>input:checked+label+.panel{display:block}
.sxs-scroll{overflow-x:auto}
table.sxs{width:100%;border-collapse:collapse;table-layout:fixed;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace}
table.sxs th{text-align:left;background:var(--bg);border:1px solid var(--line);padding:4px 8px;font-weight:600;
  overflow-wrap:anywhere}
table.sxs td{border-left:1px solid var(--line);border-right:1px solid var(--line);padding:1px 8px;
  white-space:pre-wrap;overflow-wrap:anywhere;vertical-align:top}
td.del{background:var(--del)}td.ins{background:var(--ins)}td.empty{background:var(--bg)}
td.del del{background:var(--del-word);text-decoration:none;border-radius:2px}
td.ins ins{background:var(--ins-word);text-decoration:none;border-radius:2px}
tr.gap td{color:var(--muted);background:var(--gap);text-align:center;font-style:italic}
.vd-page{border:1px solid var(--line);border-radius:6px;padding:8px 16px;overflow-wrap:anywhere}
.vd-page .article{max-width:none;margin:0;padding:0}
.vd-page pre,.vd-page table{max-width:100%;overflow-x:auto}
.vd-page table{display:block}
.vd-page ins{background:rgba(46,160,67,.28);color:inherit;text-decoration:underline 2px rgb(46,160,67)}
.vd-page del{background:rgba(248,81,73,.28);color:inherit;text-decoration:line-through 2px rgb(218,54,51)}
.vd-page .vd-block{display:block;text-decoration:none;border-left:4px solid;padding-left:8px;margin:8px 0}
.vd-page ins.vd-block{border-color:rgb(46,160,67);background:rgba(46,160,67,.1)}
.vd-page del.vd-block{border-color:rgb(218,54,51);background:rgba(248,81,73,.1)}
.vd-page .vd-block::before{font:12px sans-serif;display:block;opacity:.75}
.vd-page ins.vd-block::before{content:"added"}.vd-page del.vd-block::before{content:"removed"}
.vd-page .vd-gap{opacity:.7;background:rgba(84,174,255,.15);text-align:center;font-style:italic;font-size:13px;
  border-radius:4px;margin:8px 0}
@media (max-width:600px){main{padding:8px}header.top{padding:8px 12px}div.run{padding:8px}
  .vd-page{padding:4px 8px}}
"""


# Content in a pull request is untrusted where the diff runs in CI: no script runs in the report, whatever the
# sanitizer misses; nothing is fetched but images; no form posts anywhere; no <base> moves the links
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' http: https: data:; "
    "base-uri 'none'; form-action 'none'"
)


def render_report(result: DiffResult, site_url: str = "", site_css: str = "", jobs: int = 1) -> str:
    """The report as one HTML document; ``site_url`` is prepended to page URLs (``http://localhost:8000``);
    ``site_css`` is the site's stylesheet, applied to the pages of the visual diff only. The visual diffs are
    made on ``jobs`` processes (the bulk of the work: each article parsed and compared twice)."""
    groups = result.groups(without_shared=True)
    firsts = [run[0] for _, runs in groups for run in runs]
    visual = dict(zip(map(id, firsts), workers.run(firsts, lambda c: _visual(c, site_url), jobs)))
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Rendered diff: {escape(result.left)} → {escape(result.right)}</title>",
        f"<style>{scope(site_css, '.vd-page')}</style>" if site_css else "",
        f"<style>{_CSS}</style></head><body>",
        '<header class="top"><h1>Rendered diff</h1>',
        f"<p>{escape(summary_line(result))}</p></header><main>",
    ]
    for shared in result.shared:  # one edit around the article of many pages, told once
        what = " and ".join(shared.fields)
        parts.append(
            f'<section class="page shared"><h2>The {escape(what)} of {len(shared.changes)} page-versions '
            f"({shared.pages} pages) changed the same way</h2>"
        )
        parts.append(_run(shared.changes, result, site_url, f"s{len(parts)}"))
        parts.append("</section>")
    if not groups and not result.shared:
        parts.append("<p>No page-version renders differently.</p>")
    else:
        parts.append('<nav class="toc" aria-label="Pages"><strong>Pages</strong><ul>')
        for (lang, path), runs in groups:
            n = sum(len(r) for r in runs)
            parts.append(
                f'<li><a href="#{escape(anchor(lang, path))}">{escape(runs[0][0].title)}</a> '
                f"<code>{escape(lang)} {escape(path)}</code> ({n} version{'s' if n != 1 else ''})</li>"
            )
        parts.append("</ul></nav>")
    for i, ((lang, path), runs) in enumerate(groups):
        parts.append(f'<section class="page" id="{escape(anchor(lang, path))}"><h2>{escape(runs[0][0].title)}')
        parts.append(f"<code>{escape(lang)} · {escape(path)}</code></h2>")
        if len(runs) == 1:
            parts.append(_run(runs[0], result, site_url, f"p{i}", visual[id(runs[0][0])]))
        else:  # changed differently in several versions: one tab a run of versions
            tabs = [
                (", ".join(c.version for c in run), _run(run, result, site_url, f"p{i}r{k}", visual[id(run[0])]))
                for k, run in enumerate(runs)
            ]
            parts.append(_tabs(f"p{i}", tabs, "versions", "Versions"))
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _run(run: list[Change], result: DiffResult, site_url: str, name: str, page: str | None = None) -> str:
    """One run of page-versions that changed alike: its versions, then the first one's ``page`` with the
    changes marked, and its text side by side. Without a page, a change told once for many page-versions
    (around the article: only its text), its page-versions folded away (there can be hundreds)."""
    shared = page is None
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
        '<div class="sxs-scroll"><table class="sxs"><colgroup><col><col></colgroup>'
        f"<tr><th>{escape(result.left)}</th><th>{escape(result.right)}</th></tr>{''.join(rows)}</table></div>"
    )
    if page is None:
        return f'<div class="run">{head}{table}</div>'
    marked = "<ins" in page or "<del" in page
    views = [("Page", f'<div class="vd-page">{page}</div>'), ("Text", table)]
    if not marked:  # the change is around the article (navigation, the picker): its text says what
        views.reverse()
    return f'<div class="run">{head}{_tabs(name, views, "view", "View")}</div>'


def _tabs(name: str, tabs: list[tuple[str, str]], kind: str, label: str) -> str:
    """Tabs without a script: a radio button a tab; the checked one's panel is shown (see _CSS)."""
    out = [f'<div class="tabs {kind}" role="group" aria-label="{escape(label)}">']
    for k, (title, body) in enumerate(tabs):
        ident = f"{name}-{kind}-{k}"
        checked = " checked" if k == 0 else ""
        out.append(
            f'<input type="radio" name="{name}-{kind}" id="{ident}"{checked}>'
            f'<label for="{ident}">{escape(title)}</label><div class="panel">{body}</div>'
        )
    out.append("</div>")
    return "".join(out)


def _visual(c: Change, site_url: str) -> str:
    """The page of a change with what changed marked. From the laid-out pages (with the callouts and mini TOC)
    when both sides were laid out; else (a side whose layout could not differ was not) from the article's
    fields on both sides, so that the two are compared like for like."""
    whole = all(side is None or side.document for side in (c.old, c.new))
    return visual_diff(_article(c.old, whole), _article(c.new, whole), site_url)


def _article(side: Side | None, whole: bool) -> str:
    """The article of one side as readers see it: from the laid-out page (``whole``: title, intro, callouts,
    mini TOC, body) when there is one, else from the rendered fields."""
    if side is None:
        return ""
    if side.rendered.error:
        return f'<p class="vd-error">{escape(side.rendered.error)}</p>'
    doc = side.document if whole else ""
    start, end = doc.find("<article"), doc.rfind("</article>")
    if start != -1 and end > start:
        return doc[start : end + len("</article>")]
    r = side.rendered
    intro = f'<div class="lead">{r.intro}</div>' if r.intro else ""
    return (
        f'<article class="article"><header class="article-header"><h1>{escape(r.title)}</h1>{intro}</header>'
        f'<div class="article-body markdown-body">{r.html}</div></article>'
    )


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
