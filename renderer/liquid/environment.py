"""Environment and Template: parse a Liquid source once, compile it to a Jinja2 template, render it many times.

The Environment owns the settings (``compat``, ``strict``, hooks, the budgets of a render: ``limits``), the
tag/filter registries, the Jinja2 environment that holds the runtime functions as filters, and the caches:
``{% data %}`` strings and partials are compiled once per distinct text.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import jinja2
from jinja2.utils import missing

from renderer.model.limits import DEFAULT_LIMITS

from . import (
    control_tags,
    core_tags,
    docs_tags,
    filters,
    loop_tags,
    nodes,
    runtime,
    template_tags,
    variable_tags,
    version_tags,
)
from .codegen import LiquidCodeGenerator
from .compile_cache import CompileCache, Compiled
from .compiler import compile_nodes
from .errors import LiquidError, UnlocatedError
from .lexer import Source
from .loop_tags import LoopSignal
from .parser import Parser

TAG_MODULES = (core_tags, control_tags, loop_tags, variable_tags, template_tags, docs_tags, version_tags)
COMPATS = ("liquidjs", "standard")
_RUNTIME_FILTERS = {
    "_v": runtime.lookup,
    "_vi": runtime.lookup_in,
    "_truthy": runtime.truthy,
    "_eq": runtime.eq,
    "_ne": runtime.ne,
    "_lt": runtime.lt,
    "_gt": runtime.gt,
    "_le": runtime.le,
    "_ge": runtime.ge,
    "_contains": runtime.contains,
    "_ver_gt": runtime.ver_gt,
    "_ver_lt": runtime.ver_lt,
}
_names = itertools.count()


def _range(scope: runtime.Scope, start: Any, stop: Any) -> runtime.LiquidRange:
    return runtime.LiquidRange(runtime.range_bound(start), runtime.range_bound(stop))


class Environment:
    """Settings and caches shared by every template of a site."""

    def __init__(
        self,
        *,
        compat: str = "liquidjs",
        strict: bool = False,
        octicon: Callable[[str, dict[str, str]], str] | None = None,
        partials: Callable[[str], str | None] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        limits: Any = None,
    ) -> None:
        if compat not in COMPATS:
            raise ValueError(f"compat must be one of {COMPATS}, not {compat!r}")
        # loop_iterations, nested_renders, output_chars: what one render may spend (budget.py, renderer/limits.py)
        self.limits = limits if limits is not None else DEFAULT_LIMITS
        self.compat = compat
        self.strict = strict
        self.octicon = octicon
        self.partials = partials
        self.tags: dict[str, Any] = {}
        self.compilers: dict[type, Any] = {}
        jinja_filters: dict[str, Callable[..., Any]] = dict(_RUNTIME_FILTERS, _range=_range)
        if compat == "standard":
            for op, name in (("<", "_lt"), (">", "_gt"), ("<=", "_le"), (">=", "_ge")):
                jinja_filters[name] = runtime.compare_strict(op)
        for module in TAG_MODULES:
            self.tags.update(module.TAGS)
            self.compilers.update(module.COMPILERS)
            jinja_filters.update(getattr(module, "FILTERS", {}))
        self.filter_names = {name: "l_" + name for name in filters.FILTERS}
        jinja_filters.update({"l_" + name: fn for name, fn in filters.FILTERS.items()})
        self.jinja = jinja2.Environment(
            autoescape=False,
            finalize=runtime.to_output_js if compat == "liquidjs" else runtime.to_output,
            keep_trailing_newline=True,
            cache_size=0,
            optimized=False,
            auto_reload=False,
        )
        self.jinja.code_generator_class = LiquidCodeGenerator
        self.jinja.filters.update(jinja_filters)
        self._templates: dict[tuple[str, str, int], Template] = {}  # (source, filename, line offset) ->
        self._data_cache: dict[tuple[str, str | None, int], Template | str] = {}
        self._partial_cache: dict[str, Template | None] = {}
        self.plain_data: dict[str, str] = {}  # data strings without Liquid, as plain str (the fast path)
        self.compile_cache = CompileCache(cache_dir) if cache_dir is not None else None
        # What, besides the source, shapes the generated code (part of the compile cache's key).
        self._settings = f"compat={compat};strict={strict}"

    def parse(self, source: str, filename: str = "<string>", line_offset: int = 0) -> list[nodes.Node]:
        """The node tree of ``source`` (see ``nodes.py``), for tools that inspect templates without rendering."""
        src = Source(source, filename, line_offset)
        return Parser(src, self.tags, self.compat == "liquidjs", set(self.filter_names)).parse()

    def from_string(self, source: str, filename: str = "<string>", line_offset: int = 0) -> Template:
        """Parse and compile ``source``; errors name ``filename`` and lines counted after ``line_offset``.

        A source without Liquid markup is a plain string template (no Jinja2 at all); with a ``cache_dir``,
        compiled code is read from / written to the compile cache. The same source from the same place is
        compiled once (a page's intro is both rendered with the page and shown in its parent's contents)."""
        key = (source, filename, line_offset)
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = self._new_template(source, filename, line_offset)
        return template

    def _new_template(self, source: str, filename: str, line_offset: int) -> Template:
        src = Source(source, filename, line_offset)
        if "{{" not in source and "{%" not in source:
            return PlainTemplate(self, src)
        cache = self.compile_cache
        if cache is None:
            name = f"<liquid {next(_names)}>"
            compiled = self._compile(src, name)
        else:
            key = cache.key(source, self._settings)
            name = f"<liquid {key[:20]}>"  # the same code for the same key, wherever it was compiled
            compiled = cache.load(key)
            if compiled is None or compiled.code.co_filename != name:
                compiled = self._compile(src, name)
                cache.store(key, compiled)
        jt = jinja2.Template.from_code(self.jinja, compiled.code, self.jinja.make_globals(None), None)
        return Template(self, src, jt, name, compiled.offsets, compiled.signals)

    def _compile(self, src: Source, name: str) -> Compiled:
        """Liquid source -> our nodes -> Jinja2 nodes -> Python code object."""
        parser = Parser(src, self.tags, self.compat == "liquidjs", set(self.filter_names))
        # Octicons are rendered into the code at compile time, except for code that goes to the compile cache:
        # the hook's output (its icon set) is not part of the key, so there they are rendered when rendering.
        octicon = self.octicon if self.compile_cache is None else None
        options = {"octicon": octicon, "lenient_filters": self.compat == "liquidjs" and not self.strict}
        try:
            body = parser.parse()
            tree, offsets = compile_nodes(src, body, self.compilers, self.filter_names, options)
            # No tree.set_environment(): a walk of every node that our trees do not need, since the code
            # generator gets the environment itself and nothing here is evaluated at compile time (checked:
            # the same code for every corpus and Golden Liquid template with or without it).
            code = self.jinja.compile(tree, name=name, filename=name)
        except LiquidError:
            raise
        except RecursionError:
            raise src.error("tags nested too deeply", 0) from None
        except SyntaxError as e:
            if "nested" in str(e) or "indentation" in str(e):  # Python's limits: 20 loops, 100 blocks deep
                raise src.error("tags nested too deeply (at most 20 loops inside each other)", 0) from None
            raise src.error(f"internal error compiling the template: {e}", 0) from e
        except Exception as e:  # a bug of ours; still say which template
            raise src.error(f"internal error compiling the template: {type(e).__name__}: {e}", 0) from e
        return Compiled(code, offsets, parser.signals)

    def data_template(self, text: str, filename: str | None, path: str = "", line_offset: int = 0) -> Template | str:
        """The compiled form of a ``{% data %}`` string (the string itself when it holds no Liquid).

        Errors in it name ``filename`` (the data file, when the loader tells, with the string's ``line_offset``
        in it) or else the data path."""
        key = (text, filename, line_offset)
        cached = self._data_cache.get(key)
        if cached is None:
            if "{{" not in text and "{%" not in text:
                cached = self.plain_data[text] = str(text)
            else:
                cached = self.from_string(str(text), filename or f"<data {path}>", line_offset)
            self._data_cache[key] = cached
        return cached

    def partial(self, name: str) -> Template | None:
        """The compiled partial ``name`` (from the ``partials`` loader, once), or None when there is none."""
        if name in self._partial_cache:
            return self._partial_cache[name]
        source = self.partials(name) if self.partials is not None else None
        template = None if source is None else self.from_string(source, name)
        self._partial_cache[name] = template
        return template

    def clear_caches(self) -> None:
        """Forget compiled templates, partials and data strings (a long-running preview after its sources
        changed)."""
        self._templates.clear()
        self._partial_cache.clear()
        self._data_cache.clear()
        self.plain_data.clear()


class Template:
    """A compiled Liquid template."""

    __slots__ = ("env", "source", "_jinja", "_root", "_name", "_offsets", "_signals")

    def __init__(self, env: Environment, source: Source, jinja_template: jinja2.Template, name: str,
                 offsets: list[int], signals: bool = False) -> None:
        self.env = env
        self.source = source
        self._jinja = jinja_template
        self._root = jinja_template.root_render_func
        self._name = name
        self._offsets = offsets
        self._signals = signals

    def render(self, context: Mapping[str, Any]) -> str:
        """Render with ``context`` as the template's variables, within a fresh budget (``Environment.limits``)."""
        scope = runtime.Scope(context, self.env, self.env.strict)
        out = _RenderContext(scope)
        scope.budget.out = out.out  # its loops measure what it prints
        try:
            if self._signals:
                try:
                    self._root(out)
                except LoopSignal as signal:  # outside any loop: it ends the template (see render_scope)
                    scope.signal = signal.kind
            else:
                self._root(out)
            text = "".join(out.out)
            scope.budget.finish(len(text))
        except Exception as e:
            self._raise_located(e)
        return text

    def render_scope(self, scope: runtime.Scope) -> str:
        """Render in an existing scope (used by ``{% data %}`` and ``{% include %}``), in its budget."""
        context = _RenderContext(scope)
        budget = scope.budget
        saved = budget.enter(context.out)  # over budget: the caller's tag is where it is reported
        try:
            if not self._signals:
                self._root(context)
            else:
                # A break/continue may end this template early: keep what was rendered before it.
                try:
                    self._root(context)
                except LoopSignal as signal:
                    scope.signal = signal.kind
            text = "".join(context.out)
        except Exception as e:
            self._raise_located(e)
        finally:
            budget.leave(saved)
        budget.text(len(text))  # over budget: reported at the caller's tag, like the start
        return text

    def _raise_located(self, e: Exception) -> NoReturn:
        """Raise what went wrong in this template's code as a LiquidError at its Liquid line and column."""
        if isinstance(e, LiquidError):
            raise e
        if isinstance(e, RecursionError):
            raise self._locate(UnlocatedError("templates nested too deeply")) from None
        raise self._locate(e) from e

    def _locate(self, error: BaseException) -> LiquidError:
        """Map the deepest traceback frame of this template's code back to a Liquid line and column."""
        jinja_line = None
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self._name:
                jinja_line = self._jinja.get_corresponding_lineno(tb.tb_lineno)
            tb = tb.tb_next
        offset = 0
        if jinja_line is not None and self._offsets:
            offset = self._offsets[max(0, min(len(self._offsets) - 1, jinja_line - 1))]
        if isinstance(error, UnlocatedError):
            message = error.message
        else:
            message = f"{type(error).__name__}: {error}"
        located = self.source.error(message, offset)
        if isinstance(error, UnlocatedError):
            located.hint = error.hint  # a budget's: how to raise it (another error's hint is in its text already)
        return located


class _RenderContext:
    """What the generated code asks of Jinja2's ``Context``, and nothing more: the few names the compiler
    emits (``_s`` the scope, ``_E``/``_B`` the empty/blank literals), and ``out``, the output.
    Making a Jinja2 Context (with its eval context and block table) was a large part of a small render."""

    __slots__ = ("scope", "vars", "out")

    def __init__(self, scope: runtime.Scope) -> None:
        self.scope = scope
        self.vars: dict[str, Any] = {}
        self.out: list[str] = []  # what the template rendered, in order

    def resolve_or_missing(self, key: str) -> Any:
        if key == "_s":
            return self.scope
        if key == "_E":
            return runtime.EMPTY
        if key == "_B":
            return runtime.BLANK
        return self.vars.get(key, missing)


class PlainTemplate(Template):
    """A source without any Liquid markup: rendering returns the text itself (no Jinja2 compile, no call)."""

    __slots__ = ("text",)

    def __init__(self, env: Environment, source: Source) -> None:
        self.env = env
        self.source = source
        self.text = source.text

    def render(self, context: Mapping[str, Any]) -> str:
        return self.text

    def render_scope(self, scope: runtime.Scope) -> str:
        return self.text
