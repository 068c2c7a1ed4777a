"""Heading ids for translated pages: each translated heading takes the id of the English heading it translates.

A translation mirrors its English source heading for heading, so the i-th h2–h4 heading of the translated source
translates the i-th of the English source. Both are read from the sources (all versions' branches included),
rendered through Liquid for the version at hand, and paired: translated heading text -> English slug. Links to
``#anchors`` then work in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt

from renderer.markdown.headings import slugify
from renderer.markdown.normalize import normalize_plugin
from renderer.markdown.render import heading_text_of

_BLOCKS = MarkdownIt("commonmark").disable("inline")  # block structure only: headings keep their source
normalize_plugin(_BLOCKS)
SECTION_LEVELS = ("h2", "h3", "h4")
_text = lru_cache(maxsize=65536)(heading_text_of)  # the same headings come back in every version


def section_headings(body: str) -> list[str]:
    """The Markdown source of each h2–h4 heading of a page body, in order."""
    tokens = _BLOCKS.parse(body)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in SECTION_LEVELS]


def english_ids(translated: list[str], english: list[str], render: Callable[[str], str]) -> dict[str, str]:
    """Translated heading text -> English id, pairing the headings by position."""
    ids: dict[str, str] = {}
    for tr, en in zip(translated, english):
        ids[_text(render(tr))] = slugify(_text(render(en)))
    return ids
