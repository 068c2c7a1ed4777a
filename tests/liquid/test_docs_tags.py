"""The docs' Liquid extensions: data, indented_data_reference, octicon, the wrapping blocks, ver_gt/ver_lt."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from renderer.liquid import Environment, LiquidError


class LazyData(Mapping):
    """A stand-in for the site's lazy data tree: records reads, refuses to be iterated."""

    def __init__(self, tree: dict[str, Any], reads: list[str], prefix: str = "") -> None:
        self._tree = tree
        self._reads = reads
        self._prefix = prefix

    def __getitem__(self, key: str) -> Any:
        value = self._tree[key]
        self._reads.append(self._prefix + key)
        if isinstance(value, dict):
            return LazyData(value, self._reads, self._prefix + key + ".")
        return value

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("site.data must not be iterated")

    def __len__(self) -> int:
        return len(self._tree)


class Named(str):
    filename: str
    line_offset: int = 0


def named(text: str, filename: str, line_offset: int = 0) -> Named:
    value = Named(text)
    value.filename = filename
    value.line_offset = line_offset
    return value


def make_context(tree: dict[str, Any], version: str = "free-pro-team@latest", reads: list[str] | None = None):
    return {"currentVersion": version, "site": {"data": LazyData(tree, reads if reads is not None else [])}}


def test_data_renders_nested_liquid_in_the_same_context() -> None:
    tree = {
        "variables": {"product": {"name": "Octo"}},
        "reusables": {"intro": "Hi from {% data variables.product.name %} on {{ currentVersion }}"},
    }
    reads: list[str] = []
    tmpl = Environment().from_string("{% data reusables.intro %}!")
    assert tmpl.render(make_context(tree, reads=reads)) == "Hi from Octo on free-pro-team@latest!"
    assert "reusables.intro" in reads and "variables.product.name" in reads


def test_data_sees_loop_variables_and_bracket_expressions() -> None:
    tree = {"glossary": {"terms": [{"term": "fork"}, {"term": "clone"}]}}
    tmpl = Environment().from_string(
        "{% for t in site.data.glossary.terms %}[{% data glossary.terms[forloop.index0].term %}]{% endfor %}"
    )
    assert tmpl.render(make_context(tree)) == "[fork][clone]"


def test_missing_data_path_renders_nothing_or_fails_in_strict_mode() -> None:
    assert Environment().from_string("a{% data nope.nothing %}b").render(make_context({})) == "ab"
    with pytest.raises(LiquidError) as err:
        Environment(strict=True).from_string("x\n  {% data nope.nothing %}", "page.md").render(make_context({}))
    assert (err.value.filename, err.value.line, err.value.column) == ("page.md", 2, 3)


def test_data_string_is_compiled_once_per_distinct_string() -> None:
    env = Environment()
    tree = {"r": {"a": "{{ currentVersion }}"}}
    tmpl = env.from_string("{% data r.a %}{% data r.a %}")
    for version in ("free-pro-team@latest", "enterprise-server@3.0"):
        assert tmpl.render(make_context(tree, version)) == version * 2
    assert len(env._data_cache) == 1


def test_data_cycle_is_an_error_not_a_hang() -> None:
    tree = {"r": {"a": "A{% data r.b %}", "b": "B{% data r.a %}"}}
    with pytest.raises(LiquidError, match="cycle: r.a -> r.b -> r.a"):
        Environment().from_string("{% data r.a %}").render(make_context(tree))


def test_error_inside_a_data_string_names_its_file() -> None:
    tree = {"r": {"bad": named("line one\n{{ 1 | divided_by: 0 }}", "data/reusables/bad.md")}}
    with pytest.raises(LiquidError) as err:
        Environment().from_string("{% data r.bad %}").render(make_context(tree))
    assert err.value.filename == "data/reusables/bad.md"
    assert err.value.line == 2
    tree = {"v": {"x": named("{{ 1 | divided_by: 0 }}", "data/variables/v.yml", line_offset=6)}}
    with pytest.raises(LiquidError) as err:
        Environment().from_string("{% data v.x %}").render(make_context(tree))
    assert (err.value.filename, err.value.line) == ("data/variables/v.yml", 7)


def test_indented_data_reference_indents_every_line() -> None:
    tree = {"r": {"warn": "{% warning %}\n\nBe careful.\n\n{% endwarning %}"}}
    out = Environment().from_string("1. Step\n{% indented_data_reference r.warn spaces=3 %}").render(
        make_context(tree)
    )
    assert out == (
        '1. Step\n   <div class="extended-markdown warning border rounded-1 mb-4 p-3 color-border-danger '
        'color-bg-danger f5">\n   \n   Be careful.\n   \n   </div>'
    )


