"""A stylesheet confined to one element: the site's own CSS applied to the pages shown inside the diff report,
and nowhere else in it (the report has its own header, tables and colours).

Every selector gets the scope in front (``.markdown-body p`` → ``.vd-page .markdown-body p``); the page's root
(``:root``, ``html``, ``body``) becomes the scope itself, so the custom properties and the base font the site
sets there hold inside it. Rules inside ``@media`` and ``@supports`` are scoped the same way; other at-rules
(``@font-face``, ``@keyframes``) are kept as they are.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ROOT = re.compile(r"^(?::root|html|body)(?![\w-])")
_GROUPING = ("@media", "@supports", "@layer", "@container")


def scope(css: str, selector: str) -> str:
    out, _ = _rules(_COMMENT.sub("", css), 0, selector)
    return out


def _rules(css: str, pos: int, selector: str) -> tuple[str, int]:
    """The rules from ``pos`` up to the ``}`` that closes their block (or the end), scoped; and where it ended."""
    out = []
    while pos < len(css):
        brace = css.find("{", pos)
        close = css.find("}", pos)
        if close != -1 and (brace == -1 or close < brace):
            out.append(css[pos:close])
            return "".join(out), close + 1
        if brace == -1:
            out.append(css[pos:])
            break
        prelude = css[pos:brace].strip()
        if prelude.startswith(_GROUPING):
            inner, pos = _rules(css, brace + 1, selector)
            out.append(f"{prelude}{{{inner}}}\n")
        elif prelude.startswith("@"):
            end = _block_end(css, brace)
            out.append(css[pos:end] + "\n")
            pos = end
        else:
            end = _block_end(css, brace)
            out.append(f"{_scoped(prelude, selector)}{css[brace:end]}\n")
            pos = end
    return "".join(out), len(css)


def _block_end(css: str, brace: int) -> int:
    depth = 0
    for i in range(brace, len(css)):
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(css)


def _scoped(prelude: str, selector: str) -> str:
    parts = []
    for one in _top_level_commas(prelude):
        one = one.strip()
        if _ROOT.match(one):
            parts.append(_ROOT.sub(selector, one, count=1))
        else:
            parts.append(f"{selector} {one}")
    return ", ".join(parts)


def _top_level_commas(prelude: str) -> list[str]:
    """The selectors of a list: split at commas outside parentheses (``:is(a, b)`` is one)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return [*parts, prelude[start:]]
