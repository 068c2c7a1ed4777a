"""The site layer's shortcuts (pieces remembered across pages, HTML made in Python, lexbor for text) give what
laying each page out on its own gives, on a four-level site of our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from renderer.build.redirects import _safe
from renderer.build.search_index import html_text
from renderer.layout.document import Layout
from renderer.layout.minitoc import headings
from renderer.model.selection import select
from renderer.model.site import Site
from renderer.page.render import Renderer

from .conftest import write

# A product with a category two levels down, pages in some versions only, and a title that needs escaping.
DEEP = {
    "content/index.md": "---\ntitle: Harbour\nversions: '*'\nchildren:\n  - /boats\n  - /docks\n---\n",
    "content/boats/index.md": (
        "---\ntitle: Boats\nversions: '*'\nchildren:\n  - /sails\n  - /hulls\n  - /ropes\n---\n"
    ),
    "content/boats/sails/index.md": (
        "---\ntitle: Sails\nversions: '*'\nchildren:\n  - /rig\n  - /trim\n  - /storm\n---\n"
    ),
    "content/boats/sails/rig.md": "---\ntitle: Rigging a sail\nshortTitle: Rig\nversions: '*'\n---\n\n## Mast\n",
    "content/boats/sails/trim.md": "---\ntitle: Trim\nversions: '*'\n---\n\nText.\n",
    "content/boats/sails/storm.md": (
        "---\ntitle: Storm sails\nversions:\n  free-pro-team: '*'\n---\n\nOnly on the free plan.\n"
    ),
    "content/boats/hulls.md": "---\ntitle: Hulls\nversions:\n  enterprise-server: '*'\n---\n\nHulls.\n",
    "content/boats/ropes.md": "---\ntitle: Ropes & knots\nversions: '*'\n---\n\nRopes.\n",
    "content/docks/index.md": "---\ntitle: Docks\nversions: '*'\nchildren:\n  - /moor\n---\n",
    "content/docks/moor.md": "---\ntitle: Mooring\nversions: '*'\n---\n\nMooring.\n",
}


@pytest.fixture
def deep_site(tmp_path: Path) -> Site:
    return Site(write(tmp_path / "deep", DEEP))


def test_pages_laid_out_in_one_layout_equal_pages_laid_out_alone(deep_site: Site) -> None:
    """Pieces remembered for one page (sidebar entries, reading order, titles) never carry its state to another."""
    renderer = Renderer(deep_site)
    shared = Layout(deep_site, renderer)
    count = 0
    for page, version in select(deep_site, None):
        result = renderer.render(page, version)
        assert shared.document(page, result) == Layout(deep_site).document(page, result), (page.path, version)
        count += 1
    assert count > 30


def _sidebar(document: str) -> str:
    nav = document.split('<nav class="sidebar"', 1)[1].split("</details>", 1)[0]
    return nav.split("</p>", 1)[1].strip()


def test_sidebar_opens_the_way_to_the_current_page_only(deep_site: Site) -> None:
    renderer = Renderer(deep_site)
    layout = Layout(deep_site, renderer)
    page = deep_site.page(deep_site.config.language("en"), "boats/sails/rig.md")
    assert page is not None
    html = _sidebar(layout.document(page, renderer.render(page, "free-pro-team@latest")))
    assert html == (
        "<ul>"
        '\n  <li class="open"><a href="/en/boats/sails">Sails</a><ul>'
        '\n  <li class="current"><a href="/en/boats/sails/rig" aria-current="page">Rig</a></li>'
        '\n  <li><a href="/en/boats/sails/trim">Trim</a></li>'
        '\n  <li><a href="/en/boats/sails/storm">Storm sails</a></li>'
        "\n</ul></li>"
        '\n  <li><a href="/en/boats/ropes">Ropes &amp; knots</a></li>'
        "\n</ul>"
    )
    # the same product in another version: its own pages, and nothing opened for a page outside the category
    ropes = deep_site.page(deep_site.config.language("en"), "boats/ropes.md")
    assert ropes is not None
    html = _sidebar(layout.document(ropes, renderer.render(ropes, "enterprise-server@3.0")))
    assert re.findall(r"<li( class=\"\w+\")?><a href=\"([^\"]+)\"", html) == [
        ("", "/en/enterprise-server@3.0/boats/sails"),
        ("", "/en/enterprise-server@3.0/boats/hulls"),
        (' class="current"', "/en/enterprise-server@3.0/boats/ropes"),
    ]


@pytest.mark.parametrize("target", ["/en/boats", "/en/a\"b'c<d>&e/é/{0}{html}"])
def test_redirect_page_is_the_built_in_template(deep_site: Site, target: str) -> None:
    layout = Layout(deep_site)
    assert layout._builtin_redirect  # the string, not the template, made the page below
    assert layout.redirect(target) == layout.template("redirect.html").render(target=target)


def test_a_docs_root_redirect_template_is_still_used(tmp_path: Path) -> None:
    root = write(tmp_path / "deep", {**DEEP, "templates/redirect.html": "<p>moved: {{ target }}</p>\n"})
    assert Layout(Site(root)).redirect("/en/a&b") == "<p>moved: /en/a&amp;b</p>\n"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("/en/boats", True),
        ("/en/.well/known", True),
        ("/", False),
        ("/en//boats", False),
        ("/en/boats/", False),
        ("/en/./boats", False),
        ("/en/../boats", False),
        ("/en/..", False),
        ("/en/a:b", False),
        ('/en/say"hi"', False),
        ("no-slash:at-all", True),  # nothing after a slash: no folder to check
    ],
)
def test_redirect_urls_that_are_not_folders_are_refused(url: str, safe: bool) -> None:
    assert _safe(url) is safe


def test_search_text_keeps_words_of_neighbouring_elements_apart() -> None:
    assert html_text("<table><tr><td>a</td><td>b</td></tr></table><p>x&amp;y &lt;z&gt;</p>") == "a b x&y <z>"
    assert html_text("  plain\n text ") == "plain text"
    assert html_text("") == ""


def test_headings_are_a_new_list_each_time() -> None:
    html = '<h2 id="a">A</h2><h3 id="b">B <em>c</em></h3>'
    first = headings(html)
    first.clear()
    assert [h.text for h in headings(html)] == ["A", "B c"]
