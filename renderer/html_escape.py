"""Text put into HTML that the renderer writes itself (not through a Jinja template, which escapes on its own).

One helper a context, so that every place that writes a value into a page escapes it the same way:
``text`` for element content and quoted attribute values, ``script_value`` for a value inside an inline
``<script>`` (JSON with ``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes, so a value holding ``</script>`` or
``<!--`` cannot end the script or start a comment there).
"""

from __future__ import annotations

from typing import Any

import markupsafe
from jinja2.utils import htmlsafe_json_dumps


def text(value: object) -> str:
    """``value`` as HTML text, safe in element content and in a quoted attribute value."""
    return str(markupsafe.escape(value))


def script_value(value: Any) -> str:
    """``value`` as a JavaScript literal safe inside an inline ``<script>`` element."""
    return str(htmlsafe_json_dumps(value))
