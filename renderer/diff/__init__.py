"""Rendered diffs for review: which page-versions-languages readers will see change, and how.

``engine`` finds them (``diff_revisions`` between git revisions, ``diff_versions`` between two versions), using
``revisions`` (git trees read without touching the working tree), ``affected`` and ``references`` (which pages
can change, from what they use) and ``text`` (rendered HTML as readable text). ``terminal``, ``json_format``
and ``report_html`` present the ``model.DiffResult``.
"""

from renderer.diff.engine import Selection, diff_revisions, diff_versions
from renderer.diff.model import Change, DiffResult, Side

__all__ = ["Change", "DiffResult", "Selection", "Side", "diff_revisions", "diff_versions"]
