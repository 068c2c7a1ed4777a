"""Inline syntax that differs from CommonMark: emphasis, bare URLs, entities, emoji, images."""

import pytest

from renderer.markdown import render_markdown


def inline(source: str) -> str:
    out = render_markdown(source)
    assert out.startswith("<p>") and out.endswith("</p>")
    return out[3:-4]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("** Note:** x", "<strong> Note:</strong> x"),
        ("***x***", "<strong><em>x</em></strong>"),
        ("foo_bar_", "foo<em>bar</em>"),
        ("snake_case_name", "snake_case_name"),
        ("*a* **b** _c_", "<em>a</em> <strong>b</strong> <em>c</em>"),
        (r"\*not\*", "*not*"),
    ],
)
def test_emphasis_without_flanking_rules(source, expected):
    assert inline(source) == expected


def test_bare_urls():
    assert inline("see https://x.example/a.") == 'see <a href="https://x.example/a">https://x.example/a</a>.'
    assert inline("(http://x.example/a(b))") == '(<a href="http://x.example/a(b)">http://x.example/a(b)</a>)'
    assert inline("mailto:me@x.example") == '<a href="mailto:me@x.example">me@x.example</a>'
    assert inline('<a href="/x">https://no.example</a>') == '<a href="/x">https://no.example</a>'
    assert "%EF%BC%8C" in inline("https://x.example，y")


def test_entities_without_semicolon():
    assert inline("a &gt b &gte &amp; c") == "a &gt; b &gt;e &amp; c"


def test_emoji_shortcodes():
    assert inline(":+1: :rocket: :shipit: `:+1:`") == "👍 🚀 :shipit: <code>:+1:</code>"


def test_image_alt_is_raw_source():
    assert inline("![a *b* `c`](/i.png)") == '<img src="/i.png" alt="a *b* `c`">'


def test_strikethrough_is_del():
    assert inline("~~x~~") == "<del>x</del>"
