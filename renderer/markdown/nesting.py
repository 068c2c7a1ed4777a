"""How deep lists and block quotes may be inside each other (``Limits.markdown_nesting``), enforced before it costs.

remark read each list item's text as a document of its own (``remark_lists.py``), so the innermost lines of a list
nested d deep are read d times: the cost grows with the cube of the depth (a 1,000-deep list took 73 s) and
Python's stack runs out on the way (a RecursionError). Depth is bounded twice:

- before parsing, ``check_nesting`` reads the depth of lists off the lines' prefixes (spaces, tabs, ``>``, list
  markers) in one pass. It runs only when some line has such a prefix of a quarter of the limit or more (a column
  of indentation or a marker per level at least, a tab being four columns), so a normal page pays one regex search;
- while parsing, each list counts how deep it is (``enter``: the lists around it and the block quotes open around
  each), which holds whatever the estimate missed (lazy lines, which the estimate reads as ending the containers
  they continue). Block quotes within one document need no count: markdown-it stops them at 20 (maxNesting).

Too deep is an error (``BudgetError`` naming the limit and the line), not a tree cut at the limit: markdown-it's own
maxNesting cuts, dropping the rest of the document without a word, and no author means to nest a hundred deep.
(Block quotes alone are still markdown-it's: 20 deep within one document, the rest dropped; that is cheap.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from renderer.model.limits import DEFAULT_LIMITS, BudgetError, hint_for

MAX_KEY = "nesting.max"  # env key: the limit for this parse (render_markdown passes it)
DEPTH_KEY = "nesting.depth"  # env key: how many list items and block quotes the parse is inside now

_MARKER = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)")
_FENCE = re.compile(r"(?:```|~~~)")


def limit_of(env: dict[str, Any]) -> int:
    return env.get(MAX_KEY) or DEFAULT_LIMITS.markdown_nesting


def check_nesting(text: str, limit: int) -> None:
    """Raise BudgetError when the text's lists, as their lines' indentation shows them, are
    nested more than ``limit`` deep. Cheap for any text; a full pass over the lines only for suspicious ones."""
    if not _suspicious(limit).search(text):
        return
    stack: list[int] = []  # columns of the containers open at the previous line, outermost first
    blank = 0
    fence = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            blank += 1
            if blank >= 2 and not fence:  # two blank lines end every list (remark)
                stack.clear()
            continue
        blank = 0
        columns, rest = _containers(line)
        if _FENCE.match(rest):
            fence = not fence
        elif fence:
            continue  # list markers in code are code
        first = columns[0] if columns else len(line) - len(rest)
        while stack and stack[-1] >= first:  # ended, or a sibling of what starts here
            stack.pop()
        stack.extend(columns)
        if len(stack) > limit:
            raise too_deep(limit, line, number)


@lru_cache(maxsize=4)
def _suspicious(limit: int) -> re.Pattern[str]:
    """A line starting with a run of container characters long enough to be nested more than ``limit`` deep."""
    return re.compile(r"(?:\A|\n)[ \t>*+\-.)\d]{" + str(max(1, limit // 4)) + "}")


def _containers(line: str) -> tuple[list[int], str]:
    """The columns of the list markers that start ``line`` (after any block quote markers), and the rest of it."""
    columns: list[int] = []
    column = i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == " ":
            column += 1
        elif c == "\t":
            column += 4 - column % 4
        elif c == ">":  # a block quote: not counted (markdown-it stops those at 20), only stepped over
            column += 1
        else:
            m = _MARKER.match(line, i)
            if not m:
                break
            columns.append(column)
            column += m.end() - i
            i = m.end()
            continue
        i += 1
    return columns, line[i:]


def too_deep(limit: int, line: str, number: int | None = None) -> BudgetError:
    where = f"at line {number} of the page's Markdown (after Liquid)" if number else "at"
    snippet = line.strip()
    snippet = snippet if len(snippet) <= 40 else snippet[:37] + "..."
    return BudgetError(
        f"lists and block quotes nested more than {limit} deep, {where}: {snippet!r}",
        hint="nest them less deeply, or " + hint_for("markdown_nesting"),
    )


def enter(env: dict[str, Any], level: int, line: str) -> int:
    """A list starts, ``level`` deep in its document (markdown-it's level: the block quotes open around it, as
    remark_lists pushes its own tokens in the document around an item's); returns what ``leave`` puts back."""
    outer = env.get(DEPTH_KEY, 0)
    depth = outer + level + 1
    limit = limit_of(env)
    if depth > limit:
        raise too_deep(limit, line)
    env[DEPTH_KEY] = depth  # what the items' own documents start from
    return outer


def leave(env: dict[str, Any], outer: int) -> None:
    env[DEPTH_KEY] = outer
