"""The docs site's own tags: ``data``, ``indented_data_reference``, ``octicon`` and the extended-Markdown blocks.

- ``{% data a.b[expr].c %}`` looks ``a.b...`` up in ``site.data``; a string value is rendered as Liquid again,
  in the same scope (compiled once per distinct string by the environment).
- ``{% indented_data_reference a.b spaces=3 %}``: the same, with every line of the string (the first too)
  indented before it is rendered.
- ``{% octicon "name" key="value" %}`` calls the environment's octicon hook; it is rendered at compile time.
  Options are read only while they are ``key="value"`` pairs: ``aria-label= "x"`` ends them, as it did for
  the reference renderer.
- ``{% note %}``, ``{% tip %}``, ``{% warning %}``, ``{% danger %}`` and the platform/tool blocks wrap their body
  in a ``div``; the body is left as it is (the Markdown step sees the div as raw HTML).
- ``{% rowheaders %}``…``{% endrowheaders %}`` puts its body between two marker comments, each on a line of its
  own; after Markdown, ``renderer/page/row_headers.py`` makes the first cell of each body row of the tables between
  them a row header.
"""

from __future__ import annotations

import re
from typing import Any

from . import nodes
from .compiler import Compiler
from .errors import UnlocatedError
from .interpreter import Interpreter
from .lexer import Token
from .parser import Parser
from .runtime import MISSING, NO_ITEMS, Scope, getitem, scope_list

INFO_CLASSES = "border rounded-1 mb-4 p-3 color-border-info color-bg-info f5"
DANGER_CLASSES = "border rounded-1 mb-4 p-3 color-border-danger color-bg-danger f5"
BLOCK_CLASSES = {
    "note": INFO_CLASSES,
    "tip": INFO_CLASSES,
    "warning": DANGER_CLASSES,
    "danger": DANGER_CLASSES,
    **{name: "" for name in ("mac", "windows", "linux", "all", "cli", "desktop", "webui", "curl")},
}
MAX_DATA_DEPTH = 40

_OCTICON = re.compile(r'\s*"(?P<name>[A-Za-z0-9-]+)"(?P<options>(?:\s+[A-Za-z-]+="[^"]*")*)')
_OCTICON_OPTION = re.compile(r'([A-Za-z-]+)="([^"]*)"')
# Names as the expression lexer reads them (no digit first, no trailing '?'), joined by dots.
_SIMPLE_PATH = re.compile(r"\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*")
_INDENTED = re.compile(r"\s*(?P<path>\S+)(?:\s+spaces\s*=\s*(?P<spaces>\d+))?\s*$")


def _data_path(p: Parser, tok: Token, markup: str, offset: int) -> nodes.Path:
    simple = _SIMPLE_PATH.fullmatch(markup)
    if simple:  # nearly every data path: names and dots only, read without the expression lexer
        return nodes.Path("site", ["data", *simple.group(1).split(".")], offset + simple.start(1))
    from .parser import ExprStream

    stream = ExprStream(p, markup, offset)
    if stream.at("end"):
        raise p.error(f"'{tok.name}' needs a data path", tok)
    path = stream.path()
    if not isinstance(path.root, str):
        raise stream.error("a data path starts with a name")
    p.check_end(stream)
    return nodes.Path("site", ["data", path.root, *path.keys], path.offset)


def parse_data(p: Parser, tok: Token) -> nodes.Data:
    return nodes.Data(_data_path(p, tok, tok.value, tok.markup_start), None, tok.start)


def parse_indented_data_reference(p: Parser, tok: Token) -> nodes.Data:
    m = _INDENTED.match(tok.value)
    if not m:
        raise p.error("expected {% indented_data_reference path spaces=N %}", tok)
    path = _data_path(p, tok, m.group("path"), tok.markup_start + m.start("path"))
    return nodes.Data(path, int(m.group("spaces") or 2), tok.start)


def parse_octicon(p: Parser, tok: Token) -> nodes.Octicon:
    m = _OCTICON.match(tok.value)
    if not m:
        raise p.error('expected {% octicon "name" key="value" ... %}', tok)
    attrs = dict(_OCTICON_OPTION.findall(m.group("options")))
    return nodes.Octicon(m.group("name"), attrs, tok.start)


def parse_wrapped(p: Parser, tok: Token) -> nodes.Wrapped:
    if tok.value.strip() and not p.lenient:
        raise p.error(f"'{tok.name}' takes no arguments", tok)
    body, _ = p.expect_block(tok, ("end" + tok.name,))
    before = f'<div class="extended-markdown {tok.name} {BLOCK_CLASSES[tok.name]}">'
    return nodes.Wrapped(before, "</div>", body, tok.start)


ROW_HEADERS_START, ROW_HEADERS_END = "<!--docs-renderer:rowheaders-->", "<!--docs-renderer:/rowheaders-->"


def parse_rowheaders(p: Parser, tok: Token) -> nodes.Wrapped:
    if tok.value.strip() and not p.lenient:
        raise p.error("'rowheaders' takes no arguments", tok)
    body, _ = p.expect_block(tok, ("endrowheaders",))
    # blank lines around the markers: each is an HTML block of its own, the table a Markdown block between them
    return nodes.Wrapped(f"\n\n{ROW_HEADERS_START}\n\n", f"\n\n{ROW_HEADERS_END}\n\n", body, tok.start)


