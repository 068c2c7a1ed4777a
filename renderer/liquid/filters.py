"""Liquid's standard filters, with Ruby Liquid's coercions, plus the docs' ``version_num``, ``obj_size``, ``slugify``.

Each filter takes the input value first. Numbers follow Ruby Liquid: floats are computed exactly (Decimal) and
given back as floats, integer division floors, strings are read as numbers when they look like one.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import html
import math
import re
import urllib.parse
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .errors import UnlocatedError
from .runtime import MISSING, LiquidRange, eq, is_empty, to_output, truthy

_FLOAT_TEXT = re.compile(r"\s*-?\d+\.\d+\s*\Z")
_INT_PREFIX = re.compile(r"\s*([-+]?\d+)")


def _str(value: Any) -> str:
    return to_output(value)


def to_number(value: Any) -> int | Decimal:
    if isinstance(value, bool) or value is None or value is MISSING:
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            raise UnlocatedError("not a finite number")
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        if _FLOAT_TEXT.match(value):
            return Decimal(value.strip())
        m = _INT_PREFIX.match(value)
        return int(m.group(1)) if m else 0
    return 0


def _result(value: int | Decimal) -> int | float:
    return float(value) if isinstance(value, Decimal) else value


def _to_int(value: Any) -> int:
    """Ruby Liquid's ``to_integer``: integers, or text that is one; anything else is an error."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_output(value).strip()
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    raise UnlocatedError(f"invalid integer {text!r}")


MAX_ITEMS = 1_000_000  # what one filter may make an array of: a range, or arrays flattened (YAML aliases nest)


def _items(value: Any) -> list[Any]:
    """Ruby Liquid's InputIterator: arrays flattened; a hash or any other value is one item; nil is none."""
    if value is None or value is MISSING:
        return []
    if isinstance(value, (list, tuple)):
        out: list[Any] = []
        _flatten_into(value, out)
        return out
    if isinstance(value, LiquidRange):
        if len(value) > MAX_ITEMS:
            raise UnlocatedError(f"range too long for a filter ({len(value):,} items, at most {MAX_ITEMS:,})")
        return list(value)
    return [value]


def _flatten_into(items: Any, out: list[Any]) -> None:
    for item in items:
        if isinstance(item, (list, tuple)):
            _flatten_into(item, out)
        else:
            out.append(item)
    if len(out) > MAX_ITEMS:  # checked per array, not per item: nested arrays are checked as they end
        raise UnlocatedError(f"array too large for a filter (more than {MAX_ITEMS:,} items; YAML aliases?)")


# --- math -------------------------------------------------------------------------------------

def abs_(value: Any) -> Any:
    return _result(abs(to_number(value)))


def plus(value: Any, other: Any) -> Any:
    return _result(to_number(value) + to_number(other))


def minus(value: Any, other: Any) -> Any:
    return _result(to_number(value) - to_number(other))


def times(value: Any, other: Any) -> Any:
    return _result(to_number(value) * to_number(other))


def divided_by(value: Any, other: Any) -> Any:
    a, b = to_number(value), to_number(other)
    if b == 0:
        raise UnlocatedError("divided by 0")
    if isinstance(a, int) and isinstance(b, int):
        return a // b
    return _result(Decimal(a) / Decimal(b))


def modulo(value: Any, other: Any) -> Any:
    a, b = to_number(value), to_number(other)
    if b == 0:
        raise UnlocatedError("divided by 0")
    if isinstance(a, int) and isinstance(b, int):
        return a % b
    a, b = Decimal(a), Decimal(b)
    return _result(a - b * (a / b).to_integral_value(rounding="ROUND_FLOOR"))


def round_(value: Any, digits: Any = 0) -> Any:
    number = to_number(value)
    places = int(to_number(digits))
    if isinstance(number, int) and places >= 0:
        return number
    try:
        rounded = Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return float(number)
    return int(rounded) if places <= 0 else float(rounded)


