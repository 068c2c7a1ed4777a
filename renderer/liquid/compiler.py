"""Compiler: node tree -> Jinja2 template source, one line of Jinja2 per Liquid construct.

Every Liquid value operation is a call to a runtime function registered as a Jinja2 filter (``_s|_v('x')``),
so Jinja2 contributes control flow, output buffering and Python code generation while Liquid keeps its own
semantics. Each construct is emitted on its own Jinja2 line and the line's Liquid source offset is recorded, so
an exception raised while rendering is mapped back to the Liquid file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import nodes
from .lexer import Source
from .runtime import BLANK, EMPTY

NodeCompiler = Callable[["Compiler", Any], None]

COMPARE_FILTERS = {
    "==": "_eq",
    "!=": "_ne",
    "<": "_lt",
    ">": "_gt",
    "<=": "_le",
    ">=": "_ge",
    "contains": "_contains",
    "ver_gt": "_ver_gt",
    "ver_lt": "_ver_lt",
}

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "{": "\\x7b", "}": "\\x7d",
            "%": "\\x25", "#": "\\x23"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def literal(value: Any) -> str:
    """A Python value as Jinja2 expression text."""
    if isinstance(value, str):
        return "'" + value.translate(_ESCAPE_TABLE) + "'"
    if value is None:
        return "none"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is EMPTY:
        return "_E"
    if value is BLANK:
        return "_B"
    if isinstance(value, (int, float)):
        return repr(value)
    raise TypeError(f"no literal for {value!r}")


class Compiler:
    """Turns one template's nodes into Jinja2 source; ``offsets[i]`` is the Liquid offset of Jinja2 line i+2."""

    def __init__(self, source: Source, handlers: dict[type, NodeCompiler], filters: dict[str, str],
                 options: dict[str, Any] | None = None) -> None:
        self.source = source
        self.options = options or {}
        self.handlers = handlers
        self.filters = filters  # Liquid filter name -> Jinja2 filter name
        self.parts: list[str] = []
        self.offsets: list[int] = []
        self._temp = 0

    # --- emitting ------------------------------------------------------------------------------

    def stmt(self, code: str, offset: int) -> None:
        self.parts.append("{%\n" + code + " %}")
        self.offsets.append(offset)

    def output(self, code: str, offset: int) -> None:
        self.parts.append("{{\n" + code + " }}")
        self.offsets.append(offset)

    def text(self, value: str, offset: int) -> None:
        if value:
            self.output(literal(value), offset)

    def temp(self) -> str:
        self._temp += 1
        return f"_t{self._temp}"

    def body(self, body: list[nodes.Node]) -> None:
        for node in body:
            self.node(node)

    def node(self, node: nodes.Node) -> None:
        handler = self.handlers.get(type(node))
        if handler is None:
            raise self.source.error(f"cannot compile {type(node).__name__}", node.offset)
        handler(self, node)

    def result(self) -> str:
        return "".join(self.parts)

    # --- expressions ---------------------------------------------------------------------------

    def expr(self, e: nodes.Expr) -> str:
        """Jinja2 expression text computing the Liquid value of ``e``."""
        if isinstance(e, nodes.Literal):
            return literal(e.value)
        if isinstance(e, nodes.Path):
            keys = "".join(", " + self._key(k) for k in e.keys)
            if isinstance(e.root, str):
                return f"_s|_v({literal(e.root)}{keys})"
            return f"({self.expr(e.root)})|_vi(_s{keys})"
        if isinstance(e, nodes.RangeExpr):
            return f"_s|_range({self.expr(e.start)}, {self.expr(e.stop)})"
        if isinstance(e, nodes.Filtered):
            code = self.expr(e.expr)
            for f in e.filters:
                code = self._filter(code, f)
            return code
        if isinstance(e, nodes.Compare):
            return f"({self.expr(e.left)})|{COMPARE_FILTERS[e.op]}({self.expr(e.right)})"
        if isinstance(e, (nodes.Logic, nodes.Not)):
            return self.test(e)
        raise self.source.error(f"cannot compile {type(e).__name__}", e.offset)

    def test(self, e: nodes.Expr) -> str:
        """Jinja2 expression text that is a Python bool: Liquid truthiness of ``e``."""
        if isinstance(e, nodes.Compare):
            return "(" + self.expr(e) + ")"
        if isinstance(e, nodes.Logic):
            # Both sides are plain bools here, so Jinja2's and/or keep Liquid's meaning.
            return f"({self.test(e.left)} {e.op} {self.test(e.right)})"
        if isinstance(e, nodes.Not):
            return f"(not {self.test(e.operand)})"
        if isinstance(e, nodes.Literal):
            return "true" if e.value is not None and e.value is not False else "false"
        return f"(({self.expr(e)})|_truthy)"

    def _key(self, key: str | int | nodes.Expr) -> str:
        if isinstance(key, (str, int)):
            return literal(key)
        return self.expr(key)

    def _filter(self, code: str, f: nodes.Filter) -> str:
        jinja_name = self.filters.get(f.name)
        if jinja_name is None:
            raise self.source.error(f"unknown filter '{f.name}'", f.offset)
        args = [self.expr(a) for a in f.args]
        args += [f"{k}={self.expr(v)}" for k, v in f.kwargs]
        return f"({code})|{jinja_name}({', '.join(args)})"


def compile_nodes(source: Source, body: list[nodes.Node], handlers: dict[type, NodeCompiler],
                  filters: dict[str, str], options: dict[str, Any] | None = None) -> tuple[str, list[int]]:
    """Compile a parsed template; returns the Jinja2 source and the Liquid offset of each Jinja2 line."""
    compiler = Compiler(source, handlers, filters, options)
    compiler.body(body)
    return compiler.result(), compiler.offsets

