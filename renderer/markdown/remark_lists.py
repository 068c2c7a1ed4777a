"""Block rule: lists as remark-parse 7 read them (its non-CommonMark mode), replacing markdown-it's `list`.

The corpus was written against remark-parse 7, whose lists differ from CommonMark:
  - a line that starts with whitespace (or is indented at least as far as the item's content) continues the
    item, even after blank lines; a blank line then a non-indented, non-item line ends the list;
  - two blank lines in a row end the list; an item marker of another kind (`-` after `*`, `-` after `1.`)
    ends it too;
  - a non-indented line right after item text continues it (lazily) unless it starts an ATX heading, a fence,
    a thematic break or a link definition;
  - an item's lines are de-indented by their smallest indent, at most the bullet's width (`1.` counts 4), and
    not at all when some line has no indent;
  - the list is loose (paragraphs in `<p>`) when blank lines separate items or any item's text matches
    `\\n\\n(?!\\s*$)` (so a blank line inside a fence also makes it loose);
  - a numbered item does not interrupt a paragraph at top level, but any item does inside a list item.
Each item's text is then parsed as a document of its own, as remark did: a list nested d deep reads its innermost
lines d times, so depth is bounded (``nesting.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from renderer.markdown import nesting

TAB_SIZE = 4
IN_LIST = "remark_lists.depth"  # env key: how many list items we are parsing inside

_MARKER = re.compile(r"([*+-]|\d+\.)(?=[ \t]|$)")
_BULLET_LINE = re.compile(r"^([ \t]*)([*+-]|\d+[.)])( {1,4}(?! )| |\t|$)(.*)$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ATX_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"^(?:```|~~~)")
_DEFINITION = re.compile(r"^\[[^\]]+\]:")


@dataclass
class _Item:
    lines: list[str]
    indent: int
    line: int  # first source line, for token maps
    trail: list[str] = field(default_factory=list)


def _indent_width(line: str) -> tuple[int, int]:
    """(columns, characters) of the line's leading whitespace, tabs to 4-column stops."""
    size = 0
    for index, char in enumerate(line):
        if char == "\t":
            size += TAB_SIZE - size % TAB_SIZE
        elif char == " ":
            size += 1
        else:
            return size, index
    return size, len(line)


def _read_marker(line: str, start: int, size: int) -> tuple[str, int] | None:
    """The marker at `start` and the content column after it, or None."""
    m = _MARKER.match(line, start)
    if not m:
        return None
    marker = m.group(1)
    index = m.end()
    size += len(marker)
    kind = marker if marker in "*+-" else "."
    if index < len(line):
        if line[index] == "\t":
            size += TAB_SIZE - size % TAB_SIZE
        else:
            spaces = 0
            while spaces < TAB_SIZE and index + spaces < len(line) and line[index + spaces] == " ":
                spaces += 1
            if spaces == TAB_SIZE and index + spaces < len(line) and line[index + spaces] == " ":
                spaces = 1  # content indented by 5+: the rest is indented code
            size += spaces
    return kind, size


def _interrupts_item(line: str) -> bool:
    return bool(
        _ATX_HEADING.match(line) or _FENCE.match(line) or _THEMATIC_BREAK.match(line) or _DEFINITION.match(line)
    )


def _collect(lines: Iterable[str], first: int) -> tuple[str, list[_Item], int]:
    """Group lines into items as remark's list tokenizer did; returns (kind, items, lines consumed)."""
    items: list[_Item] = []
    empty_lines: list[str] = []
    kind = ""
    empty = False
    consumed = 0
    item: _Item | None = None
    for offset, line in enumerate(lines):
        size, index = _indent_width(line)
        indented = size >= TAB_SIZE or (item is not None and size >= item.indent)
        marker = None if indented else _read_marker(line, index, size)
        if marker:
            if kind and marker[0] != kind:
                break
            if marker[0] in "*-" and _THEMATIC_BREAK.match(line):
                break
        elif not indented and line[:1] in (" ", "\t"):
            indented = True
        prev_empty = empty
        empty = marker is None and not line.strip()
        if indented and item is not None:
            item.lines.extend(empty_lines)
            item.lines.append(line)
            empty_lines = []
        elif marker:
            kind = marker[0]
            if empty_lines and item is not None:
                item.lines.append("")
                item.trail = empty_lines
            item = _Item([line], marker[1], first + offset)
            items.append(item)
            empty_lines = []
        elif empty:
            if prev_empty:
                break
            empty_lines.append(line)
            continue
        else:
            if prev_empty or item is None or _interrupts_item(line):
                break
            item.lines.extend(empty_lines)
            item.lines.append(line)
            empty_lines = []
        consumed = offset + 1
    return kind, items, consumed


