"""Our Liquid layer against python-liquid, same templates, one run: parse (compile) and render timed apart.

    python benchmarks/liquid_vs_python_liquid.py [--golden PATH] [--repeat 5] [--renders 20] [--pages 40]
    python benchmarks/liquid_vs_python_liquid.py --corpus CORPUS_ROOT     # compile cost of a docs corpus (ours)
    python benchmarks/liquid_vs_python_liquid.py --hot-after CORPUS_ROOT  # what each hot_after would cost there

Two sets:

- golden: the Golden Liquid cases both implementations pass (path from ``--golden``, env ``LIQUID_GOLDEN``, or
  ``../shared/liquid-golden/golden_liquid.json``); each is parsed once and rendered ``--renders`` times.
- docs: ``--pages`` docs-sized templates in standard Liquid written here (version conditions, loops, assign,
  filters), each parsed once and rendered once per version (6 versions).

``--corpus``: every ``content/**/*.md`` body (HTML comments stripped, as the renderer compiles it), its title and
intro, and every ``data/reusables/**/*.md``, compiled once each (the compiled tier alone, which compiles every
template when it is made) with the renderer's settings (liquidjs): ms per
template by kind and by stage, Jinja2 nodes per page body, then the same with a fresh compile cache, cold and warm.

``--hot-after``: renders every English page-version of the corpus in this process twice, through the tree tier
alone and through the compiled tier alone, and times each template apart (its own time, without the templates it
renders: reusables, variables): parse, tree render, compile, compiled render, and how many times it is rendered.
From those it prints what the Liquid work of the export costs for each ``hot_after`` N (a template is rendered
from its tree N times, then compiled and rendered compiled), which is how the default was chosen.

Ours runs three ways: as it is used (``tiered``: a template is rendered from its node tree until it has been
rendered more than ``hot_after`` times, then compiled), and each tier alone (``tree``: never compiled;
``compiled``: compiled when made, the behaviour before the tree tier). The figures that matter:

- cold: parse plus one render per context (per version, for the docs pages), per template: what a page costs
  on a fresh machine, tiered (the tree tier);
- render, tree tier: the renders after the first ones while a template is still cold;
- render, hot: the renders of a template that proved hot (compiled code; ``compiled`` alone, so that no compile
  falls in the timed renders); the tiered row's render column is the renders as they come, compiles included.

Each set is measured ``--repeat`` times, as CPU time of this process (the machine may be shared, which makes
wall time noisy); the medians and the ratios python-liquid / ours (above 1 means ours is faster) are printed.
python-liquid is a benchmark-only dependency.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import liquid  # noqa: E402  python-liquid

from renderer import liquid as ours  # noqa: E402

VERSIONS = ["free-pro-team@latest", "enterprise-server@3.1", "enterprise-server@3.0", "enterprise-server@2.22",
            "enterprise-server@2.21", "github-ae@latest"]


# --- the two implementations behind one interface ---------------------------------------------------

def ours_env(partials: dict[str, str], tier: str = "tiered") -> Any:
    return ours.Environment(compat="standard", partials=partials.get, tier=tier)


def theirs_env(partials: dict[str, str]) -> Any:
    return liquid.Environment(loader=liquid.DictLoader(partials))


def ours_render(tmpl: Any, data: dict[str, Any]) -> str:
    return tmpl.render(data)


def theirs_render(tmpl: Any, data: dict[str, Any]) -> str:
    return tmpl.render(**data)


IMPLS = {
    "ours": (ours_env, ours_render),  # tiered, as the renderer uses it
    "ours, tree only": (lambda partials: ours_env(partials, "tree"), ours_render),
    "ours, compiled only": (lambda partials: ours_env(partials, "compiled"), ours_render),
    "python-liquid": (theirs_env, theirs_render),
}


# --- set (a): Golden Liquid ---------------------------------------------------------------------------

def golden_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("LIQUID_GOLDEN"):
        return Path(os.environ["LIQUID_GOLDEN"])
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "liquid-golden" / "golden_liquid.json"


def passes(impl: str, case: dict[str, Any]) -> bool:
    make_env, render = IMPLS[impl]
    try:
        env = make_env(case.get("templates") or {})
        out = render(env.from_string(case["template"]), case.get("data") or {})
    except Exception:  # noqa: BLE001 - a failing case is simply left out of the set
        return False
    return out in (case.get("results") or [case.get("result")])


def golden_cases(path: Path) -> list[dict[str, Any]]:
    cases = json.loads(path.read_text(encoding="utf-8"))["tests"]
    return [c for c in cases if not c.get("invalid") and passes("ours", c) and passes("python-liquid", c)]


Item = tuple[str, dict[str, str], list[dict[str, Any]]]  # source, partials, contexts


def time_set(impl: str, items: list[Item], renders: int) -> tuple[float, float, float]:
    """(parse seconds, first-render seconds, render seconds) for ``items`` = (source, partials, contexts); each
    context rendered ``renders`` times after a first render of each (timed apart: parse plus that first render,
    one per version, is the cold cost of a page on a fresh machine). Environments are made outside the clock."""
    make_env, render = IMPLS[impl]
    envs = [make_env(partials) for _, partials, _ in items]
    gc.collect()
    gc.disable()
    try:
        t0 = time.process_time()
        templates = [env.from_string(source) for env, (source, _, _) in zip(envs, items)]
        parse = time.process_time() - t0
        t0 = time.process_time()
        for tmpl, (_, _, contexts) in zip(templates, items):
            for ctx in contexts:
                render(tmpl, ctx)
        first = time.process_time() - t0
        t0 = time.process_time()
        for _ in range(renders):
            for tmpl, (_, _, contexts) in zip(templates, items):
                for ctx in contexts:
                    render(tmpl, ctx)
        rendering = time.process_time() - t0
    finally:
        gc.enable()
    return parse, first, rendering


# --- set (b): docs-sized pages ----------------------------------------------------------------------

def docs_page(n: int) -> str:
    """A page's worth of standard Liquid: version conditions, a loop over releases, assign, filters."""
    parts = [f"---\n{{% assign product = site.product.name | default: 'Octo' %}}\n# Managing widgets {n}\n"]
    for i in range(12):
        parts.append(
            f"Section {i} explains how {{{{ product }}}} handles widget number {i + n}. "
            "Widgets are created from the settings page and kept until removed.\n\n"
            '{% if currentVersion == "free-pro-team@latest" %}\n'
            f"On the hosted plan, widget {i} is available to every organization.\n"
            '{% elsif currentVersion contains "enterprise-server" and release >= "3.0" %}\n'
            f"Site administrators enable widget {i} in the management console.\n"
            '{% elsif currentVersion == "github-ae@latest" %}\n'
            f"Widget {i} is in beta.\n"
            "{% else %}\n"
            f"Widget {i} is not available in {{{{ currentVersion | split: '@' | last }}}}.\n"
            "{% endif %}\n\n"
        )
        if i % 3 == 0:
            parts.append(
                f"{{% assign label_{i} = 'step ' | append: {i} | upcase %}}"
                "1. Open **Settings**.\n"
                "{% for r in releases %}{% unless r == release %}"
                f"   - {{{{ label_{i} }}}} on {{{{ r | prepend: 'v' }}}}{{% if forloop.last %}}.{{% endif %}}\n"
                "{% endunless %}{% endfor %}"
            )
        if i % 4 == 1:
            parts.append(
                "{% case plan %}{% when 'enterprise-server' %}Contact your administrator."
                "{% when 'github-ae' %}Contact support.{% else %}See billing.{% endcase %}\n"
                "{{ page.title | downcase | replace: ' ', '-' | truncate: 40 }} "
                "({{ releases | size }} releases, newest {{ releases | first }})\n"
            )
    return "".join(parts)


