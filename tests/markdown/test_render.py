"""End-to-end behaviour of render_markdown and friends on small inputs of our own."""

from renderer.markdown import render_markdown, render_title, strip_html_comments
from renderer.model.urls import LinkContext


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


def _versions() -> list[LinkContext]:
    def ctx(version: str, lang: str = "en") -> LinkContext:
        return LinkContext(
            lang=lang,
            version=version,
            default_version="free-pro-team@latest",
            enterprise_releases=("3.1", "3.0", "2.22", "2.21"),
            latest_enterprise="3.1",
            plans=("free-pro-team", "enterprise-server", "github-ae"),
            languages=("en", "cn"),
        )

    return [ctx("free-pro-team@latest"), ctx("enterprise-server@3.0"), ctx("github-ae@latest", "cn")]


LINKED = """# Links

See [the guide](/articles/about-x) and [a section](/github/y#z "Title"), ![an image](/assets/a.png).

<a href="/articles/raw">raw</a> <a class='dotcom-only' href='/admin/x'>single quoted</a> <a href=/z>bare</a>

| a | b |
| --- | --- |
| [cell](/enterprise/3.0/user/articles/old) | `code` |

```js
const x = "/not/a/link";
```
"""


def test_versions_rendered_from_one_marked_render_match_their_own_render():
    """The versions of a text are rendered once, links marked and filled in per version: every output must be
    what rendering the text for that version alone gives, byte for byte."""
    from renderer.markdown.render import _render

    for links in _versions():
        assert render_markdown(LINKED, links) == _render(LINKED, links, None, None)
    assert 'href="/cn/github-ae@latest/articles/about-x"' in render_markdown(LINKED, _versions()[2])


def test_links_a_mark_could_misplace_are_rendered_per_version():
    """An entity in a raw link's href, or a second attribute named like href, leaves the tag as written when the
    link's rewrite does not change it: such a text is rendered for each version on its own."""
    from renderer.markdown.render import _render

    for text in (
        '<a href="/assets/x?a=1&copy=2">entity</a> [md](/articles/y)\n',  # not an entity in an attribute
        '<a data-href="/q" href="/assets/x">two</a>\n',
        "[ampersand](/articles/x?a=1&b=2)\n",
        "private \ue000 use [x](/articles/x)\n",
    ):
        for links in _versions():
            assert render_markdown(text, links) == _render(text, links, None, None), text
