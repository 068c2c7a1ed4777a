"""Loops: ``for`` (with ``limit``, ``offset``, ``reversed``, ``else``, ``forloop``), ``break``/``continue``,
``cycle``, ``tablerow`` and ``ifchanged``.

A loop compiles to a Jinja2 ``for`` over a runtime iterator that, on each step, puts the loop variable and the
``forloop`` object into a scope frame of its own; the frame is popped right after the loop. Each loop is charged
to the render's budget (budget.py) when it starts, whole; a range is never made a list before that.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import nodes as j

from . import nodes
from .budget import Budget
from .compiler import Compiler
from .errors import LoopSignal, UnlocatedError
from .interpreter import Break, Continue, Interpreter
from .lexer import Token
from .parser import ExprStream, Parser, drop_blank_text, is_blank
from .runtime import GETTER_TYPES, MISSING, NO_ENTRIES, NO_ITEMS, LiquidRange, Scope, scope_dict, scope_list, to_output


def _loop_header(p: Parser, tok: Token) -> tuple[str, nodes.Expr, dict[str, Any], ExprStream]:
    stream = p.expr(tok)
    var = stream.expect("ident").value
    stream.expect("ident", "in")
    first = stream.current.offset
    iterable = stream.primary()
    markup = p.source.text[first:stream.current.offset].strip()
    options: dict[str, Any] = {"reversed": False, "markup": markup}
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
    p.loop_depth -= 1
    else_body = None
    if end.name == "else":
        else_body, _ = p.expect_block(tok, ("endfor",))
    node = nodes.For(var, iterable, body, else_body, options.get("limit"), options.get("offset"),
                     options["reversed"], tok.start)
    node.name = f"{var}-{options['markup']}"
    if not p.lenient and is_blank([node]):
        drop_blank_text(body, else_body)
    return node


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
    # Outside a loop (an included template), the signal goes to the including template's loop.
    kind = tok.name if p.loop_depth else "signal_" + tok.name
    if not p.loop_depth:
        p.signals = True
    return nodes.LoopControl(kind, tok.start)


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
    steps = c.temp()
    start = c.scope_call("_for", c.const(node.var), c.expr(node.iterable), _opt(c, node.limit),
                         _opt(c, node.offset_expr), c.const(node.reversed), c.const(node.name))
    c.emit(j.Assign(c.name(steps, "store"), start, lineno=lineno))
    body = c.block(node.body)
    # Jinja2's own for/else would run the else branch after a break in the first iteration: test emptiness.
    c.emit(j.For(c.name("_", "store"), c.name(steps), body, [], None, False, lineno=lineno))
    if node.else_body:  # the loop ends (its frame popped) before the else branch, if it had no steps
        c.emit(j.If(c.scope_call("_pop"), c.block(node.else_body), [], [], lineno=lineno))
    else:
        c.emit(j.ExprStmt(c.scope_call("_pop"), lineno=lineno))


def compile_tablerow(c: Compiler, node: nodes.Tablerow) -> None:
    lineno = c.at(node.offset)
    c.output(c.scope_call("_tablerow", c.const(node.var), c.expr(node.iterable), _opt(c, node.limit),
                          _opt(c, node.offset_expr), _opt(c, node.cols)), node.offset)
    # Each step yields the markup that closes the previous cell and opens this one.
    cell = c.temp()
    body = [j.Output([c.name(cell)], lineno=lineno), *c.block(node.body)]
    c.at(node.offset)
    c.emit(j.For(c.name(cell, "store"), c.scope_call("_tablerow_items"), body, [], None, False, lineno=lineno))
    c.emit(j.Output([c.scope_call("_tablerow_end")], lineno=lineno))


def compile_loop_control(c: Compiler, node: nodes.LoopControl) -> None:
    lineno = c.at(node.offset)
    if node.kind == "break":
        c.emit(j.Break(lineno=lineno))
    elif node.kind == "continue":
        c.emit(j.Continue(lineno=lineno))
    else:
        c.emit(j.ExprStmt(c.scope_call("_signal", c.const(node.kind[len("signal_"):])), lineno=lineno))


def after_include(c: Compiler, in_loop: bool) -> None:
    """After an include: obey a break/continue the included template signalled."""
    lineno = c.lineno
    if in_loop:
        c.emit(j.If(c.scope_call("_take_signal", c.const("break")), [j.Break(lineno=lineno)], [], [], lineno=lineno))
        c.emit(j.If(c.scope_call("_take_signal", c.const("continue")), [j.Continue(lineno=lineno)], [], [],
                    lineno=lineno))
    else:
        c.emit(j.ExprStmt(c.scope_call("_pass_signal"), lineno=lineno))


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
    check = c.filter(None, "_ifchanged", [c.name("_s")], lineno=lineno)
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


def _loop_int(value: Any, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise UnlocatedError(f"invalid integer for {what}: {to_output(value)!r}")


def _window(scope: Scope, items: Sequence[Any], limit: Any, offset: Any, loop_id: str) -> Sequence[Any]:
    registers = scope.cycles or scope_dict(scope, "cycles")
    key = ("for", loop_id)
    if offset == "continue":
        start = registers.get(key, 0)
    elif offset is None:
        start = 0
    else:
        start = max(_loop_int(offset, "offset"), 0)
    if limit is not None:
        stop = start + max(_loop_int(limit, "limit"), 0)
        window = items[start:stop]
    else:
        window = items[start:]
    registers[key] = start + len(window)
    return window


def _steps(items: Sequence[Any], frame: dict[str, Any], var: str, loop: ForLoop, budget: Budget):
    """The iterator a loop runs over: one step per item, with the item put in the loop's frame."""
    out = budget.out  # what the template of this loop prints to (nested renders put it back when done)
    for i, item in enumerate(items):
        if len(out) != budget.mark:  # the previous step printed: measure it against the output budget
            budget.measure()
        loop.index0 = i
        frame[var] = item
        yield None


