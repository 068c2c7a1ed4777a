"""Conditional tags: ``if``/``elsif``/``else``, ``unless`` and ``case``/``when``."""

from __future__ import annotations

from . import nodes
from .compiler import Compiler
from .lexer import Token
from .parser import Parser


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
            if not p.lenient:
                stream.expect_end()
            state = "ignored" if after_else and not p.lenient else "else"
    return nodes.If(branches, else_body, tok.start)


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
            stream = p.expr(end)
            values.append(stream.primary())
            while stream.accept("punct", ",") or stream.accept("ident", "or"):
                values.append(stream.primary())
            p.check_end(stream)
        else:
            elses.append(len(whens))
        body, end = p.expect_block(tok, ("when", "else", "endcase"))
        whens.append((values, body))
    return nodes.Case(subject, whens, elses, tok.start)


def compile_if(c: Compiler, node: nodes.If) -> None:
    if not node.branches:
        c.body(node.else_body or [])
        return
    for i, (cond, body) in enumerate(node.branches):
        c.stmt(("if " if i == 0 else "elif ") + c.test(cond), cond.offset)
        c.body(body)
    if node.else_body:
        c.stmt("else", node.offset)
        c.body(node.else_body)
    c.stmt("endif", node.offset)


def compile_case(c: Compiler, node: nodes.Case) -> None:
    subject, matched = c.temp(), c.temp()
    c.stmt(f"set {subject} = {c.expr(node.subject)}", node.offset)
    c.stmt(f"set {matched} = false", node.offset)
    for i, (values, body) in enumerate(node.whens):
        if i in node.elses:
            c.stmt(f"if not {matched}", node.offset)
        else:
            tests = " or ".join(f"({subject}|_eq({c.expr(v)}))" for v in values)
            c.stmt(f"if {tests}", values[0].offset)
            c.stmt(f"set {matched} = true", values[0].offset)
        c.body(body)
        c.stmt("endif", node.offset)


TAGS = {"if": parse_if, "unless": parse_unless, "case": parse_case}
COMPILERS = {nodes.If: compile_if, nodes.Case: compile_case}
