"""Which ``site.data`` keys a source text refers to, found without rendering it.

``{% data a.b %}``, ``{% indented_data_reference a.b spaces=2 %}``, ``site.data.a.b`` in any Liquid expression, and
each name of an ``{% ifversion %}`` / ``{% elsif %}`` condition as ``features.NAME`` (a feature is
``data/features/NAME.yml``; a plan's name counts too, harmlessly). A key computed at render time
(``glossaries.external[forloop.index0].term``) is cut at the first part that is not a plain name, so it stands for
everything under ``glossaries.external``; the empty key stands for all of ``site.data``. The scan over-approximates
on purpose: a key named in a comment or in a branch not taken still counts, and rendering (with its provenance)
narrows it down afterwards.

The diff asks which pages may read a changed data file (``referenced_keys``, ``related``); the preview asks where
each ``{% data %}`` tag is, to warn of one naming no data (``data_tags``). One reading of the tags for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A tag, with its key: the first plain name after it (a lookahead, so that the match ends where the key starts;
# the group is empty when the tag names no plain name). ``findall`` gives the keys alone.
_DATA_TAG = re.compile(r"\{%-?\s*(?:data|indented_data_reference)\s+(?=([\w-]+(?:\.[\w-]+)*)?)")
# "site" first, so that the scan looks for a literal; the word boundary before it is checked by hand
# (``_site_data_keys``): written as a leading \b, it made this scan of every page and data file 12x slower
_SITE_DATA = re.compile(r"site\s*\.\s*data\b((?:\.[\w-]+)*)")
_WORD = re.compile(r"\w")
_VERSION_TAG = re.compile(r"\{%-?\s*(?:ifversion|elsif)\s([^%]*)")
_CONDITION_NAME = re.compile(r"[A-Za-z_][\w-]*")


def data_tags(text: str) -> Iterator[tuple[str, int]]:
    """Each ``{% data %}`` / ``{% indented_data_reference %}`` tag's key (cut at the first part that is not a plain
    name; ``""`` when none is) and where in ``text`` it starts."""
    for m in _DATA_TAG.finditer(text):
        yield m.group(1) or "", m.end()


def referenced_keys(text: str) -> set[str]:
    """Dotted keys under ``site.data`` that ``text`` may read (``"reusables.repositories.navigate-to-repo"``)."""
    if "{%" not in text and "data" not in text:
        return set()  # no tag, no site.data (most YAML data files)
    keys = set(_DATA_TAG.findall(text))
    if "data" in text:
        keys.update(_site_data_keys(text))
    if "version" in text or "elsif" in text:
        for m in _VERSION_TAG.finditer(text):
            keys.update(f"features.{name}" for name in _CONDITION_NAME.findall(m.group(1)))
    return keys


def _site_data_keys(text: str) -> Iterator[str]:
    for m in _SITE_DATA.finditer(text):
        start = m.start()
        if not (start and _WORD.match(text, start - 1)):  # "site" begins a word
            yield m.group(1).lstrip(".")


def related(ref: str, key: str) -> bool:
    """Whether reading ``ref`` can read the data file whose key is ``key`` (either may hold the other)."""
    return ref == key or not ref or ref.startswith(key + ".") or key.startswith(ref + ".")
