"""The small modules of the built site on their own: mini TOC, search text, sitemap, link checker."""

from __future__ import annotations

from pathlib import Path

from renderer.build.search_index import entry, html_text, index_json, joined, spliced
from renderer.build.site_links import BrokenLink, broken_links
from renderer.build.sitemap import sitemap_xml
from renderer.layout.minitoc import Heading, headings


def test_minitoc_reads_h2_and_h3_with_ids() -> None:
    html = (
        '<h2 id="a"><a href="#a">First <code>step</code></a></h2><p>x</p>'
        '<h3 id="b">Inner</h3><h4 id="c">Too deep</h4><h2>No id</h2><h2 id="d">Last &amp; least</h2>'
    )
    assert headings(html) == [
        Heading(2, "a", "First step"),
        Heading(3, "b", "Inner"),
        Heading(2, "d", "Last & least"),
    ]


def test_search_text_leaves_out_buttons_and_icons() -> None:
    html = '<p>Run  <b>this</b>:</p><button data-clipboard-text="x">Copy<svg><path/></svg></button><pre>ls</pre>'
    assert html_text(html) == "Run this : ls"


def test_search_entry_and_json_are_stable() -> None:
    e = entry("/en/x", "X", "<p>About x.</p>", '<h2 id="h">Head</h2><p>' + "word " * 2000 + "</p>")
    assert e.headings == ["Head"] and e.intro == "About x."
    assert len(e.text) <= 4000 and not e.text.endswith(" ")
    assert index_json([e]) == index_json([e])
    assert index_json([e]).startswith('[{"headings":["Head"],"intro":"About x.","product":"","text":"Head word')


def test_sitemap_sorted_unique_absolute() -> None:
    xml = sitemap_xml(["/en/b", "/en/a&b", "/en/b"], "https://docs.example.com/")
    assert xml.count("<url>") == 2
    assert xml.index("https://docs.example.com/en/a&amp;b") < xml.index("https://docs.example.com/en/b<")


def test_link_checker(tmp_path: Path) -> None:
    (tmp_path / "en/page").mkdir(parents=True)
    (tmp_path / "img.png").write_bytes(b"x")
    (tmp_path / "en/page/index.html").write_text(
        '<a href="/en/page#top">ok</a><img src="/img.png"><a href="https://example.com/">out</a>'
        '<a href="/en/missing">broken</a><a href=\'../nowhere\'>relative</a><a href="#frag">in page</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [BrokenLink("/en/page/", "/en/missing"), BrokenLink("/en/page/", "../nowhere")]


def test_an_index_spliced_equals_the_index_joined_from_the_new_entries():
    entries = [b'{"a":1}', '{"b":"\u4e2d\u6587"}'.encode(), b'{"c":3}', b'{"d":4}']
    lengths = [len(e) for e in entries]
    new = [b'{"b":"longer entry"}', b'{"d":0}']
    assert spliced(joined(entries), lengths, [(1, new[0]), (3, new[1])]) == joined(
        [entries[0], new[0], entries[2], new[1]]
    )
    assert spliced(joined(entries), lengths, []) == joined(entries)
    assert spliced(joined(entries), [len(e) + 1 for e in entries], [(0, b"{}")]) is None  # other lengths
    assert spliced(joined(entries)[:-1], lengths, [(0, b"{}")]) is None  # cut short
