"""Where Liquid differs from Jinja2 (and from Python), the compiled templates must follow Liquid."""

from __future__ import annotations

import pytest

from renderer.liquid import Environment, LiquidError, render


def yes_no(condition: str, data: dict | None = None, compat: str = "standard") -> str:
    source = f"{{% if {condition} %}}yes{{% else %}}no{{% endif %}}"
    return Environment(compat=compat).from_string(source).render(data or {})


@pytest.mark.parametrize("value", [0, "", [], {}, 0.0, "false"])
def test_only_nil_and_false_are_falsy(value: object) -> None:
    assert yes_no("x", {"x": value}) == "yes"


@pytest.mark.parametrize("value", [None, False])
def test_nil_and_false_are_falsy(value: object) -> None:
    assert yes_no("x", {"x": value}) == "no"
    assert render("{% unless x %}u{% endunless %}", {"x": value}) == "u"


def test_and_or_group_right_to_left() -> None:
    # Python/Jinja2 precedence would read (true and false) or true -> true ... and false or true -> true;
    # Liquid reads true and (false or true) -> true, but false and (false or true) differs below.
    assert yes_no("true or false and false") == "yes"  # true or (false and false)
    assert yes_no("false and false or true") == "no"  # false and (false or true)
    assert yes_no("false or true and false") == "no"  # false or (true and false)


def test_contains_on_strings_arrays_and_hashes() -> None:
    data = {"s": "hello world", "a": ["x", 1], "h": {"k": 1}}
    assert yes_no("s contains 'lo w'", data) == "yes"
    assert yes_no("a contains 'x'", data) == "yes"
    assert yes_no("a contains 1", data) == "yes"
    assert yes_no("a contains 'y'", data) == "no"
    assert yes_no("h contains 'k'", data) == "yes"
    assert yes_no("n contains 'k'", data) == "no"


def test_undefined_renders_empty_and_nil_equals_undefined() -> None:
    assert render("[{{ nope }}][{{ nope.deeper[0] }}][{{ nil }}]") == "[][][]"
    assert yes_no("nope == nil") == "yes"


def test_mixed_type_comparisons_are_false_not_errors() -> None:
    # The docs' setting: Python would raise TypeError for 1 < 'a'; Liquid (liquidjs) says false.
    assert yes_no("1 < 'a'", compat="liquidjs") == "no"
    assert yes_no("'a' > 1", compat="liquidjs") == "no"
    assert yes_no("nope < 1", compat="liquidjs") == "no"
    assert yes_no("nope < 1") == "no"
    assert yes_no("x >= 1", {"x": [1]}) == "no"


def test_standard_liquid_refuses_to_order_a_string_and_a_number() -> None:
    with pytest.raises(LiquidError, match="compare"):
        yes_no("'2' > 1")


def test_equality_is_liquid_equality() -> None:
    assert yes_no("1 == 1.0") == "yes"
    assert yes_no("true == 1") == "no"  # Python says True == 1
    assert yes_no("'1' == 1") == "no"


def test_output_of_non_strings() -> None:
    assert render("{{ t }} {{ f }} {{ a }} {{ x }}", {"t": True, "f": False, "a": ["a", ["b"]], "x": 2.5}) == (
        "true false ab 2.5"
    )


def test_assign_inside_a_loop_is_visible_after_it() -> None:
    # Jinja2 scopes ``set`` inside ``for``; Liquid does not.
    assert render("{% for i in (1..3) %}{% assign last = i %}{% endfor %}{{ last }}") == "3"


def test_strict_mode_reports_undefined_variables_with_location() -> None:
    env = Environment(strict=True)
    tmpl = env.from_string("---\nok {{ a }}\n\n  {{ b }}", "x.md", line_offset=2)
    with pytest.raises(LiquidError) as err:
        tmpl.render({"a": 1})
    assert str(err.value) == "x.md:6:3: undefined variable 'b'"


def test_parse_errors_have_locations() -> None:
    with pytest.raises(LiquidError) as err:
        Environment().from_string("abc\n\n  {% if x %}never closed", "p.md", line_offset=4)
    assert (err.value.filename, err.value.line, err.value.column) == ("p.md", 7, 3)
    with pytest.raises(LiquidError) as err:
        render("line\n{{ x | nosuchfilter }}")
    assert (err.value.line, err.value.column) == (2, 8)


# --- liquidjs compatibility (what the docs corpus relies on) --------------------------------------

def test_liquidjs_prints_numbers_as_javascript_does() -> None:
    assert Environment(compat="liquidjs").from_string("{{ x }} {{ y }}").render({"x": 3.0, "y": 2.5}) == "3 2.5"
    assert Environment(compat="standard").from_string("{{ x }} {{ y }}").render({"x": 3.0, "y": 2.5}) == "3.0 2.5"


def test_liquidjs_renders_every_else_branch() -> None:
    src = "{% if false %}a{% else %}b{% else %}c{% endif %}"
    assert Environment(compat="liquidjs").from_string(src).render({}) == "bc"
    assert Environment(compat="standard").from_string(src).render({}) == "b"


def test_liquidjs_reads_a_condition_up_to_the_first_non_operator() -> None:
    v = {"currentVersion": "enterprise-server@3.0"}
    # 'gt' is no operator: the condition is just ``currentVersion``, which is truthy.
    assert yes_no('currentVersion gt "enterprise-server@3.1"', v, compat="liquidjs") == "yes"
    # junk after a complete condition is ignored
    assert yes_no('currentVersion ver_gt "enterprise-server@2.22" % ', v, compat="liquidjs") == "yes"
    # ``ver_gt`` with no left operand is read as an (undefined) variable
    assert yes_no('currentVersion == "x" or ver_gt "enterprise-server@2.22"', v, compat="liquidjs") == "no"
    with pytest.raises(LiquidError):
        yes_no('currentVersion gt "enterprise-server@3.1"', v, compat="standard")


def test_liquidjs_empty_condition_is_false() -> None:
    src = "{% if false %}a{% elsif %}b{% else %}c{% endif %}"
    assert Environment(compat="liquidjs").from_string(src).render({}) == "c"


def test_liquidjs_comparisons_bind_tighter_than_and_or() -> None:
    v = {"currentVersion": "enterprise-server@2.22", "enterpriseServerVersions": ["enterprise-server@2.22"]}
    cond = 'enterpriseServerVersions contains currentVersion and currentVersion ver_lt "enterprise-server@3.0"'
    assert yes_no(cond, v, compat="liquidjs") == "yes"
    assert yes_no('currentVersion == "a" or currentVersion == "enterprise-server@2.22"', v, compat="liquidjs") == "yes"


def test_whitespace_control_trims_ascii_whitespace_only() -> None:
    assert render("a\u3000 \n{%- if true -%}\n \u3000b{% endif %}") == "a\u3000\u3000b"
