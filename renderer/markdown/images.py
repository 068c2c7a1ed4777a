"""Image `alt` text is the raw source between the brackets, as remark kept it (markdown-it renders it as text)."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll


def render_image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    attrs = "".join(
        f' {name}="{escapeHtml(str(value))}"' for name, value in (token.attrs or {}).items() if name != "alt"
    )
    alt = escapeHtml(unescapeAll(token.content))
    return f'<img{attrs} alt="{alt}">'


def images_plugin(md: MarkdownIt) -> None:
    md.add_render_rule("image", render_image)
