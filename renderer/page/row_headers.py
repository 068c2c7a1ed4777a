"""``{% rowheaders %}``: in the tables it holds, the first cell of each body row becomes a row header
(``<th scope="row">``), so that a screen reader names each row by it.

The Liquid tag leaves two marker comments around its body (``liquid/docs_tags.py``); this pass, run on the
article's HTML after Markdown, rewrites the tables between them and removes the markers.
"""

from __future__ import annotations

import re

from renderer.liquid.docs_tags import ROW_HEADERS_END, ROW_HEADERS_START

_REGION = re.compile(re.escape(ROW_HEADERS_START) + r"\n?(.*?)" + re.escape(ROW_HEADERS_END) + r"\n?", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_FIRST_CELL = re.compile(r"<tr>(\s*)<td((?: [^>]*)?)>(.*?)</td>", re.S)


def row_headers(html: str) -> str:
    if ROW_HEADERS_START not in html:
        return html
    return _REGION.sub(lambda m: _BODY.sub(_body, m.group(1)), html)


def _body(m: re.Match[str]) -> str:
    rows = _FIRST_CELL.sub(lambda c: f'<tr>{c.group(1)}<th scope="row"{c.group(2)}>{c.group(3)}</th>', m.group(1))
    return f"<tbody>{rows}</tbody>"
