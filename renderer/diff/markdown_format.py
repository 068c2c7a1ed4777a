"""The diff as a pull-request comment or a job summary (``--format markdown``).

Counts per version and language, then a line per changed page — its versions, the fields that changed, a link
to its section of the HTML report when the report's URL is given — with the text diff folded under it. GitHub
stops a comment at 65,536 characters: the summary stays under ``limit``, dropping first the folded diffs, then
whole pages, and says how many it left out. Everything from the docs is escaped: a title cannot add Markdown or
HTML, and a text diff cannot close its fence.
"""

from __future__ import annotations

import re
from html import escape
from typing import TextIO
from urllib.parse import quote

from renderer.diff.model import Change, DiffResult, anchor
from renderer.diff.terminal import summary_line

LIMIT = 65_536  # characters of a GitHub comment
DIFF_LINES = 40  # lines of text diff shown per run of versions; the HTML report has the rest
# what can start inline markup in the middle of a line (our text never starts one)
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>&|~])")
_STATUS = {"changed": "changed", "added": "new", "removed": "gone"}


def render(result: DiffResult, report_url: str = "", site_url: str = "", limit: int = LIMIT) -> str:
    head = [f"### Rendered diff: {_text(result.left)} → {_text(result.right)}", "", _text(summary_line(result)), ""]
    head += _counts(result)
    for shared in result.shared:
        what = " and ".join(shared.fields)
        head.append(
            f"- The {_text(what)} of **{len(shared.changes)}** page-versions ({shared.pages} pages) changed the "
            "same way" + _details("the change", shared.lines)
        )
    if result.shared:
        head.append("")
    out = "\n".join(head)
    groups = result.groups(without_shared=True)
    for shown, ((lang, path), runs) in enumerate(groups):
        entry = _page(lang, path, runs, report_url, site_url)
        rest = groups[shown + 1 :]
        room = limit - len(out) - len(_more(rest, report_url)) - 1
        if len(entry.full) <= room:
            out += "\n" + entry.full
        elif len(entry.line) <= room:
            out += "\n" + entry.line  # the line and its link, without the folded diff
        else:
            return out + "\n" + _more(groups[shown:], report_url)
    return out + "\n"


class _Entry:
    def __init__(self, line: str, details: str) -> None:
        self.line = line
        self.full = line + details


def _page(lang: str, path: str, runs: list[list[Change]], report_url: str, site_url: str) -> _Entry:
    first = runs[0][0]
    title = _text(first.title)
    if report_url:
        title = f"[{title}]({report_url}#{quote(anchor(lang, path), safe='/')})"
    what = "; ".join(_run(run, site_url) for run in runs)
    line = f"- **{title}** `{_code(lang)}` `{_code(path)}`: {what}"
    details = "".join(
        _details(f"{_STATUS[run[0].status]} in {', '.join(c.version for c in run)}", run[0].diff_lines) for run in runs
    )
    return _Entry(line, details)


def _run(run: list[Change], site_url: str) -> str:
    fields = f" ({_text(', '.join(run[0].fields))})" if run[0].fields else ""
    if site_url:
        versions = ", ".join(f"[{_text(c.version)}]({site_url}{quote(c.href, safe='/#')})" for c in run)
    else:
        versions = ", ".join(_text(c.version) for c in run)
    return f"{_STATUS[run[0].status]}{fields} in {versions}"


def _details(summary: str, lines: list[str]) -> str:
    shown = lines[:DIFF_LINES]
    if len(lines) > DIFF_LINES:
        shown = [*shown, f"… {len(lines) - DIFF_LINES} more lines in the HTML report"]
    body = "\n".join(shown)
    fence = "`" * max(3, _longest_backticks(body) + 1)
    return (
        f"\n  <details><summary>{escape(' '.join(summary.split()))}</summary>\n\n  {fence}diff\n"
        + "".join(f"  {line}\n" for line in shown)
        + f"  {fence}\n  </details>"
    )


def _counts(result: DiffResult) -> list[str]:
    if not result.changes:
        return []
    langs = list(dict.fromkeys(c.lang for c in result.changes))
    table: dict[str, dict[str, int]] = {}
    for c in result.changes:
        row = table.setdefault(c.version, {})
        row[c.lang] = row.get(c.lang, 0) + 1
    lines = ["| version | " + " | ".join(_code(lang) for lang in langs) + " |", "|---" * (len(langs) + 1) + "|"]
    for version, row in table.items():
        lines.append(f"| {_text(version)} | " + " | ".join(str(row.get(lang, 0)) for lang in langs) + " |")
    return [*lines, ""]


def _more(rest: list, report_url: str) -> str:
    if not rest:
        return ""
    versions = sum(len(run) for _, runs in rest for run in runs)
    where = f" in the [full report]({report_url})" if report_url else " in the HTML report (`--html`)"
    return f"\n… and {len(rest)} more pages ({versions} page-versions){where}.\n"


def _text(s: str) -> str:
    """Plain text in Markdown: every character that could start markup escaped, line breaks flattened."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(s.split()))


def _code(s: str) -> str:
    return " ".join(s.split()).replace("`", "'")


def _longest_backticks(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)


def write(result: DiffResult, stream: TextIO, report_url: str = "", site_url: str = "") -> None:
    stream.write(render(result, report_url, site_url))