def docs_contexts() -> list[dict[str, Any]]:
    releases = ["3.1", "3.0", "2.22", "2.21"]
    out = []
    for v in VERSIONS:
        plan, _, rel = v.partition("@")
        out.append({"currentVersion": v, "plan": plan, "release": rel, "releases": releases,
                    "page": {"title": "Managing Widgets For Your Organization"},
                    "site": {"product": {"name": "Octo"}}})
    return out


# --- run --------------------------------------------------------------------------------------------

def measure(name: str, items: list, renders: int, repeat: int) -> None:
    rows: dict[str, tuple[list[float], list[float], list[float]]] = {impl: ([], [], []) for impl in IMPLS}
    for _ in range(repeat):
        for impl in IMPLS:  # interleaved, so a busy moment of the machine hits all of them
            parse, first, rendering = time_set(impl, items, renders)
            rows[impl][0].append(parse)
            rows[impl][1].append(parse + first)
            rows[impl][2].append(rendering)
    n = len(items)
    n_first = sum(len(ctxs) for _, _, ctxs in items)
    n_renders = renders * n_first
    print(f"\n{name}: {n} templates, parsed once each, {n_first} first renders, then {n_renders} renders; "
          f"median of {repeat} runs")
    med = {impl: tuple(statistics.median(x) for x in r) for impl, r in rows.items()}
    print(f"  {'':20} {'parse us/template':>18} {'cold ms/template':>17} {'render us/render':>17}")
    for impl, (p, c, r) in med.items():
        print(f"  {impl:20} {p / n * 1e6:18.1f} {c / n * 1e3:17.3f} {r / n_renders * 1e6:17.2f}")
    theirs = med["python-liquid"]
    cold = theirs[1] / med["ours"][1]
    print(f"  cold (parse + one render per context, per template): ours {med['ours'][1] / n * 1e3:.3f} ms, "
          f"python-liquid {theirs[1] / n * 1e3:.3f} ms, python-liquid / ours {cold:.2f}x")
    print(f"  render, python-liquid / ours: hot (compiled) {theirs[2] / med['ours, compiled only'][2]:.2f}x, "
          f"tree tier {theirs[2] / med['ours, tree only'][2]:.2f}x, "
          f"tiered as it runs (compiles included) {theirs[2] / med['ours'][2]:.2f}x")
    print(f"  parse, python-liquid / ours: tree tier {theirs[0] / med['ours'][0]:.2f}x, "
          f"compiled {theirs[0] / med['ours, compiled only'][0]:.2f}x")


