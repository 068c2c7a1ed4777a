"""Small helpers to look at and edit tags inside raw HTML tokens (html_block / html_inline content).

Raw HTML passes through Markdown untouched, but the reference transformed the parsed HTML tree, so links and
images written as raw HTML get the same treatment as Markdown ones. These helpers find start tags and their
attributes without building a tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)"
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*" + _VALUE + r")?)*)\s*/?>")
ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")


def attributes(attr_text: str) -> dict[str, str]:
    """Attributes of a start tag (first occurrence wins, names lowercased)."""
    found: dict[str, str] = {}
    for m in ATTRIBUTE.finditer(attr_text):
        name = m.group(1).lower()
        if name not in found:
            value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
            found[name] = value or ""
    return found


def edit_tags(html: str, edit: Callable[[re.Match[str]], str | None]) -> str:
    """Apply `edit` to every tag; it returns replacement markup or None to keep the tag."""

    def substitute(m: re.Match[str]) -> str:
        replacement = edit(m)
        return m.group(0) if replacement is None else replacement

    return TAG.sub(substitute, html)
