"""Text and ``{{ output }}``, plus the tags that only shape text: ``raw``, ``comment``, ``echo``."""

from __future__ import annotations

from . import nodes
from .compiler import Compiler
from .interpreter import Interpreter
from .lexer import Token
from .parser import Parser
from .runtime import Scope


def parse_raw(p: Parser, tok: Token) -> nodes.Node:
    body, _ = p.expect_block(tok, ("endraw",))  # the lexer made the body a single text token
    return nodes.Text("".join(n.value for n in body if isinstance(n, nodes.Text)), tok.start)


def parse_comment(p: Parser, tok: Token) -> None:
    p.expect_block(tok, ("endcomment",))  # the lexer already dropped the body
    return None


def parse_doc(p: Parser, tok: Token) -> None:
    if tok.value.strip() and not p.lenient:
        raise p.error("'doc' takes no arguments", tok)
    p.expect_block(tok, ("enddoc",))  # the lexer already dropped the body
    return None


def parse_echo(p: Parser, tok: Token) -> nodes.Node:
    stream = p.expr(tok)
    if stream.at("end"):
        return nodes.Text("", tok.start)
    expr = stream.filtered()
    p.check_end(stream)
    return nodes.Output(expr, tok.start)


def compile_text(c: Compiler, node: nodes.Text) -> None:
    c.text(node.value, node.offset)


def compile_output(c: Compiler, node: nodes.Output) -> None:
    c.at(node.offset)
    c.output(c.expr(node.expr), node.offset)


# --- tree tier (interpreter.py): Text and Output are rendered by Interpreter.block itself ---------------

def run_text(it: Interpreter, node: nodes.Text, scope: Scope, out: list[str]) -> None:
    out.append(node.value)


def run_output(it: Interpreter, node: nodes.Output, scope: Scope, out: list[str]) -> None:
    try:
        out.append(it.finalize(it.ev(node.expr, scope)))
    except Exception as e:
        raise it.fail(e, node.offset) from None


TAGS = {"raw": parse_raw, "comment": parse_comment, "doc": parse_doc, "echo": parse_echo}
COMPILERS = {nodes.Text: compile_text, nodes.Output: compile_output}
RENDERERS = {nodes.Text: run_text, nodes.Output: run_output}
