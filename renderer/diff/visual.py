"""The visual diff: one article, as readers see it, with what changed marked in place.

Both sides are sanitized into tokens (``sanitize``) and compared twice: first block by block (paragraphs,
lists, headings, and atoms: tables, code blocks, images, callouts), then, inside each range of blocks that
differ, word by word. Words removed are shown struck through in ``<del>``, words added in ``<ins>``; an atom
that changed is shown twice, old and new, each marked as a block. Unchanged blocks far from any change are
folded into a one-line marker, so a report of many pages stays small.

The output is balanced HTML whatever the two sides are: a run of tokens whose tags are balanced is wrapped
whole; otherwise the new side's tags are kept (the old side's are dropped) and only words and atoms are marked.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from renderer.diff.sanitize import Token, tokens, words

CONTEXT = 2  # unchanged blocks shown on each side of a change


def visual_diff(old_html: str, new_html: str, site_url: str = "", context: int = CONTEXT) -> str:
    """``new_html`` with the changes from ``old_html`` marked; both sanitized."""
    return "".join(_diff(_blocks(tokens(old_html, site_url)), _blocks(tokens(new_html, site_url)), context))


def _diff(old: list[list[Token]], new: list[list[Token]], context: int | None) -> list[str]:
    """Two sequences of blocks compared; unchanged runs folded down to ``context`` blocks (None: never)."""
    ops = difflib.SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new], autojunk=False).get_opcodes()
    out: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            out += _changed_blocks(old[i1:i2], new[j1:j2])
        elif context is None:
            out += [_key(b) for b in new[j1:j2]]
        else:
            out += _unchanged(new[j1:j2], head=context if n > 0 else 0, tail=context if n < len(ops) - 1 else 0)
    return out


PAIR_RATIO = 0.5  # how alike two blocks' words must be to show one as an edit of the other


def _changed_blocks(old: list[list[Token]], new: list[list[Token]]) -> list[str]:
    """A range of blocks that differ: each new block paired, in order, with the old block it is an edit of (the
    same element, most words alike) and the two compared word by word; the blocks left over are removed or
    added whole, the removed ones first where both happen at one place. Comparing word by word across block
    ends would pair words of unrelated paragraphs."""
    matches: list[int | None] = []
    start = 0
    old_words: dict[int, list[str]] = {}  # each old block's words, cut once for all the new blocks
    for block in new:
        match = _edit_of(block, old, start, old_words)
        matches.append(match)
        if match is not None:
            start = match + 1
    out: list[str] = []
    start = 0  # old blocks before this one are shown already
    for j, block in enumerate(new):
        match = matches[j]
        upto = match if match is not None else next((m for m in matches[j:] if m is not None), len(old))
        for gone in old[start:upto]:
            out += _marked(gone, "del", keep_tags=False)
        start = max(start, upto)
        if match is None:
            out += _marked(block, "ins", keep_tags=True)
        else:
            out += _edit(old[match], block)
            start = match + 1
    for gone in old[start:]:
        out += _marked(gone, "del", keep_tags=False)
    return out


def _edit(old: list[Token], new: list[Token]) -> list[str]:
    """One element edited: a list, table of contents or other element of several blocks is compared block by
    block (only the item that changed is compared word by word), anything else word by word."""
    inner_old, inner_new = _blocks(old[1:-1]), _blocks(new[1:-1])
    if len(inner_old) > 1 or len(inner_new) > 1:
        return [new[0].html, *_diff(inner_old, inner_new, None), new[-1].html]
    return _words(old, new)


def _edit_of(block: list[Token], old: list[list[Token]], start: int, old_words: dict[int, list[str]]) -> int | None:
    """The old block (from ``start`` on) that ``block`` is an edit of: the same element, whose words overlap
    most (as multisets: cheap, and enough to tell the paragraph edited from its neighbours). ``old_words``
    keeps the old blocks' words once cut."""
    best, best_ratio = None, PAIR_RATIO
    mine = [t.key for t in words(block)]
    for i in range(start, len(old)):
        if old[i][0].html != block[0].html or old[i][0].kind != "open":
            continue  # another element (or an atom, which is compared whole)
        if i not in old_words:
            old_words[i] = [t.key for t in words(old[i])]
        ratio = difflib.SequenceMatcher(None, old_words[i], mine, autojunk=False).quick_ratio()
        if ratio >= best_ratio:
            best, best_ratio = i, ratio
    return best


def _blocks(stream: list[Token]) -> list[list[Token]]:
    """The stream cut into blocks: each element at the top (under the wrappers) is one, each wrapper's tag is
    one by itself, and so is each run of loose words between them."""
    out: list[list[Token]] = []
    depth = 0
    for t in stream:
        if depth == 0:
            if t.transparent:
                out.append([t])
                continue
            more_words = t.kind == "text" and out and out[-1][-1].kind == "text" and not out[-1][0].transparent
            if not more_words:
                out.append([])
        out[-1].append(t)
        depth += (t.kind == "open") - (t.kind == "close")
    # spaces between blocks show nothing
    return [b for b in out if any(t.kind != "text" or t.html.strip() for t in b)]


def _key(block: list[Token]) -> str:
    return "".join(t.html for t in block)


def _unchanged(blocks: list[list[Token]], head: int, tail: int) -> list[str]:
    """Unchanged blocks: all when few, else ``head`` and ``tail`` of them around one marker. Wrapper tags are
    always kept (they hold the rest together) and do not count."""
    content = [i for i, b in enumerate(blocks) if not b[0].transparent]
    if len(content) <= head + tail + 1:
        return [_key(b) for b in blocks]
    folded = set(content[head : len(content) - tail])
    out: list[str] = []
    for i, b in enumerate(blocks):
        if i not in folded:
            out.append(_key(b))
        elif i == content[head]:
            out.append(_gap(len(folded)))
    return out


def _gap(n: int) -> str:
    return f'<p class="vd-gap">{n} unchanged block{"s" if n != 1 else ""}</p>'


def _words(old: list[Token], new: list[Token]) -> list[str]:
    old, new = words(old), words(new)
    ops = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False).get_opcodes()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out += [t.html for t in new[j1:j2]]
            continue
        out += _marked(old[i1:i2], "del", keep_tags=False)
        out += _marked(new[j1:j2], "ins", keep_tags=True)
    return out


def _marked(run: list[Token], mark: str, keep_tags: bool) -> list[str]:
    """A run of removed (``del``) or added (``ins``) tokens, marked."""
    if not any(t.html.strip() for t in run):
        return [t.html for t in run] if keep_tags else []
    if _balanced(run) and any(t.kind != "text" for t in run):
        block = " vd-block" if any(t.block for t in run) else ""
        return [f'<{mark} class="vd{block}">', *(t.html for t in run), f"</{mark}>"]
    out: list[str] = []
    words: list[str] = []

    def flush() -> None:
        if words:
            text = "".join(words)
            core = text.strip()
            if core:
                start = text.index(core)
                out.append(f"{text[:start]}<{mark}>{core}</{mark}>{text[start + len(core) :]}")
            elif keep_tags:
                out.append(text)
            words.clear()

    for t in run:
        if t.kind == "text":
            words.append(t.html)
            continue
        flush()
        if t.kind == "atom":
            block = " vd-block" if t.block else ""
            out.append(f'<{mark} class="vd{block}">{t.html}</{mark}>')
        elif keep_tags:
            out.append(t.html)
    flush()
    return out


def _balanced(run: Iterable[Token]) -> bool:
    depth = 0
    for t in run:
        depth += (t.kind == "open") - (t.kind == "close")
        if depth < 0:
            return False
    return depth == 0
