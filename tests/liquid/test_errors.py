"""Every LiquidError names the file, line and column of the construct that failed, at parse and render time."""

from __future__ import annotations

import pytest

from renderer.liquid import Environment, LiquidError, render


def error_of(source: str, context: dict | None = None, **env_options) -> LiquidError:
    env = Environment(compat=env_options.pop("compat", "standard"), **env_options)
    with pytest.raises(LiquidError) as err:
        env.from_string(source, "doc.md", line_offset=3).render(context or {})
    return err.value


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        ("{% nosuch %}", 4, 1),  # unknown tag
        ("a\n  {% endif %}", 5, 3),  # stray end tag
        ("a\nb {% for x in y %}", 5, 3),  # block never closed
        ("{{ 'x' | nosuchfilter }}", 4, 10),  # unknown filter, at the filter's name
        ("\n\n   {{ x | divided_by: 0 }}", 6, 4),  # render-time error
        ("{% for i in (1..2) %}\n  {% if i == 2 %}{{ i | divided_by: 0 }}{% endif %}\n{% endfor %}", 5, 18),
        ("{% capture c %}\n{{ 1 | divided_by: 0 }}{% endcapture %}", 5, 1),
        ("x {% assign y = 1 | divided_by: 0 %}", 4, 3),
        ("{{ 'a' }}\n{% if '2' > 1 %}{% endif %}", 5, 7),  # at the condition
        ("{% raw %} never closed", 4, 1),
        ("{{ x", 4, 1),
    ],
)
def test_error_locations(source: str, line: int, column: int) -> None:
    err = error_of(source)
    assert (err.filename, err.line, err.column) == ("doc.md", line, column), str(err)
    assert str(err).startswith(f"doc.md:{line}:{column}: ")


def test_error_in_an_included_template_names_that_template() -> None:
    env = Environment(partials={"part.html": "ok\n\n{{ 1 | divided_by: 0 }}"}.get)
    with pytest.raises(LiquidError) as err:
        env.from_string("{% include 'part.html' %}", "page.md").render({})
    assert (err.value.filename, err.value.line) == ("part.html", 3)


def test_missing_partial_is_an_error_at_the_include() -> None:
    with pytest.raises(LiquidError, match="not found") as err:
        render("\n  {% include 'nope' %}")
    assert (err.value.line, err.value.column) == (2, 3)


def test_strict_mode_names_the_undefined_path() -> None:
    err = error_of("{% if page.title %}{% endif %}", {"page": {}}, strict=True)
    assert err.message == "undefined variable 'page.title'"
    assert (err.line, err.column) == (4, 7)
    # Not strict: the same template renders.
    assert Environment().from_string("{% if page.title %}x{% endif %}").render({"page": {}}) == ""


def test_strict_mode_unknown_data_path() -> None:
    err = error_of("\n{% data reusables.nope %}", {"site": {"data": {"reusables": {}}}}, strict=True)
    assert "reusables.nope" in err.message
    assert (err.line, err.column) == (5, 1)


def test_liquidjs_compat_ignores_unknown_filters_unless_strict() -> None:
    assert Environment().from_string("{{ 'a' | nosuch }}").render({}) == "a"
    with pytest.raises(LiquidError, match="unknown filter"):
        Environment(strict=True).from_string("{{ 'a' | nosuch }}")


def test_messages_name_the_block_still_open_and_suggest_tag_names() -> None:
    err = error_of("{% note %}\n{% if x %}\nhi\n{% endnote %}")
    assert err.message == "unexpected 'endnote' ('if' opened on line 5 is not closed yet)"
    assert (err.line, err.column) == (7, 1)
    assert "did you mean 'note'" in error_of("{% notes %}").message
