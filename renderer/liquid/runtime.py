"""What compiled templates call at render time: variable scopes, lookups, Liquid truthiness and operators.

Jinja2's own semantics differ from Liquid's (``0`` and ``""`` are falsy in Python, comparing ``1 < "a"`` raises,
``True == 1``), so compiled templates never use Jinja2 operators on Liquid values: every test and comparison goes
through a function here, registered as a Jinja2 filter (filters are called directly, without ``context.call``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from .budget import Budget
from .errors import UnlocatedError


class _Missing:
    """An undefined value: renders as nothing, compares like nil."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _EmptyLiteral:
    """The ``empty`` keyword: equal to any empty string, array or hash."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "empty"


class _BlankLiteral:
    """The ``blank`` keyword: equal to nil, false, whitespace-only strings and empty collections."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "blank"


EMPTY: Any = _EmptyLiteral()
BLANK: Any = _BlankLiteral()


class LiquidRange:
    """``(a..b)``: iterable, renders as ``a..b``."""

    __slots__ = ("start", "stop")

    def __init__(self, start: int, stop: int) -> None:
        self.start = start
        self.stop = stop

    def __iter__(self):
        return iter(range(self.start, self.stop + 1))

    def __len__(self) -> int:
        return max(0, self.stop - self.start + 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LiquidRange) and (self.start, self.stop) == (other.start, other.stop)

    def __hash__(self) -> int:
        return hash((self.start, self.stop))

    def __str__(self) -> str:
        return f"{self.start}..{self.stop}"


NO_ENTRIES: Any = MappingProxyType({})  # empty and read-only: Scope state not used yet
NO_ITEMS: Any = ()


class Scope:
    """All the variables of one render: local frames (innermost last) over the caller's mapping.

    ``frames[0]`` holds ``assign``/``capture`` results, which Liquid makes visible everywhere in the template;
    ``for`` and ``include`` push frames of their own.
    """

    __slots__ = ("globals", "frames", "env", "counters", "cycles", "active", "ifchanged", "strict", "loops",
                 "tablerows", "signal", "budget")

    def __init__(self, globals_: Mapping[str, Any], env: Any, strict: bool = False,
                 budget: Budget | None = None) -> None:
        self.globals = globals_
        self.frames: list[dict[str, Any]] = [{}]
        self.env = env
        # State most renders never touch starts as a shared empty that cannot be written: the tag that needs
        # one replaces it with its own (``counters or {}`` ...). A scope is made per render and per include.
        self.counters: dict[str, int] = NO_ENTRIES  # type: ignore[assignment]
        self.cycles: dict[Any, int] = NO_ENTRIES  # type: ignore[assignment]
        # the data strings being rendered and their paths (cycle guard), shared with {% render %} scopes
        self.active: list[tuple[str, str]] = NO_ITEMS  # type: ignore[assignment]
        self.ifchanged: list[str] = NO_ITEMS  # type: ignore[assignment]
        self.strict = strict
        self.loops: list[Any] = NO_ITEMS  # type: ignore[assignment]  # enclosing forloops, innermost last
        self.tablerows: list[Any] = NO_ITEMS  # type: ignore[assignment]
        self.signal: str | None = None  # a break/continue signalled by an included template
        self.budget = budget if budget is not None else Budget(env.limits)  # what this render may still spend

    def resolve(self, name: str) -> Any:
        frames = self.frames
        frame = frames[-1]  # innermost first: a loop's own, or (outside loops and includes) the assigns
        if name in frame:
            return frame[name]
        i = len(frames) - 1
        while i:
            i -= 1
            frame = frames[i]
            if name in frame:
                return frame[name]
        counters = self.counters
        if counters and name in counters:
            return counters[name]
        try:
            return self.globals[name]
        except KeyError:
            return MISSING

    def isolated(self) -> Scope:
        """A scope for ``{% render %}``: none of the caller's variables; the data cycle guard and the budget are
        shared."""
        other = Scope({}, self.env, self.strict, self.budget)
        other.active = self.active
        return other