def corpus_sources(root: Path) -> list[tuple[str, str, str, int]]:
    """(kind, source, filename, line offset) of every template a build of ``root`` compiles."""
    from renderer.markdown import strip_html_comments
    from renderer.model.frontmatter import parse, read_text

    out = []
    for path in sorted((root / "content").rglob("*.md")):
        doc = parse(read_text(path.read_bytes(), str(path)), str(path))
        out.append(("body", strip_html_comments(doc.body), str(path), doc.body_line))
        out.extend((k, str(doc.meta[k]), str(path), 0) for k in ("title", "intro") if doc.meta.get(k))
    for path in sorted((root / "data" / "reusables").rglob("*.md")):
        out.append(("reusable", path.read_text(encoding="utf-8"), str(path), 0))
    return out


def compile_all(sources: list[tuple[str, str, str, int]], cache_dir: str | None = None) -> dict[str, list[float]]:
    """CPU seconds per template, by kind, compiling each source once."""
    from renderer.octicons import render_octicon

    options: dict[str, Any] = {} if cache_dir is None else {"cache_dir": cache_dir}  # (older code: no cache_dir)
    if "tier" in inspect.signature(ours.Environment).parameters:
        options["tier"] = "compiled"  # what compiling costs: every template compiled when made
    t0 = time.process_time()
    env = ours.Environment(compat="liquidjs", octicon=render_octicon, **options)  # reads the cache's packs
    times: dict[str, list[float]] = {"(environment)": [time.process_time() - t0]}
    for kind, source, filename, line in sources:
        t0 = time.process_time()
        try:
            env.from_string(source, filename, line)
        except ours.LiquidError:
            pass
        times.setdefault(kind, []).append(time.process_time() - t0)
    return times