def _indent_stops(line: str) -> tuple[int, dict[int, int]]:
    """Indent width and, for each column reached, the index of the whitespace character that reaches it."""
    indent = 0
    stops: dict[int, int] = {}
    for index, char in enumerate(line):
        if char == "\t":
            indent = (indent + TAB_SIZE) // TAB_SIZE * TAB_SIZE
        elif char == " ":
            indent += 1
        else:
            break
        stops[indent] = index
    return indent, stops


def _remove_indent(lines: list[str], maximum: int) -> list[str]:
    """Strip the smallest indent (at most `maximum`) from every line; nothing if a line has none.

    Where a tab jumps past that column, the line is cut at the last whitespace before it and gains a tab.
    """
    minimum = maximum
    measured = [_indent_stops(line) for line in lines]
    for line, (indent, _) in zip(lines, measured, strict=True):
        if not line.strip():
            continue
        if indent == 0:
            return lines
        minimum = min(minimum, indent)
    out = []
    for line, (_, stops) in zip(lines, measured, strict=True):
        column = minimum
        while column and column not in stops:
            column -= 1
        rest = line[stops[column] + 1 :] if column in stops else line
        # remark's quirk: where a tab jumps past the column to cut at, the line gains a tab instead.
        out.append("\t" + rest if column != minimum and line.strip() else rest)
    return out


def item_text(lines: list[str]) -> str:
    """An item's content with its bullet removed and its lines de-indented."""
    m = _BULLET_LINE.match(lines[0])
    if not m:  # cannot happen: the first line was read as an item
        return "\n".join(lines)
    lead, bullet, space, rest = m.groups()
    if bullet[:-1].isdigit() and int(bullet[:-1]) < 10 and len(lead + bullet + space) % 2 == 1:
        bullet = " " + bullet  # the first nine numbers may indent one column more
    width, _ = _indent_width(lead + " " * len(bullet) + space)
    trimmed = _remove_indent([" " * width + "!", *lines[1:]], width)
    return "\n".join([rest, *trimmed[1:]])


_LOOSE = re.compile(r"\n\n(?!\s*$)")


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] : state.eMarks[line]]


def remark_list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= TAB_SIZE:
        return False
    first = _line(state, start_line)
    size, index = _indent_width(first)
    marker = _read_marker(first, index, size)
    if marker is None:
        return False
    if silent:
        if state.parentType == "paragraph":
            return bool(state.env.get(IN_LIST)) or marker[0] != "."
        return state.parentType != "blockquote"

    # read line by line: a list usually ends long before the document does
    lines = (_line(state, n) for n in range(start_line, end_line))
    kind, items, consumed = _collect(lines, start_line)
    if not items:  # the raw line disagrees with markdown-it's view (a tab half used by a container)
        return False
    texts = [item_text(item.lines) for item in items]
    loose = any(item.trail for item in items) or any(_LOOSE.search(text) for text in texts)

    outer = nesting.enter(state.env, state.level, first)  # too deep: an error, before the items are read again
    ordered = kind == "."
    token = state.push("ordered_list_open" if ordered else "bullet_list_open", "ol" if ordered else "ul", 1)
    token.map = [start_line, start_line + consumed]
    token.markup = kind
    if ordered:
        number = int(_MARKER.match(first, index).group(1)[:-1])  # type: ignore[union-attr]
        if number != 1:
            token.attrSet("start", str(number))

    state.env[IN_LIST] = state.env.get(IN_LIST, 0) + 1
    base_level = state.level
    for item, text in zip(items, texts, strict=True):
        token = state.push("list_item_open", "li", 1)
        token.map = [item.line, item.line + len(item.lines)]
        token.markup = kind
        before = len(state.tokens)
        state.md.block.parse(text, state.md, state.env, state.tokens)
        for inner in state.tokens[before:]:
            if not loose and inner.level == 0 and inner.type in ("paragraph_open", "paragraph_close"):
                inner.hidden = True
            inner.level += base_level + 2
        state.push("list_item_close", "li", -1)
    state.env[IN_LIST] -= 1
    nesting.leave(state.env, outer)

    state.push("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1)
    state.line = start_line + consumed
    return True


def remark_lists_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at("list", remark_list, {"alt": ["paragraph", "reference", "blockquote"]})
