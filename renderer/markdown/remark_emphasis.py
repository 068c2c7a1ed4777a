"""Inline rule: emphasis and strong as remark-parse 7 found them, without CommonMark's flanking rules.

At a `**`/`__`, strong runs to the first doubled marker not followed by a third; at a `*`/`_`, emphasis runs
to the next single marker (a `_` followed by a word character does not close). The content must not be blank,
and emphasis fails if its closing marker follows another marker. So `** Warning:**` is strong, `***x***` is
`<strong><em>`, and `foo_bar_` gives `foo<em>bar</em>`. A backslash escapes the next character while
scanning. The content is then parsed as inline Markdown on its own.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def strong_end(src: str, start: int, end: int, marker: str) -> int:
    """Index of the closing pair of a strong opened just before `start`, or -1."""
    index = start
    while index < end:
        char = src[index]
        if char == marker and index + 1 < end and src[index + 1] == marker:
            if index + 2 >= end or src[index + 2] != marker:
                return index if src[start:index].strip() else -1
        elif char == "\\":
            index += 1
        index += 1
    return -1


def emphasis_end(src: str, start: int, end: int, marker: str) -> int:
    """Index of the closing marker of an emphasis opened just before `start`, or -1."""
    index = start
    prev = ""
    while index < end:
        char = src[index]
        if char == marker:
            following = src[index + 1] if index + 1 < end else ""
            if following != marker:
                if not src[start:index].strip() or prev == marker:
                    return -1
                if marker == "_" and _is_word(following):
                    prev = marker
                    index += 1
                    continue
                return index
            prev = following
            index += 2
            continue
        if char == "\\":
            index += 1
            char = src[index] if index < end else ""
        prev = char
        index += 1
    return -1


def remark_emphasis(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    marker = src[pos]
    if marker not in "*_":
        return False
    width = 2
    close = strong_end(src, pos + 2, end, marker) if src.startswith(marker, pos + 1) else -1
    if close < 0:
        width = 1
        close = emphasis_end(src, pos + 1, end, marker)
    if close < 0:
        return False
    if not silent:
        kind, tag = ("strong", "strong") if width == 2 else ("em", "em")
        token = state.push(f"{kind}_open", tag, 1)
        token.markup = marker * width
        state.pos = pos + width
        state.posMax = close
        state.md.inline.tokenize(state)
        state.posMax = end
        token = state.push(f"{kind}_close", tag, -1)
        token.markup = marker * width
    state.pos = close + width
    return True


def remark_emphasis_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.at("emphasis", remark_emphasis)
    md.inline.ruler2.disable("emphasis")