def compile_data(c: Compiler, node: nodes.Data) -> None:
    c.at(node.offset)
    keys = node.path.keys[1:]  # after 'data'
    # A path of names only (nearly all) is one constant tuple: three Jinja2 nodes instead of one per key.
    if all(isinstance(k, (str, int)) for k in keys):
        path: Any = c.const(tuple(keys))
    else:
        path = c.tuple([c.const(k) if isinstance(k, (str, int)) else c.expr(k) for k in keys])
    args = [path, c.const(node.indent)] if node.indent else [path]
    c.output(c.scope_call("_data", *args), node.offset)


def compile_octicon(c: Compiler, node: nodes.Octicon) -> None:
    hook = c.options.get("octicon")
    name = "trash" if node.name == "trashcan" else node.name
    if hook is not None:
        try:
            c.text(hook(name, dict(node.attrs)), node.offset)
            return
        except Exception:  # noqa: BLE001 - fails when (if ever) rendered, like the reference did
            pass
    c.at(node.offset)
    attrs = c.dict([(k, c.const(v)) for k, v in node.attrs.items()])
    c.output(c.scope_call("_octicon", c.const(name), attrs), node.offset)


def compile_wrapped(c: Compiler, node: nodes.Wrapped) -> None:
    c.text(node.before, node.offset)
    c.body(node.body)
    c.text(node.after, node.offset)


# --- runtime --------------------------------------------------------------------------------

def data(scope: Scope, keys: tuple[Any, ...], indent: int = 0) -> Any:
    """Look ``keys`` up under ``site.data`` and render a string value as Liquid, in this scope."""
    value = scope.resolve("site")
    value = getitem(value, "data") if value is not MISSING else MISSING
    find = getattr(value, "find", None)  # a lazy data tree looks a whole path up at once
    if find is not None:
        value = find(keys)
    else:
        for key in keys:
            if value is MISSING:
                break
            value = getitem(value, key)
    if value is MISSING or value is None:
        if scope.strict:
            raise UnlocatedError(f"unknown data path '{_path_name(keys)}'")
        return ""
    if not isinstance(value, str):
        return "" if indent else value
    if not indent:
        plain = scope.env.plain_data.get(value)  # most data strings hold no Liquid: skip everything below
        if plain is not None:
            return plain
    filename = getattr(value, "filename", None)
    line_offset = getattr(value, "line_offset", 0) if filename else 0
    if indent:
        pad = " " * indent
        value = "\n".join(pad + line for line in value.split("\n"))
    name = _path_name(keys)
    template = scope.env.data_template(value, filename, name, line_offset)
    if type(template) is str:
        return template
    active = scope.active  # (text, data path) of the data strings being rendered, outermost first
    if active is NO_ITEMS:  # the first: the list is the scope's from now on (and its {% render %} scopes')
        active = scope_list(scope, "active")
    for i, (text, _) in enumerate(active):
        if text == value:
            chain = " -> ".join([path for _, path in active[i:]] + [name])
            raise UnlocatedError(f"data reference cycle: {chain}")
    if len(active) >= MAX_DATA_DEPTH:
        raise UnlocatedError("data references nested too deeply")
    active.append((value, name))
    try:
        return template.render_scope(scope)
    finally:
        active.pop()


def _path_name(keys: tuple[Any, ...]) -> str:
    return ".".join(str(k) for k in keys)


def octicon(scope: Scope, name: str, attrs: dict[str, str]) -> str:
    hook = scope.env.octicon
    if hook is None:
        raise UnlocatedError("no octicon renderer configured")
    try:
        return hook(name, dict(attrs))
    except KeyError:
        raise UnlocatedError(f"unknown octicon '{name}'") from None


# --- tree tier -----------------------------------------------------------------------------

def run_data(it: Interpreter, node: nodes.Data, scope: Scope, out: list[str]) -> None:
    try:
        keys = node.path.keys[1:]  # after 'data'
        path = tuple(k if isinstance(k, (str, int)) else it.ev(k, scope) for k in keys)
        value = data(scope, path, node.indent) if node.indent else data(scope, path)
        out.append(it.finalize(value))
    except Exception as e:
        raise it.fail(e, node.offset) from None


def run_octicon(it: Interpreter, node: nodes.Octicon, scope: Scope, out: list[str]) -> None:
    name = "trash" if node.name == "trashcan" else node.name
    try:
        out.append(it.finalize(octicon(scope, name, node.attrs)))
    except Exception as e:
        raise it.fail(e, node.offset) from None


def run_wrapped(it: Interpreter, node: nodes.Wrapped, scope: Scope, out: list[str]) -> None:
    if node.before:
        out.append(node.before)
    it.block(node.body, scope, out)
    if node.after:
        out.append(node.after)


TAGS = {
    "data": parse_data,
    "indented_data_reference": parse_indented_data_reference,
    "octicon": parse_octicon,
    **{name: parse_wrapped for name in BLOCK_CLASSES},
    "rowheaders": parse_rowheaders,
}
COMPILERS = {nodes.Data: compile_data, nodes.Octicon: compile_octicon, nodes.Wrapped: compile_wrapped}
RENDERERS = {nodes.Data: run_data, nodes.Octicon: run_octicon, nodes.Wrapped: run_wrapped}
FILTERS = {"_data": data, "_octicon": octicon}
