"""Tags that bring in other templates or other tag syntax: ``include``, ``render`` and ``liquid``."""

from __future__ import annotations

import re
from typing import Any

from . import nodes
from .compiler import Compiler
from .errors import UnlocatedError
from .interpreter import Interpreter
from .lexer import TAG, Token
from .loop_tags import ForLoop, after_include, run_after_include, to_items
from .parser import Parser
from .runtime import MISSING, LiquidRange, Scope


def parse_include(p: Parser, tok: Token) -> nodes.Include:
    stream = p.expr(tok)
    if tok.name == "render" and not stream.at("str"):
        raise stream.error("'render' needs a quoted template name")
    if p.lenient and stream.at("ident"):
        # liquidjs (dynamicPartials off): a bare name is the template's name, not a variable
        word = stream.current
        end = re.match(r"[^\s,]*", p.source.text[word.offset:]).end()
        name: nodes.Expr = nodes.Literal(p.source.text[word.offset:word.offset + end], word.offset)
        while not stream.at("end") and stream.current.offset < word.offset + end:
            stream.next()
    else:
        name = stream.primary()
    var: nodes.Expr | None = None
    alias: str | None = None
    is_for = False
    if stream.at("ident", "with") or stream.at("ident", "for"):
        is_for = stream.next().value == "for"
        var = stream.primary()
    if stream.accept("ident", "as"):
        alias = stream.expect("ident").value
    args: list[tuple[str, nodes.Expr]] = []
    stream.accept("punct", ",")
    while stream.at("ident"):
        key = stream.next().value
        if not stream.accept("punct", ":"):
            stream.expect("punct", "=") if not p.lenient else None
        args.append((key, stream.primary()))
        stream.accept("punct", ",")
    p.check_end(stream)
    p.signals = True
    return nodes.Include(tok.name, name, var, alias, is_for, args, tok.start, p.loop_depth > 0)


def parse_liquid(p: Parser, tok: Token) -> nodes.Node | None:
    """``{% liquid %}``: one tag per line, without delimiters."""
    tokens: list[Token] = []
    offset = tok.markup_start
    in_comment = 0
    for line in tok.value.split("\n"):
        stripped = line.strip()
        start = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        if not stripped or stripped.startswith("#"):
            continue
        name, _, rest = stripped.partition(" ")
        name = name.strip()
        if name == "comment":
            in_comment += 1
            continue
        if name == "endcomment" and in_comment:
            in_comment -= 1
            continue
        if in_comment:
            continue
        markup_start = start + len(name) + (len(stripped) - len(name) - len(rest))
        tokens.append(Token(TAG, rest, start, name=name, markup_start=markup_start))
    sub = p.sub_parser(tokens)
    body = sub.parse()
    p.finish_sub(sub)
    return nodes.Wrapped("", "", body, tok.start) if body else None


def compile_include(c: Compiler, node: nodes.Include) -> None:
    c.at(node.offset)
    var = c.const(None) if node.var is None else c.expr(node.var)
    args = c.dict([(k, c.expr(v)) for k, v in node.args])
    c.output(c.scope_call("_include", c.const(node.kind), c.expr(node.name), var, c.const(node.alias),
                          c.const(node.is_for), c.const(node.var is not None), args), node.offset)
    if node.kind == "include":
        after_include(c, node.in_loop)


# --- runtime --------------------------------------------------------------------------------

def include(scope: Scope, kind: str, name: Any, var: Any, alias: str | None, is_for: bool, has_var: bool,
            args: dict[str, Any]) -> str:
    if not isinstance(name, str):
        raise UnlocatedError("template name must be a string")
    template = scope.env.partial(name)
    if template is None:
        raise UnlocatedError(f"template '{name}' not found")
    var_name = alias or name.rsplit("/", 1)[-1].split(".", 1)[0]
    if kind == "include":
        if not has_var:
            found = scope.resolve(name)
            var = None if found is MISSING else found
        frame = dict(args)
        scope.frames.append(frame)
        try:
            if isinstance(var, (list, tuple)):
                scope.budget.loop(len(var))  # one render per item: a loop
                out = []
                for item in var:
                    frame[var_name] = item
                    out.append(template.render_scope(scope))
                return "".join(out)
            frame[var_name] = var
            return template.render_scope(scope)
        finally:
            scope.frames.pop()
    inner_args = dict(args)
    if is_for and isinstance(var, (list, tuple, LiquidRange)):
        scope.budget.loop(len(var))  # before a range is made a list
        items = to_items(var)
        loop = ForLoop(len(items), None, name)
        out = []
        for i, item in enumerate(items):
            loop.index0 = i
            inner = scope.isolated()
            inner.frames[0].update(inner_args, forloop=loop)
            inner.frames[0][var_name] = item
            out.append(template.render_scope(inner))
        return "".join(out)
    inner = scope.isolated()
    inner.frames[0].update(inner_args)
    if var is not None:
        inner.frames[0][var_name] = var
    return template.render_scope(inner)


# --- tree tier -----------------------------------------------------------------------------

def run_include(it: Interpreter, node: nodes.Include, scope: Scope, out: list[str]) -> None:
    ev = it.ev
    try:
        name = ev(node.name, scope)
        var = None if node.var is None else ev(node.var, scope)
        args = {k: ev(v, scope) for k, v in node.args}
        out.append(it.finalize(include(scope, node.kind, name, var, node.alias, node.is_for, node.var is not None,
                                       args)))
    except Exception as e:
        raise it.fail(e, node.offset) from None
    if node.kind == "include":
        run_after_include(scope, node.in_loop)


TAGS = {"include": parse_include, "render": parse_include, "liquid": parse_liquid}
COMPILERS = {nodes.Include: compile_include}
RENDERERS = {nodes.Include: run_include}
FILTERS = {"_include": include}