def test_octicon_calls_the_hook_and_ignores_a_spaced_option() -> None:
    calls = []

    def octicon(name: str, attrs: dict[str, str]) -> str:
        calls.append((name, attrs))
        if name == "nope":
            raise KeyError(name)
        return f"<svg {name}>"

    env = Environment(octicon=octicon)
    assert env.from_string('{% octicon "gear" aria-label="The gear" %}').render({}) == "<svg gear>"
    assert env.from_string('{% octicon "check" aria-label= "Check" %}').render({}) == "<svg check>"
    assert env.from_string('{% octicon "trashcan" %}').render({}) == "<svg trash>"
    assert calls[:3] == [("gear", {"aria-label": "The gear"}), ("check", {}), ("trash", {})]
    with pytest.raises(LiquidError, match="octicon"):
        env.from_string('ok\n{% octicon "nope" %}').render({})


@pytest.mark.parametrize(
    ("tag", "classes"),
    [
        ("note", "note border rounded-1 mb-4 p-3 color-border-info color-bg-info f5"),
        ("tip", "tip border rounded-1 mb-4 p-3 color-border-info color-bg-info f5"),
        ("warning", "warning border rounded-1 mb-4 p-3 color-border-danger color-bg-danger f5"),
        ("danger", "danger border rounded-1 mb-4 p-3 color-border-danger color-bg-danger f5"),
        ("mac", "mac "),
        ("windows", "windows "),
        ("linux", "linux "),
        ("all", "all "),
        ("cli", "cli "),
        ("desktop", "desktop "),
        ("webui", "webui "),
        ("curl", "curl "),
    ],
)
def test_wrapping_blocks_keep_their_body_as_is(tag: str, classes: str) -> None:
    out = Environment().from_string(f"{{% {tag} %}}\n\n**Hi** {{{{ x }}}}\n\n{{% end{tag} %}}").render({"x": 1})
    assert out == f'<div class="extended-markdown {classes}">\n\n**Hi** 1\n\n</div>'


@pytest.mark.parametrize(
    ("left", "op", "right", "expected"),
    [
        ("enterprise-server@3.0", "ver_gt", "enterprise-server@2.22", True),
        ("enterprise-server@2.22", "ver_gt", "enterprise-server@2.22", False),
        ("enterprise-server@2.21", "ver_lt", "enterprise-server@2.22", True),
        ("enterprise-server@3.1", "ver_gt", "2.22", True),  # a bare release means enterprise-server
        ("enterprise-server@2.9", "ver_lt", "enterprise-server@2.10", True),  # numeric, not text, order
        ("free-pro-team@latest", "ver_gt", "enterprise-server@2.22", False),  # different plans
        ("github-ae@latest", "ver_gt", "github-ae@latest", False),
        ("github-ae@latest", "ver_lt", "enterprise-server@3.0", False),
        ("not a version", "ver_gt", "enterprise-server@2.22", False),
    ],
)
def test_ver_operators(left: str, op: str, right: str, expected: bool) -> None:
    tmpl = Environment().from_string(f'{{% if currentVersion {op} "{right}" %}}yes{{% else %}}no{{% endif %}}')
    assert tmpl.render({"currentVersion": left}) == ("yes" if expected else "no")


def test_ver_gt_of_an_undefined_left_side_is_false() -> None:
    tmpl = Environment().from_string('{% if nothing ver_gt "enterprise-server@2.22" %}yes{% else %}no{% endif %}')
    assert tmpl.render({}) == "no"


def test_docs_filters() -> None:
    env = Environment()
    out = env.from_string("{{ v | version_num }} {{ h | obj_size }} {{ t | slugify }}").render(
        {"v": "enterprise-server@2.22", "h": {"a": 1, "b": 2}, "t": "Hello, World Again"}
    )
    assert out == "2.22 2 hello-world-again"


def test_environment_parse_gives_the_node_tree_without_compiling() -> None:
    from renderer.liquid import nodes

    tree = Environment().parse('a {% data reusables.x %}{% octicon "gear" %}', "f.md", line_offset=2)
    data = [n for n in tree if isinstance(n, nodes.Data)][0]
    assert data.path.root == "site" and data.path.keys == ["data", "reusables", "x"]
    assert any(isinstance(n, nodes.Octicon) and n.name == "gear" for n in tree)
