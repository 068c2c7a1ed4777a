"""docs-renderer: renders GitHub-style multi-version docs (Markdown + Liquid) to HTML."""

__version__ = "0.1.0"
