"""Block-level rules: setext headings, tables, code, image wrappers, raw HTML handling."""

from renderer.markdown import render_markdown
from renderer.model.urls import LinkContext

CTX = LinkContext(
    lang="en",
    version="enterprise-server@3.0",
    default_version="free-pro-team@latest",
    enterprise_releases=("3.1", "3.0"),
    latest_enterprise="3.1",
    plans=("free-pro-team", "enterprise-server", "github-ae"),
    languages=("en", "cn"),
)


def test_setext_needs_one_line_and_unindented_underline():
    assert render_markdown("Title\n---\n").startswith('<h2 id="title">')
    assert render_markdown("a\nb\n---\n") == "<p>a\nb</p>\n<hr>"
    assert render_markdown("  x\n  ---\n") == "<p>  x</p>\n<hr>"  # paragraphs keep their indent
    assert render_markdown("x\n--- \n") == "<p>x</p>\n<hr>"  # trailing space: not an underline


def test_table_row_needs_a_pipe_after_first_character():
    out = render_markdown("| a |\n|---|\n| 1 |\nplain\n")
    assert out.endswith("</table>\n<p>plain</p>")


def test_tabs_expand_in_plain_code_but_not_in_copy_blocks():
    assert "<code>a   b\n</code>" in render_markdown("```\na\tb\n```\n")
    assert 'data-clipboard-text="a\tb"' in render_markdown("```js{:copy}\na\tb\n```\n")
    assert "<span>JavaScript</span>" in render_markdown("```js{:copy}\nx\n```\n")


def test_images_wrapped_in_ordered_items_only():
    wrapped = '<span class="procedural-image-wrapper"><img src="/i.png" alt="i"></span>'
    assert wrapped in render_markdown("1. step\n   - sub ![i](/i.png)\n")
    assert wrapped not in render_markdown("- step ![i](/i.png)\n")
    assert wrapped in render_markdown('<ol><li>\n<img src="/i.png" alt="i">\n</li></ol>\n')


def test_code_in_raw_table_cell_loses_final_newline():
    out = render_markdown("<table><tr><td>\n\n```\nx\n```\n\n</td></tr></table>\n")
    assert "<pre><code>x</code></pre>" in out


def test_html5_reparse():
    out = render_markdown("<table><tr><td>a</br>b</td></tr></table>\n")
    assert "<tbody><tr><td>a<br>b</td></tr></tbody>" in out


def test_selector_like_tag_names():
    out = render_markdown("```shell\nuid <me@x.example>\n```\n")
    assert '<me@x class="example">' in out


def test_links_rewritten_in_markdown_and_raw_html():
    out = render_markdown('[a](/github/x/) <a href="/github/y" class="dotcom-only">b</a>\n', CTX)
    assert 'href="/en/enterprise-server@3.0/github/x"' in out
    assert 'href="/en/github/y"' in out


def test_link_lists_tightened_and_newlines_collapsed():
    out = render_markdown('- <a href="/x">x</a>\n\n- <a href="/y">y</a>\n')
    assert "<p>" not in out
    assert render_markdown("- a\n\n\n- b\n").count("<ul>") == 1  # three newlines become two


def test_tight_item_paragraphs_keep_edge_whitespace():
    out = render_markdown("1. text\n<b>x</b>.\n    \n ![i](/i.png)\n")
    assert "</b>. <span" in out
    assert "</b>.<span" in render_markdown("1. text <b>x</b>.\n     \n   ![i](/i.png)\n")


def test_raw_html_block_ends_only_at_empty_line():
    out = render_markdown("<table>\n  <tr>\n    \n    <td>a</td>\n  </tr>\n</table>\n")
    assert "<pre>" not in out and "<td>a</td>" in out


def test_reparse_is_not_in_quirks_mode():
    assert render_markdown("text <table><tr><td>a</td></tr></table>\n").startswith("<p>text </p><table>")


def test_header_only_table_has_empty_body():
    assert "</thead>\n<tbody></tbody>\n</table>" in render_markdown("| a |\n|---|\n")


def test_inline_pre_keeps_following_newline_but_block_pre_does_not():
    assert "<pre>\n[x]" in render_markdown("1. see: <pre>\n  [x]\n  </pre>\n")
    assert "<pre>[x]" in render_markdown("<pre>\n[x]\n</pre>\n")
