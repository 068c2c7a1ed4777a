"""The blank-line pre-steps between Liquid and Markdown (renderer/markdown/blank_lines.py)."""

from __future__ import annotations

import pytest

from renderer.markdown.blank_lines import collapse_newlines, tighten_link_lists


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n\nb", "a\n\nb"),  # a blank line stays
        ("a\n\n\nb", "a\n\nb"),  # three newlines become two
        ("a\n\n\n\nb", "a\n\n\nb"),  # four become three: left to right, no overlap
        ("a\n\n\n\n\n\nb", "a\n\n\n\nb"),  # six: two runs of three
        ("a\r\n\r\n\r\nb", "a\n\nb"),  # Windows newlines count as newlines
        ("a\r\n\n\r\nb", "a\n\nb"),
        ("a\r\n\r\nb", "a\r\n\r\nb"),
    ],
)
def test_runs_of_three_newlines_become_two(text: str, expected: str) -> None:
    assert collapse_newlines(text) == expected


def test_link_list_items_separated_by_liquid_blank_lines_join() -> None:
    text = '- <a href="/x">X</a>\n\n\n- <a href="/y">Y</a>\n'
    assert tighten_link_lists(text) == '- <a href="/x">X</a>\n- <a href="/y">Y</a>\n'
    assert tighten_link_lists("plain\n\n- item\n") == "plain\n\n- item\n"

