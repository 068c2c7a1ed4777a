"""Core rule: markdown-it's `normalize` (CR LF and CR to LF, NUL to U+FFFD), skipped when there is nothing to
change. Its newline pattern matches every line ending, LF included, and rewrote the whole text of every page
and version for nothing: a tenth of a millisecond a page on the corpus."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize as commonmark_normalize


def normalize(state: StateCore) -> None:
    if "\r" in state.src or "\0" in state.src:
        commonmark_normalize(state)


def normalize_plugin(md: MarkdownIt) -> None:
    md.core.ruler.at("normalize", normalize)
