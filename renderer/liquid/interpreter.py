"""Tier 1: render a template straight from its node tree (``nodes.py``), with no code generation.

A template starts here and is compiled to Python (``compiler.py``, ``codegen.py``) only once it has proved hot
(``Environment.hot_after``, see the README): most page bodies render a handful of times (once per version),
and parsing then walking the tree costs a fraction of a compile. Both tiers have one semantics because they call
the same functions: the runtime (``runtime.py``: lookups, truthiness, ``==``, ``contains``, ``ver_gt``), the
filters, and each tag's runtime helpers (``for_loop`` and its steps, ``include``, ``data`` ...) are looked up in the
environment's Jinja2 filter table, which is what the generated code calls too.

Each tag module has a ``RENDERERS`` table (node type -> ``handler(it, node, scope, out)``) next to its
``COMPILERS``; ``it`` is the environment's :class:`Interpreter`, ``out`` the list the text goes to.

Errors: a handler wraps what it evaluates in ``try``/``except`` (free in Python 3.11 until something is raised)
and re-raises a failure as :class:`Failed` with the Liquid offset the compiled tier reports for that construct
(an output's start, an ``if`` branch's condition, a ``when`` value ...). ``Failed`` (like ``Break`` and
``Continue``, the loop controls) is a ``BaseException``, so the handlers of the enclosing constructs let it pass
and the innermost construct is the one named; the template being rendered turns it into a ``LiquidError``. A
``LiquidError`` (from a nested template, already located in its own file) and a ``LoopSignal`` pass unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import nodes
from .compiler import COMPARE_FILTERS
from .errors import LiquidError, LoopSignal
from .runtime import MISSING, Scope, truthy

Handler = Callable[["Interpreter", Any, Scope, list[str]], None]


class Failed(BaseException):
    """An exception raised while rendering the construct at ``offset`` of the template being rendered."""

    def __init__(self, error: BaseException, offset: int) -> None:
        super().__init__(error, offset)
        self.error = error
        self.offset = offset


class Break(BaseException):
    """``{% break %}`` inside a loop of the same template (caught by that loop)."""


class Continue(BaseException):
    """``{% continue %}`` inside a loop of the same template."""


def fail(error: Exception, offset: int) -> BaseException:
    """What a handler raises for ``error``: located at ``offset``, unless it is located already or a signal."""
    if isinstance(error, (LiquidError, LoopSignal)):
        return error
    return Failed(error, offset)


class Interpreter:
    """The tree tier of one environment: ``block`` renders a body, ``ev`` computes an expression's Liquid value,
    ``test`` an expression's Liquid truthiness (a Python bool).

    They are closures over the environment's settings (filters, comparison functions, ``finalize``), made once
    per environment: a render makes no objects of its own besides the scope and the output list."""

    def __init__(self, env: Any, renderers: dict[type, Handler], tests: dict[type, Callable[..., bool]]) -> None:
        jinja_filters = env.jinja.filters
        filters = {name: jinja_filters[jname] for name, jname in env.filter_names.items()}
        ops = {op: jinja_filters[fname] for op, fname in COMPARE_FILTERS.items()}
        lookup, lookup_in, make_range = jinja_filters["_v"], jinja_filters["_vi"], jinja_filters["_range"]
        finalize = env.jinja.finalize
        self.finalize = finalize
        self.renderers = renderers
        self.fail = fail
        Literal, Path, Filtered, Compare = nodes.Literal, nodes.Path, nodes.Filtered, nodes.Compare
        Logic, Not, RangeExpr, Text, Output = nodes.Logic, nodes.Not, nodes.RangeExpr, nodes.Text, nodes.Output
        it = self

        resolve = Scope.resolve

        def keys_of(keys: list[Any], scope: Scope) -> list[Any]:
            return [k if isinstance(k, (str, int)) else ev(k, scope) for k in keys]

        # Literals (most operands and filter arguments) are read in place rather than through a call of ev.
        def ev(e: nodes.Expr, scope: Scope) -> Any:
            t = type(e)
            if t is Path:
                root, keys = e.root, e.keys
                if type(root) is str:
                    if not keys:  # a bare name: the scope's value, or lookup's answer for a missing one
                        value = resolve(scope, root)
                        return value if value is not MISSING else lookup(scope, root)
                    if len(keys) == 1:
                        key = keys[0]
                        return lookup(scope, root, key if isinstance(key, (str, int)) else ev(key, scope))
                    return lookup(scope, root, *keys_of(keys, scope))
                value = ev(root, scope)
                return lookup_in(value, scope, *keys_of(keys, scope))
            if t is Literal:
                return e.value
            if t is Filtered:
                value = ev(e.expr, scope)
                for f in e.filters:
                    fn = filters.get(f.name)
                    if fn is None:
                        continue  # liquidjs without strictFilters; otherwise refused when the template was made
                    args = f.args
                    if f.kwargs:
                        value = fn(value, *[ev(a, scope) for a in args], **{k: ev(v, scope) for k, v in f.kwargs})
                    elif not args:
                        value = fn(value)
                    elif len(args) == 1:
                        a = args[0]
                        value = fn(value, a.value if type(a) is Literal else ev(a, scope))
                    else:
                        value = fn(value, *[a.value if type(a) is Literal else ev(a, scope) for a in args])
                return value
            if t is Compare:
                left, right = e.left, e.right
                return ops[e.op](
                    left.value if type(left) is Literal else ev(left, scope),
                    right.value if type(right) is Literal else ev(right, scope),
                )
            if t is Logic or t is Not:
                return test(e, scope)
            if t is RangeExpr:
                return make_range(scope, ev(e.start, scope), ev(e.stop, scope))
            raise TypeError(f"cannot evaluate {t.__name__}")

        def test(e: nodes.Expr, scope: Scope) -> bool:
            t = type(e)
            if t is Compare:
                left, right = e.left, e.right
                return ops[e.op](
                    left.value if type(left) is Literal else ev(left, scope),
                    right.value if type(right) is Literal else ev(right, scope),
                )
            if t is Logic:
                if e.op == "and":
                    return test(e.left, scope) and test(e.right, scope)
                return test(e.left, scope) or test(e.right, scope)
            if t is Not:
                return not test(e.operand, scope)
            if t is Literal:
                return e.value is not None and e.value is not False
            own = tests.get(t)
            if own is not None:  # a condition of a tag's own (ifversion's)
                return own(it, e, scope)
            return truthy(ev(e, scope))

        def block(body: list[nodes.Node], scope: Scope, out: list[str]) -> None:
            append = out.append
            for node in body:
                t = type(node)
                if t is Text:
                    append(node.value)
                elif t is Output:
                    try:
                        append(finalize(ev(node.expr, scope)))
                    except Exception as e:
                        raise fail(e, node.offset) from None
                else:
                    renderers[t](it, node, scope, out)

        self.ev = ev
        self.test = test
        self.block = block


def find_unknown_filter(body: list[nodes.Node], unknown: list[nodes.Filter]) -> nodes.Filter | None:
    """The first of ``unknown`` (filters the parser did not know, in source order) that is still in the tree:
    the parser reads some bodies it then drops (text before a ``when``, branches after an ``else``), and the
    compiler, which refuses unknown filters, never sees those."""
    reachable: set[int] = set()
    stack: list[Any] = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, nodes.Filter):
            reachable.add(id(item))
            stack.extend(item.args)
            stack.extend(v for _, v in item.kwargs)
        elif isinstance(item, nodes.Node):
            for name in getattr(type(item), "__slots__", ()):
                value = getattr(item, name, None)
                if isinstance(value, (nodes.Node, list, tuple)):
                    stack.append(value)
        elif isinstance(item, (list, tuple)):
            stack.extend(x for x in item if isinstance(x, (nodes.Node, list, tuple)))
    for f in unknown:
        if id(f) in reachable:
            return f
    return None