def _loop_items(iterable: Any) -> Sequence[Any]:
    """``to_items``, except that a range stays a ``range``: its window and length cost nothing, however long."""
    if type(iterable) is LiquidRange:
        return range(iterable.start, iterable.stop + 1)
    return to_items(iterable)


def for_loop(scope: Scope, var: str, iterable: Any, limit: Any, offset: Any, reverse: bool, name: str):
    """Start a loop: its steps (a generator; ``pop`` ends the loop)."""
    items = iterable if type(iterable) is list else _loop_items(iterable)
    if limit is None and offset is None:  # the whole of it (what a later ``offset: continue`` starts after)
        registers = scope.cycles
        if registers is NO_ENTRIES:
            registers = scope.cycles = {}
        registers["for", name] = len(items)
    else:
        items = _window(scope, items, limit, offset, name)
    if reverse:
        items = items[::-1]
    n = len(items)
    budget = scope.budget
    budget.loop(n)
    loops = scope.loops
    if loops is NO_ITEMS:
        loops = scope.loops = []
    loop = ForLoop(n, loops[-1] if loops else None, name)
    loops.append(loop)
    frame: dict[str, Any] = {"forloop": loop}
    scope.frames.append(frame)
    return _steps(items, frame, var, loop, budget)


def pop(scope: Scope) -> bool:
    """End the innermost loop; whether it had no steps (its ``else`` renders)."""
    scope.frames.pop()
    loop = scope.loops.pop()
    if loop.length:  # give back the steps a break skipped
        scope.budget.refund(loop.length - loop.index0 - 1)
        return False
    return True


def cycle(scope: Scope, key: Any, values: list[Any]) -> Any:
    """The next value of a cycle group; the position is shared by every cycle tag of the group."""
    registers = scope.cycles or scope_dict(scope, "cycles")
    group = ("cycle", to_output(key) if not isinstance(key, (int, float)) else key)
    i = registers.get(group, 0)
    value = values[i] if i < len(values) else None
    i += 1
    registers[group] = 0 if i >= len(values) else i
    return value


def tablerow(scope: Scope, var: str, iterable: Any, limit: Any, offset: Any, cols: Any) -> str:
    items = _window(scope, _loop_items(iterable), limit, offset, "tablerow")
    scope.budget.loop(len(items))
    n = _loop_int(cols, "cols") if cols is not None else None
    loop = TablerowLoop(len(items), n if n and n > 0 else max(len(items), 1))
    frame: dict[str, Any] = {"tablerowloop": loop}
    scope.frames.append(frame)
    (scope.loops or scope_list(scope, "loops")).append(loop)
    (scope.tablerows or scope_list(scope, "tablerows")).append((items, var, frame, loop))
    return '<tr class="row1">\n'


def tablerow_items(scope: Scope):
    items, var, frame, loop = scope.tablerows[-1]
    cols = loop.cols
    budget = scope.budget
    out = budget.out
    for i, item in enumerate(items):
        if len(out) != budget.mark:
            budget.measure()
        loop.index0 = i
        frame[var] = item
        if i == 0:
            yield f'<td class="col{i % cols + 1}">'
        elif i % cols == 0:
            yield f'</td></tr>\n<tr class="row{i // cols + 1}"><td class="col1">'
        else:
            yield f'</td><td class="col{i % cols + 1}">'


def tablerow_end(scope: Scope) -> str:
    items, _, _, loop = scope.tablerows.pop()
    scope.frames.pop()
    scope.loops.pop()
    if items:  # give back the steps a break skipped
        scope.budget.refund(len(items) - loop.index0 - 1)
    return "</td></tr>\n" if items else "</tr>\n"


