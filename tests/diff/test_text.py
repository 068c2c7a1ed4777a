"""Rendered HTML as readable text for the diff views."""

from renderer.diff.text import html_text, page_text
from renderer.page.render import Rendered


def test_blocks_become_lines_with_light_marks():
    html = (
        '<h2 id="a"><a href="#a">Before you <code>start</code></a></h2>'
        "<p>Read the <strong>whole</strong>\nguide.</p>"
        "<ol><li><p>Open it.</p></li><li>Pick one:<ul><li>left</li><li>right</li></ul></li></ol>"
        '<div class="extended-markdown note"><p><strong>Note:</strong> be careful.</p></div>'
    )
    assert html_text(html).splitlines() == [
        "## Before you start",
        "Read the whole guide.",
        "1. Open it.",
        "2. Pick one:",
        "  - left",
        "  - right",
        "Note: be careful.",
    ]


def test_code_tables_images_and_icons():
    html = (
        "<pre><code>make\n  make install\n</code></pre>"
        "<table><thead><tr><th>Key</th><th>Meaning</th></tr></thead>"
        "<tbody><tr><td><code>q</code></td><td><p>quit</p></td></tr></tbody></table>"
        '<p><img src="/assets/a.png" alt="The menu"> Click <svg class="octicon"><path d="M0"/></svg>Save.</p>'
    )
    assert html_text(html).splitlines() == [
        "    make",
        "      make install",
        "Key | Meaning",
        "q | quit",
        "[image: The menu] Click Save.",
    ]


def test_links_shown_only_when_asked():
    html = '<p>See <a href="/en/setup">setup</a> and <a href="#top">top</a>.</p>'
    assert html_text(html) == "See setup and top."
    assert html_text(html, links=True) == "See setup </en/setup> and top."


def test_page_text_has_title_intro_errors_and_fallback():
    ok = Rendered("a.md", "v", "cn", "/cn/a", title="Hello", intro="<p>Short.</p>", html="<p>Body</p>", fallback="en")
    assert page_text(ok) == "# Hello\nShort.\nBody\n[served in language 'en']"
    broken = Rendered("a.md", "v", "en", "/en/a", error="a.md:3: unknown tag 'fi'")
    assert page_text(broken) == "[error: a.md:3: unknown tag 'fi']"
