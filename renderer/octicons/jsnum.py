"""The few JavaScript number conversions the octicons package applies to attribute strings.

@primer/octicons computes a missing width or height with ``parseInt`` and picks the icon's natural size by
comparing numbers with strings (``Number()`` coercion). Mirroring them keeps odd inputs (``"12px"``, ``"abc"``)
rendering as the reference did.
"""

from __future__ import annotations

import math
import re

_PARSE_INT = re.compile(r"\s*([+-]?)(0[xX][0-9a-fA-F]+|\d+)")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_RADIX = re.compile(r"0([xXoObB])([0-9a-fA-F]+)")


def parse_int(text: str) -> float:
    """JavaScript ``parseInt(text)``: leading integer digits, or NaN."""
    match = _PARSE_INT.match(text)
    if not match:
        return math.nan
    sign, digits = match.groups()
    value = int(digits, 16) if digits[:2] in ("0x", "0X") else int(digits)
    return -value if sign == "-" else value


def to_number(text: str) -> float:
    """JavaScript ``Number(text)`` for a string."""
    stripped = text.strip()
    if not stripped:
        return 0
    if _DECIMAL.fullmatch(stripped):
        return float(stripped)
    if stripped.lstrip("+-") == "Infinity":
        return -math.inf if stripped.startswith("-") else math.inf
    radix = _RADIX.fullmatch(stripped)
    if radix:
        base = {"x": 16, "o": 8, "b": 2}[radix.group(1).lower()]
        try:
            return int(radix.group(2), base)
        except ValueError:
            return math.nan
    return math.nan


def to_string(value: float) -> str:
    """JavaScript ``String(number)`` for the values a size computation can yield."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    return repr(float(value))
