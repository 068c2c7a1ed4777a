"""What a command tells the user at the end: each error and warning with its location, then a summary table.

``Summary.add`` collects rendered page-versions; ``Summary.print`` writes every distinct problem once (with the
languages and versions it happened in) and a table of pages, versions, languages, warnings, errors and time.
Given the docs root, problems are shown as diagnostics (file:line:column, a code frame with a caret, the hint;
see diagnostics.py), coloured on a terminal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from renderer.console.diagnostics import format_diagnostic, use_color
from renderer.model.errors import ERROR, WARNING, Diagnostic

MAX_WHERE = 6


class Outcome(Protocol):
    """What the summary needs of one page-version's result (``Rendered``, the builder's ``PageOutcome``):
    ``problem`` is ``error`` with its place and hint."""

    lang: str
    path: str
    version: str
    error: str | None
    problem: Diagnostic | None
    warnings: list[Diagnostic]


@dataclass
class Summary:
    started: float = field(default_factory=time.perf_counter)
    rendered: int = 0
    pages: set[tuple[str, str]] = field(default_factory=set)
    versions: set[str] = field(default_factory=set)
    langs: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # each distinct problem once: (severity, text) -> (what it is, "lang version" places it happened in)
    problems: dict[tuple[str, str], tuple[Any, list[str]]] = field(default_factory=dict)

    def add(self, r: Outcome) -> None:
        self.rendered += 1
        self.pages.add((r.lang, r.path))
        self.versions.add(r.version)
        self.langs.add(r.lang)
        where = f"{r.lang} {r.version}"
        if r.error:
            self.errors.append(f"{r.error} [{where}]")
            self._note(ERROR, r.error, r.problem or r.error, where)
        for w in r.warnings:
            self.warnings.append(f"{w} [{where}]")
            self._note(WARNING, str(w), w, where)

    def add_reused(self, report: Any) -> None:
        """Page-versions a build reused without reading them (``incremental.Report``: of one language); the ones
        with a problem are ``add``-ed as any other."""
        self.rendered += report.clean
        self.pages.update((report.lang, path) for path in report.pages)
        self.versions.update(report.versions)
        self.langs.add(report.lang)

    def add_site_problems(self, problems: list[Any]) -> None:
        """Problems of the site as a whole (an unreadable page, a child that does not exist)."""
        for problem in problems:
            severity = getattr(problem, "severity", ERROR)
            (self.errors if severity == ERROR else self.warnings).append(str(problem))
            self._note(severity, str(problem), problem, "site")

    def _note(self, severity: str, text: str, problem: Any, where: str) -> None:
        seen = self.problems.get((severity, text))
        if seen is None:
            self.problems[(severity, text)] = (problem, [where])
        elif where not in seen[1]:
            seen[1].append(where)

    def print(
        self,
        stream: TextIO,
        quiet: bool = False,
        *,
        root: Path | None = None,
        color: bool | None = None,
        table: bool = True,
    ) -> None:
        """Problems (errors first; warnings unless ``quiet``), then the table (unless not ``table``).
        ``root``: show code frames."""
        if color is None:
            color = use_color(stream)
        for severity in (ERROR, WARNING):
            if quiet and severity == WARNING:
                continue
            for (sev, _), (problem, where) in self.problems.items():
                if sev == severity:
                    print(self._format(problem, severity, where, root, color), file=stream)
        if table:
            print(self.table(), file=stream)

    def _format(self, problem: Any, severity: str, where: list[str], root: Path | None, color: bool) -> str:
        d = Diagnostic.of(problem, severity)
        extra = f" and {len(where) - MAX_WHERE} more" if len(where) > MAX_WHERE else ""
        places = f"  in: {', '.join(where[:MAX_WHERE])}{extra}"
        if root is None:
            head = f"{d.location}: " if d.location else ""
            return f"{severity}: {head}{d.message} [{', '.join(where[:MAX_WHERE])}{extra}]"
        return f"{format_diagnostic(d, root, color=color)}\n{places}"

    def table(self) -> str:
        """The end-of-command table: page-versions, pages, versions, languages, warnings, errors, time."""
        seconds = time.perf_counter() - self.started
        columns = [
            ("page-versions", str(self.rendered)),
            ("pages", str(len(self.pages))),
            ("versions", str(len(self.versions))),
            ("languages", str(len(self.langs))),
            ("warnings", str(len(self.warnings))),
            ("errors", str(len(self.errors))),
            ("time", f"{seconds:.1f}s"),
        ]
        widths = [max(len(name), len(value)) for name, value in columns]
        head = " | ".join(name.ljust(w) for (name, _), w in zip(columns, widths))
        values = " | ".join(value.rjust(w) for (_, value), w in zip(columns, widths))
        return f"{head.rstrip()}\n{values}"
