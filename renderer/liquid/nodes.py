"""The node tree the parser builds and the compiler walks: expressions and template nodes.

Every node carries ``offset``, its position in the template source, so any error can name file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Node:
    offset: int


# --- expressions -------------------------------------------------------------------------------

class Expr(Node):
    pass


@dataclass(slots=True)
class Literal(Expr):
    value: Any  # str, int, float, bool, None, or runtime.EMPTY / runtime.BLANK
    offset: int = 0


@dataclass(slots=True)
class Path(Expr):
    """A variable lookup: ``root.key[expr].size``; ``root`` is a name or an expression (``["a b"].c``)."""

    root: str | Expr
    keys: list[str | int | Expr]
    offset: int = 0


@dataclass(slots=True)
class RangeExpr(Expr):
    start: Expr
    stop: Expr
    offset: int = 0


@dataclass(slots=True)
class Filter(Node):
    name: str
    args: list[Expr]
    kwargs: list[tuple[str, Expr]]
    offset: int = 0


@dataclass(slots=True)
class Filtered(Expr):
    expr: Expr
    filters: list[Filter]
    offset: int = 0


@dataclass(slots=True)
class Compare(Expr):
    """A binary operator that is not ``and``/``or``: ``==``, ``<``, ``contains``, ``ver_gt`` ..."""

    op: str
    left: Expr
    right: Expr
    offset: int = 0


@dataclass(slots=True)
class Logic(Expr):
    op: str  # 'and' | 'or'
    left: Expr
    right: Expr
    offset: int = 0


@dataclass(slots=True)
class Not(Expr):
    operand: Expr
    offset: int = 0


# --- template nodes ----------------------------------------------------------------------------

@dataclass(slots=True)
class Text(Node):
    value: str
    offset: int = 0


@dataclass(slots=True)
class Output(Node):
    expr: Expr
    offset: int = 0


@dataclass(slots=True)
class If(Node):
    branches: list[tuple[Expr, list[Node]]]
    else_body: list[Node] | None
    offset: int = 0


@dataclass(slots=True)
class Case(Node):
    subject: Expr
    whens: list[tuple[list[Expr], list[Node]]]  # in source order; else bodies are ([], body) with is_else
    elses: list[int]  # indexes in ``whens`` that are else branches
    offset: int = 0


@dataclass(slots=True)
class For(Node):
    var: str
    iterable: Expr
    body: list[Node]
    else_body: list[Node] | None
    limit: Expr | None = None
    offset_expr: Expr | None = None  # 'continue' is a Literal('continue')
    reversed: bool = False
    offset: int = 0
    name: str = ""  # 'var-collection markup': forloop.name, and the key of offset:continue


@dataclass(slots=True)
class Tablerow(Node):
    var: str
    iterable: Expr
    body: list[Node]
    limit: Expr | None = None
    offset_expr: Expr | None = None
    cols: Expr | None = None
    offset: int = 0


@dataclass(slots=True)
class LoopControl(Node):
    kind: str  # 'break' | 'continue' | 'signal_break' | 'signal_continue' (outside a loop)
    offset: int = 0


@dataclass(slots=True)
class Cycle(Node):
    group: Expr | None
    values: list[Expr]
    offset: int = 0


@dataclass(slots=True)
class Assign(Node):
    name: str
    expr: Expr
    offset: int = 0


@dataclass(slots=True)
class Capture(Node):
    name: str
    body: list[Node]
    offset: int = 0


@dataclass(slots=True)
class Counter(Node):
    name: str
    step: int  # +1 increment, -1 decrement
    offset: int = 0


@dataclass(slots=True)
class IfChanged(Node):
    body: list[Node]
    offset: int = 0


@dataclass(slots=True)
class Include(Node):
    kind: str  # 'include' | 'render'
    name: Expr
    var: Expr | None  # with / for expression
    alias: str | None
    is_for: bool
    args: list[tuple[str, Expr]] = field(default_factory=list)
    offset: int = 0
    in_loop: bool = False  # inside a loop of the including template (break/continue signals reach it)


@dataclass(slots=True)
class Data(Node):
    path: Expr
    indent: int | None = None  # indented_data_reference: spaces per line
    offset: int = 0


@dataclass(slots=True)
class Octicon(Node):
    name: str
    attrs: dict[str, str]
    offset: int = 0


@dataclass(slots=True)
class Wrapped(Node):
    """A block whose rendered body is wrapped in fixed markup (the docs' note/tip/mac ... tags)."""

    before: str
    after: str
    body: list[Node]
    offset: int = 0
