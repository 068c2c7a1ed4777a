"""Strikethrough renders as `<del>` (the reference's tag), not markdown-it's `<s>`."""

from __future__ import annotations

from markdown_it import MarkdownIt


def strikethrough_plugin(md: MarkdownIt) -> None:
    md.enable("strikethrough")
    md.add_render_rule("s_open", lambda self, tokens, idx, options, env: "<del>")
    md.add_render_rule("s_close", lambda self, tokens, idx, options, env: "</del>")
