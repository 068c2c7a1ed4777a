"""The rendered HTML re-parsed as HTML5 and serialized again, as the reference's tree-based pipeline did.

Raw HTML in the sources is not always well-formed, and the reference output is what a browser builds from
it: `<p>text<div>` splits the paragraph, tables get `<tbody>`, `</br>` is `<br>`, a newline right after
`<pre>` goes, stray tags are closed. lexbor (through selectolax) does this in a fraction of a millisecond;
html5lib, much slower, is the fallback when selectolax is missing.
"""

from __future__ import annotations

_RAW_HTML_SIGNS = ("<", "&")


def _lexbor(fragment: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    # The doctype keeps the parser out of quirks mode, where `<table>` would not close an open `<p>`.
    body = LexborHTMLParser("<!DOCTYPE html><body>" + fragment).body
    if body is None:
        return fragment
    return "".join(node.html or "" for node in body.iter(include_text=True))


def _html5lib(fragment: str) -> str:
    import html5lib

    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    return html5lib.serialize(tree, tree="etree", omit_optional_tags=False, quote_attr_values="always")


try:
    import selectolax.lexbor  # noqa: F401

    _reparse = _lexbor
except ImportError:  # pragma: no cover - depends on the environment
    _reparse = _html5lib


def reparse_html(fragment: str) -> str:
    """`fragment` as a browser would build and serialize it."""
    return _reparse(fragment)