def ceil(value: Any) -> int:
    return int(math.ceil(to_number(value)))


def floor(value: Any) -> int:
    return int(math.floor(to_number(value)))


def at_least(value: Any, other: Any) -> Any:
    return _result(max(to_number(value), to_number(other)))


def at_most(value: Any, other: Any) -> Any:
    return _result(min(to_number(value), to_number(other)))


# --- strings ----------------------------------------------------------------------------------

def append(value: Any, other: Any) -> str:
    return _str(value) + _str(other)


def prepend(value: Any, other: Any) -> str:
    return _str(other) + _str(value)


def capitalize(value: Any) -> str:
    text = _str(value)
    return text[:1].upper() + text[1:].lower()


def upcase(value: Any) -> str:
    return _str(value).upper()


def downcase(value: Any) -> str:
    return _str(value).lower()


def strip(value: Any) -> str:
    return _str(value).strip()


def lstrip(value: Any) -> str:
    return _str(value).lstrip()


def rstrip(value: Any) -> str:
    return _str(value).rstrip()


def replace(value: Any, old: Any, new: Any = "") -> str:
    return _str(value).replace(_str(old), _str(new))


def replace_first(value: Any, old: Any, new: Any = "") -> str:
    return _str(value).replace(_str(old), _str(new), 1)


def replace_last(value: Any, old: Any, new: Any) -> str:
    text, old_s = _str(value), _str(old)
    if not old_s:
        return text + _str(new)
    head, sep, tail = text.rpartition(old_s)
    return head + _str(new) + tail if sep else text


def remove(value: Any, other: Any) -> str:
    return _str(value).replace(_str(other), "")


def remove_first(value: Any, other: Any) -> str:
    return _str(value).replace(_str(other), "", 1)


def remove_last(value: Any, other: Any) -> str:
    return replace_last(value, other, "") if _str(other) else _str(value)


