"""The one configured MarkdownIt instance: CommonMark + GitHub tables, with every docs rule registered here.

Each change to standard Markdown lives in its own module as a markdown-it rule or renderer hook; this module
only decides which ones run and in what order. The instance is built once and shared.
"""

from __future__ import annotations

from functools import lru_cache

import mdurl
from markdown_it import MarkdownIt

from renderer.markdown.bare_urls import bare_urls_plugin
from renderer.markdown.code_blocks import code_blocks_plugin
from renderer.markdown.emoji import emoji_plugin
from renderer.markdown.entities import legacy_entities_plugin
from renderer.markdown.headings import heading_anchors_plugin
from renderer.markdown.html_blocks import html_blocks_plugin
from renderer.markdown.image_wrappers import image_wrappers_plugin
from renderer.markdown.images import images_plugin
from renderer.markdown.inline_cache import inline_cache_plugin
from renderer.markdown.inline_pre import inline_pre_plugin
from renderer.markdown.local_links import local_links_plugin
from renderer.markdown.normalize import normalize_plugin
from renderer.markdown.paragraph_edges import paragraph_edges_plugin
from renderer.markdown.remark_emphasis import remark_emphasis_plugin
from renderer.markdown.remark_lists import remark_lists_plugin
from renderer.markdown.setext_headings import setext_headings_plugin
from renderer.markdown.strikethrough import strikethrough_plugin
from renderer.markdown.table_align import table_align_plugin
from renderer.markdown.table_cell_code import table_cell_code_plugin
from renderer.markdown.table_rows import table_rows_plugin
from renderer.markdown.tag_selectors import tag_selectors_plugin


def _encode_url(url: str) -> str:
    # remark percent-encoded characters outside the URL-safe set (as mdurl's encode), nothing more:
    # no punycode, no re-formatting of the URL as markdown-it's default normalizeLink does.
    return mdurl.encode(url)


def _keep_text(url: str) -> str:
    return url


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The shared parser/renderer for page bodies and intros."""
    md = MarkdownIt("commonmark", {"html": True})
    md.normalizeLink = _encode_url  # type: ignore[method-assign]
    md.normalizeLinkText = _keep_text  # type: ignore[method-assign]
    normalize_plugin(md)

    # Block syntax as remark-parse 7 read it.
    md.enable("table")
    table_rows_plugin(md)
    remark_lists_plugin(md)
    paragraph_edges_plugin(md)
    html_blocks_plugin(md)
    setext_headings_plugin(md)

    # Inline syntax: remark's emphasis, GFM strikethrough and bare URLs, legacy entities; parsed once per text.
    inline_cache_plugin(md)
    remark_emphasis_plugin(md)
    strikethrough_plugin(md)
    bare_urls_plugin(md)
    legacy_entities_plugin(md)

    # Core rules on the parsed tokens, in this order (they depend only on the text, so a parse is reusable).
    table_align_plugin(md)
    table_cell_code_plugin(md)
    tag_selectors_plugin(md)
    inline_pre_plugin(md)
    emoji_plugin(md)
    image_wrappers_plugin(md)
    heading_anchors_plugin(md)  # last: slugs see emoji and final text

    # Render hooks: code blocks and headers, image alt text, and what depends on the page (links).
    code_blocks_plugin(md)
    images_plugin(md)
    local_links_plugin(md)
    return md