def scope_dict(scope: Scope, field: str) -> dict[Any, Any]:
    """A scope's own dict for ``field`` (replacing the shared empty it starts with, or an empty one)."""
    value: dict[Any, Any] = {}
    setattr(scope, field, value)
    return value


def scope_list(scope: Scope, field: str) -> list[Any]:
    value: list[Any] = []
    setattr(scope, field, value)
    return value


# --- lookups ------------------------------------------------------------------------------------

# Types whose ``liquid_get`` answers every key (the loop objects): looked up before the generic checks.
GETTER_TYPES: set[type] = set()


def getitem(obj: Any, key: Any) -> Any:
    """Liquid's ``obj.key`` / ``obj[key]``, with ``size``, ``first`` and ``last``; MISSING when absent."""
    # The common cases by exact type first: the generic checks below (ABC isinstance) cost more than the lookup.
    t = type(obj)
    if t is dict:
        try:
            return obj[key]
        except KeyError:
            pass
        except TypeError:
            return MISSING
        if key == "size":
            return len(obj)
        if key == "first":
            for k, v in obj.items():
                return [k, v]
        return MISSING
    if t in GETTER_TYPES:
        return obj.liquid_get(key)
    return _getitem(obj, key)


def _getitem(obj: Any, key: Any) -> Any:
    if isinstance(obj, Mapping):
        # Lazy mappings (site.data) record what is read: use ``[]`` only, never iterate.
        try:
            return obj[key]
        except KeyError:
            pass
        except TypeError:
            return MISSING
        if key == "size":
            return len(obj)
        if key == "first" and type(obj) is dict:
            for k, v in obj.items():
                return [k, v]
        return MISSING
    if isinstance(obj, (list, tuple, LiquidRange)):
        if type(key) is int:
            try:
                if isinstance(obj, LiquidRange):
                    obj = list(obj)
                return obj[key]
            except IndexError:
                return MISSING
        if key == "size":
            return len(obj)
        if key == "first":
            return next(iter(obj), MISSING)
        if key == "last":
            seq = list(obj) if isinstance(obj, LiquidRange) else obj
            return seq[-1] if seq else MISSING
        return MISSING
    if isinstance(obj, str):
        if key == "size":
            return len(obj)
        return MISSING
    getter = getattr(obj, "liquid_get", None)
    if getter is not None:
        return getter(key)
    return MISSING


def lookup(scope: Scope, name: str, *keys: Any) -> Any:
    """``name.k1.k2``: the value, or None (strict: an error) when any step is missing."""
    # Scope.resolve, written out here: this is what every variable of both tiers costs.
    frames = scope.frames
    frame = frames[-1]
    if name in frame:
        obj = frame[name]
    elif len(frames) == 1 and not scope.counters:
        obj = scope.globals.get(name, MISSING) if type(scope.globals) is dict else scope.resolve(name)
    else:
        obj = scope.resolve(name)
    if obj is MISSING:
        if scope.strict:
            raise UnlocatedError(f"undefined variable '{name}'")
        return None
    for key in keys:
        obj = getitem(obj, key)
        if obj is MISSING:
            if scope.strict:
                raise UnlocatedError(f"undefined variable '{_missing_path(scope.resolve(name), name, keys)}'")
            return None
    return obj


def _missing_path(obj: Any, name: str, keys: tuple[Any, ...]) -> str:
    """``name.k1...`` up to the first key that is missing (for the strict mode's message)."""
    for i, key in enumerate(keys):
        obj = getitem(obj, key)
        if obj is MISSING:
            return _path_text(name, keys[:i + 1])
    return _path_text(name, keys)


def _path_text(name: str, keys: tuple[Any, ...]) -> str:
    return name + "".join(f".{k}" if isinstance(k, str) and k.replace("-", "_").isidentifier() else f"[{k!r}]"
                          for k in keys)


