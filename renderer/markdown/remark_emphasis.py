"""Inline rule: emphasis and strong as remark-parse 7 found them, without CommonMark's flanking rules.

At a `**`/`__`, strong runs to the first doubled marker not followed by a third; at a `*`/`_`, emphasis runs
to the next single marker (a `_` followed by a word character does not close). The content must not be blank,
and emphasis fails if its closing marker follows another marker. So `** Warning:**` is strong, `***x***` is
`<strong><em>`, and `foo_bar_` gives `foo<em>bar</em>`. A backslash escapes the next character while
scanning. A link or image (``[text](destination)``) binds tighter than emphasis, as in remark and CommonMark:
the scan steps over it whole, so a marker in a link's text or URL never closes emphasis opened outside it
(``**[a *b](https://x?q=*c)**`` is strong around the link). The content is then parsed as inline Markdown on
its own.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def link_end(src: str, start: int, end: int) -> int:
    """Index just after an inline link ``[text](destination "title")`` whose ``[`` is at `start`, or -1."""
    depth, index = 0, start
    while index < end:  # the text: brackets balanced, backslash escapes
        char = src[index]
        if char == "\\":
            index += 2
            continue
        depth += (char == "[") - (char == "]")
        index += 1
        if depth == 0:
            break
    if depth or index >= end or src[index] != "(":
        return -1
    depth, index, quote = 0, index, ""
    while index < end:  # the destination and title: parentheses balanced outside quotes and <...>
        char = src[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and depth:
            quote = char
        elif char == "<" and depth == 1 and src[index - 1] in "( ":
            close = src.find(">", index, end)
            index = close if close > 0 else index
        else:
            depth += (char == "(") - (char == ")")
            if depth == 0:
                return index + 1
        index += 1
    return -1


def _bracket(src: str, index: int, end: int, depth: int) -> tuple[int, int] | None:
    """At a bracket: (where the scan goes on, the bracket depth after it); None when an enclosing link's text
    ends here (an emphasis that starts in a link's text ends in it). A whole link is stepped over."""
    if src[index] == "[":
        after = link_end(src, index, end)
        return (after, depth) if after > 0 else (index + 1, depth + 1)
    return None if depth == 0 else (index + 1, depth - 1)


def strong_end(src: str, start: int, end: int, marker: str) -> int:
    """Index of the closing pair of a strong opened just before `start`, or -1."""
    index, depth = start, 0
    while index < end:
        char = src[index]
        if char in "[]":
            step = _bracket(src, index, end, depth)
            if step is None:
                return -1
            index, depth = step
            continue
        if char == marker and index + 1 < end and src[index + 1] == marker:
            if index + 2 >= end or src[index + 2] != marker:
                return index if src[start:index].strip() else -1
        elif char == "\\":
            index += 1
        index += 1
    return -1


def emphasis_end(src: str, start: int, end: int, marker: str) -> int:
    """Index of the closing marker of an emphasis opened just before `start`, or -1."""
    index, depth = start, 0
    prev = ""
    while index < end:
        char = src[index]
        if char in "[]":
            step = _bracket(src, index, end, depth)
            if step is None:
                return -1
            index, depth = step
            prev = char
            continue
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
