"""Loops: ``for`` (with ``limit``, ``offset``, ``reversed``, ``else``, ``forloop``), ``break``/``continue``,
``cycle``, ``tablerow`` and ``ifchanged``.

A loop compiles to a Jinja2 ``for`` over a runtime iterator that, on each step, puts the loop variable and the
``forloop`` object into a scope frame of its own; the frame is popped right after the loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import nodes
from .compiler import Compiler, literal
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


def _opt(c: Compiler, expr: nodes.Expr | None) -> str:
    return "none" if expr is None else c.expr(expr)


def compile_for(c: Compiler, node: nodes.For) -> None:
    loop_id = literal(f"{node.var}-{c.source.text[node.offset:node.offset + 80]}")
    c.stmt(f"for _ in _s|_for({literal(node.var)}, {c.expr(node.iterable)}, {_opt(c, node.limit)}, "
           f"{_opt(c, node.offset_expr)}, {literal(node.reversed)}, {loop_id})", node.offset)
    c.body(node.body)
    if node.else_body is not None:
        c.stmt("else", node.offset)
        c.body(node.else_body)
    c.stmt("endfor", node.offset)
    c.stmt("do _s|_pop", node.offset)


def compile_tablerow(c: Compiler, node: nodes.Tablerow) -> None:
    c.output(f"_s|_tablerow({literal(node.var)}, {c.expr(node.iterable)}, {_opt(c, node.limit)}, "
             f"{_opt(c, node.offset_expr)}, {_opt(c, node.cols)})", node.offset)
    c.stmt("for _ in _s|_tablerow_items", node.offset)
    c.output("_s|_td_open", node.offset)
    c.body(node.body)
    c.output("_s|_td_close", node.offset)
    c.stmt("endfor", node.offset)
    c.output("_s|_tablerow_end", node.offset)


def compile_loop_control(c: Compiler, node: nodes.LoopControl) -> None:
    if node.kind in ("break", "continue"):
        c.stmt(node.kind, node.offset)


def compile_cycle(c: Compiler, node: nodes.Cycle) -> None:
    if node.group is not None:
        key = c.expr(node.group)
    else:
        key = literal(",".join(repr(v) for v in node.values))
    values = ", ".join(c.expr(v) for v in node.values)
    c.output(f"_s|_cycle({key}, [{values}])", node.offset)


def compile_ifchanged(c: Compiler, node: nodes.IfChanged) -> None:
    c.stmt("filter _ifchanged(_s)", node.offset)
    c.body(node.body)
    c.stmt("endfilter", node.offset)


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
