"""Lists read as remark-parse 7 read them."""

from renderer.markdown import render_markdown
from renderer.markdown.remark_lists import item_text


def test_indented_line_after_blank_continues_item():
    out = render_markdown("1. First\n\n   More of first\n2. Second\n")
    assert out.count("<li>") == 2
    assert "<p>More of first</p>" in out  # the blank line inside the item makes the list loose


def test_two_blank_lines_end_the_list():
    out = render_markdown("- a\n\n\n\n- b\n")
    assert out.count("<ul>") == 2


def test_other_bullet_kind_ends_the_list():
    out = render_markdown("- a\n* b\n")
    assert out.count("<ul>") == 2


def test_tight_list_has_no_paragraphs():
    out = render_markdown("- a\n- b\n")
    assert out == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_blank_line_inside_fence_makes_list_loose():
    out = render_markdown("- a\n\n  ```\n  x\n\n  y\n  ```\n- b\n")
    assert "<p>a</p>" in out and "<p>b</p>" in out


def test_numbered_line_does_not_interrupt_top_level_paragraph():
    assert render_markdown("Intro\n1. not an item\n") == "<p>Intro\n1. not an item</p>"
    assert "<ul>" in render_markdown("Intro\n- an item\n")


def test_numbered_line_interrupts_paragraph_inside_item():
    out = render_markdown("- text\n  1. nested\n")
    assert "<ol>" in out


def test_lazy_line_continues_item_but_heading_ends_list():
    assert render_markdown("- a\nlazy\n") == "<ul>\n<li>a\nlazy</li>\n</ul>"
    assert "<h2" in render_markdown("- a\n## Title\n")


def test_item_text_removes_bullet_width_at_most():
    assert item_text(["1. a", "     b"]) == "a\n b"  # `1.` counts four columns
    assert item_text(["- a", "  b", "c"]) == "a\n  b\nc"  # a line without indent: nothing removed


def test_start_number():
    assert '<ol start="3">' in render_markdown("3. c\n4. d\n")


def test_tab_jumping_past_the_cut_gains_a_tab():
    # remark cut at the last whitespace before the column and prefixed a tab
    assert item_text(["3. a", "  x", "\t\t  y"]) == "a\nx\n\t\t\t  y"


def test_item_inside_blockquote_with_tab_does_not_break_the_parser():
    assert "<blockquote>" in render_markdown("- >\t- a\n")
