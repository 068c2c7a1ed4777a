"""A Liquid source rewritten for a retired release: conditions simplified (``retire_conditions.py``), blocks
that became certain unwrapped or removed, byte for byte elsewhere.

A block (``if``/``unless``/``ifversion`` with its ``elsif``/``else`` branches) is read as a list of branches.
A branch whose condition became false is removed with its body; the first whose condition became true ends the
block: its body stays, unwrapped if it is the first branch left, else as the block's ``else``; a block left
with no branch but its ``else`` is that body. A condition that still matters but named the retired release is
written again, simplified. Tags that go take their whitespace control with them: the whitespace a ``{%-`` or
``-%}`` removed from the text beside it is removed from the source, so the output stays the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.liquid import LiquidError
from renderer.liquid.lexer import TAG, TAG_BODY, Source, tokenize
from renderer.liquid.parser import Parser
from renderer.liquid.version_tags import parse_condition
from renderer.rewrite.retire_conditions import Retiring, Tree

_WHITESPACE = " \t\r\n\f\v"


@dataclass
class _Tag:
    name: str
    markup: str
    start: int  # of "{%"
    end: int  # after "%}"
    strip_left: bool
    strip_right: bool
    raw: str  # as written


@dataclass
class _Branch:
    tag: _Tag  # if / elsif / else / unless / ifversion
    cond: Tree  # None for else
    body: tuple[int, int] = (0, 0)  # span of the source


@dataclass
class _Block:
    kind: str
    branches: list[_Branch] = field(default_factory=list)
    end: _Tag | None = None
    children: list[_Block] = field(default_factory=list)  # blocks inside, in order


@dataclass
class Retired:
    text: str
    removed: int = 0  # conditions removed with their tags
    rewritten: int = 0  # conditions written again, simpler
    kept: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of conditions naming it, kept


def retire_text(text: str, filename: str, retiring: Retiring, env_tags: dict, filters: set[str]) -> Retired:
    source = Source(text, filename)
    try:
        tokens = tokenize(source)
    except LiquidError as e:
        return Retired(text, kept=[(e.line, f"not rewritten: {e.message}")])
    out = Retired(text)
    parser = Parser(source, env_tags, True, filters)  # for ifversion conditions
    top: list[_Block] = []
    stack: list[_Block] = []
    for tok in tokens:
        if tok.kind != TAG:
            continue
        m = TAG_BODY.match(text, tok.start)
        assert m is not None
        tag = _Tag(tok.name, tok.value, tok.start, m.end(), bool(m.group(1)), bool(m.group(4)), m.group(0))
        if tok.name in ("if", "unless", "ifversion"):
            block = _Block(tok.name)
            block.branches.append(_Branch(tag, _condition(tag, retiring, parser)))
            (stack[-1].children if stack else top).append(block)
            stack.append(block)
        elif tok.name == "elsif" and stack and stack[-1].kind in ("if", "unless", "ifversion"):
            block = stack[-1]
            block.branches.append(_Branch(tag, _condition(tag, retiring, parser, block)))
        elif tok.name == "else" and stack:
            stack[-1].branches.append(_Branch(tag, None))
        elif tok.name in ("for", "case"):
            block = _Block(tok.name, [_Branch(tag, None)])
            (stack[-1].children if stack else top).append(block)
            stack.append(block)
        elif tok.name in ("endif", "endunless", "endfor", "endcase") and stack:
            stack.pop().end = tag
    if stack:  # never closed: leave the file as it is (the renderer reports it)
        return out
    _spans(top)
    pieces = _Pieces()
    _emit(text, 0, len(text), top, retiring, pieces, out)
    out.text = pieces.text()
    return out


def _condition(tag: _Tag, retiring: Retiring, parser: Parser, block: _Block | None = None) -> Tree:
    """The branch's condition as a tree, or None when it is none of ours to change (then neither is its block)."""
    kind = block.kind if block is not None else tag.name
    try:
        if kind == "ifversion":
            tree = retiring.from_ifversion(parse_condition(parser, tag.markup, 0))
        elif kind in ("if", "unless"):
            tree = retiring.parse_2021(tag.markup)
        else:
            return None
    except LiquidError:
        return None
    if kind == "unless" and tag.name == "unless":
        tree = ("not", tree)
    return tree


def _spans(blocks: list[_Block]) -> None:
    for block in blocks:
        for i, branch in enumerate(block.branches):
            nxt = block.branches[i + 1].tag.start if i + 1 < len(block.branches) else block.end.start
            branch.body = (branch.tag.end, nxt)
        _spans(block.children)


