"""Loops: ``for`` (with ``limit``, ``offset``, ``reversed``, ``else``, ``forloop``), ``break``/``continue``,
``cycle``, ``tablerow`` and ``ifchanged``.

A loop compiles to a Jinja2 ``for`` over a runtime iterator that, on each step, puts the loop variable and the
``forloop`` object into a scope frame of its own; the frame is popped right after the loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import nodes as j

from . import nodes
from .compiler import Compiler
from .lexer import Token
from .parser import ExprStream, Parser
from .runtime import MISSING, LiquidRange, Scope, to_int, to_output


def _loop_header(p: Parser, tok: Token) -> tuple[str, nodes.Expr, dict[str, Any], ExprStream]:
    stream = p.expr(tok)
    var = stream.expect("ident").value
    stream.expect("ident", "in")
    iterable = stream.primary()
    options: dict[str, Any] = {"reversed": False}
    while not stream.at("end"):
        if stream.accept("punct", ","):
            continue
        word = stream.expect("ident")
        if word.value == "reversed":
            options["reversed"] = True
            continue
        if word.value not in ("limit", "offset", "cols"):
            if p.lenient:
                continue
            raise stream.error(f"unknown loop option '{word.value}'", word)
        stream.expect("punct", ":")
        if word.value == "offset" and stream.at("ident", "continue"):
            stream.next()
            options["offset"] = nodes.Literal("continue", word.offset)
        else:
            options[word.value] = stream.primary()
    return var, iterable, options, stream


def parse_for(p: Parser, tok: Token) -> nodes.For:
    var, iterable, options, _ = _loop_header(p, tok)
    p.loop_depth += 1
    body, end = p.expect_block(tok, ("else", "endfor"))
    else_body = None
    if end.name == "else":
        else_body, _ = p.expect_block(tok, ("endfor",))
    p.loop_depth -= 1
    return nodes.For(var, iterable, body, else_body, options.get("limit"), options.get("offset"),
                     options["reversed"], tok.start)


def parse_tablerow(p: Parser, tok: Token) -> nodes.Tablerow:
    var, iterable, options, _ = _loop_header(p, tok)
    p.loop_depth += 1
    body, _ = p.expect_block(tok, ("endtablerow",))
    p.loop_depth -= 1
    return nodes.Tablerow(var, iterable, body, options.get("limit"), options.get("offset"), options.get("cols"),
                          tok.start)


def parse_loop_control(p: Parser, tok: Token) -> nodes.LoopControl | None:
    if not p.lenient:
        p.expr(tok).expect_end()
    if p.loop_depth == 0:
        return nodes.LoopControl("stop" if tok.name == "break" else "skip", tok.start)
    return nodes.LoopControl(tok.name, tok.start)


def parse_cycle(p: Parser, tok: Token) -> nodes.Cycle:
    stream = p.expr(tok)
    group: nodes.Expr | None = None
    first = stream.primary()
    if stream.accept("punct", ":"):
        group = first
        first = stream.primary()
    values = [first]
    while stream.accept("punct", ","):
        values.append(stream.primary())
    p.check_end(stream)
    return nodes.Cycle(group, values, tok.start)


def parse_ifchanged(p: Parser, tok: Token) -> nodes.IfChanged:
    body, _ = p.expect_block(tok, ("endifchanged",))
    return nodes.IfChanged(body, tok.start)


def _opt(c: Compiler, expr: nodes.Expr | None) -> j.Expr:
    return c.const(None) if expr is None else c.expr(expr)


def _describe(expr: nodes.Expr) -> str:
    """A canonical text for an expression (what ``cycle`` groups unnamed cycles by)."""
    if isinstance(expr, nodes.Literal):
        return repr(expr.value)
    if isinstance(expr, nodes.Path):
        root = expr.root if isinstance(expr.root, str) else _describe(expr.root)
        return root + "".join(f"[{k!r}]" if isinstance(k, (str, int)) else f"[{_describe(k)}]" for k in expr.keys)
    return type(expr).__name__


def compile_for(c: Compiler, node: nodes.For) -> None:
    lineno = c.at(node.offset)
    loop_id = f"{node.var}-{_describe(node.iterable)}"
    steps = c.scope_call("_for", c.const(node.var), c.expr(node.iterable), _opt(c, node.limit),
                         _opt(c, node.offset_expr), c.const(node.reversed), c.const(loop_id))
    body = c.block(node.body)
    else_body = c.block(node.else_body) if node.else_body is not None else []
    c.emit(j.For(c.name("_", "store"), steps, body, else_body, None, False, lineno=lineno))
    c.emit(j.ExprStmt(c.scope_call("_pop"), lineno=lineno))


def compile_tablerow(c: Compiler, node: nodes.Tablerow) -> None:
    lineno = c.at(node.offset)
    c.output(c.scope_call("_tablerow", c.const(node.var), c.expr(node.iterable), _opt(c, node.limit),
                          _opt(c, node.offset_expr), _opt(c, node.cols)), node.offset)
    open_cell = j.Output([c.scope_call("_td_open")], lineno=lineno)
    body = c.block(node.body)
    c.at(node.offset)
    close_cell = j.Output([c.scope_call("_td_close")], lineno=lineno)
    steps = c.scope_call("_tablerow_items")
    c.emit(j.For(c.name("_", "store"), steps, [open_cell, *body, close_cell], [], None, False, lineno=lineno))
    c.emit(j.Output([c.scope_call("_tablerow_end")], lineno=lineno))


def compile_loop_control(c: Compiler, node: nodes.LoopControl) -> None:
    lineno = c.at(node.offset)
    if node.kind == "break":
        c.emit(j.Break(lineno=lineno))
    elif node.kind == "continue":
        c.emit(j.Continue(lineno=lineno))


def compile_cycle(c: Compiler, node: nodes.Cycle) -> None:
    c.at(node.offset)
    if node.group is not None:
        key = c.expr(node.group)
    else:
        key = c.const(",".join(_describe(v) for v in node.values))
    values = j.List([c.expr(v) for v in node.values], lineno=c.lineno)
    c.output(c.scope_call("_cycle", key, values), node.offset)


def compile_ifchanged(c: Compiler, node: nodes.IfChanged) -> None:
    lineno = c.at(node.offset)
    check = j.Filter(None, "_ifchanged", [c.name("_s")], [], None, None, lineno=lineno)
    c.emit(j.FilterBlock(c.block(node.body), check, lineno=lineno))


# --- runtime --------------------------------------------------------------------------------

class ForLoop:
    """The ``forloop`` object."""

    __slots__ = ("length", "index0", "parentloop", "name")

    def __init__(self, length: int, parentloop: Any, name: str) -> None:
        self.length = length
        self.index0 = 0
        self.parentloop = parentloop
        self.name = name

    def liquid_get(self, key: Any) -> Any:
        i, n = self.index0, self.length
        if key == "index":
            return i + 1
        if key == "index0":
            return i
        if key == "rindex":
            return n - i
        if key == "rindex0":
            return n - i - 1
        if key == "first":
            return i == 0
        if key == "last":
            return i == n - 1
        if key == "length":
            return n
        if key == "parentloop":
            return self.parentloop
        if key == "name":
            return self.name
        return MISSING

    def __str__(self) -> str:
        return ""


class TablerowLoop(ForLoop):
    __slots__ = ("cols",)

    def __init__(self, length: int, cols: int) -> None:
        super().__init__(length, None, "")
        self.cols = cols

    def liquid_get(self, key: Any) -> Any:
        i, cols = self.index0, self.cols
        if key == "col":
            return i % cols + 1
        if key == "col0":
            return i % cols
        if key == "row":
            return i // cols + 1
        if key == "col_first":
            return i % cols == 0
        if key == "col_last":
            return i % cols == cols - 1 or i == self.length - 1
        return super().liquid_get(key)


def to_items(value: Any) -> list[Any]:
    """What a loop iterates: arrays as they are, hashes as ``[key, value]`` pairs, ranges, strings whole."""
    if value is None or value is MISSING or value is False:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, (tuple, LiquidRange)):
        return list(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (int, float)):
        return []
    try:
        return list(value)
    except TypeError:
        return []


def _window(scope: Scope, items: list[Any], limit: Any, offset: Any, loop_id: str) -> list[Any]:
    registers = scope.cycles
    key = ("for", loop_id)
    if offset == "continue":
        start = registers.get(key, 0)
    else:
        start = to_int(offset) or 0 if offset is not None else 0
    if limit is not None:
        count = to_int(limit)
        stop = start + max(count or 0, 0)
        window = items[start:stop]
    else:
        window = items[start:]
    registers[key] = start + len(window)
    return window


def for_loop(scope: Scope, var: str, iterable: Any, limit: Any, offset: Any, reverse: bool, loop_id: str):
    items = _window(scope, to_items(iterable), limit, offset, loop_id)
    if reverse:
        items = items[::-1]
    parent = scope.resolve("forloop")
    loop = ForLoop(len(items), None if parent is MISSING else parent, loop_id.split("-", 1)[0])
    frame: dict[str, Any] = {"forloop": loop}
    scope.frames.append(frame)
    return _steps(items, frame, var, loop)


def _steps(items: list[Any], frame: dict[str, Any], var: str, loop: ForLoop):
    for i, item in enumerate(items):
        loop.index0 = i
        frame[var] = item
        yield None


def pop(scope: Scope) -> None:
    scope.frames.pop()


def cycle(scope: Scope, key: Any, values: list[Any]) -> Any:
    registers = scope.cycles
    group = ("cycle", to_output(key) if not isinstance(key, (int, float)) else key)
    i = registers.get(group, 0)
    registers[group] = i + 1
    return values[i % len(values)]


def tablerow(scope: Scope, var: str, iterable: Any, limit: Any, offset: Any, cols: Any) -> str:
    items = _window(scope, to_items(iterable), limit, offset, "tablerow")
    n = to_int(cols) if cols is not None else None
    loop = TablerowLoop(len(items), n if n and n > 0 else max(len(items), 1))
    frame: dict[str, Any] = {"tablerowloop": loop, "__items__": (items, var)}
    scope.frames.append(frame)
    return '<tr class="row1">\n'


def tablerow_items(scope: Scope):
    frame = scope.frames[-1]
    items, var = frame["__items__"]
    loop = frame["tablerowloop"]
    for i, item in enumerate(items):
        loop.index0 = i
        frame[var] = item
        yield None


def td_open(scope: Scope) -> str:
    loop = scope.frames[-1]["tablerowloop"]
    return f'<td class="col{loop.index0 % loop.cols + 1}">'


def td_close(scope: Scope) -> str:
    loop = scope.frames[-1]["tablerowloop"]
    if loop.liquid_get("col_last") and loop.index0 != loop.length - 1:
        return f'</td></tr>\n<tr class="row{loop.index0 // loop.cols + 2}">'
    return "</td>"


def tablerow_end(scope: Scope) -> str:
    scope.frames.pop()
    return "</tr>\n"


def ifchanged(body: str, scope: Scope) -> str:
    if scope.ifchanged and scope.ifchanged[0] == body:
        return ""
    scope.ifchanged[:] = [body]
    return body


TAGS = {"for": parse_for, "tablerow": parse_tablerow, "break": parse_loop_control, "continue": parse_loop_control,
        "cycle": parse_cycle, "ifchanged": parse_ifchanged}
COMPILERS = {nodes.For: compile_for, nodes.Tablerow: compile_tablerow, nodes.LoopControl: compile_loop_control,
             nodes.Cycle: compile_cycle, nodes.IfChanged: compile_ifchanged}
FILTERS = {"_for": for_loop, "_pop": pop, "_cycle": cycle, "_tablerow": tablerow, "_tablerow_items": tablerow_items,
           "_td_open": td_open, "_td_close": td_close, "_tablerow_end": tablerow_end, "_ifchanged": ifchanged}
