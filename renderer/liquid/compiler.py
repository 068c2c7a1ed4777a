"""Compiler: Liquid node tree -> Jinja2 node tree (``jinja2.nodes``), which Jinja2 turns into Python code.

Every Liquid value operation is a runtime function registered as a Jinja2 filter (``_s|_v('x')``): Jinja2
filters are called directly by the generated code, so Jinja2 contributes control flow, output buffering and
code generation while Liquid keeps its own semantics. Building Jinja2 nodes, rather than Jinja2 source text,
skips Jinja2's lexer and parser and needs no escaping.

Each Jinja2 node's ``lineno`` is an index into ``offsets``, the Liquid source offsets of the constructs, so an
exception raised while rendering is mapped back to the Liquid file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import nodes as j

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


class Compiler:
    """Compiles one template's Liquid nodes into a Jinja2 ``Template`` node."""

    def __init__(self, source: Source, handlers: dict[type, NodeCompiler], filters: dict[str, str],
                 options: dict[str, Any] | None = None) -> None:
        self.source = source
        self.handlers = handlers
        self.filters = filters  # Liquid filter name -> Jinja2 filter name
        self.options = options or {}
        self.offsets: list[int] = []
        self._bodies: list[list[j.Node]] = [[]]
        self._temp = 0
        self.used_filters: set[str] = set()
        self.lineno = 1

    # --- emitting ------------------------------------------------------------------------------

    def at(self, offset: int) -> int:
        """Start a construct at Liquid ``offset``; nodes made until the next call get its line number."""
        self.offsets.append(offset)
        self.lineno = len(self.offsets)
        return self.lineno

    def emit(self, node: j.Node) -> None:
        self._bodies[-1].append(node)

    def output(self, expr: j.Expr, offset: int) -> None:
        """Emit an output; consecutive outputs share one Jinja2 Output node (one yield for adjacent text)."""
        body = self._bodies[-1]
        if body and isinstance(body[-1], j.Output):
            body[-1].nodes.append(expr)
        else:
            body.append(j.Output([expr], lineno=expr.lineno))

    def text(self, value: str, offset: int) -> None:
        """Emit literal text. Text cannot fail, so it needs no position of its own, and text following text
        (around a comment, a wrapped block's div) joins it in one node."""
        if not value:
            return
        body = self._bodies[-1]
        if body and isinstance(body[-1], j.Output):
            parts = body[-1].nodes
            if isinstance(parts[-1], j.TemplateData):
                parts[-1].data += value
                return
            parts.append(j.TemplateData(value, lineno=self.lineno))
        else:
            body.append(j.Output([j.TemplateData(value, lineno=self.lineno)], lineno=self.lineno))

    def block(self, body: list[nodes.Node]) -> list[j.Node]:
        """Compile ``body`` into a fresh list of Jinja2 statements."""
        self._bodies.append([])
        for node in body:
            self.node(node)
        return self._bodies.pop()

    def body(self, body: list[nodes.Node]) -> None:
        for node in body:
            self.node(node)

    def node(self, node: nodes.Node) -> None:
        handler = self.handlers.get(type(node))
        if handler is None:
            raise self.source.error(f"cannot compile {type(node).__name__}", node.offset)
        handler(self, node)

    def temp(self) -> str:
        self._temp += 1
        return f"_t{self._temp}"

    # --- Jinja2 node helpers -------------------------------------------------------------------

    def const(self, value: Any) -> j.Expr:
        if value is EMPTY:
            return self.name("_E")
        if value is BLANK:
            return self.name("_B")
        return j.Const(value, lineno=self.lineno)

    def name(self, name: str, ctx: str = "load") -> j.Name:
        return j.Name(name, ctx, lineno=self.lineno)

    def filter(self, subject: j.Expr | None, filter_name: str, args: list[j.Expr], dyn_kwargs: j.Expr | None = None,
               lineno: int | None = None) -> j.Filter:
        """A Jinja2 Filter node (a direct call of a runtime function; ``subject`` None in a filter block).

        Every filter node is made here, so the template knows its filters without a walk of the tree."""
        self.used_filters.add(filter_name)
        return j.Filter(subject, filter_name, args, [], None, dyn_kwargs, lineno=lineno or self.lineno)

    def call(self, filter_name: str, subject: j.Expr, *args: j.Expr) -> j.Filter:
        """``subject|filter_name(args)``: a direct call of a runtime function."""
        return self.filter(subject, filter_name, list(args))

    def scope_call(self, filter_name: str, *args: j.Expr) -> j.Filter:
        return self.call(filter_name, self.name("_s"), *args)

    def tuple(self, items: list[j.Expr]) -> j.Tuple:
        return j.Tuple(items, "load", lineno=self.lineno)

    def dict(self, items: list[tuple[str, j.Expr]]) -> j.Dict:
        return j.Dict([j.Pair(self.const(k), v, lineno=self.lineno) for k, v in items], lineno=self.lineno)

    # --- expressions ---------------------------------------------------------------------------

    def expr(self, e: nodes.Expr) -> j.Expr:
        """A Jinja2 expression computing the Liquid value of ``e``."""
        if isinstance(e, nodes.Literal):
            return self.const(e.value)
        if isinstance(e, nodes.Path):
            keys = [self._key(k) for k in e.keys]
            if isinstance(e.root, str):
                return self.scope_call("_v", self.const(e.root), *keys)
            return self.call("_vi", self.expr(e.root), self.name("_s"), *keys)
        if isinstance(e, nodes.RangeExpr):
            return self.scope_call("_range", self.expr(e.start), self.expr(e.stop))
        if isinstance(e, nodes.Filtered):
            code = self.expr(e.expr)
            for f in e.filters:
                code = self._filter(code, f)
            return code
        if isinstance(e, nodes.Compare):
            return self.call(COMPARE_FILTERS[e.op], self.expr(e.left), self.expr(e.right))
        if isinstance(e, (nodes.Logic, nodes.Not)):
            return self.test(e)
        raise self.source.error(f"cannot compile {type(e).__name__}", e.offset)

    def test(self, e: nodes.Expr) -> j.Expr:
        """A Jinja2 expression that is a Python bool: the Liquid truthiness of ``e``."""
        compile_test = getattr(e, "compile_test", None)
        if compile_test is not None:  # a condition of a tag's own (ifversion's)
            return compile_test(self)
        if isinstance(e, nodes.Compare):
            return self.expr(e)
        if isinstance(e, nodes.Logic):
            # Both sides are plain bools here, so Python's and/or keep Liquid's meaning.
            cls = j.And if e.op == "and" else j.Or
            return cls(self.test(e.left), self.test(e.right), lineno=self.lineno)
        if isinstance(e, nodes.Not):
            return j.Not(self.test(e.operand), lineno=self.lineno)
        if isinstance(e, nodes.Literal):
            return self.const(e.value is not None and e.value is not False)
        return self.call("_truthy", self.expr(e))

    def _key(self, key: str | int | nodes.Expr) -> j.Expr:
        if isinstance(key, (str, int)):
            return self.const(key)
        return self.expr(key)

    def _filter(self, code: j.Expr, f: nodes.Filter) -> j.Expr:
        jinja_name = self.filters.get(f.name)
        if jinja_name is None:
            if self.options.get("lenient_filters"):
                return code  # liquidjs without strictFilters: an unknown filter passes its input on
            raise self.source.error(f"unknown filter '{f.name}'", f.offset)
        args = [self.expr(a) for a in f.args]
        if not f.kwargs:
            return self.call(jinja_name, code, *args)
        # Keyword names need not be Python identifiers (``allow-false:``): pass them as **{...}.
        kwargs = self.dict([(k, self.expr(v)) for k, v in f.kwargs])
        return self.filter(code, jinja_name, args, kwargs)


def compile_nodes(source: Source, body: list[nodes.Node], handlers: dict[type, NodeCompiler],
                  filters: dict[str, str], options: dict[str, Any] | None = None) -> tuple[j.Template, list[int]]:
    """Compile a parsed template; returns the Jinja2 node tree and the Liquid offset of each line number."""
    compiler = Compiler(source, handlers, filters, options)
    compiler.at(0)
    compiler.body(body)
    tree = j.Template(compiler._bodies[0], lineno=1)
    tree.liquid_filters = frozenset(compiler.used_filters)  # read by codegen.LiquidCodeGenerator
    return tree, compiler.offsets
