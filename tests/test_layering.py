"""The package layout is the pipeline (docs/architecture.md): data flows one way, so the import graph between the
renderer's packages has no circle, the model imports nothing else of the renderer, and the Liquid and Markdown
layers know no site. Read from the sources' module-level imports (an import inside a function is late binding,
chosen on purpose, and does not order the packages)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "renderer"


def imports() -> dict[str, set[str]]:
    """module -> the renderer modules and packages it imports at module level."""
    out: dict[str, set[str]] = {}
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found = out.setdefault(module, set())
        for node in ast.parse(file.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("renderer"):
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("renderer"))
    return out


def package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_packages_import_one_another_without_a_circle():
    graph: dict[str, set[str]] = {}
    for module, names in imports().items():
        for name in names:
            if package(name) != package(module) and package(name) != "renderer.__version__":
                graph.setdefault(package(module), set()).add(package(name))
    graph = {k: {v for v in vs if v != "renderer"} for k, vs in graph.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and not seen.add(n) and reaches(n, goal, seen))
                   for n in graph.get(start, ()))

    circles = sorted(p for p in graph if reaches(p, p, set()))
    assert circles == []


def test_the_model_imports_nothing_else_of_the_renderer():
    outside = {(m, n) for m, names in imports().items() if m.startswith("renderer.model")
               for n in names if not n.startswith("renderer.model")}
    assert outside == set()


def test_liquid_and_markdown_know_no_site():
    allowed = ("renderer.liquid", "renderer.markdown", "renderer.model.errors", "renderer.model.limits")
    outside = {(m, n) for m, names in imports().items() if m.startswith(("renderer.liquid", "renderer.markdown"))
               for n in names if not n.startswith(allowed)}
    assert outside == set()