def lookup_in(name: Any, scope: Scope, *keys: Any) -> Any:
    """``[expr].key``: the value of ``expr`` names the variable to look up."""
    if not isinstance(name, str):
        return None
    obj = scope.resolve(name)
    if obj is MISSING:
        if scope.strict:
            raise UnlocatedError(f"undefined variable '{name}'")
        return None
    for i, key in enumerate(keys):
        obj = getitem(obj, key)
        if obj is MISSING:
            if scope.strict:
                raise UnlocatedError(f"undefined variable '{_path_text(name, keys[:i + 1])}'")
            return None
    return obj


# --- truthiness and operators -------------------------------------------------------------------

def truthy(value: Any) -> bool:
    """Liquid truthiness: only nil and false are falsy (``0``, ``""`` and ``[]`` are true)."""
    return value is not None and value is not False and value is not MISSING


def is_empty(value: Any) -> bool:
    if isinstance(value, (str, list, tuple, Mapping)):
        return len(value) == 0
    return False


def is_blank(value: Any) -> bool:
    if value is None or value is False or value is MISSING:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    return is_empty(value)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def eq(left: Any, right: Any) -> bool:
    """Liquid ``==``: ``1 == 1.0``, but ``true != 1``; ``empty``/``blank`` compare by emptiness."""
    if left is MISSING:
        left = None
    if right is MISSING:
        right = None
    if right is EMPTY:
        return left is not EMPTY and left is not BLANK and is_empty(left)
    if left is EMPTY:
        return right is not BLANK and is_empty(right)
    if right is BLANK:
        return left is not EMPTY and left is not BLANK and is_blank(left)
    if left is BLANK:
        return right is not EMPTY and is_blank(right)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if type(left) is type(right) or (_number(left) and _number(right)):
        try:
            return bool(left == right)
        except Exception:
            return False
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(eq(a, b) for a, b in zip(left, right))
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        return left == right
    return False


def ne(left: Any, right: Any) -> bool:
    return not eq(left, right)


def _ordered(left: Any, right: Any) -> bool:
    """Whether ``left`` and ``right`` can be ordered; mixed types cannot (the comparison is false)."""
    if _number(left) and _number(right):
        return True
    return type(left) is str and type(right) is str


def lt(left: Any, right: Any) -> bool:
    return _ordered(left, right) and left < right


def gt(left: Any, right: Any) -> bool:
    return _ordered(left, right) and left > right


def le(left: Any, right: Any) -> bool:
    return _ordered(left, right) and left <= right


def ge(left: Any, right: Any) -> bool:
    return _ordered(left, right) and left >= right


def contains(container: Any, item: Any) -> bool:
    """``contains``: substring of a string, element of an array, key of a hash; never nil or false."""
    if item is MISSING or item is None or item is False:
        return False
    if isinstance(container, str):
        return to_output(item) in container
    if isinstance(container, (list, tuple, LiquidRange)):
        if item is True:
            return any(x is True for x in container)
        return any(eq(x, item) for x in container)
    if isinstance(container, Mapping):
        try:
            return item in container
        except TypeError:
            return False
    return False


_RELEASE = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")
_VERSION_LIKE = re.compile(r"^(?:[a-z](?:[a-z-]*[a-z])?@)?(?:\d+(?:\.\d+)*|latest)")


_VERSION_KEYS: dict[str, tuple[str | None, tuple[int, int, int]] | None] = {}


def _version_key(version: Any) -> tuple[str | None, tuple[int, int, int]] | None:
    """``plan@release`` -> (plan, coerced semver), a bare release -> (None, semver): the numbered plan's, whatever
    the site calls it; a plan's ``latest`` is 1.0 and ``"latest"`` as its plan marks it unnumbered. None if not a
    version."""
    if not isinstance(version, str):
        return None
    try:
        return _VERSION_KEYS[version]
    except KeyError:
        pass
    key = _parse_version(version)
    if len(_VERSION_KEYS) < 10000:  # the few version strings of a site, not arbitrary text
        _VERSION_KEYS[version] = key
    return key


def _parse_version(version: str) -> tuple[str | None, tuple[int, int, int]] | None:
    if not _VERSION_LIKE.match(version):
        return None
    plan, at, release = version.rpartition("@")
    if release == "latest":  # free-pro-team and github-ae have a single release, compared as 1.0
        return (f"{plan}@latest", (1, 0, 0))
    m = _RELEASE.search(release)
    if not m:
        return None
    return plan if at else None, (int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0))