def split(value: Any, sep: Any) -> list[str]:
    """Ruby's ``String#split``: a single space splits on runs of whitespace; trailing empty strings go."""
    text = _str(value)
    pattern = _str(sep)
    if pattern == " ":
        parts = text.split()
    elif pattern == "":
        parts = list(text)
    else:
        parts = text.split(pattern)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def strip_html(value: Any) -> str:
    text = _str(value)
    text = re.sub(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", "", text, flags=re.S | re.I)
    return re.sub(r"<.*?>", "", text, flags=re.S)


def strip_newlines(value: Any) -> str:
    return re.sub(r"\r?\n", "", _str(value))


def newline_to_br(value: Any) -> str:
    return re.sub(r"\r?\n", "<br />\n", _str(value))


def escape(value: Any) -> Any:
    if value is None or value is MISSING:
        return value
    return html.escape(_str(value), quote=True).replace("&#x27;", "&#39;")


_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#39|#x27|#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def escape_once(value: Any) -> str:
    text = _str(value)
    out, pos = [], 0
    for m in _ENTITY.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def url_encode(value: Any) -> Any:
    if value is None or value is MISSING:
        return value
    return urllib.parse.quote_plus(_str(value), safe="*")


def url_decode(value: Any) -> Any:
    if value is None or value is MISSING:
        return value
    return urllib.parse.unquote_plus(_str(value))


def base64_encode(value: Any) -> str:
    return base64.b64encode(_str(value).encode()).decode()


def base64_decode(value: Any) -> str:
    try:
        return base64.b64decode(_str(value).encode(), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        raise UnlocatedError("invalid base64 provided to base64_decode") from None


def base64_url_safe_encode(value: Any) -> str:
    return base64.urlsafe_b64encode(_str(value).encode()).decode()


def base64_url_safe_decode(value: Any) -> str:
    text = _str(value)
    try:
        return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode()).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        raise UnlocatedError("invalid base64 provided to base64_url_safe_decode") from None


def truncate(value: Any, length: Any = 50, ellipsis: Any = "...") -> Any:
    if value is None or value is MISSING:
        return value
    text, end = _str(value), _str(ellipsis)
    n = _to_int(length)
    keep = max(n - len(end), 0)
    return text[:keep] + end if len(text) > n else text


def truncatewords(value: Any, words: Any = 15, ellipsis: Any = "...") -> Any:
    if value is None or value is MISSING:
        return value
    text = _str(value)
    n = max(_to_int(words), 1)
    parts = text.split(None, n)
    if len(parts) <= n:
        return text
    return " ".join(parts[:n]) + _str(ellipsis)


def slice_(value: Any, start: Any, length: Any = 1) -> Any:
    begin = _to_int(start)
    count = 1 if length is None or length is MISSING else _to_int(length)
    if isinstance(value, (list, tuple)):
        seq: Any = list(value)
    else:
        seq = _str(value)
    n = len(seq)
    if begin < 0:
        begin += n
        if begin < 0:
            return seq[:0]
    if count < 0 or begin > n:
        return seq[:0] if isinstance(seq, list) else ""
    return seq[begin:begin + count]


# --- arrays -----------------------------------------------------------------------------------

def size(value: Any) -> int:
    if isinstance(value, (str, list, tuple, Mapping, LiquidRange)):
        return len(value)
    return 0


def first(value: Any) -> Any:
    if isinstance(value, (list, tuple, LiquidRange)):
        return next(iter(value), None)
    if isinstance(value, Mapping):
        for key in value:
            return [key, value[key]]
        return None
    if isinstance(value, str):
        return value[:1] or None
    return None


def last(value: Any) -> Any:
    if isinstance(value, (list, tuple, LiquidRange)):
        items = list(value)
        return items[-1] if items else None
    if isinstance(value, str):
        return value[-1:] or None
    return None


def join(value: Any, glue: Any = " ") -> str:
    if isinstance(value, (list, tuple, LiquidRange)):
        return _str(glue).join(_str(v) for v in _items(value))
    return _str(value)


def reverse(value: Any) -> list[Any]:
    return _items(value)[::-1] if not isinstance(value, str) else [value]


def concat(value: Any, other: Any) -> list[Any]:
    if not isinstance(other, (list, tuple)):
        raise UnlocatedError("concat filter requires an array argument")
    return _items(value) + _items(other)


class _NotIndexable(Exception):
    """``item[property]`` on a value that has no ``[]`` (nil, booleans, floats): the filter gives nil."""


def _index(item: Any, key: Any) -> Any:
    """Ruby's ``item[key]`` as the array filters use it."""
    if isinstance(item, Mapping):
        try:
            return item[key]
        except (KeyError, TypeError):
            return None
    getter = getattr(item, "liquid_get", None)
    if getter is not None:
        got = getter(key)
        return None if got is MISSING else got
    if isinstance(item, str):
        if key is None:
            raise _NotIndexable()
        if isinstance(key, str):
            return key if key in item else None
        if isinstance(key, int) and not isinstance(key, bool):
            return item[key] if -len(item) <= key < len(item) else None
        raise UnlocatedError(f"cannot look up {to_output(key)!r} in a string")
    if isinstance(item, (list, tuple)):
        if isinstance(key, int) and not isinstance(key, bool):
            return item[key] if -len(item) <= key < len(item) else None
        raise UnlocatedError(f"cannot look up {to_output(key)!r} in an array")
    if isinstance(item, int) and not isinstance(item, bool):
        if isinstance(key, int) and not isinstance(key, bool):
            return (item >> key) & 1 if key >= 0 else 0
        raise UnlocatedError(f"cannot look up {to_output(key)!r} in a number")
    raise _NotIndexable()


def _prop(item: Any, key: Any) -> Any:
    try:
        return _index(item, key)
    except _NotIndexable:
        return None


def map_(value: Any, key: Any) -> list[Any]:
    out = []
    for item in _items(value):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            raise UnlocatedError("map filter expects hashes")
        out.append(_prop(item, None if key is MISSING else key))
    return out


def _select(value: Any, key: Any, target: Any):
    """Yield (item, matched) like Ruby Liquid's filter_array; _NotIndexable ends it with nil."""
    if target is MISSING:
        target = None
    if key is MISSING:
        key = None
    for item in _items(value):
        got = _index(item, key)
        yield item, (truthy(got) if target is None else eq(got, target))


def where(value: Any, key: Any, target: Any = None) -> Any:
    try:
        return [item for item, ok in _select(value, key, target) if ok]
    except _NotIndexable:
        return None


def reject(value: Any, key: Any, target: Any = None) -> Any:
    try:
        return [item for item, ok in _select(value, key, target) if not ok]
    except _NotIndexable:
        return None


def find(value: Any, key: Any, target: Any = None) -> Any:
    try:
        for item, ok in _select(value, key, target):
            if ok:
                return item
    except _NotIndexable:
        return None
    return None


def find_index(value: Any, key: Any, target: Any = None) -> Any:
    try:
        for i, (_, ok) in enumerate(_select(value, key, target)):
            if ok:
                return i
    except _NotIndexable:
        return None
    return None


def has(value: Any, key: Any, target: Any = None) -> Any:
    try:
        return any(ok for _, ok in _select(value, key, target))
    except _NotIndexable:
        return None


def sum_(value: Any, key: Any = None) -> Any:
    total: int | Decimal = 0
    for item in _items(value):
        if key is None or key is MISSING:
            got = item
        elif isinstance(item, (int, str, list, tuple, Mapping)) and not isinstance(item, bool):
            got = _index(item, key)
        else:
            got = 0
        if isinstance(got, (int, float, Decimal, str)) and not isinstance(got, bool):
            total += to_number(got)
    return _result(total)


def _key_of(item: Any, key: Any) -> Any:
    return item if key is None or key is MISSING else _prop(item, key)


def compact(value: Any, key: Any = None) -> list[Any]:
    return [x for x in _items(value) if _key_of(x, key) is not None]


def uniq(value: Any, key: Any = None) -> list[Any]:
    out: list[Any] = []
    seen: list[Any] = []
    for item in _items(value):
        marker = _key_of(item, key)
        if not any(eq(marker, s) and type(marker) is type(s) for s in seen):
            seen.append(marker)
            out.append(item)
    return out


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool) or value is None:
        return (2, 0)
    if isinstance(value, (int, float, Decimal)):
        return (0, value)
    return (1, _str(value))


