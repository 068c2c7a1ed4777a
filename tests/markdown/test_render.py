"""End-to-end behaviour of render_markdown and friends on small inputs of our own."""

from renderer.markdown import render_markdown, render_title, strip_html_comments


def test_heading_ids_are_unique_and_wrapped():
    out = render_markdown("## Hi there\n\n## Hi there\n")
    assert '<h2 id="hi-there"><a href="#hi-there">Hi there</a></h2>' in out
    assert '<h2 id="hi-there-1"><a href="#hi-there-1">Hi there</a></h2>' in out


def test_heading_ids_from_english_page():
    source = "## Eins\n\n### Zwei `x`\n\n## Drei\n\n# Eins\n"
    out = render_markdown(source, heading_ids={"Eins": "one", "Zwei x": "two"})
    assert '<h2 id="one"><a href="#one">Eins</a></h2>' in out and 'id="two"' in out
    assert '<h2 id="drei">' in out and '<h1 id="eins-1">' in out
    # the same text rendered again without the mapping (cached parse) gets its own ids back
    assert '<h2 id="eins">' in render_markdown(source)


def test_copy_header_strips_final_newline():
    out = render_markdown("```yaml{:copy}\na: 1\n```\n")
    assert "<span>YAML</span>" in out and 'data-clipboard-text="a: 1"' in out
    assert '<code class="hljs language-yaml"><span class="hl-t">a</span>: 1</code>' in out  # highlighted


def test_shell_fence_keeps_markup():
    out = render_markdown("```shell\n  $ git <em>x</em> &amp;\n```\n")
    assert '<pre><code class="hljs language-shell"><span class="hl-p">$ </span>git <em>x</em> &amp;</code></pre>' in out


def test_table_align_attribute():
    out = render_markdown("| a |\n|:-:|\n| 1 |\n")
    assert '<td align="center">1</td>' in out


def test_strikethrough_and_emoji():
    out = render_markdown("~~gone~~ :+1: :shipit:")
    assert "<del>gone</del>" in out and "👍" in out and ":shipit:" in out


def test_title_is_plain_text():
    assert render_title("Use *this* &amp; `that`") == "Use this & that"


def test_comments_take_preceding_newline():
    assert strip_html_comments("a\n<!-- x -->\nb") == "a\nb"


def test_comments_shortest_match_and_unclosed_kept():
    assert strip_html_comments("a<!--<!-- x\n-->b") == "ab"
    assert strip_html_comments("a <!-- open") == "a <!-- open"


def test_heading_text_of_matches_what_the_render_slugs():
    from renderer.markdown.render import heading_text_of

    assert heading_text_of("A foo_bar_ :+1: &amp; <b>x</b> `c`") == "A foobar 👍 & x c"
    out = render_markdown("## A foo_bar_ :+1:\n", heading_ids={heading_text_of("A foo_bar_ :+1:"): "english"})
    assert '<h2 id="english">' in out


def test_carriage_returns_and_nul_still_normalized() -> None:
    from renderer.markdown import render_markdown

    assert render_markdown("a\r\nb\rc\0d") == render_markdown("a\nb\nc\ufffdd")
    assert "\ufffd" in render_markdown("x\0y")


def test_a_link_binds_tighter_than_emphasis() -> None:
    cases = {
        # markers in a link's text or URL never pair with one outside it
        "**[a *b](https://x?q=%22*c)**": '<strong><a href="https://x?q=%22*c">a *b</a></strong>',
        "**[cats stars:10..*](https://github.com/search?q=cats+stars%3A10..*&type=Repositories)** is":
            '<strong><a href="https://github.com/search?q=cats+stars%3A10..*&amp;type=Repositories">'
            "cats stars:10..*</a></strong> is",
        "*[x*y](/a)* and **[a](/b*c)**": '<em><a href="/a">x*y</a></em> and <strong><a href="/b*c">a</a></strong>',
        '**see [the *docs*](/a "t)*")**': '<strong>see <a href="/a" title="t)*">the <em>docs</em></a></strong>',
        # what is not a link is text to the scan, brackets and all
        "*see [note] here*": "<em>see [note] here</em>",
        "[*a*](/b)": '<a href="/b"><em>a</em></a>',
    }
    for source, expected in cases.items():
        assert render_markdown(source + "\n").strip() == f"<p>{expected}</p>", source
