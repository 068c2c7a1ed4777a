"""Lexer: template source -> markup tokens (text, ``{{ output }}``, ``{% tag %}``), then expression tokens.

Two levels, like Liquid itself: :func:`tokenize` cuts the template into text, output and tag tokens and applies
whitespace control (``{%-``, ``-%}``, ``{{-``, ``-}}``); :func:`lex_expression` cuts the markup inside one output
or tag into expression tokens. ``raw`` and ``comment`` bodies are cut out here, verbatim, so that whatever they
contain never reaches the parser.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from .errors import LiquidError

# Whitespace control trims ASCII whitespace only (as Ruby Liquid and liquidjs do); a full-width space stays.
WHITESPACE = " \t\n\r\f\v"

TEXT = "text"
OUTPUT = "output"
TAG = "tag"


class Source:
    """A template's text plus what is needed to turn an offset into a file line and column."""

    def __init__(self, text: str, filename: str = "<string>", line_offset: int = 0) -> None:
        self.text = text
        self.filename = filename
        self.line_offset = line_offset
        self._line_starts: list[int] | None = None  # made on the first error: most templates never need it

    def location(self, offset: int) -> tuple[int, int]:
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1 + self.line_offset, offset - starts[index] + 1

    def error(self, message: str, offset: int) -> LiquidError:
        line, column = self.location(offset)
        return LiquidError(message, self.filename, line, column)


@dataclass(slots=True)
class Token:
    kind: str
    value: str  # text for TEXT; markup for OUTPUT and TAG
    start: int  # offset of the token's first character in the source
    name: str = ""  # tag name
    markup_start: int = 0  # offset of ``value`` in the source (OUTPUT, TAG)


_OPEN = re.compile(r"\{\{|\{%")
TAG_BODY = re.compile(r"\{%(-?)\s*(#|[A-Za-z_]\w*)?(.*?)(-?)%\}", re.S)
_OUTPUT_BODY = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.S)
_END_RAW = re.compile(r"\{%(-?)\s*endraw\s*(-?)%\}", re.S)
_DOC = re.compile(r"\{%-?\s*doc\s*-?%\}")
_END_DOC = re.compile(r"\{%(-?)\s*enddoc\s*(-?)%\}", re.S)


def tokenize(source: Source) -> list[Token]:
    """Cut a template into tokens; whitespace control is applied to the neighbouring text tokens."""
    text = source.text
    tokens: list[Token] = []
    pos = 0
    strip_next = False
    n = len(text)
    while pos < n:
        m = _OPEN.search(text, pos)
        end = m.start() if m else n
        if end > pos:
            chunk = text[pos:end]
            if strip_next:
                chunk = chunk.lstrip(WHITESPACE)
            if chunk:
                tokens.append(Token(TEXT, chunk, pos))
        strip_next = False
        if not m:
            break
        start = m.start()
        if m.group() == "{{":
            om = _OUTPUT_BODY.match(text, start)
            if not om:
                raise source.error("output was never closed ('{{' without '}}')", start)
            if om.group(1):
                _rstrip_last(tokens)
            tokens.append(Token(OUTPUT, om.group(2), start, markup_start=om.start(2)))
            strip_next = bool(om.group(3))
            pos = om.end()
            continue
        tm = TAG_BODY.match(text, start)
        if not tm:
            raise source.error("tag was never closed ('{%' without '%}')", start)
        if tm.group(1):
            _rstrip_last(tokens)
        name = tm.group(2) or ""
        markup = tm.group(3)
        if name == "#":
            # Every line of an inline comment starts with '#'.
            if re.search(r"\n\s*[^#\s]", markup):
                raise source.error("every line of an inline comment must start with '#'", start)
            pos = tm.end()
            strip_next = bool(tm.group(4))
            continue
        if not name:
            raise source.error("tag name expected", start)
        tokens.append(Token(TAG, markup, start, name=name, markup_start=tm.start(3)))
        strip_next = bool(tm.group(4))
        pos = tm.end()
        if name == "raw":
            pos, strip_next = _cut_raw(source, tokens, pos, strip_next, start)
        elif name == "comment":
            pos, strip_next = _cut_comment(source, tokens, pos, start)
        elif name == "doc":
            pos, strip_next = _cut_doc(source, tokens, pos, start)
    return tokens


def _rstrip_last(tokens: list[Token]) -> None:
    if tokens and tokens[-1].kind == TEXT:
        stripped = tokens[-1].value.rstrip(WHITESPACE)
        if stripped:
            tokens[-1].value = stripped
        else:
            tokens.pop()


