"""Links and anchors: read from each page-version's Liquid output, resolved as readers follow them."""

from __future__ import annotations

from renderer.check import check_site
from renderer.check.anchors import anchors
from renderer.check.links import extract_links
from renderer.model.site import Site

from .helpers import page, write


def test_links_are_read_from_markdown_references_and_html_but_not_code():
    text = (
        "See [a](/a/b) and [b](/c#frag 'title') and <a class=\"dotcom-only x\" href=\"/d\">d</a>.\n"
        "[ref]: /e/f\n"
        "`[not](/inline-code)`\n"
        "```\n[not](/fenced)\n```\n"
        "[external](https://example.com/x) [local anchor](#here)\n"
    )
    assert extract_links(text) == [
        ("/a/b", []),
        ("/c#frag", []),
        ("/d", ["dotcom-only", "x"]),
        ("/e/f", []),
        ("#here", []),
    ]


def test_anchors_are_heading_slugs_made_unique_and_html_ids():
    text = "# Title\n## Set up `tools` & more!\n## Title\n```\n## not a heading\n```\n<a name=\"old-anchor\"></a>\n"
    assert anchors(text) == {"title", "set-up-tools--more", "title-1", "old-anchor"}


def test_setext_headings_are_anchors_but_list_items_over_a_rule_are_not():
    assert anchors("Title one\n===\n\nSecond\n---\n- item\n---\n") == {"title-one", "second"}


def _site(tmp_path):
    write(tmp_path, "content/index.md", page("Home", extra="children:\n  - /a\n  - /fpt\n  - /b\n"))
    write(tmp_path, "content/a.md", page("A", "## Only on Enterprise\n", extra="redirect_from:\n  - /old-a\n"))
    write(tmp_path, "content/fpt.md", page("Dotcom", "hi\n", versions="\n  free-pro-team: '*'"))
    return tmp_path


def test_a_link_is_checked_in_each_version_the_text_is_shown_in(tmp_path):
    root = _site(tmp_path)
    write(root, "content/b.md", page("B", (
        "[fine everywhere](/a) [through a redirect](/old-a)\n\n"
        "{% if currentVersion == 'free-pro-team@latest' %}[guarded](/fpt){% endif %}\n\n"
        "[unguarded](/fpt)\n"
    )))
    findings = check_site(Site(root))
    assert [(f.kind, f.file, f.line, f.message) for f in findings] == [
        ("link", "content/b.md", 10, "link to /fpt: content/fpt.md is not in this version"),
    ]
    assert findings[0].where == [f"en {v}" for v in Site(root).config.versions if v != "free-pro-team@latest"]


def test_an_anchor_must_exist_in_the_target_version(tmp_path):
    root = _site(tmp_path)
    write(root, "content/a.md", page("A", (
        "{% if currentVersion != 'free-pro-team@latest' %}\n## Only on Enterprise\n{% endif %}\n"
    )))
    write(root, "content/b.md", page("B", "[x](/a#only-on-enterprise)\n"))
    (f,) = check_site(Site(root))
    assert (f.kind, f.where) == ("anchor", ["en free-pro-team@latest"])


def test_a_link_written_in_a_reusable_is_reported_there(tmp_path):
    root = _site(tmp_path)
    write(root, "data/reusables/x.md", "Intro.\nSee [missing](/nowhere).\n")
    write(root, "content/b.md", page("B", "{% data reusables.x %}\n"))
    (f,) = check_site(Site(root))
    assert (f.kind, f.file, f.line, f.column) == ("link", "data/reusables/x.md", 2, 15)


def test_translated_pages_are_checked_in_their_language_as_warnings(tmp_path):
    root = _site(tmp_path)
    write(root, "content/b.md", page("B", "[a](/a)\n"))
    write(root, "translations/zh-CN/content/b.md", page("乙", "[甲](/a#no-such)\n"))
    (f,) = check_site(Site(root))
    assert (f.kind, f.file, f.severity) == ("anchor", "translations/zh-CN/content/b.md", "warning")
    assert f.where[0].startswith("cn ")
