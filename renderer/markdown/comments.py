"""Step 1 of the page pipeline: drop HTML comments from a page's source before Liquid sees it.

The reference also removed a newline right before `<!--`, so a comment on its own line leaves no blank line
behind that could split a list.
"""

from __future__ import annotations

import re

_NEWLINE_BEFORE_COMMENT = re.compile(r"\n<!--")
# As the reference's stripper: shortest match; an unclosed `<!--` stays (the HTML5 re-parse hides it later).
_COMMENT = re.compile(r"<!--[\s\S]*?-->")


def strip_html_comments(source: str) -> str:
    """Remove every `<!-- … -->` and the newline directly before it."""
    if "<!--" not in source:
        return source
    return _COMMENT.sub("", _NEWLINE_BEFORE_COMMENT.sub("<!--", source))


def original_line(source: str, line: int) -> int:
    """The line of ``source`` (1-based) that line ``line`` of ``strip_html_comments(source)`` comes from.

    For error messages: Liquid sees the stripped text, people edit the file. Only computed when an error needs it.
    """
    if "<!--" not in source:
        return line
    removed = bytearray(len(source))
    for m in _NEWLINE_BEFORE_COMMENT.finditer(source):
        removed[m.start()] = 1
    first = [i for i in range(len(source)) if not removed[i]]
    for m in _COMMENT.finditer("".join(source[i] for i in first)):
        for j in range(m.start(), m.end()):
            removed[first[j]] = 1
    current = 1
    for i, ch in enumerate(source):
        if removed[i]:
            continue
        if current == line:
            return source.count("\n", 0, i) + 1
        if ch == "\n":
            current += 1
    return source.count("\n") + 1