class _Pieces:
    """The rewritten source as text and tags, with the whitespace control of the tags that were removed or
    written without their dashes applied to the text that stays beside them (as Liquid would have)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []  # ("text" | "tag", source)
        self._lstrip = False

    def add(self, s: str, kind: str = "text") -> None:
        if self._lstrip:
            self._lstrip = False
            if kind == "text":
                s = s.lstrip(_WHITESPACE)
        if s:
            self.items.append((kind, s))

    def rstrip_last(self) -> None:
        """The effect of a ``{%-`` that followed what was added last (only text is stripped)."""
        if self.items and self.items[-1][0] == "text":
            self.items[-1] = ("text", self.items[-1][1].rstrip(_WHITESPACE))

    def lstrip_next(self) -> None:
        """The effect of a ``-%}`` on what is added next (only text is stripped)."""
        self._lstrip = True

    def text(self) -> str:
        return "".join(s for _, s in self.items)


def _emit(text: str, start: int, end: int, blocks: list[_Block], r: Retiring, pieces: _Pieces, out: Retired) -> None:
    """``text[start:end]`` rewritten, ``blocks`` being the blocks that start in it (outermost only)."""
    pos = start
    for block in blocks:
        if block.branches[0].tag.start < start or block.end is None or block.end.end > end:
            continue
        pieces.add(text[pos : block.branches[0].tag.start])
        _emit_block(text, block, r, pieces, out)
        pos = block.end.end
    pieces.add(text[pos:end])


def _verbatim(text: str, block: _Block, r: Retiring, pieces: _Pieces, out: Retired) -> None:
    for branch in block.branches:
        pieces.add(branch.tag.raw, "tag")
        _emit(text, branch.body[0], branch.body[1], block.children, r, pieces, out)
    pieces.add(block.end.raw, "tag")


def _emit_block(text: str, block: _Block, r: Retiring, pieces: _Pieces, out: Retired) -> None:
    conds = [b.cond for b in block.branches if b.tag.name != "else"]
    ours = block.kind in ("if", "unless", "ifversion") and all(c is not None for c in conds)
    if not ours or not any(r.names_retired(c) for c in conds):
        odd = next((m for c in conds if c is not None and (m := r.mentions(c))), None)
        if odd:
            line = text.count("\n", 0, block.branches[0].tag.start) + 1
            out.kept.append((line, f"{odd!r} names {r.release} but compares no versions (ver_gt, ver_lt, ==)"))
        _verbatim(text, block, r, pieces, out)
        return
    kept: list[tuple[int, Tree]] = []  # indexes of the branches left, with their condition (None: else)
    for i, branch in enumerate(block.branches):
        cond = None if branch.tag.name == "else" else r.simplify(branch.cond)
        if cond is False:
            out.removed += 1
            continue
        if cond is True:
            out.removed += 1
            kept.append((i, None))  # the rest of the block can never be reached
            break
        if cond != branch.cond:
            out.rewritten += 1
        kept.append((i, cond))
    unwrapped = not kept or (len(kept) == 1 and kept[0][1] is None)
    try:
        heads = [] if unwrapped else [_head(block, block.branches[i], c, n, r) for n, (i, c) in enumerate(kept)]
    except ValueError as e:  # cannot be written simpler in this syntax: the block stays as it was
        out.kept.append((text.count("\n", 0, block.branches[0].tag.start) + 1, str(e)))
        _verbatim(text, block, r, pieces, out)
        return
    tags = [b.tag for b in block.branches] + [block.end]
    if tags[0].strip_left:
        pieces.rstrip_last()  # the opening tag's dash took the whitespace before the block
    for n, (i, _) in enumerate(kept):
        branch = block.branches[i]
        if heads:
            pieces.add(heads[n], "tag")
        if branch.tag.strip_right:
            pieces.lstrip_next()
        _emit(text, branch.body[0], branch.body[1], block.children, r, pieces, out)
        if tags[i + 1].strip_left:
            pieces.rstrip_last()
    if heads:
        pieces.add(_plain(block.end.raw), "tag")
    if block.end.strip_right:
        pieces.lstrip_next()


def _plain(raw: str) -> str:
    """A tag without its whitespace control (applied to the text beside it instead)."""
    return re.sub(r"^\{%-", "{%", re.sub(r"-%\}$", "%}", raw))


def _head(block: _Block, branch: _Branch, cond: Tree, n: int, r: Retiring) -> str:
    """The tag opening the ``n``-th branch that stays, without whitespace control (see _Pieces)."""
    if cond is None:
        return "{% else %}"
    if block.kind == "ifversion":
        return f"{{% {'elsif' if n else 'ifversion'} {r.write_ifversion(cond)} %}}"
    if block.kind == "unless":
        if n:
            raise ValueError("an unless with elsif")
        if not (isinstance(cond, tuple) and cond[0] == "not"):
            raise ValueError("an unless whose condition cannot be written as an unless")
        return f"{{% unless {r.write_2021(cond[1])} %}}"
    return f"{{% {'elsif' if n else 'if'} {r.write_2021(cond)} %}}"
