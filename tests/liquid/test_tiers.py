"""The two tiers are one Liquid: the same output, the same error at the same file, line and column, the same budget
refusals, for templates that exercise every tag's handler (``RENDERERS``) against its compiler (``COMPILERS``).

Each case is rendered through the tree tier alone, the compiled tier alone, and tiered with ``hot_after=1`` (its
first render from the tree, the next ones compiled from that tree): all must agree.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from renderer.liquid import Environment, LiquidError

SMALL = SimpleNamespace(loop_iterations=50, nested_renders=5, output_chars=400)
TIERS = (("tree", {}), ("compiled", {}), ("tiered", {"hot_after": 1}))


def outcomes(source: str, context: dict[str, Any], **options: Any) -> list[str]:
    """What each tier gives for ``source``: its output, or its error as text (place, message, hint)."""
    results = []
    for tier, extra in TIERS:
        env = Environment(tier=tier, **extra, **options)
        try:
            tmpl = env.from_string(source, "t.md", line_offset=2)
        except LiquidError as e:
            results.extend([f"error when made: {e}"] * 3)
            continue
        for _ in range(3):  # tiered: a tree render, then compiled ones
            try:
                results.append(tmpl.render(dict(context)))
            except LiquidError as e:
                results.append(f"error: {e}")
    return results


def assert_agree(source: str, context: dict[str, Any] | None = None, **options: Any) -> str:
    got = outcomes(source, context or {}, **options)
    assert len(set(got)) == 1, "\n".join(f"{i}: {g}" for i, g in enumerate(got))
    return got[0]


PARTIALS = {
    "item": "<{{ item }}>",
    "stop": "a{% break %}b",
    "skip": "c{% continue %}d",
    "bad": "x\n{{ 1 | divided_by: 0 }}",
}

CASES = [
    ("{{ a }}{{ a.b }}{{ a['b'] }}{{ list[1] }}{{ list.size }}{{ list.first }}", {"a": {"b": 2}, "list": [1, 2]}),
    ("{% if a == 1 and b contains 'x' %}y{% elsif c %}z{% else %}n{% endif %}", {"a": 1, "b": "xx"}),
    ("{% unless a %}u{% endunless %}{% if empty == '' %}e{% endif %}{% if nil %}n{% endif %}", {}),
    ("{% case x %}{% when 1, 2 %}one-two{% when 'a' or 3 %}three{% else %}other{% else %}again{% endcase %}", {"x": 3}),
    ("{% for i in (1..5) reversed limit: 3 offset: 1 %}{{ forloop.index }}{{ i }}{% else %}none{% endfor %}", {}),
    (
        "{% for i in xs %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}"
        "{% endfor %}{% for i in xs limit: 2 %}{{ i }}{% endfor %}"
        "{% for i in xs offset: continue %}{{ i }}{% endfor %}",
        {"xs": [1, 2, 3, 4, 5]},
    ),
    ("{% for i in (1..2) %}{% for j in (1..2) %}{{ forloop.parentloop.index }}{{ j }}{% endfor %}{% endfor %}", {}),
    ("{% for x in nothing %}x{% else %}empty{% endfor %}{% for c in 'abc' %}[{{ c }}]{% endfor %}", {}),
    ("{% tablerow x in (1..5) cols: 2 limit: 4 %}{{ x }}{% if x == 3 %}{% break %}{% endif %}{% endtablerow %}", {}),
    ("{% cycle 'a', 'b' %}{% cycle 'a', 'b' %}{% cycle g: 1, 2 %}{% cycle g: 1, 2 %}{% cycle g: 1, 2 %}", {}),
    (
        "{% assign x = 'a,b' | split: ',' | join: '-' | upcase %}"
        "{% capture c %}[{{ x }}]{% endcapture %}{{ c }}{{ x }}",
        {},
    ),
    ("{% increment n %}{% increment n %}{% decrement n %}{{ n }}{% assign n = 9 %}{{ n }}", {}),
    ("{% for i in (1..4) %}{% ifchanged %}{{ i | divided_by: 2 }}{% endifchanged %}{% endfor %}", {}),
    (
        "{% for item in xs %}{% include 'item' %}{% endfor %}{% include 'item' with 7 %}{% render 'item', item: 8 %}"
        "{% render 'item' for xs as item %}",
        {"xs": [1, 2]},
    ),
    (
        "{% for i in (1..3) %}{{ i }}{% include 'stop' %}!{% endfor %}|"
        "{% for i in (1..3) %}{{ i }}{% include 'skip' %}!{% endfor %}",
        {},
    ),
    (
        "{% liquid\n assign a = 3\n if a > 2\n echo a | times: 2\n endif\n%}{% raw %}{{ kept }}{% endraw %}"
        "{% comment %}gone{% endcomment %}{% echo 'e' %}",
        {},
    ),
    (
        "{{ 3.0 }} {{ 1.5 | plus: 1 }} {{ 7 | divided_by: 2 }} {{ 'a b' | replace: ' ', '-' }} {{ x | default: 'd' }}"
        " {{ true }} {{ h }} {{ (1..3) }}",
        {"h": {"k": [1, "v"]}},
    ),
    (
        "{{ '2.2' | version_num }}{% if v ver_gt 'enterprise-server@2.21' %}newer{% endif %}"
        "{% if v ver_lt 'enterprise-server@3.0' %} older{% endif %}",
        {"v": "enterprise-server@2.22"},
    ),
    (
        "{% data variables.name %} {% data reusables.nested %} {% indented_data_reference reusables.lines spaces=2 %}"
        "{% note %}n{% endnote %}{% rowheaders %}t{% endrowheaders %}",
        {
            "site": {
                "data": {
                    "variables": {"name": "Octo"},
                    "reusables": {"nested": "[{% data variables.name %}]", "lines": "a\nb"},
                }
            }
        },
    ),
]

ERRORS = [
    "line\n{{ 1 | divided_by: 0 }}",  # an output
    "{% if x %}\n{% elsif 1 | divided_by: 0 %}{% endif %}",  # an elsif's condition
    "{% case 1 %}{% when 2 %}\n{% when 1 %}{{ 1 | divided_by: 0 }}{% endcase %}",  # a when body
    "{% for i in (1..2) limit: 'many' %}{{ i }}{% endfor %}",  # a loop's options
    "{% for i in (1..2) %}\n  {% for j in (1..2) %}{{ j | divided_by: 0 }}{% endfor %}{% endfor %}",  # inside loops
    "{% assign x = 'a' | plus: 1 | divided_by: 0 %}",
    "{% capture c %}\n{{ 1 | modulo: 0 }}{% endcapture %}",
    "{% cycle 1 | divided_by: 0, 2 %}",
    "{% tablerow i in (1..2) cols: 'x' %}{{ i }}{% endtablerow %}",
    "{% include 'missing' %}",
    "a\n{% include 'bad' %}",  # located in the partial
    "{{ 'x' | no_such_filter }}",  # refused when the template is made
    "{% if 1 < 'a' %}x{% endif %}",  # standard Liquid: comparing a number with a string
    "{% for i in (1..3) %}\n{% ifchanged %}{{ i | divided_by: 0 }}{% endifchanged %}{% endfor %}",
]

BUDGETS = [
    "{% for i in (1..1000000000) %}x{% endfor %}",  # charged when it starts
    "{% for i in (1..7) %}{% for j in (1..7) %}{% if j == 2 %}{% break %}{% endif %}{% endfor %}{% endfor %}"
    "{% for i in (1..30) %}{% endfor %}",  # a break gives steps back: fits in 50
    "{% for i in (1..10) %}{% for j in (1..10) %}.{% endfor %}{% endfor %}",
    "{% for i in (1..40) %}0123456789{% endfor %}",  # output measured in the loop
    "{% assign s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}{% for i in (1..5) %}"
    "{% assign s = s | append: s %}{% endfor %}",  # text doubled
    "{% capture c %}{% for i in (1..30) %}0123456789abcdef{% endfor %}{% endcapture %}",
    "{% data r.a %}",  # nested renders fan out
    "{% for i in (1..3) %}{% include 'item' for xs %}{% endfor %}",
]


@pytest.mark.parametrize("source, context", CASES)
def test_the_tiers_render_alike(source: str, context: dict[str, Any]) -> None:
    out = assert_agree(source, context, compat="standard", partials=PARTIALS.get)
    assert not out.startswith("error"), out


@pytest.mark.parametrize("source, context", CASES)
def test_the_tiers_render_alike_in_the_liquidjs_dialect(source: str, context: dict[str, Any]) -> None:
    assert_agree(source, context, partials=PARTIALS.get)


@pytest.mark.parametrize("source", ERRORS)
def test_the_tiers_fail_alike_at_the_same_place(source: str) -> None:
    out = assert_agree(source, {}, compat="standard", partials=PARTIALS.get)
    assert out.startswith("error") and ("t.md:" in out or "bad:" in out), out


@pytest.mark.parametrize("source", ERRORS)
def test_strict_mode_fails_alike(source: str) -> None:
    assert_agree(source + "{{ undefined.path }}", {}, strict=True, partials=PARTIALS.get)


@pytest.mark.parametrize(
    "source",
    [
        "{% case nope %}{% when 1 %}x{% endcase %}",  # the subject
        "{% case 1 %}{% when 2 %}\n{% when 3, nope %}x{% endcase %}",  # a when value
        "{% for i in (1..2) %}{{ forloop.nope }}{% endfor %}",
        "{% if a and\n b %}x{% endif %}",
        "{% include nope %}",
    ],
)
def test_strict_mode_names_the_same_undefined_place(source: str) -> None:
    out = assert_agree(source, {"a": 1}, compat="standard", strict=True, partials=PARTIALS.get)
    assert out.startswith("error: t.md:") and "undefined" in out, out


@pytest.mark.parametrize("source", BUDGETS)
def test_the_budgets_hold_alike_in_both_tiers(source: str) -> None:
    fan = {"site": {"data": {"r": {k: f"{{% data r.{n} %}}{{% data r.{n} %}}" for k, n in zip("abcde", "bcdef")}}}}
    fan["site"]["data"]["r"]["f"] = "{{ 1 }}"
    fan["xs"] = [1, 2, 3]
    assert_agree(source, fan, compat="standard", limits=SMALL, partials=PARTIALS.get)


def test_budget_errors_name_the_budget_in_both_tiers() -> None:
    out = assert_agree("a\n{% for i in (1..100) %}x{% endfor %}", {}, limits=SMALL)
    assert out.startswith("error: t.md:4:1: loop budget exceeded") and "limits.loop_iterations" in out


def test_the_tier_comes_from_the_argument_or_liquid_tier(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIQUID_TIER", raising=False)
    assert Environment().tier == "tiered" and Environment(tier="compiled").tier == "compiled"
    monkeypatch.setenv("LIQUID_TIER", "tree")
    assert Environment().tier == "tree" and Environment(tier="tiered").tier == "tiered"
    assert Environment().from_string("{{ a }}").tier == "tree"
    monkeypatch.setenv("LIQUID_TIER", "fast")
    with pytest.raises(ValueError, match="LIQUID_TIER"):
        Environment()