def sort(value: Any, key: Any = None) -> list[Any]:
    items = _items(value)
    keyed = [_key_of(x, key) for x in items]
    kinds = {type(k) for k in keyed if k is not None}
    if len(kinds) > 1 and not kinds <= {int, float, Decimal}:
        raise UnlocatedError("cannot sort values of different types")
    order = sorted(range(len(items)), key=lambda i: (keyed[i] is None, _sort_key(keyed[i])))
    return [items[i] for i in order]


def sort_natural(value: Any, key: Any = None) -> list[Any]:
    items = _items(value)
    keyed = [_key_of(x, key) for x in items]
    order = sorted(range(len(items)), key=lambda i: (keyed[i] is None, _str(keyed[i]).lower()))
    return [items[i] for i in order]


def default(value: Any, fallback: Any = "", allow_false: Any = False) -> Any:
    if value is MISSING:
        return fallback
    if truthy(allow_false):
        missing = value is None
    else:
        missing = not truthy(value)
    if missing or is_empty(value):
        return fallback
    return value


# --- dates ------------------------------------------------------------------------------------

def date(value: Any, fmt: Any) -> Any:
    if value is None or value is MISSING:
        return value
    when = _to_datetime(value)
    if when is None or fmt is None or fmt is MISSING or _str(fmt) == "":
        return value
    return _strftime(when, _str(fmt))


