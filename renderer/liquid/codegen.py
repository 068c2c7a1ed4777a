"""Jinja2's code generator, trimmed for the code our compiler emits (``Environment.code_generator_class``).

Jinja2 writes its Python code for templates written by people: a filter may be missing (so each one is fetched
inside a try block with a fallback function), a name may be undefined (so each use of a variable tests for it).
Ours are built by ``compiler.py``: every filter is a runtime function the environment registered, and the only
names are the scope and literals the render context always supplies and temporaries assigned before they are
read. Dropping those guards makes the generated code about a third shorter, which is what Python's compile()
and every render pay for.

Our trees also never hold template inheritance, blocks, imports or ``self``: Jinja2 looks for each of those
with a walk of the whole tree before writing a line, so the root function is written here with only the two
walks it needs (symbols, filters) besides the writing itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import StringIO

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, DependencyFinderVisitor, EvalContext, Frame
from jinja2.idtracking import VAR_LOAD_RESOLVE, VAR_LOAD_UNDEFINED
from jinja2.runtime import exported

from . import runtime

# Jinja2's helper names, each set up only when the generated body uses it (its use -> its line).
_HELPER_LINES = (
    ("undefined(", "undefined = environment.undefined"),
    ("concat(", "concat = environment.concat"),
    ("cond_expr_undefined", "cond_expr_undefined = Undefined"),
)
_HELPERS = "#<liquid helpers>#"

# Node types Jinja2 handles outside the root function; our compiler never builds them.
_FOREIGN = (nodes.Extends, nodes.Block, nodes.Import, nodes.FromImport, nodes.Macro, nodes.CallBlock, nodes.Include)


class LiquidCodeGenerator(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        """The module: one ``root`` render function, no blocks, the line table for error locations.

        ``root(out, scope)`` is a plain function appending to the list ``out`` (Jinja2's own is a generator that
        yields each piece, called with a Jinja2 context): no generator to make and resume per output, no context
        object to make per render, and what was rendered before an exception (a break signalled from an include)
        stays in the list. The filters, ``finalize`` and the ``empty``/``blank`` literals are bound once, as
        default arguments, and Jinja2's helper names only when the body uses them: a render of a small template
        does little more than its outputs."""
        self.writeline("from jinja2.runtime import " + ", ".join(sorted(exported)))
        self.writeline(f"from {runtime.__name__} import EMPTY as _liquid_empty, BLANK as _liquid_blank")
        self.writeline(f"name = {self.name!r}")
        frame = Frame(EvalContext(self.environment, self.name))
        frame.buffer = "_out"  # inner frames (loops, conditions) inherit it
        # The output list, the scope and the empty/blank literals are the names every template may read:
        # parameters of ``root`` (Jinja2 would resolve each through a context object at every render).
        params = ["_out", frame.symbols.declare_parameter("_s"),
                  f"{frame.symbols.declare_parameter('_E')}=_liquid_empty",
                  f"{frame.symbols.declare_parameter('_B')}=_liquid_blank",
                  "missing=missing", "environment=environment", "finalize=environment.finalize"]
        params += self._filter_params(getattr(node, "liquid_filters", None), node.body)
        self.writeline(f"{self.func('root')}({', '.join(params)}):", extra=1)
        self.indent()
        self.writeline(_HELPERS)  # replaced below by the helpers the body uses, on this one line
        frame.symbols.analyze_node(node)
        frame.toplevel = frame.rootlevel = True
        self.enter_frame(frame)
        self.blockvisit(node.body, frame)
        self.leave_frame(frame, with_python_scope=True)
        self.outdent()
        self.writeline("blocks = {}", extra=1)
        self.writeline("debug_info = " + repr("&".join(f"{k}={v}" for k, v in self.debug_info)))
        code = self.stream.getvalue()
        at = code.index(_HELPERS)
        body = code[at + len(_HELPERS):]
        helpers = "; ".join(line for use, line in _HELPER_LINES if use in body) or "pass"
        self.stream = StringIO()
        self.stream.write(code[:at] + helpers + body)

    # An output is ``finalize(value)``: our finalize (runtime.to_output) always returns a str, so Jinja2's
    # ``str(environment.finalize(value))`` would convert twice and look the function up each time.
    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: object) -> None:
        self.write("finalize(")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: object) -> None:
        self.write(")")

    def writeline(self, x: str, node: nodes.Node | None = None, extra: int = 0) -> None:
        # Jinja2 starts each loop step with a fresh dict for the loop's exported assignments (``_loop_vars``);
        # ours export none (pop_assign_tracking below), so the step does nothing there. The line stays (as
        # ``pass``, no code) so that the line numbers the error locations map through are the same.
        super().writeline("pass" if x == "_loop_vars = {}" else x, node, extra)

    def pop_assign_tracking(self, frame: Frame) -> None:
        # Jinja2 publishes top-level assignments in context.vars (for imports and blocks); our only assignments
        # are temporaries read in the same function.
        self._assign_stack.pop()

    # Every name the code reads is a parameter of ``root`` or a temporary: there is no context to resolve a name
    # from. A temporary Jinja2 cannot prove assigned in an inner frame (one set in a loop and read after it) it
    # would resolve from the context, which has none of them: it starts as ``missing``, as it did there.
    def enter_frame(self, frame: Frame) -> None:
        loads = frame.symbols.loads
        for target, (action, _) in loads.items():
            if action == VAR_LOAD_RESOLVE:
                loads[target] = (VAR_LOAD_UNDEFINED, None)
        super().enter_frame(frame)

    def get_resolve_func(self) -> str:
        raise AssertionError("the generated code reads a name that root() does not supply")

    def get_context_ref(self) -> str:
        raise AssertionError("the generated code needs a Jinja2 context, which root() does not have")

    def _filter_params(self, names: frozenset[str] | None, body: Iterable[nodes.Node]) -> list[str]:
        """``t_N=environment.filters['name']`` for every filter the template uses: from the compiler's list when
        it made one (no walk of the tree), else found by a walk."""
        if names is None:
            finder = _Finder()
            for node in body:
                finder.visit(node)
            names = frozenset(finder.filters)
        params = []
        for name in sorted(names):
            ident = self.filters.get(name)
            if ident is None:
                ident = self.filters[name] = self.temporary_identifier()
            params.append(f"{ident}=environment.filters[{name!r}]")
        return params

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: object) -> str:
        # Only text is constant output here; Jinja2 would try to evaluate every filter call at compile time.
        if isinstance(node, nodes.TemplateData):
            return node.data
        raise nodes.Impossible()

    def visit_Name(self, node: nodes.Name, frame: Frame) -> None:
        if node.ctx == "load":
            # Always defined: '_s', '_E', '_B' are parameters of root, '_tN' temporaries are set first.
            self.write(frame.symbols.ref(node.name))
            return
        super().visit_Name(node, frame)


class _Finder(DependencyFinderVisitor):
    """Collects filter names, and refuses what ``visit_Template`` above does not write code for."""

    def visit(self, node: nodes.Node, *args: object, **kwargs: object) -> object:
        if isinstance(node, _FOREIGN):
            raise AssertionError(f"the Liquid compiler does not emit {type(node).__name__}")
        return super().visit(node, *args, **kwargs)