def ifchanged(body: str, scope: Scope) -> str:
    if scope.ifchanged and scope.ifchanged[0] == body:
        return ""
    scope.ifchanged = [body]
    return body


def signal(scope: Scope, kind: str) -> None:
    raise LoopSignal(kind)


def take_signal(scope: Scope, kind: str) -> bool:
    if scope.signal == kind:
        scope.signal = None
        return True
    return False


def pass_signal(scope: Scope) -> None:
    if scope.signal is not None:
        kind, scope.signal = scope.signal, None
        raise LoopSignal(kind)


# --- tree tier -----------------------------------------------------------------------------

def _run_opt(it: Interpreter, expr: nodes.Expr | None, scope: Scope) -> Any:
    return None if expr is None else it.ev(expr, scope)


def _step(block: Any, body: Any, scope: Scope, out: list[str]) -> bool:
    """One pass of a loop's body; False when it ends the loop (``break``), True to go on (``continue`` too)."""
    try:
        block(body, scope, out)
    except Break:
        return False
    except Continue:
        pass
    return True


def run_for(it: Interpreter, node: nodes.For, scope: Scope, out: list[str]) -> None:
    block, body = it.block, node.body
    try:
        steps = for_loop(scope, node.var, it.ev(node.iterable, scope), _run_opt(it, node.limit, scope),
                         _run_opt(it, node.offset_expr, scope), node.reversed, node.name)
        for _ in steps:  # each step measures the output budget (_steps)
            if not _step(block, body, scope, out):
                break
    except Exception as e:  # starting the loop, or a step (the body's own errors arrive located)
        raise it.fail(e, node.offset) from None
    if pop(scope) and node.else_body:  # it had no steps
        block(node.else_body, scope, out)


def run_tablerow(it: Interpreter, node: nodes.Tablerow, scope: Scope, out: list[str]) -> None:
    block, body = it.block, node.body
    try:
        out.append(it.finalize(tablerow(scope, node.var, it.ev(node.iterable, scope), _run_opt(it, node.limit, scope),
                                        _run_opt(it, node.offset_expr, scope), _run_opt(it, node.cols, scope))))
        for cell in tablerow_items(scope):  # the markup closing the previous cell and opening this one
            out.append(cell)
            if not _step(block, body, scope, out):
                break
        out.append(tablerow_end(scope))
    except Exception as e:
        raise it.fail(e, node.offset) from None


def run_loop_control(it: Interpreter, node: nodes.LoopControl, scope: Scope, out: list[str]) -> None:
    kind = node.kind
    if kind == "break":
        raise Break
    if kind == "continue":
        raise Continue
    signal(scope, kind[len("signal_"):])  # outside any loop: ends this template (LoopSignal)


def run_cycle(it: Interpreter, node: nodes.Cycle, scope: Scope, out: list[str]) -> None:
    ev = it.ev
    try:
        key = ev(node.group, scope) if node.group is not None else ",".join(_describe(v) for v in node.values)
        out.append(it.finalize(cycle(scope, key, [ev(v, scope) for v in node.values])))
    except Exception as e:
        raise it.fail(e, node.offset) from None


def run_ifchanged(it: Interpreter, node: nodes.IfChanged, scope: Scope, out: list[str]) -> None:
    body: list[str] = []
    it.block(node.body, scope, body)
    out.append(ifchanged("".join(body), scope))


def run_after_include(scope: Scope, in_loop: bool) -> None:
    """After an include: obey a break/continue the included template signalled (as ``after_include``)."""
    if in_loop:
        if take_signal(scope, "break"):
            raise Break
        if take_signal(scope, "continue"):
            raise Continue
    else:
        pass_signal(scope)


GETTER_TYPES.update((ForLoop, TablerowLoop))

TAGS = {"for": parse_for, "tablerow": parse_tablerow, "break": parse_loop_control, "continue": parse_loop_control,
        "cycle": parse_cycle, "ifchanged": parse_ifchanged}
COMPILERS = {nodes.For: compile_for, nodes.Tablerow: compile_tablerow, nodes.LoopControl: compile_loop_control,
             nodes.Cycle: compile_cycle, nodes.IfChanged: compile_ifchanged}
RENDERERS = {nodes.For: run_for, nodes.Tablerow: run_tablerow, nodes.LoopControl: run_loop_control,
             nodes.Cycle: run_cycle, nodes.IfChanged: run_ifchanged}
FILTERS = {"_for": for_loop, "_pop": pop, "_cycle": cycle, "_tablerow": tablerow,
           "_tablerow_items": tablerow_items, "_tablerow_end": tablerow_end, "_ifchanged": ifchanged,
           "_signal": signal, "_take_signal": take_signal, "_pass_signal": pass_signal}