def _to_datetime(value: Any) -> _dt.datetime | None:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _dt.datetime.fromtimestamp(value, _dt.UTC)
    text = _str(value).strip()
    if text in ("now", "today"):
        return _dt.datetime.now()
    try:  # a site's few date strings, each read once (strptime tries up to ten formats, each failing slowly)
        return _DATES[text]
    except KeyError:
        pass
    when = _parse_date(text)
    if len(_DATES) < 10000:
        _DATES[text] = when  # datetimes are immutable: one can be handed out any number of times
    return when


_DATES: dict[str, _dt.datetime | None] = {}


def _parse_date(text: str) -> _dt.datetime | None:
    if re.fullmatch(r"\d+", text):
        return _dt.datetime.fromtimestamp(int(text), _dt.UTC)
    for parser in (_dt.datetime.fromisoformat,):
        try:
            return parser(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%a, %d %b %Y %H:%M:%S %z",
                "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%B %d, %Y %H:%M", "%b %d %Y"):
        try:
            return _dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return None


def _strftime(when: _dt.datetime, fmt: str) -> str:
    def one(m: re.Match[str]) -> str:
        flag, code = m.group(1), m.group(2)
        if code == "s":
            return str(int(when.timestamp()))
        if code == "N":
            return f"{when.microsecond * 1000:09d}"
        if code == "L":
            return f"{when.microsecond // 1000:03d}"
        if code == "P":
            return when.strftime("%p").lower()
        if code == "e":
            text = f"{when.day:2d}"
        elif code == "l":
            text = f"{(when.hour % 12) or 12:2d}"
        elif code == "k":
            text = f"{when.hour:2d}"
        elif code == "-":
            return m.group()
        else:
            text = when.strftime("%" + code)
        if flag == "-":
            text = text.lstrip("0 ") or "0"
        elif flag == "^":
            text = text.upper()
        return text

    return re.sub(r"%([-^]?)([a-zA-Z%])", one, fmt)


# --- the docs' own ----------------------------------------------------------------------------

def version_num(value: Any) -> str:
    """``enterprise-server@2.22`` -> ``2.22``."""
    return _str(value).rpartition("@")[2]


def obj_size(value: Any) -> int:
    return len(value) if isinstance(value, (Mapping, list, tuple, str)) else 0


def slugify(value: Any) -> str:
    text = re.sub(r"[^\w\s-]", "", _str(value).lower(), flags=re.UNICODE).strip()
    return re.sub(r"[\s_-]+", "-", text)


FILTERS = {
    "abs": abs_, "append": append, "at_least": at_least, "at_most": at_most, "base64_decode": base64_decode,
    "base64_encode": base64_encode, "base64_url_safe_decode": base64_url_safe_decode,
    "base64_url_safe_encode": base64_url_safe_encode, "capitalize": capitalize, "ceil": ceil, "compact": compact,
    "concat": concat, "date": date, "default": default, "divided_by": divided_by, "downcase": downcase,
    "escape": escape, "h": escape, "escape_once": escape_once, "find": find, "find_index": find_index,
    "first": first, "floor": floor, "has": has, "join": join, "last": last, "lstrip": lstrip, "map": map_,
    "minus": minus, "modulo": modulo, "newline_to_br": newline_to_br, "plus": plus, "prepend": prepend,
    "reject": reject, "remove": remove, "remove_first": remove_first, "remove_last": remove_last,
    "replace": replace, "replace_first": replace_first, "replace_last": replace_last, "reverse": reverse,
    "round": round_, "rstrip": rstrip, "size": size, "slice": slice_, "sort": sort, "sort_natural": sort_natural,
    "split": split, "strip": strip, "strip_html": strip_html, "strip_newlines": strip_newlines, "sum": sum_,
    "times": times, "truncate": truncate, "truncatewords": truncatewords, "uniq": uniq, "upcase": upcase,
    "url_decode": url_decode, "url_encode": url_encode, "where": where,
    "version_num": version_num, "obj_size": obj_size, "slugify": slugify,
}
