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