def stages(sources: list[tuple[str, str, str, int]]) -> None:
    """Where a page body's compile goes: our parse, Jinja2 node building, Jinja2's code generator, compile()."""
    from jinja2 import nodes as j

    from renderer.liquid.compiler import compile_nodes
    from renderer.liquid.lexer import Source
    from renderer.liquid.parser import Parser
    from renderer.octicons import render_octicon

    env = ours.Environment(compat="liquidjs", octicon=render_octicon)
    options = {"octicon": render_octicon, "lenient_filters": True}
    total = {"parse": 0.0, "nodes": 0.0, "jinja2 codegen": 0.0, "python compile": 0.0}
    counts: dict[str, int] = {}
    pages = 0
    for kind, source, filename, line in sources:
        if kind != "body" or ("{{" not in source and "{%" not in source):
            continue
        try:
            t0 = time.process_time()
            src = Source(source, filename, line)
            body = Parser(src, env.tags, True, set(env.filter_names)).parse()
            t1 = time.process_time()
            tree, _ = compile_nodes(src, body, env.compilers, env.filter_names, options)
            t3 = time.process_time()
            code = env.jinja.compile(tree, raw=True)
            t4 = time.process_time()
            compile(code, "<x>", "exec")
            t5 = time.process_time()
        except ours.LiquidError:
            continue
        pages += 1
        for k, v in zip(total, (t1 - t0, t3 - t1, t4 - t3, t5 - t4)):
            total[k] += v
        for n in tree.find_all(j.Node):
            counts[type(n).__name__] = counts.get(type(n).__name__, 0) + 1
    print(f"\npage bodies with Liquid: {pages}; ms per body by stage:")
    for k, v in total.items():
        print(f"  {k:16} {v / pages * 1e3:6.3f}")
    print(f"Jinja2 nodes per body: {sum(counts.values()) / pages:.1f} (" +
          ", ".join(f"{k} {v / pages:.1f}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) + ")")


def corpus(root: Path) -> None:
    import tempfile

    sources = corpus_sources(root)
    plain = sum(1 for _, s, _, _ in sources if "{{" not in s and "{%" not in s)
    print(f"corpus {root}: {len(sources)} templates, {plain} without Liquid")
    for label, cache in (("no cache", None), ("cache cold", "new"), ("cache warm", "same")):
        if cache == "new":
            tmp = tempfile.TemporaryDirectory()
        elif cache == "same":
            size = sum(p.stat().st_size for p in Path(tmp.name).iterdir())
            print(f"  (cache folder: {size / 1e6:.1f} MB)")
        times = compile_all(sources, None if cache is None else tmp.name)
        every = [t for ts in times.values() for t in ts]
        n = len(every) - 1
        print(f"\n{label}: {sum(every):.2f} s CPU, {sum(every) / n * 1e3:.3f} ms per template")
        for kind, ts in times.items():
            print(f"  {kind:13} {len(ts):5} x {sum(ts) / len(ts) * 1e3:7.3f} ms")
    tmp.cleanup()
    stages(sources)


def hot_after_costs(root: Path) -> None:
    """Per-template costs on the corpus, and the export's Liquid cost for each hot_after (see the docstring)."""
    from renderer.liquid import environment as E
    from renderer.model.selection import select
    from renderer.model.site import Site
    from renderer.page.render import Renderer

    clock = time.perf_counter
    stack: list[float] = []  # time spent in nested timed calls, per open call

    def timed(fn: Any, record: Any) -> Any:
        def wrapper(self: Any, *args: Any) -> Any:
            t0 = clock()
            stack.append(0.0)
            try:
                return fn(self, *args)
            finally:
                elapsed = clock() - t0
                inner = stack.pop()
                if stack:
                    stack[-1] += elapsed
                record(self, args, elapsed - inner)

        return wrapper

    def run(tier: str) -> dict[tuple[Any, ...], list[float]]:
        stats: dict[tuple[Any, ...], list[float]] = {}  # key -> [made s, renders, render s]
        keys: dict[int, tuple[Any, ...]] = {}

        def made(env: Any, args: tuple[Any, ...], seconds: float) -> None:
            stats.setdefault(args, [0.0, 0, 0.0])[0] += seconds

        def rendered(tmpl: Any, args: tuple[Any, ...], seconds: float) -> None:
            row = stats[keys[id(tmpl)]]
            row[1] += 1
            row[2] += seconds

        saved = {name: getattr(E.Template, name) for name in ("render", "render_scope")}
        new_template = E.Environment._new_template

        def make(env: Any, *args: Any) -> Any:
            tmpl = new_template(env, *args)
            keys[id(tmpl)] = args
            return tmpl

        E.Environment._new_template = timed(make, made)
        for name, fn in saved.items():
            setattr(E.Template, name, timed(fn, rendered))
        try:
            site = Site(root)
            renderer = Renderer(site)
            renderer.env.tier = tier
            for page, version in select(site, ["en"], None, None):
                renderer.render(site.page(page.lang.code, page.path), version)
        finally:
            E.Environment._new_template = new_template
            for name, fn in saved.items():
                setattr(E.Template, name, fn)
        return {k: v for k, v in stats.items() if k[0] and ("{{" in k[0] or "{%" in k[0])}

    tree, compiled = run("tree"), run("compiled")
    rows = []  # (renders, parse, tree render, compile, compiled render), seconds per template / per render
    for key, (parse, n, tree_s) in tree.items():
        if key not in compiled or not n:
            continue
        made_c, _, compiled_s = compiled[key]
        rows.append((n, parse, tree_s / n, max(made_c - parse, 0.0), compiled_s / n))
    n_renders = sum(r[0] for r in rows)
    print(f"corpus {root}: {len(rows)} templates with Liquid rendered, {n_renders} renders (English, one process)")
    buckets = [(1, 1), (2, 6), (7, 12), (13, 50), (51, 500), (501, 10**9)]
    for lo, hi in buckets:
        sel = [r for r in rows if lo <= r[0] <= hi]
        if not sel:
            continue
        k = len(sel)
        print(f"  rendered {lo:>3}-{hi if hi < 10**9 else 'more':>4} times: {k:5} templates, "
              f"{sum(r[0] for r in sel):7} renders; us per template: parse {sum(r[1] for r in sel) / k * 1e6:7.1f}, "
              f"compile {sum(r[3] for r in sel) / k * 1e6:7.1f}; us per render: tree "
              f"{sum(r[2] * r[0] for r in sel) / sum(r[0] for r in sel) * 1e6:6.1f}, compiled "
              f"{sum(r[4] * r[0] for r in sel) / sum(r[0] for r in sel) * 1e6:6.1f}")

    def cost(limit: float) -> float:
        total = 0.0
        for n, parse, t, c, r in rows:
            total += parse + min(n, limit) * t
            if n > limit:
                total += c + (n - limit) * r
        return total

    print("  Liquid CPU of the export (parse, renders, compiles) for each hot_after:")
    best = min((cost(n), n) for n in range(0, 201))
    for n in (0, 1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 100, 200, float("inf")):
        label = "never (tree only)" if n == float("inf") else ("0 (compile all)" if n == 0 else str(n))
        print(f"    hot_after {label:>18}: {cost(n):7.2f} s")
    print(f"    cheapest: hot_after {best[1]} ({best[0]:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golden", help="golden_liquid.json (default: $LIQUID_GOLDEN or ../shared/liquid-golden/)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--renders", type=int, default=20, help="renders of each golden case per run")
    ap.add_argument("--pages", type=int, default=40, help="docs-sized templates")
    ap.add_argument("--corpus", type=Path, help="instead: compile cost of every template of this docs corpus")
    ap.add_argument("--hot-after", type=Path, metavar="CORPUS_ROOT",
                    help="instead: the Liquid cost of this corpus's English export for each hot_after")
    args = ap.parse_args()
    if args.hot_after:
        hot_after_costs(args.hot_after)
        return
    if args.corpus:
        corpus(args.corpus)
        return
    print(f"python-liquid {liquid.__version__}")

    cases = golden_cases(golden_path(args.golden))
    golden = [(c["template"], c.get("templates") or {}, [c.get("data") or {}]) for c in cases]
    measure("golden (cases both pass)", golden, args.renders, args.repeat)

    contexts = docs_contexts()
    docs = [(docs_page(n), {}, contexts) for n in range(args.pages)]
    for source, _, _ in docs[:1]:  # all must agree on the docs pages, or the comparison means nothing
        for ctx in contexts:
            b = theirs_render(theirs_env({}).from_string(source), ctx)
            for tier in ("tree", "compiled"):
                a = ours_render(ours_env({}, tier).from_string(source), ctx)
                if a != b:
                    sys.exit(f"outputs differ for {ctx['currentVersion']} ({tier}):\n--- ours\n{a}\n--- theirs\n{b}")
    measure("docs pages (rendered once per version)", docs, 1, args.repeat)


if __name__ == "__main__":
    main()
