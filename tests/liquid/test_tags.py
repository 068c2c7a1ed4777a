"""Standard tags in small cases of our own (the Golden Liquid suite covers them in depth when it is present)."""

from __future__ import annotations

import pytest

from renderer.liquid import Environment, render


@pytest.mark.parametrize(
    ("source", "data", "expected"),
    [
        ("{% raw %}{{ x }}{% if %}{% endraw %}", {}, "{{ x }}{% if %}"),
        ("a{% comment %}{% if x %}{{ y }}{% endcomment %}b", {}, "ab"),
        ("a {%- if true -%} \n b \n {%- endif -%} c", {}, "abc"),
        ("{{- ' x ' -}}", {}, " x "),
        ("{% assign n = 'a,b' | split: ',' %}{{ n | join: '+' }}", {}, "a+b"),
        ("{% capture c %}[{{ v }}]{% endcapture %}{{ c }}{{ c }}", {"v": 1}, "[1][1]"),
        ("{% for x in xs limit:2 offset:1 %}{{ x }}{% endfor %}", {"xs": [1, 2, 3, 4]}, "23"),
        ("{% for x in xs reversed %}{{ x }}{% else %}none{% endfor %}", {"xs": [1, 2]}, "21"),
        ("{% for x in xs %}{{ x }}{% else %}none{% endfor %}", {"xs": []}, "none"),
        ("{% for x in (1..3) %}{{ forloop.index }}/{{ forloop.length }}{% if forloop.last %}!{% endif %} {% endfor %}",
         {}, "1/3 2/3 3/3! "),
        ("{% for x in (1..5) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}"
         "{% endfor %}", {}, "13"),
        ("{% for x in (1..4) %}{% cycle 'a', 'b' %}{% endfor %}", {}, "abab"),
        ("{% increment c %}{% increment c %}{% decrement d %}", {}, "01-1"),
        ("{% case x %}{% when 1, 2 %}low{% when 3 %}three{% else %}other{% endcase %}", {"x": 3}, "three"),
        ("{% unless x %}no{% else %}yes{% endunless %}", {"x": False}, "no"),
        ("{% liquid\n assign a = 2\n if a > 1\n echo 'big'\n endif\n%}", {}, "big"),
        ("{% tablerow x in (1..3) cols:2 %}{{ x }}{% endtablerow %}", {},
         '<tr class="row1">\n<td class="col1">1</td><td class="col2">2</td></tr>\n<tr class="row2"><td class="col1">3'
         '</td></tr>\n'),
        ("{{ 'a b' | upcase | replace: ' ', '-' }} {{ 3 | plus: 2 | times: 1.5 }} {{ 7 | divided_by: 2 }}", {},
         "A-B 7.5 3"),
    ],
)
def test_standard_tags(source: str, data: dict, expected: str) -> None:
    assert render(source, data) == expected


def test_include_shares_the_scope_and_render_does_not() -> None:
    partials = {"inc": "{{ v }}{% assign w = 'set' %}", "ren": "[{{ v }}{{ p }}]"}
    assert render("{% assign v = 1 %}{% include 'inc' %}{{ w }}", partials=partials) == "1set"
    assert render("{% assign v = 1 %}{% render 'ren', p: 2 %}", partials=partials) == "[2]"
    assert render("{% render 'ren' for xs as p %}", {"xs": [1, 2]}, partials=partials) == "[1][2]"


def test_partials_are_compiled_once() -> None:
    calls: list[str] = []

    def load(name: str) -> str:
        calls.append(name)
        return "<{{ x }}>"

    tmpl = Environment(partials=load).from_string("{% include 'p' %}{% include 'p' %}")
    assert tmpl.render({"x": 1}) == "<1><1>"
    assert tmpl.render({"x": 2}) == "<2><2>"
    assert calls == ["p"]


def test_one_compiled_template_renders_many_contexts() -> None:
    tmpl = Environment().from_string("{% if v == 'a' %}A{% elsif v == 'b' %}B{% else %}?{% endif %}")
    assert [tmpl.render({"v": v}) for v in ("a", "b", "c")] == ["A", "B", "?"]
