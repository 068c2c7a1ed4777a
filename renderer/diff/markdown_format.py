"""The diff as a pull-request comment or a job summary (``--format markdown``).

Counts per version and language, then a line per changed page — its versions, the fields that changed, a link
to its section of the HTML report when the report's URL is given — with the text diff folded under it. GitHub
stops a comment at 65,536 characters: the summary stays under ``limit``, dropping first the folded diffs, then
whole pages, and says how many it left out. Everything from the docs is escaped: a title cannot add Markdown or
HTML, and a text diff cannot close its fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TextIO

from renderer.diff.model import Change, DiffResult, anchor
from renderer.diff.terminal import summary_line

LIMIT = 65_000  # a GitHub comment holds 65,536 characters: room for a marker or a heading the workflow adds
DIFF_LINES = 40  # lines of text diff shown per run of versions; the HTML report has the rest
# what can start inline markup in the middle of a line (our text never starts one)
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>&|~])")
_STATUS = {"changed": "changed", "added": "new", "removed": "gone"}


def render(result: DiffResult, report_url: str = "", limit: int = LIMIT) -> str:
    head = ["### Rendered diff", "", _text(summary_line(result, timing=False)), ""]
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
    pages: dict[str, list[tuple[str, list[list[Change]]]]] = {}
    for (lang, path), runs in result.groups(without_shared=True):
        pages.setdefault(path, []).append((lang, runs))
    entries = [_page(path, langs, report_url) for path, langs in pages.items()]
    # every page's line first (each links to its section of the report), then the folded diffs while room is left
    lines = [len(e.line) + 1 for e in entries]

    def cost(n: int) -> int:  # the summary with the first n pages' lines, and the "and N more" of the rest
        return len(out) + sum(lines[:n]) + len(_more(entries[n:], report_url)) + 1

    shown = len(entries)
    while shown and cost(shown) > limit:
        shown -= 1
    room = limit - cost(shown)
    for e in entries[:shown]:
        if len(e.details) <= room:
            room -= len(e.details)
            out += "\n" + e.line + e.details
        else:
            out += "\n" + e.line
    more = _more(entries[shown:], report_url)
    return out + "\n" + more if more else out + "\n"


@dataclass
class _Entry:
    line: str  # the page, its versions and fields, its link
    details: str  # its text diffs, folded
    versions: int


def _page(path: str, langs: list[tuple[str, list[list[Change]]]], report_url: str) -> _Entry:
    """One line for a page, whatever the languages it changed in: its title (linked to its section of the report),
    the other languages (linked likewise), and what changed in which versions."""
    title = _text(langs[0][1][0][0].title)
    if report_url:
        title = f"[{title}]({_link(report_url, langs[0][0], path)})"
    others = ", ".join(
        f"[{_code(lang)}]({_link(report_url, lang, path)})" if report_url else _code(lang) for lang, _ in langs[1:]
    )
    what: dict[tuple[str, tuple[str, ...]], list[str]] = {}  # (status, fields): versions
    for _, runs in langs:
        for run in runs:
            versions = what.setdefault((run[0].status, tuple(run[0].fields)), [])
            versions += [c.version for c in run if c.version not in versions]
    said = "; ".join(
        f"{_STATUS[status]}{_fields(fields)} in {_versions(versions)}" for (status, fields), versions in what.items()
    )
    line = f"- **{title}** `{_code(path)}` ({_code(langs[0][0])}{', ' + others if others else ''}): {said}"
    details = "".join(
        _details(f"{lang}: {_STATUS[run[0].status]} in {', '.join(c.version for c in run)}", run[0].diff_lines)
        for lang, runs in langs
        for run in runs
    )
    return _Entry(line, details, sum(len(run) for _, runs in langs for run in runs))


def _fields(fields: tuple[str, ...]) -> str:
    return f" ({_text(', '.join(fields))})" if fields else ""


def _link(report_url: str, lang: str, path: str) -> str:
    return f"{report_url}#{anchor(lang, path)}"


def _versions(versions: list[str]) -> str:
    """``a@1, a@2, b@x`` as ``a@1/2, b@x``: the lines stay short enough for a comment to list every page."""
    plans: dict[str, list[str]] = {}
    for v in versions:
        plan, _, release = v.partition("@")
        plans.setdefault(plan, []).append(release)
    return ", ".join(_text(f"{plan}@{'/'.join(releases)}" if releases[0] else plan) for plan, releases in plans.items())


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


def _more(rest: list[_Entry], report_url: str = "") -> str:
    if not rest:
        return ""
    versions = sum(e.versions for e in rest)
    where = f" in the [full report]({report_url})" if report_url else " in the HTML report (`--html`)"
    return f"\n… and {len(rest)} more pages ({versions} page-versions){where}.\n"


def _text(s: str) -> str:
    """Plain text in Markdown: every character that could start markup escaped, line breaks flattened."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(s.split()))


def _code(s: str) -> str:
    return " ".join(s.split()).replace("`", "'")


def _longest_backticks(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)


def write(result: DiffResult, stream: TextIO, report_url: str = "") -> None:
    stream.write(render(result, report_url))
