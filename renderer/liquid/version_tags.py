"""``{% ifversion %}``: content for some versions only, in the form GitHub's docs took after 2021.

    {% ifversion fpt or ghes > 3.0 %}…{% elsif ghae %}…{% else %}…{% endif %}

A condition is names (a plan's short or long name, or a feature's) joined by ``and`` / ``or``, ``not NAME``,
and comparisons of a numbered plan's release: ``NAME = R``, ``NAME != R``, ``NAME < R``, ``NAME > R``,
``NAME <= R``, ``NAME >= R``. ``not`` binds tightest, then ``and``, then ``or``.

The syntax is checked here, when the template is parsed (a malformed condition is an error at its column). What
the names mean is the site's business: the render context holds a *judge* under ``JUDGE`` (see
``renderer/page/version_judge.py``) that says whether a name or a comparison holds in the version being
rendered, and raises for a name it does not know.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import nodes as j

from . import nodes
from .compiler import Compiler
from .errors import UnlocatedError
from .lexer import Token
from .parser import Parser, drop_blank_text, is_blank
from .runtime import MISSING, Scope

JUDGE = " version judge"  # a context key no template can name (Liquid names have no spaces)
OPERATORS = ("=", "!=", "<", ">", "<=", ">=")
_TOKEN = re.compile(r"\s*(?:(?P<op>!=|<=|>=|==|=|<|>)|(?P<word>[A-Za-z_][\w.-]*)|(?P<other>\S+))")
_RELEASE = re.compile(r"\d+(?:\.\d+){0,2}")

# A condition, as the compiled code carries it (a constant): ("name", NAME) | ("compare", NAME, OP, RELEASE)
# | ("not", C) | ("and", C, C) | ("or", C, C)
Condition = tuple[Any, ...]


class VersionCondition(nodes.Expr):
    """The condition of an ``ifversion`` or of its ``elsif``: compiled to one call of the judge."""

    __slots__ = ("tree", "offset")

    def __init__(self, tree: Condition, offset: int) -> None:
        self.tree = tree
        self.offset = offset

    def compile_test(self, c: Compiler) -> j.Expr:
        return c.scope_call("_ifversion", c.const(self.tree))


class _Reader:
    def __init__(self, p: Parser, markup: str, offset: int) -> None:
        self.p, self.offset = p, offset
        self.tokens: list[tuple[str, str, int]] = []  # (kind, text, offset in the source)
        for m in _TOKEN.finditer(markup):
            kind = m.lastgroup or "other"
            self.tokens.append((kind, m.group(kind), offset + m.start(kind)))
        self.end = offset + len(markup.rstrip())
        self.i = 0
        if len(self.tokens) > getattr(p, "max_tokens", len(self.tokens)):
            p.max_tokens = len(self.tokens)  # a long condition is tried by compiling (Environment, DEEP_TOKENS)

    def error(self, message: str, at: int | None = None, hint: str | None = None) -> Exception:
        e = self.p.source.error(message, self.end if at is None else at)
        e.hint = hint
        return e

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def word(self, *words: str) -> bool:
        t = self.peek()
        if t and t[0] == "word" and t[1] in words:
            self.i += 1
            return True
        return False

    def condition(self) -> Condition:
        if not self.tokens:
            raise self.error("ifversion needs a condition", hint="for example {% ifversion fpt or ghes > 3.0 %}")
        tree = self._or()
        t = self.peek()
        if t is not None:
            raise self.error(f"unexpected {t[1]!r} in the version condition", t[2],
                             "join names with and / or; compare with =, !=, <, >, <=, >= and a release like 3.1")
        return tree

    def _or(self) -> Condition:
        tree = self._and()
        while self.word("or"):
            tree = ("or", tree, self._and())
        return tree

    def _and(self) -> Condition:
        tree = self._not()
        while self.word("and"):
            tree = ("and", tree, self._not())
        return tree

    def _not(self) -> Condition:
        if self.word("not"):
            return ("not", self._not())
        return self._atom()

    def _atom(self) -> Condition:
        t = self.peek()
        if t is None:
            raise self.error("the version condition ends where a name was expected")
        kind, text, at = t
        if kind != "word" or text in ("and", "or", "not"):
            raise self.error(f"expected a version or feature name, not {text!r}", at)
        self.i += 1
        op = self.peek()
        if op is None or op[0] != "op":
            return ("name", text)
        self.i += 1
        if op[1] == "==":
            raise self.error("compare with =, not ==", op[2], f"{text} = 3.1")
        release = self.peek()
        if release is None or not _RELEASE.fullmatch(release[1]):
            where = release[2] if release else None
            raise self.error(f"{text} {op[1]} needs a release like 3.1", where, f"{{% ifversion {text} {op[1]} 3.1 %}}")
        self.i += 1
        return ("compare", text, op[1], release[1])


def parse_condition(p: Parser, markup: str, offset: int) -> Condition:
    """An ifversion condition as its tree (for tools that rewrite conditions: ``retire``)."""
    return _Reader(p, markup, offset).condition()


def parse_ifversion(p: Parser, tok: Token) -> nodes.If:
    cond: nodes.Expr = VersionCondition(_Reader(p, tok.value, tok.markup_start).condition(), tok.start)
    branches: list[tuple[nodes.Expr, list[nodes.Node]]] = []
    else_body: list[nodes.Node] | None = None
    in_else = False
    while True:
        body, end = p.expect_block(tok, ("elsif", "else", "endif"))
        if in_else:
            else_body = body
        else:
            branches.append((cond, body))
        if end.name == "endif":
            break
        if in_else:
            raise p.error(f"'{end.name}' after the else of an ifversion", end)
        if end.name == "elsif":
            cond = VersionCondition(_Reader(p, end.value, end.markup_start).condition(), end.start)
        else:
            if end.value.strip():
                raise p.error("else takes no condition in an ifversion", end)
            in_else = True
    node = nodes.If(branches, else_body, tok.start)
    if not p.lenient and is_blank([node]):
        drop_blank_text(*(b for _, b in branches), else_body)
    return node


def holds(scope: Scope, tree: Condition) -> bool:
    """Whether ``tree`` holds in the version being rendered, as the context's judge says."""
    judge = scope.resolve(JUDGE)
    if judge is MISSING:
        raise UnlocatedError("ifversion is used outside a page of a site (no versions to test against)")
    return _holds(judge, tree)


def _holds(judge: Any, tree: Condition) -> bool:
    kind = tree[0]
    if kind == "name":
        return bool(judge.name(tree[1]))
    if kind == "compare":
        return bool(judge.compare(tree[1], tree[2], tree[3]))
    if kind == "not":
        return not _holds(judge, tree[1])
    if kind == "and":
        return _holds(judge, tree[1]) and _holds(judge, tree[2])
    return _holds(judge, tree[1]) or _holds(judge, tree[2])


def _test_version_condition(it: Any, cond: VersionCondition, scope: Scope) -> bool:
    return holds(scope, cond.tree)


TAGS = {"ifversion": parse_ifversion}
COMPILERS: dict[type, Any] = {}
TESTS = {VersionCondition: _test_version_condition}  # the tree tier's Interpreter.test for this condition
FILTERS = {"_ifversion": holds}