def _same_plan(a: str | None, b: str | None) -> bool:
    """A bare release is the numbered plan's: it matches any plan with a numbered release (a site has one such
    plan: GitHub's enterprise-server, or its own), never one with only ``latest``."""
    if a is None or b is None:
        other = a if b is None else b
        return other is None or not other.endswith("@latest")
    return a == b


def ver_gt(left: Any, right: Any) -> bool:
    """The docs' ``ver_gt``: same plan and a greater release; anything else is false."""
    a, b = _version_key(left), _version_key(right)
    return a is not None and b is not None and _same_plan(a[0], b[0]) and a[1] > b[1]


def ver_lt(left: Any, right: Any) -> bool:
    a, b = _version_key(left), _version_key(right)
    return a is not None and b is not None and _same_plan(a[0], b[0]) and a[1] < b[1]


# --- output -------------------------------------------------------------------------------------

def to_output(value: Any) -> str:
    """How Liquid prints a value."""
    if type(value) is str:
        return value
    if value is None or value is MISSING or value is EMPTY or value is BLANK:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if isinstance(value, float):
        return _float_str(value)
    if isinstance(value, (list, tuple)):
        _check_size(value)
        return "".join(to_output(v) for v in _flatten(value))
    if isinstance(value, Mapping) and not hasattr(value, "liquid_get"):
        _check_size(value)
        return _inspect(value)
    return str(value)


MAX_PRINTED_ITEMS = 100_000  # YAML aliases can make a small file hold 9^9 items: printing is refused past this


def _check_size(value: Any) -> None:
    """Refuse to print a value whose items, shared ones counted each time, pass ``MAX_PRINTED_ITEMS``."""
    sizes: dict[int, int] = {}

    def size(v: Any) -> int:
        if not isinstance(v, (list, tuple, Mapping)):
            return 1
        known = sizes.get(id(v))
        if known is None:
            items = v.values() if isinstance(v, Mapping) else v
            known = sizes[id(v)] = 1 + sum(size(x) for x in items)
        return known

    if size(value) > MAX_PRINTED_ITEMS:
        raise UnlocatedError(f"value too large to print (more than {MAX_PRINTED_ITEMS:,} items; YAML aliases?)")


def to_output_js(value: Any) -> str:
    """How liquidjs printed a value: as ``to_output`` but numbers as JavaScript writes them (``3.0`` -> ``3``)."""
    if type(value) is float and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return to_output(value)


def _float_str(value: float) -> str:
    if math.isinf(value) or math.isnan(value):
        return str(value)
    text = repr(value)
    if "e" in text:
        mantissa, _, exp = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = "-" if exp.startswith("-") else "+"
        return f"{mantissa}e{sign}{exp.lstrip('+-').zfill(2)}"
    return text


def _flatten(items: Sequence[Any]):
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        else:
            yield item


def _inspect(value: Any) -> str:
    """Ruby's ``inspect`` for hashes and arrays nested in a hash."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_inspect(k)}=>{_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inspect(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "nil"
    return to_output(value)


def range_bound(value: Any) -> int:
    """A range bound as Ruby's ``to_i`` reads it: a leading integer, else 0."""
    if isinstance(value, bool) or value is None or value is MISSING:
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        return int(value)
    m = re.match(r"\s*([-+]?\d+)", to_output(value))
    return int(m.group(1)) if m else 0


def compare_strict(op: str):
    """Standard Liquid's ordering operators: comparing a number with a string is an error."""
    plain = {"<": lt, ">": gt, "<=": le, ">=": ge}[op]

    def compare(left: Any, right: Any) -> bool:
        if (_number(left) and isinstance(right, str)) or (isinstance(left, str) and _number(right)):
            raise UnlocatedError(f"cannot compare {to_output(left)!r} with {to_output(right)!r} using {op}")
        return plain(left, right)

    return compare
