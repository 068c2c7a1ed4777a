"""Conditional tags: ``if``/``elsif``/``else``, ``unless`` and ``case``/``when``."""

from __future__ import annotations

from jinja2 import nodes as j

from . import nodes
from .compiler import Compiler
from .interpreter import Interpreter
from .lexer import Token
from .parser import Parser, drop_blank_text, is_blank
from .runtime import Scope, eq


def _parse_conditional(p: Parser, tok: Token, negate: bool) -> nodes.If:
    cond = p.expr(tok).condition()
    if negate:
        cond = nodes.Not(cond, cond.offset)
    branches: list[tuple[nodes.Expr, list[nodes.Node]]] = []
    else_body: list[nodes.Node] | None = None
    closing = "end" + tok.name
    state = "branch"  # what the block being read is: 'branch', 'else' or 'ignored'
    while True:
        body, end = p.expect_block(tok, ("elsif", "else", closing))
        if state == "branch":
            branches.append((cond, body))
        elif state == "else":
            # liquidjs appends every else body to the one else branch; standard Liquid renders the first only.
            else_body = (else_body or []) + body
        if end.name == closing:
            break
        after_else = state != "branch"
        stream = p.expr(end)
        if end.name == "elsif":
            cond = stream.condition()
            state = "ignored" if after_else and not p.lenient else "branch"
        else:
            state = "ignored" if after_else and not p.lenient else "else"  # words after else are ignored
    node = nodes.If(branches, else_body, tok.start)
    if not p.lenient and is_blank([node]):
        drop_blank_text(*(b for _, b in branches), else_body)
    return node


def parse_if(p: Parser, tok: Token) -> nodes.If:
    return _parse_conditional(p, tok, negate=False)


def parse_unless(p: Parser, tok: Token) -> nodes.If:
    return _parse_conditional(p, tok, negate=True)


def parse_case(p: Parser, tok: Token) -> nodes.Case:
    stream = p.expr(tok)
    subject = stream.primary()
    p.check_end(stream)
    _, end = p.expect_block(tok, ("when", "else", "endcase"))  # text before the first when is dropped
    whens: list[tuple[list[nodes.Expr], list[nodes.Node]]] = []
    elses: list[int] = []
    while end.name != "endcase":
        values: list[nodes.Expr] = []
        if end.name == "when":
            # Values separated by ',' or 'or'; like Ruby Liquid, reading stops quietly at anything else.
            stream = p.expr(end)
            values.append(stream.primary())
            while stream.accept("punct", ",") or stream.accept("ident", "or"):
                values.append(stream.primary())
        else:
            elses.append(len(whens))
        body, end = p.expect_block(tok, ("when", "else", "endcase"))
        whens.append((values, body))
    node = nodes.Case(subject, whens, elses, tok.start)
    if not p.lenient and is_blank([node]):
        drop_blank_text(*(b for _, b in whens))
    return node


def compile_if(c: Compiler, node: nodes.If) -> None:
    if not node.branches:
        c.body(node.else_body or [])
        return
    branches = []
    for cond, body in node.branches:
        lineno = c.at(cond.offset)
        test = c.test(cond)
        branches.append(j.If(test, c.block(body), [], [], lineno=lineno))
    first = branches[0]
    first.elif_ = branches[1:]
    if node.else_body:
        first.else_ = c.block(node.else_body)
    c.emit(first)


def compile_case(c: Compiler, node: nodes.Case) -> None:
    lineno = c.at(node.offset)
    subject, matched = c.temp(), c.temp()
    c.emit(j.Assign(c.name(subject, "store"), c.expr(node.subject), lineno=lineno))
    c.emit(j.Assign(c.name(matched, "store"), c.const(False), lineno=lineno))
    for i, (values, body) in enumerate(node.whens):
        if i in node.elses:
            lineno = c.at(node.offset)
            c.emit(j.If(j.Not(c.name(matched), lineno=lineno), c.block(body), [], [], lineno=lineno))
            continue
        # Each value is a branch of its own: a body whose when lists two matching values renders twice.
        for value in values:
            lineno = c.at(value.offset)
            test = c.call("_eq", c.name(subject), c.expr(value))
            flag = j.Assign(c.name(matched, "store"), c.const(True), lineno=lineno)
            c.emit(j.If(test, [flag, *c.block(body)], [], [], lineno=lineno))


# --- tree tier -----------------------------------------------------------------------------

def run_if(it: Interpreter, node: nodes.If, scope: Scope, out: list[str]) -> None:
    test = it.test
    for cond, body in node.branches:
        try:
            hit = test(cond, scope)
        except Exception as e:
            raise it.fail(e, cond.offset) from None
        if hit:
            it.block(body, scope, out)
            return
    if node.else_body:
        it.block(node.else_body, scope, out)


def run_case(it: Interpreter, node: nodes.Case, scope: Scope, out: list[str]) -> None:
    ev = it.ev
    try:
        subject = ev(node.subject, scope)
    except Exception as e:
        raise it.fail(e, node.offset) from None
    matched = False
    for i, (values, body) in enumerate(node.whens):
        if i in node.elses:
            if not matched:
                it.block(body, scope, out)
            continue
        # Each value is a branch of its own: a body whose when lists two matching values renders twice.
        for value in values:
            try:
                hit = eq(subject, ev(value, scope))
            except Exception as e:
                raise it.fail(e, value.offset) from None
            if hit:
                matched = True
                it.block(body, scope, out)


TAGS = {"if": parse_if, "unless": parse_unless, "case": parse_case}
COMPILERS = {nodes.If: compile_if, nodes.Case: compile_case}
RENDERERS = {nodes.If: run_if, nodes.Case: run_case}