def _cut_raw(source: Source, tokens: list[Token], pos: int, strip: bool, start: int) -> tuple[int, bool]:
    """Everything up to ``{% endraw %}`` is one text token."""
    m = _END_RAW.search(source.text, pos)
    if not m:
        raise source.error("'raw' tag was never closed", start)
    body = source.text[pos : m.start()]
    if strip:
        body = body.lstrip(WHITESPACE)
    if m.group(1):
        body = body.rstrip(WHITESPACE)
    tokens.append(Token(TEXT, body, pos))
    tokens.append(Token(TAG, "", m.start(), name="endraw", markup_start=m.start()))
    return m.end(), bool(m.group(2))


def _cut_comment(source: Source, tokens: list[Token], pos: int, start: int) -> tuple[int, bool]:
    """Skip a comment body, tokenizing it as Liquid does: nested comments nest, raw hides its content, and a
    tag left open inside swallows what follows (so ``{% x {% endcomment %}`` does not end the comment)."""
    text = source.text
    depth = 1
    while True:
        m = _OPEN.search(text, pos)
        if not m:
            raise source.error("'comment' tag was never closed", start)
        if m.group() == "{{":
            close = text.find("}", m.end())
            if close < 0:
                raise source.error("'comment' tag was never closed", start)
            pos = close + 1
            continue
        tm = TAG_BODY.match(text, m.start())
        if not tm:
            raise source.error("'comment' tag was never closed", start)
        pos = tm.end()
        word = tm.group(2)
        if word == "raw":
            end = _END_RAW.search(text, pos)
            if not end:
                raise source.error("'raw' tag was never closed", m.start())
            pos = end.end()
        elif word == "comment":
            depth += 1
        elif word == "endcomment":
            depth -= 1
            if depth == 0:
                tokens.append(Token(TAG, "", m.start(), name="endcomment", markup_start=m.start()))
                return pos, bool(tm.group(4))


def _cut_doc(source: Source, tokens: list[Token], pos: int, start: int) -> tuple[int, bool]:
    """A doc body is not Liquid at all: everything up to ``{% enddoc %}`` is dropped."""
    m = _END_DOC.search(source.text, pos)
    if not m:
        raise source.error("'doc' tag was never closed", start)
    nested = _DOC.search(source.text, pos, m.start())
    if nested:
        raise source.error("'doc' tags do not nest", nested.start())
    if m.group(1):
        _rstrip_last(tokens)
    tokens.append(Token(TAG, "", m.start(), name="enddoc", markup_start=m.start()))
    return m.end(), bool(m.group(2))


# --- expression tokens -------------------------------------------------------------------------

class ExprToken(NamedTuple):
    """One expression token (a tuple: made by the thousand for every page, and never changed)."""

    kind: str  # 'str', 'num', 'ident', 'range', 'op', 'punct', 'other', 'end'
    value: str
    offset: int  # offset in the template source


_new_token = tuple.__new__  # ExprToken's own __new__ is a Python function around this


# One match per token: the whitespace before it is taken in the same match; ``other`` is any character that is
# not whitespace (left for the parser: liquidjs stops reading there).
_EXPR_TOKEN = re.compile(
    r"""
    \s*
    (?: (?P<str>"[^"]*"|'[^']*')
      | (?P<range>\.\.)
      | (?P<num>-?\d+(?:\.\d+)?(?![\w-]))
      | (?P<ident>[A-Za-z_][\w-]*\??|\d[\w-]*[A-Za-z_-][\w-]*\??)
      | (?P<op>==|!=|<>|<=|>=|<|>)
      | (?P<punct>[.\[\]()|:,=])
      | (?P<other>\S)
    )
    """,
    re.X | re.S,
)
_KINDS = {index: name for name, index in _EXPR_TOKEN.groupindex.items()}


def lex_expression(markup: str, offset: int, source: Source) -> list[ExprToken]:
    """Cut a tag's or output's markup into expression tokens (offsets are source offsets)."""
    out: list[ExprToken] = []
    append = out.append
    for m in _EXPR_TOKEN.finditer(markup):  # every character but whitespace is in a token (``other`` at worst)
        i = m.lastindex  # the kind's group ('other' tokens are left for the parser: liquidjs stops reading there)
        append(_new_token(ExprToken, (_KINDS[i], m.group(i), offset + m.start(i))))
    append(ExprToken("end", "", offset + len(markup)))
    return out
