"""Environment and Template: parse a Liquid source once, render it many times, in two tiers.

A template is first rendered straight from its node tree (``interpreter.py``); once it has been rendered more
than ``hot_after`` times it is compiled to a Jinja2 template (Python code) and rendered by that from then on.
``tier`` (or the environment variable ``LIQUID_TIER``) forces one tier: ``tree`` never compiles, ``compiled``
compiles every template when it is made (the behaviour before the tree tier).

The Environment owns the settings (``compat``, ``strict``, hooks, the budgets of a render: ``limits``), the
tag/filter registries, the Jinja2 environment that holds the runtime functions as filters (both tiers call
them), and the caches: ``{% data %}`` strings and partials are made once per distinct text.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import jinja2

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
from .errors import LiquidError, LoopSignal, UnlocatedError
from .interpreter import Failed, Interpreter, find_unknown_filter
from .lexer import Source
from .parser import Parser

TAG_MODULES = (core_tags, control_tags, loop_tags, variable_tags, template_tags, docs_tags, version_tags)
COMPATS = ("liquidjs", "standard")
TIERS = ("tiered", "tree", "compiled")
# Renders from the tree before a template is compiled (it is compiled for its HOT_AFTER + 1st render). Measured on
# the docs corpus (README, "Tiers"; benchmarks/liquid_vs_python_liquid.py --hot-after): a compile costs 370-1000 us,
# a compiled render saves 1.5-6 us over a tree render of the same template, so compiling pays back after some
# 60-100 renders; page bodies render 1-6 times (once per version) and should never compile, the reusables and
# variables that render hundreds to thousands of times should. The export's Liquid CPU is flat within 2% for any
# value from 16 to 200 and lowest near 50 (1.22 s, against 3.47 s compiling everything and 1.25 s never compiling).
HOT_AFTER = 50
# Templates nested deeper than this (loops; block tags; tokens in one tag, which bound how deep an expression
# nests) are compiled when made, in every tier: Python refuses the code of loops more than 20 deep, of about 98
# nested blocks, of conditions of some 200 terms or long filter chains, and both tiers must refuse the same.
DEEP_LOOPS = 20
DEEP_BLOCKS = 32
DEEP_TOKENS = 64
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
        tier: str | None = None,
        hot_after: int = HOT_AFTER,
    ) -> None:
        if compat not in COMPATS:
            raise ValueError(f"compat must be one of {COMPATS}, not {compat!r}")
        tier = tier or os.environ.get("LIQUID_TIER") or "tiered"
        if tier not in TIERS:
            raise ValueError(f"tier (or LIQUID_TIER) must be one of {TIERS}, not {tier!r}")
        self.tier = tier
        # a template is compiled once it has been rendered more than this many times (tier 'tiered')
        self.hot_after = hot_after
        # loop_iterations, nested_renders, output_chars: what one render may spend (budget.py, renderer/model/limits.py)
        self.limits = limits if limits is not None else DEFAULT_LIMITS
        self.compat = compat
        self.strict = strict
        self.octicon = octicon
        self.partials = partials
        self.tags: dict[str, Any] = {}
        self.compilers: dict[type, Any] = {}
        self.renderers: dict[type, Any] = {}  # the tree tier's handlers (interpreter.py)
        tests: dict[type, Any] = {}
        jinja_filters: dict[str, Callable[..., Any]] = dict(_RUNTIME_FILTERS, _range=_range)
        if compat == "standard":
            for op, name in (("<", "_lt"), (">", "_gt"), ("<=", "_le"), (">=", "_ge")):
                jinja_filters[name] = runtime.compare_strict(op)
        for module in TAG_MODULES:
            self.tags.update(module.TAGS)
            self.compilers.update(module.COMPILERS)
            self.renderers.update(getattr(module, "RENDERERS", {}))
            tests.update(getattr(module, "TESTS", {}))
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
        self.interpreter = Interpreter(self, self.renderers, tests)
        self.lenient_filters = compat == "liquidjs" and not strict  # unknown filters pass their input on
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

    def discard(self, template: Template) -> None:
        """Forget a template made by ``from_string`` (a later call with its source makes it again)."""
        src = template.source
        self._templates.pop((src.text, src.filename, src.line_offset), None)

    def _new_template(self, source: str, filename: str, line_offset: int) -> Template:
        src = Source(source, filename, line_offset)
        if "{{" not in source and "{%" not in source:
            return PlainTemplate(self, src)
        tier = self.tier
        if tier != "tree" and self.compile_cache is not None:
            # Code compiled by an earlier build (the template was hot there): loading it costs less than parsing.
            found = self._cached(src)
            if found is not None or tier == "compiled":
                return self._compiled_template(src, *(found or self._compile_to_cache(src)))
        elif tier == "compiled":
            name = f"<liquid {next(_names)}>"
            return self._compiled_template(src, self._compile(src, name), name)
        parser = Parser(src, self.tags, self.compat == "liquidjs", set(self.filter_names))
        body = parser.parse()
        if parser.unknown_filters and not self.lenient_filters:  # what compiling would refuse
            unknown = find_unknown_filter(body, parser.unknown_filters)
            if unknown is not None:
                raise src.error(f"unknown filter '{unknown.name}'", unknown.offset)
        if parser.max_loop_depth > DEEP_LOOPS or parser.max_depth > DEEP_BLOCKS or parser.max_tokens > DEEP_TOKENS:
            # Python's own limits may refuse the code of so deep a template: compile it now, so that it is
            # refused (or not) when it is made, whichever tier it is in, as the compiled tier alone does.
            if tier == "tiered":
                return self.compile_hot(src, body, parser.signals)
            self._compile(src, "<liquid nesting check>", body, parser.signals)  # the tree tier: only the verdict
        return Template(self, src, body=body, signals=parser.signals)

    def _cached(self, src: Source) -> tuple[Compiled, str] | None:
        """The compile cache's entry for ``src`` and its code's name, or None."""
        cache = self.compile_cache
        assert cache is not None
        key = cache.key(src.text, self._settings)
        name = f"<liquid {key[:20]}>"  # the same code for the same key, wherever it was compiled
        compiled = cache.load(key)
        if compiled is None or compiled.code.co_filename != name:
            return None
        return compiled, name

    def _compile_to_cache(self, src: Source, body: list[nodes.Node] | None = None,
                          signals: bool = False) -> tuple[Compiled, str]:
        cache = self.compile_cache
        assert cache is not None
        key = cache.key(src.text, self._settings)
        name = f"<liquid {key[:20]}>"
        compiled = self._compile(src, name, body, signals)
        cache.store(key, compiled)
        return compiled, name

    def _compiled_template(self, src: Source, compiled: Compiled, name: str) -> Template:
        jt = jinja2.Template.from_code(self.jinja, compiled.code, self.jinja.make_globals(None), None)
        return Template(self, src, jt, name, compiled.offsets, compiled.signals)

    def compile_hot(self, src: Source, body: list[nodes.Node], signals: bool) -> Template:
        """The compiled tier of a template made from ``src`` whose tree is ``body`` (it proved hot): from the
        compile cache, or compiled from the tree (not parsed again) and stored there."""
        if self.compile_cache is not None:
            found = self._cached(src) or self._compile_to_cache(src, body, signals)
            return self._compiled_template(src, *found)
        name = f"<liquid {next(_names)}>"
        return self._compiled_template(src, self._compile(src, name, body, signals), name)

    def _compile(self, src: Source, name: str, body: list[nodes.Node] | None = None,
                 signals: bool = False) -> Compiled:
        """Liquid source (or its tree, already parsed) -> our nodes -> Jinja2 nodes -> Python code object."""
        # Octicons are rendered into the code at compile time, except for code that goes to the compile cache:
        # the hook's output (its icon set) is not part of the key, so there they are rendered when rendering.
        octicon = self.octicon if self.compile_cache is None else None
        options = {"octicon": octicon, "lenient_filters": self.lenient_filters}
        try:
            if body is None:
                parser = Parser(src, self.tags, self.compat == "liquidjs", set(self.filter_names))
                body = parser.parse()
                signals = parser.signals
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
        return Compiled(code, offsets, signals)

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


_Scope = runtime.Scope
_STAYS_A_TREE = -(1 << 62)  # the render count of a template whose code Python refused (never compiled again)


class Template:
    """A Liquid template, in one of two tiers: its node tree (``_body``, rendered by the environment's
    interpreter) until it has been rendered more than ``Environment.hot_after`` times, then its compiled code
    (``_root``, Jinja2's root render function of the generated module)."""

    __slots__ = ("env", "source", "_jinja", "_root", "_name", "_offsets", "_signals", "_body", "_renders")

    def __init__(self, env: Environment, source: Source, jinja_template: jinja2.Template | None = None,
                 name: str = "", offsets: list[int] | None = None, signals: bool = False,
                 body: list[nodes.Node] | None = None) -> None:
        self.env = env
        self.source = source
        self._jinja = jinja_template
        self._root = jinja_template.root_render_func if jinja_template is not None else None
        self._name = name
        self._offsets = offsets or []
        self._signals = signals
        self._body = body
        self._renders = 0

    @property
    def tier(self) -> str:
        """``tree`` or ``compiled``: how the next render is done (before it counts towards ``hot_after``)."""
        return "tree" if self._root is None else "compiled"

    def _warm(self) -> bool:
        """Count a render of the tree tier; compile the template when this render makes it hot (``hot_after``).
        Whether it is compiled now."""
        renders = self._renders = self._renders + 1
        env = self.env
        if renders <= env.hot_after or env.tier != "tiered":
            return False
        try:
            hot = env.compile_hot(self.source, self._body or [], self._signals)
        except LiquidError:  # Python refused the code (deep templates are tried when made, see DEEP_BLOCKS): the
            # tree renders it, and keeps doing so
            self._renders = _STAYS_A_TREE
            return False
        # The tree stays (a render in another thread of the preview may be walking it); the code is published
        # last, so whoever sees it sees the rest too.
        self._jinja, self._name, self._offsets = hot._jinja, hot._name, hot._offsets
        self._root = hot._root
        return True

    def render(self, context: Mapping[str, Any]) -> str:
        """Render with ``context`` as the template's variables, within a fresh budget (``Environment.limits``)."""
        root = self._root
        if root is None:
            if not self._warm():
                return self._render_tree(context)
            root = self._root
        env = self.env
        scope = _Scope(context, env, env.strict)
        out: list[str] = []
        budget = scope.budget
        budget.out = out  # its loops measure what it prints
        try:
            if self._signals:
                try:
                    root(out, scope)
                except LoopSignal as signal:  # outside any loop: it ends the template (see render_scope)
                    scope.signal = signal.kind
            else:
                root(out, scope)
            text = "".join(out)
            budget.finish(len(text))
        except Exception as e:
            self._raise_located(e)
        return text

    def render_scope(self, scope: runtime.Scope) -> str:
        """Render in an existing scope (used by ``{% data %}`` and ``{% include %}``), in its budget."""
        if self._root is None and not self._warm():
            return self._render_scope_tree(scope)
        out: list[str] = []
        budget = scope.budget
        saved = budget.enter(out)  # over budget: the caller's tag is where it is reported
        try:
            if not self._signals:
                self._root(out, scope)
            else:
                # A break/continue may end this template early: keep what was rendered before it.
                try:
                    self._root(out, scope)
                except LoopSignal as signal:
                    scope.signal = signal.kind
            text = "".join(out)
        except Exception as e:
            self._raise_located(e)
        finally:
            budget.leave(saved)
        budget.text(len(text))  # over budget: reported at the caller's tag, like the start
        return text

    # --- the tree tier: as the two methods above, with the interpreter instead of the code ---------------

    def _render_tree(self, context: Mapping[str, Any]) -> str:
        scope = runtime.Scope(context, self.env, self.env.strict)
        out: list[str] = []
        budget = scope.budget
        budget.out = out  # its loops measure what it prints
        try:
            try:
                self.env.interpreter.block(self._body, scope, out)
            except LoopSignal as signal:  # outside any loop: it ends the template (see render_scope)
                scope.signal = signal.kind
            text = "".join(out)
            budget.finish(len(text))
        except Failed as failed:
            raise self._error_at(failed.error, failed.offset) from failed.error
        except LiquidError:
            raise
        except Exception as e:  # the budget's, at the end: at the template's start, as the compiled tier says
            raise self._error_at(e, 0) from e
        return text

    def _render_scope_tree(self, scope: runtime.Scope) -> str:
        out: list[str] = []
        budget = scope.budget
        saved = budget.enter(out)  # over budget: the caller's tag is where it is reported
        try:
            try:
                self.env.interpreter.block(self._body, scope, out)
            except LoopSignal as signal:  # a break/continue ends this template early: keep what it rendered
                scope.signal = signal.kind
            text = "".join(out)
        except Failed as failed:
            raise self._error_at(failed.error, failed.offset) from failed.error
        except LiquidError:
            raise
        except Exception as e:
            raise self._error_at(e, 0) from e
        finally:
            budget.leave(saved)
        budget.text(len(text))  # over budget: reported at the caller's tag, like the start
        return text

    def _error_at(self, error: BaseException, offset: int) -> LiquidError:
        """``error`` as a LiquidError at Liquid ``offset`` of this template (the message as ``_locate`` words it)."""
        if isinstance(error, RecursionError):
            error, offset = UnlocatedError("templates nested too deeply"), 0
        if isinstance(error, UnlocatedError):
            located = self.source.error(error.message, offset)
            located.hint = error.hint  # a budget's: how to raise it (another error's hint is in its text already)
            return located
        return self.source.error(f"{type(error).__name__}: {error}", offset)

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
            if tb.tb_frame.f_code.co_filename == self._name and self._jinja is not None:
                jinja_line = self._jinja.get_corresponding_lineno(tb.tb_lineno)
            tb = tb.tb_next
        offset = 0
        if jinja_line is not None and self._offsets:
            offset = self._offsets[max(0, min(len(self._offsets) - 1, jinja_line - 1))]
        return self._error_at(error, offset)


class PlainTemplate(Template):
    """A source without any Liquid markup: rendering returns the text itself (no Jinja2 compile, no call)."""

    __slots__ = ("text",)

    def __init__(self, env: Environment, source: Source) -> None:
        self.env = env
        self.source = source
        self.text = source.text

    @property
    def tier(self) -> str:
        return "plain"  # neither tree nor code: the text itself

    def render(self, context: Mapping[str, Any]) -> str:
        return self.text

    def render_scope(self, scope: runtime.Scope) -> str:
        return self.text
