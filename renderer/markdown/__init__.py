"""Markdown to HTML as the reference docs renderer (remark 7 era) did it, on markdown-it-py.

Public API used by the page pipeline:
  strip_html_comments(source)                       page source before Liquid
  render_markdown(text, links=None, heading_ids=None) article body HTML from the Liquid output
  render_title(text), render_intro(text, links=None)  front-matter title (plain text) and intro (HTML)
  LinkRewriter                                      what a page's `links` must offer: rewrite(href, classes)
"""

from renderer.markdown.comments import strip_html_comments
from renderer.markdown.local_links import LinkRewriter
from renderer.markdown.render import render_intro, render_markdown, render_title

__all__ = ["LinkRewriter", "render_intro", "render_markdown", "render_title", "strip_html_comments"]
