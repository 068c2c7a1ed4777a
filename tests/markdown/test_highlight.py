"""Build-time highlighting (renderer/markdown/highlight.py) and its colours in both themes (static/site.css)."""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from renderer.markdown import render_markdown
from renderer.markdown.code_blocks import copy_header
from renderer.markdown.highlight import CLASSES, LEXERS, highlight_code

CORPUS = os.environ.get("DOCS_CORPUS")
CSS = Path(__file__).resolve().parents[2] / "renderer/templates/static/site.css"
_SPAN = re.compile(r'</?span(?: class="hl-\w")?>')
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)[ \t]*([^\s`]*)[^\n]*\n(.*?)^[ \t]*(?:```|~~~)", re.M | re.S)
PLAIN = {"", "text"}  # names that mean "no language"


def without_spans(code_html: str) -> str:
    return _SPAN.sub("", code_html)


def corpus_fences() -> dict[str, list[str]]:
    """Every fence of the corpus (content, data, translations) by its lowercased language, `{:copy}` removed."""
    found: dict[str, list[str]] = {}
    root = Path(CORPUS or "")
    for path in sorted(root.glob("**/*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "```" not in text and "~~~" not in text:
            continue
        for m in _FENCE.finditer(text):
            lang = m.group(1).removesuffix("{:copy}").lower()
            if re.fullmatch(r"[a-z][\w+-]*", lang):  # not Liquid (```{% endif %}) or prose after a fence
                found.setdefault(lang, []).append(m.group(2))
    return found


@pytest.fixture(scope="module")
def fences() -> dict[str, list[str]]:
    if not CORPUS:
        pytest.skip("set DOCS_CORPUS to the corpus root")
    return corpus_fences()


def test_every_language_the_corpus_uses_has_a_lexer(fences) -> None:
    assert {"shell", "yaml", "javascript", "json", "ruby", "powershell", "graphql"} <= set(fences)
    assert sorted(set(fences) - set(LEXERS) - PLAIN) == []


def test_corpus_code_keeps_its_text_and_gets_colours(fences) -> None:
    for lang, blocks in fences.items():
        coloured = 0
        for code in blocks[:40]:
            escaped = html.escape(code, quote=False)
            out = highlight_code(lang, escaped)
            assert html.unescape(without_spans(out)) == code, (lang, code[:80])
            coloured += 'class="hl-' in out
        if lang not in PLAIN:  # a lexer that never colours anything would be a wrong mapping
            assert coloured, lang


def test_markup_inside_code_stays_where_it_was_and_spans_never_straddle_it() -> None:
    # the reference's raw shell blocks carry <em> placeholders and entities
    code = '$ echo "a <em>b c</em> d" &amp;&amp; ls &lt;dir&gt;\n# comment <strong>x</strong>\n'
    out = highlight_code("shell", code)
    assert html.unescape(without_spans(out)) == html.unescape(code)
    assert "<em>" in out and "</em>" in out and out.count("<em>") == 1

    class Nesting(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            self.stack.append(tag)

        def handle_endtag(self, tag) -> None:
            assert self.stack.pop() == tag, out

    Nesting().feed(out)
    string = '<span class="hl-s">&quot;a </span><em><span class="hl-s">b c</span></em><span class="hl-s"> d&quot;'
    assert string in out


def test_shell_sessions_and_scripts() -> None:
    session = render_markdown('```shell\n$ git commit -m "x"\n> [main 1a2b3c4] x\n```\n')
    assert '<span class="hl-p">$ </span>git commit -m <span class="hl-s">"x"</span>' in session
    assert "&gt; [main 1a2b3c4] x" in session  # output, not code
    script = render_markdown('```shell\n# say hi\necho "hi"\n```\n')
    assert '<span class="hl-c"># say hi\n</span>' in script and '<span class="hl-s">"hi"</span>' in script


def test_reference_names_map_to_their_languages() -> None:
    assert '<span class="hl-k">const</span>' in render_markdown("```javascript\nconst a = 1\n```\n")
    assert '<span class="hl-k">def</span>' in render_markdown("```ruby\ndef x; end\n```\n")
    assert '<span class="hl-t">"a"</span>' in render_markdown('```JSON\n{"a": 1}\n```\n')  # names are case-free
    assert '<span class="hl-b">Get-ChildItem</span>' in render_markdown("```powershell\nGet-ChildItem\n```\n")


def test_unknown_language_is_plain_escaped_text() -> None:
    out = render_markdown("```klingon\nif <x> & y\n```\n")
    assert '<pre><code class="hljs language-klingon">if &lt;x&gt; &amp; y\n</code></pre>' in out
    assert "hl-" not in render_markdown("```text\nif x:\n```\n") and "hl-" not in render_markdown("```\nif x:\n```\n")


def test_copy_header_is_unchanged_and_copies_plain_code() -> None:
    out = render_markdown('```yaml{:copy}\non: push # "why"\n```\n')
    assert out.startswith('<div class="code-extra">' + copy_header("yaml", 'on: push # "why"'))
    assert 'data-clipboard-text="on: push # &quot;why&quot;"' in out
    assert '<span class="hl-c"># "why"</span>' in out


def test_each_distinct_block_is_highlighted_once() -> None:
    highlight_code.cache_clear()
    source = "```ruby\nputs 'cached'\n```\n\nText.\n\n```ruby\nputs 'cached'\n```\n"
    first = render_markdown(source)
    render_markdown(source + "\nAnother version of the page.\n")
    info = highlight_code.cache_info()
    assert (info.misses, info.hits) == (1, 3)
    assert '<span class="hl-s">' in first


# -- colours ---------------------------------------------------------------------------------------------------


def _palettes() -> tuple[dict[str, str], list[dict[str, str]]]:
    css = CSS.read_text(encoding="utf-8")
    light = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", css.split("@media", 1)[0]))
    darks = [dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", block)) for block in re.findall(
        r':root(?::not\(\[data-theme="light"\]\)|\[data-theme="dark"\]) \{(.*?)\}', css, re.S)]  # fmt: skip
    return light, darks


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_both_dark_blocks_are_the_same_palette() -> None:
    light, darks = _palettes()
    assert len(darks) == 2 and darks[0] == darks[1]
    assert set(darks[0]) <= set(light)  # the dark theme overrides colours the light one defines


def test_every_token_class_is_readable_in_both_themes() -> None:
    css = CSS.read_text(encoding="utf-8")
    light, (dark, _) = _palettes()
    for cls in {c for c in CLASSES.values() if c}:
        assert f".hl-{cls} {{ color: var(--hl-{cls});" in css, cls
        for name, palette in (("light", light), ("dark", dark)):
            background = palette.get(f"hl-{cls}-bg", palette["code-bg"])
            assert _contrast(palette[f"hl-{cls}"], background) >= 4.5, (name, cls)
