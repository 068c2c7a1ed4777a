"""Parse the arguments of a `{% octicon "name" key="value" ... %}` tag the way the reference did.

The reference searched the tag text (not anchored) for a quoted icon name followed by zero or more
` key="value"` options, where a value may hold only letters, digits, `_`, `-` and whitespace and its closing quote
is optional. So a value is cut at its first other character (`aria-label="It's"` gives `It`), whatever follows is
silently ignored, and `aria-label= "x"` (a space after the `=`) renders an icon without a label. A `label` option
also sets `aria-label`.
"""

from __future__ import annotations

import re

_NAME = r"[a-zA-Z-]+"
_VALUE = r"[a-zA-Z0-9_\s-]+"
# An option's closing quote is optional (`"*`), as it was in the reference.
_OPTION_RE = re.compile(rf'({_NAME})="({_VALUE})"*')
_TAG_RE = re.compile(rf'"(?P<icon>{_NAME})"(?P<options>(?:\s{_NAME}="{_VALUE}"*)*)')


class OcticonSyntaxError(ValueError):
    """The tag text has no quoted icon name."""


def parse_octicon_markup(markup: str) -> tuple[str, dict[str, str]]:
    """Split the text after `octicon` into the icon name and its options, in the order written."""
    match = _TAG_RE.search(markup)
    if match is None:
        raise OcticonSyntaxError(f'octicon tag needs a quoted icon name: octicon "<name>" key="value"; got {markup!r}')
    options: dict[str, str] = {}
    for key, value in _OPTION_RE.findall(match.group("options")):
        options[key] = value
        if key == "label":
            options["aria-label"] = value
    return match.group("icon"), options
