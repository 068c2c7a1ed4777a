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
from jinja2.runtime import exported

# Jinja2's helper names, each set up only when the generated body uses it (its use -> its line).
_HELPER_LINES = (
    ("resolve(", "resolve = context.resolve_or_missing"),
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

        ``root`` is a plain function appending to ``context.out`` (Jinja2's own is a generator that yields each
        piece): no generator to make and resume per output, and what was rendered before an exception (a
        break signalled from an include) stays in the list. The filters and ``finalize`` are bound once, as
        default arguments, and Jinja2's helper names only when the body uses them: a render of a small
        template does little more than its outputs."""
        self.writeline("from jinja2.runtime import " + ", ".join(sorted(exported)))
        self.writeline(f"name = {self.name!r}")
        params = ["context", "missing=missing", "environment=environment", "finalize=environment.finalize"]
        params += self._filter_params(getattr(node, "liquid_filters", None), node.body)
        self.writeline(f"{self.func('root')}({', '.join(params)}):", extra=1)
        self.indent()
        self.writeline(_HELPERS)  # replaced below by the helpers the body uses, on this one line
        frame = Frame(EvalContext(self.environment, self.name))
        frame.buffer = "_out"  # inner frames (loops, conditions) inherit it
        self.writeline("_out = context.out")
        # The scope is in every template: read it from the context directly instead of through resolve().
        self.writeline(f"{frame.symbols.declare_parameter('_s')} = context.scope")
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

    def pop_assign_tracking(self, frame: Frame) -> None:
        # Jinja2 publishes top-level assignments in context.vars (for imports and blocks); our only assignments
        # are temporaries read in the same function.
        self._assign_stack.pop()

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
            # Always defined: '_s', '_E', '_B' come from the render context, '_tN' temporaries are set first.
            self.write(frame.symbols.ref(node.name))
            return
        super().visit_Name(node, frame)


class _Finder(DependencyFinderVisitor):
    """Collects filter names, and refuses what ``visit_Template`` above does not write code for."""

    def visit(self, node: nodes.Node, *args: object, **kwargs: object) -> object:
        if isinstance(node, _FOREIGN):
            raise AssertionError(f"the Liquid compiler does not emit {type(node).__name__}")
        return super().visit(node, *args, **kwargs)
