"""The rendered HTML re-parsed as HTML5 and serialized again, as the reference's tree-based pipeline did.

Raw HTML in the sources is not always well-formed, and the reference output is what a browser builds from
it: `<p>text<div>` splits the paragraph, tables get `<tbody>`, `</br>` is `<br>`, a newline right after
`<pre>` goes, stray tags are closed. lexbor (through selectolax) does this in a fraction of a millisecond;
html5lib, much slower, is the fallback when selectolax is missing.
"""

from __future__ import annotations

from typing import Any

_RECENT = 4
_trees: dict[str, Any] = {}  # the last few outputs -> the parsed tree each was serialized from


def _lexbor(fragment: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    # The doctype keeps the parser out of quirks mode, where `<table>` would not close an open `<p>`.
    tree = LexborHTMLParser("<!DOCTYPE html><body>" + fragment)
    if tree.body is None:
        return fragment.strip()
    html = "".join(node.html or "" for node in tree.body.iter(include_text=True)).strip()
    # What reads the body back (mini TOC, search text) would parse it again: the tree serves it instead.
    _trees[html] = tree
    if len(_trees) > _RECENT:
        _trees.pop(next(iter(_trees)), None)  # (the preview renders on several threads)
    return html


def tree_of(html: str) -> Any | None:
    """The lexbor tree ``html`` was serialized from, when it is one of the last few outputs of `reparse_html`.
    Handed out once: its reader may change it."""
    return _trees.pop(html, None)


_same: dict[str, str] = {}  # the last few outputs made from another by filling in attribute values -> that one


def reads_as(html: str, source: str) -> None:
    """Say that ``html`` is ``source`` with other attribute values (a version's hrefs): its headings and text,
    what readers of the tree take from it, are the same (``text_source``)."""
    _same[html] = source
    if len(_same) > 4 * _RECENT:
        _same.pop(next(iter(_same)), None)


def text_source(html: str) -> str:
    """The output whose headings and text ``html`` has (``reads_as``), else ``html`` itself."""
    return _same.get(html, html)


def _html5lib(fragment: str) -> str:
    import html5lib

    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    return html5lib.serialize(tree, tree="etree", omit_optional_tags=False, quote_attr_values="always").strip()


try:
    import selectolax.lexbor  # noqa: F401

    _reparse = _lexbor
except ImportError:  # pragma: no cover - depends on the environment
    _reparse = _html5lib


def reparse_html(fragment: str) -> str:
    """`fragment` as a browser would build and serialize it, trimmed."""
    return _reparse(fragment)
