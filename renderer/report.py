"""What a command tells the user at the end: counts, and each error and warning with its location."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO

from renderer.render import Rendered


@dataclass
class Summary:
    started: float = field(default_factory=time.perf_counter)
    rendered: int = 0
    pages: set[tuple[str, str]] = field(default_factory=set)
    versions: set[str] = field(default_factory=set)
    langs: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, r: Rendered) -> None:
        self.rendered += 1
        self.pages.add((r.lang, r.path))
        self.versions.add(r.version)
        self.langs.add(r.lang)
        if r.error:
            self.errors.append(f"{r.error} [{r.lang} {r.version}]")
        self.warnings.extend(f"{w} [{r.lang} {r.version}]" for w in r.warnings if "\n" not in w)

    def print(self, stream: TextIO, quiet: bool = False) -> None:
        for e in _dedupe(self.errors):
            print(f"error: {e}", file=stream)
        if not quiet:
            for w in _dedupe(self.warnings):
                print(f"warning: {w}", file=stream)
        seconds = time.perf_counter() - self.started
        print(
            f"{self.rendered} page-versions ({len(self.pages)} pages, {len(self.versions)} versions, "
            f"{len(self.langs)} languages) in {seconds:.1f}s: {len(self.errors)} errors, {len(self.warnings)} warnings",
            file=stream,
        )


def _dedupe(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))
