"""Property-based tests: generated Liquid and Markdown never crash the renderer, never hang it, and every error
it raises is its own, with a place.

- Liquid: a template either renders to a string or raises ``LiquidError`` naming the file and a line in it.
- Markdown: any text renders to a string.
- A whole page (front matter, Liquid, Markdown, reusables): the render either succeeds or reports an error
  located in the page or a reusable, never an "internal error".

Every example must finish within ``SECONDS``. The budget is a Hypothesis profile chosen by the environment
variable ``HYPOTHESIS_PROFILE``: ``ci`` (the default: a fixed, small, reproducible budget), ``dev`` (more) and
``soak`` (a long local run).
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.liquid import Environment, LiquidError
from renderer.markdown import render_markdown
from renderer.model.site import Site
from renderer.model.urls import LinkContext
from renderer.octicons import render_octicon
from renderer.page.render import Renderer

SECONDS = 10
_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("ci", max_examples=60, derandomize=True, database=None, **_common)
settings.register_profile("dev", max_examples=500, **_common)
settings.register_profile("soak", max_examples=5000, **_common)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class TooSlow(Exception):
    pass


@contextmanager
def time_bound(seconds: float = SECONDS):
    """Fail an example that runs longer than ``seconds`` (a hang must not stall the suite)."""

    def expire(signum, frame):
        raise TooSlow(f"still running after {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- Liquid ------------------------------------------------------------------------------------------

NAMES = st.sampled_from(["currentVersion", "page", "page.title", "site.data.reusables.a", "x", "items", "forloop.index",
                         "page.versions", "enterpriseServerReleases.latest", "missing.deep.path", "items[0]", "x.size"])
LITERALS = st.sampled_from(['"free-pro-team@latest"', "'enterprise-server@3.0'", "3", "-1", "2.5", "true", "nil",
                            "empty", "blank", '""', "'a b'"])
FILTERS = st.sampled_from(["upcase", "size", "first", "join: ', '", "split: ','", "default: 'd'", "plus: 2",
                           "divided_by: 0", "slice: 1, 2", "replace: 'a', 'b'", "version_num", "slugify", "strip",
                           "map: 'title'", "sort", "truncate: 3", "date: '%Y'", "times: 1e300", "modulo: 0",
                           "nosuchfilter", "append: x", "escape", "url_encode", "where: 'a', 'b'"])
OPERATORS = st.sampled_from(["==", "!=", "<", ">", "<=", ">=", "contains", "and", "or", "ver_gt", "ver_lt", "<>", "="])
NOISE = st.text(alphabet=st.sampled_from(list("abc {}%|\"'.-[]()=<>\n\t#*_`!:,\\")), max_size=12)

values = st.one_of(NAMES, LITERALS)
expressions = st.builds(lambda v, fs: " | ".join([v, *fs]), values, st.lists(FILTERS, max_size=3))
conditions = st.builds(lambda a, op, b, rest: f"{a} {op} {b}{rest}", values, OPERATORS, values,
                       st.sampled_from(["", " and page", " or x == 1", " extra", " ver_gt '2.22'"]))


def _blocks(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda c, b, e: f"{{% if {c} %}}{b}{e}{{% endif %}}", conditions, inner,
                  st.sampled_from(["", "{% else %}y", "{% elsif x %}z{% else %}w"])),
        st.builds(lambda c, b: f"{{% unless {c} %}}{b}{{% endunless %}}", conditions, inner),
        st.builds(lambda v, b: f"{{% for i in {v} %}}{b}{{% endfor %}}", st.sampled_from(
            ["items", "(1..3)", "page", "site.data.reusables", "(1..x)", "items limit:1 reversed", "nothing"]), inner),
        st.builds(lambda v, b: f"{{% case {v} %}}{{% when 1, 'a' %}}{b}{{% else %}}e{{% endcase %}}", values, inner),
        st.builds(lambda b: f"{{% capture x %}}{b}{{% endcapture %}}{{{{ x }}}}", inner),
        st.builds(lambda t, b: f"{{% {t} %}}{b}{{% end{t} %}}", st.sampled_from(["note", "warning", "mac", "raw",
                                                                                    "comment"]), inner),
        st.builds(lambda a, b: a + b, inner, inner),
    )


atoms = st.one_of(
    NOISE,
    st.builds(lambda e: f"{{{{ {e} }}}}", expressions),
    st.builds(lambda e: f"{{{{- {e} -}}}}", expressions),
    st.builds(lambda n, e: f"{{% assign {n} = {e} %}}", st.sampled_from(["x", "items", "page"]), expressions),
    st.sampled_from([
        "{% data reusables.a %}", "{% data reusables.loop %}", "{% data variables.product.name %}",
        "{% data reusables[x] %}", "{% data %}", "{% indented_data_reference reusables.a spaces=3 %}",
        '{% octicon "check" %}', '{% octicon "nope" %}', '{% octicon "x" aria-label= "y" %}', "{% increment c %}",
        "{% break %}", "{% continue %}", "{% cycle 'a', 'b' %}", "{% include 'nothing' %}", "{% render 'x' %}",
        "{% liquid\nassign y = 1\necho y %}", "{% endif %}", "{% else %}", "{% if %}", "{{", "{%", "}}", "%}",
        "{% raw %}{{ x }}", "{% comment %}", "{% tablerow i in (1..2) %}{{ i }}{% endtablerow %}",
    ]),
)
templates = st.recursive(atoms, _blocks, max_leaves=12)

CONTEXT = {
    "currentVersion": "enterprise-server@3.0",
    "page": {"title": "T", "versions": {"free-pro-team": "*"}},
    "items": [1, "two", {"title": "three"}],
    "enterpriseServerReleases": {"latest": "3.1"},
    "site": {"data": {
        "reusables": {"a": "Reusable {{ currentVersion }}", "loop": "{% data reusables.loop %}"},
        "variables": {"product": {"name": "Lanternfish"}},
    }},
}
ENV = Environment(compat="liquidjs", octicon=render_octicon)


def _check_liquid_error(e: LiquidError, source: str) -> None:
    if e.filename.startswith("<data "):  # inside a data string of CONTEXT (no file behind it)
        assert e.line >= 1, str(e)
    else:
        assert e.filename == "fuzz.md"
        assert 1 <= e.line <= source.count("\n") + 1, (e.line, str(e))
    assert e.column >= 0
    assert not e.message.startswith("internal"), str(e)


@settings(PROFILE)
@given(templates)
def test_liquid_renders_or_raises_its_own_located_error(source):
    with time_bound():
        try:
            out = ENV.from_string(source, "fuzz.md").render(CONTEXT)
        except LiquidError as e:
            _check_liquid_error(e, source)
        else:
            assert isinstance(out, str)


@settings(PROFILE)
@given(st.text(max_size=300))
def test_any_text_is_liquid_that_renders_or_fails_with_a_place(source):
    with time_bound():
        try:
            ENV.from_string(source, "fuzz.md").render(CONTEXT)
        except LiquidError as e:
            _check_liquid_error(e, source)


# --- Markdown ----------------------------------------------------------------------------------------

LINKS = LinkContext(lang="en", version="enterprise-server@3.0", default_version="free-pro-team@latest",
                    enterprise_releases=("3.1", "3.0"), latest_enterprise="3.1",
                    plans=("free-pro-team", "enterprise-server", "github-ae"), languages=("en", "cn"))
MD_PIECES = st.sampled_from([
    "# H\n", "## Heading `code` *em*\n", "Text with **strong** and _em_ and ~~del~~.\n", "\n", "\n\n\n",
    "- item\n", "  - nested\n", "1. one\n", "    indented code\n", "```shell\necho <em>x</em>\n```\n",
    "```yaml{:copy}\na: 1\n```\n", "```\nunclosed\n", "> quote\n", "| a | b |\n|:-:|--|\n| 1 | 2 |\n",
    "[link](/articles/x) ", "[ref]: /enterprise/2.21/user/x\n", "![img](/assets/i.png)\n", "<div>\n", "</div>\n",
    "<a href=\"/desktop/x\" class=\"dotcom-only\">a</a>", "<!-- comment ", "-->", "https://example.com/x.", ":+1: ",
    "&gt &amp; &#x27;", "***x***", "** Warning:**", "foo_bar_", "<table><tr><td>`x`\n</td></tr></table>\n", "\t",
    "\r\n", "[", "]", "(", ")", "*", "_", "`", "<", ">", "&", "\\", "|", "-", "=", "#",
])
markdown_texts = st.one_of(st.lists(MD_PIECES, max_size=40).map("".join), st.text(max_size=200))


@settings(PROFILE)
@given(markdown_texts)
def test_markdown_always_renders(text):
    with time_bound():
        assert isinstance(render_markdown(text, LINKS), str)


# --- a whole page ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-site")
    (root / "content").mkdir()
    (root / "data/reusables").mkdir(parents=True)
    (root / "content/index.md").write_text("---\ntitle: Home\nversions: '*'\nchildren:\n  - /p\n---\n")
    (root / "data/reusables/a.md").write_text("1. Step {{ currentVersion }}\n2. [Link](/articles/x)")
    (root / "data/reusables/loop.md").write_text("{% data reusables.loop %}")
    return root


pages = st.lists(st.one_of(templates, MD_PIECES), max_size=12).map("".join)
front_matter = st.sampled_from([
    "title: P\nversions: '*'\n", "title: '{{ currentVersion }}'\nintro: '{% data reusables.a %}'\nversions: '*'\n",
    "title: P\nversions:\n  enterprise-server: '>=3.0'\n", "title: P\nintro: '{% if %}'\nversions: '*'\n",
])


@settings(PROFILE)
@given(front_matter, pages)
def test_a_page_renders_or_reports_an_error_in_its_own_source(site_root, meta, body):
    (site_root / "content/p.md").write_text(f"---\n{meta}---\n{body}", encoding="utf-8")
    site = Site(site_root)
    page = site.page("en", "p.md")
    renderer = Renderer(site)
    with time_bound():
        for version in page.versions[:2]:
            out = renderer.render(page, version)
            if out.error:
                assert "internal error" not in out.error, out.error
                assert out.error.startswith(("content/p.md:", "data/reusables/")), out.error
