"""Tags that set variables: ``assign``, ``capture``, ``increment``, ``decrement``."""

from __future__ import annotations

from typing import Any

from jinja2 import nodes as j

from . import nodes
from .compiler import Compiler
from .interpreter import Interpreter
from .lexer import Token
from .parser import Parser
from .runtime import Scope, scope_dict


def _target(p: Parser, tok: Token, stream: Any) -> str:
    name = stream.current
    if name.kind == "ident" and name.value.endswith("?") and tok.name == "assign":
        raise stream.error("a variable name cannot end with '?'")
    if name.kind == "ident" or name.kind == "num":
        stream.next()
        return name.value
    if name.kind == "str" and tok.name == "capture":
        stream.next()
        return name.value[1:-1]
    raise stream.error(f"'{tok.name}' needs a variable name")


def parse_assign(p: Parser, tok: Token) -> nodes.Assign:
    stream = p.expr(tok)
    name = _target(p, tok, stream)
    stream.expect("punct", "=")
    expr = stream.filtered()
    p.check_end(stream)
    return nodes.Assign(name, expr, tok.start)


def parse_capture(p: Parser, tok: Token) -> nodes.Capture:
    stream = p.expr(tok)
    name = _target(p, tok, stream)
    p.check_end(stream)
    body, _ = p.expect_block(tok, ("endcapture",))
    return nodes.Capture(name, body, tok.start)


def parse_increment(p: Parser, tok: Token) -> nodes.Counter:
    stream = p.expr(tok)
    name = _target(p, tok, stream)
    p.check_end(stream)
    return nodes.Counter(name, 1 if tok.name == "increment" else -1, tok.start)


def compile_assign(c: Compiler, node: nodes.Assign) -> None:
    lineno = c.at(node.offset)
    c.emit(j.ExprStmt(c.scope_call("_assign", c.const(node.name), c.expr(node.expr)), lineno=lineno))


def compile_capture(c: Compiler, node: nodes.Capture) -> None:
    lineno = c.at(node.offset)
    store = c.filter(None, "_capture", [c.name("_s"), c.const(node.name)], lineno=lineno)
    c.emit(j.FilterBlock(c.block(node.body), store, lineno=lineno))


def compile_counter(c: Compiler, node: nodes.Counter) -> None:
    c.at(node.offset)
    c.output(c.scope_call("_counter", c.const(node.name), c.const(node.step)), node.offset)


# --- runtime --------------------------------------------------------------------------------

def assign(scope: Scope, name: str, value: Any) -> None:
    if isinstance(value, str):  # text made by filters counts: doubling a string in a loop would fill memory
        scope.budget.text(len(value))
    scope.frames[0][name] = value


def capture(body: str, scope: Scope, name: str) -> str:
    scope.budget.text(len(body))
    scope.frames[0][name] = body
    return ""


def counter(scope: Scope, name: str, step: int) -> int:
    """``increment`` prints then adds one; ``decrement`` subtracts one then prints. Separate from assign."""
    counters = scope.counters or scope_dict(scope, "counters")
    value = counters.get(name, 0)
    if step > 0:
        counters[name] = value + 1
        return value
    counters[name] = value - 1
    return value - 1


# --- tree tier -----------------------------------------------------------------------------

def run_assign(it: Interpreter, node: nodes.Assign, scope: Scope, out: list[str]) -> None:
    try:
        assign(scope, node.name, it.ev(node.expr, scope))
    except Exception as e:
        raise it.fail(e, node.offset) from None


def run_capture(it: Interpreter, node: nodes.Capture, scope: Scope, out: list[str]) -> None:
    body: list[str] = []
    it.block(node.body, scope, body)
    try:
        capture("".join(body), scope, node.name)
    except Exception as e:
        raise it.fail(e, node.offset) from None


def run_counter(it: Interpreter, node: nodes.Counter, scope: Scope, out: list[str]) -> None:
    out.append(it.finalize(counter(scope, node.name, node.step)))


TAGS = {"assign": parse_assign, "capture": parse_capture, "increment": parse_increment, "decrement": parse_increment}
COMPILERS = {nodes.Assign: compile_assign, nodes.Capture: compile_capture, nodes.Counter: compile_counter}
RENDERERS = {nodes.Assign: run_assign, nodes.Capture: run_capture, nodes.Counter: run_counter}
FILTERS = {"_assign": assign, "_capture": capture, "_counter": counter}
