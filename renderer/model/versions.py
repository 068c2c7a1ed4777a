"""Version strings and the semver ranges of front matter ``versions:``.

A version is ``plan@release`` (``enterprise-server@3.1``, ``free-pro-team@latest``). A page's front matter maps
each plan to a range (``'*'``, ``'>=2.22'``, ``'>=2.22 <3.1'``, ``'2.22'``); a plan whose releases are not
numbered (``latest``) is tested as if its release were 1.0, as the reference did. A range that is not valid
semver (``next``) matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from renderer.model.config import Plan, SiteConfig

_COMPARATOR = re.compile(r"^(<=|>=|<|>|=|\^|~)?\s*v?(\d+(?:\.\d+){0,2}|\*|x)$")
UNNUMBERED = (1, 0, 0)


def release_key(release: str) -> tuple[int, int, int] | None:
    """``'2.22'`` -> ``(2, 22, 0)``; None when the release is not numeric (``latest``)."""
    parts = release.split(".")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    nums = [int(p) for p in parts] + [0, 0]
    return (nums[0], nums[1], nums[2])


@lru_cache(maxsize=1024)
def _parse_range(spec: str) -> tuple[tuple[tuple[str, tuple[int, int, int]], ...], ...] | None:
    """A range is alternatives (``||``) of comparator sets (space-separated); None when invalid."""
    alternatives = []
    for alt in spec.split("||"):
        comparators = []
        for token in re.sub(r"(<=|>=|<|>|=)\s+", r"\1", alt.strip()).split():
            m = _COMPARATOR.match(token)
            if not m:
                return None
            op, num = m.group(1) or "=", m.group(2)
            if num in ("*", "x"):
                continue
            key = release_key(num)
            if key is None:
                return None
            if op in ("^", "~") or (op == "=" and num.count(".") < 2):
                # partial versions and caret/tilde ranges cover the releases that share the given prefix
                comparators.extend(_prefix_bounds(op, num, key))
            else:
                comparators.append((op, key))
        alternatives.append(tuple(comparators))
    return tuple(alternatives)


def _prefix_bounds(op: str, num: str, key: tuple[int, int, int]) -> list[tuple[str, tuple[int, int, int]]]:
    depth = num.count(".") + 1
    if op == "^":
        upper = (key[0] + 1, 0, 0) if key[0] else (0, key[1] + 1, 0)
    elif op == "~" and depth >= 2:
        upper = (key[0], key[1] + 1, 0)
    elif depth == 1:
        upper = (key[0] + 1, 0, 0)
    else:
        upper = (key[0], key[1] + 1, 0) if depth == 2 else (key[0], key[1], key[2] + 1)
    return [(">=", key), ("<", upper)]


def satisfies(release_tuple: tuple[int, int, int], spec: str) -> bool:
    parsed = _parse_range(str(spec).strip())
    if parsed is None:
        return False
    return any(all(_compare(release_tuple, op, key) for op, key in alt) for alt in parsed)


def _compare(a: tuple[int, int, int], op: str, b: tuple[int, int, int]) -> bool:
    return {
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
        "=": a == b,
    }[op]


# GitHub's plans by their short names, as its docs named them after 2021; a site's own plans are named in its
# configuration (``short:``).
GITHUB_SHORT_NAMES = {
    "free-pro-team": "fpt",
    "enterprise-cloud": "ghec",
    "enterprise-server": "ghes",
    "github-ae": "ghae",
}


def short_name(plan: Plan) -> str | None:
    return getattr(plan, "short", None) or GITHUB_SHORT_NAMES.get(plan.name)


def plans_by_name(config: SiteConfig) -> dict[str, Plan]:
    """Every name a plan goes by (long and short), to the plan."""
    out: dict[str, Plan] = {}
    for plan in config.plans:
        out[plan.name] = plan
        short = short_name(plan)
        if short:
            out[short] = plan
    return out


def page_versions(
    spec: object, config: SiteConfig, feature: Callable[[str], object] | None = None
) -> tuple[str, ...]:
    """The versions a page exists in, from its front matter ``versions:`` value, in the site's order. Plans may
    be named long or short (``enterprise-server`` or ``ghes``); ``feature: NAME`` (or a list of names) adds the
    versions of ``data/features/NAME.yml``, which ``feature(NAME)`` gives as a ``versions:`` value."""
    if spec == "*":
        return config.versions
    if not isinstance(spec, Mapping):
        return ()
    names = plans_by_name(config)
    ranges = {names[str(k)].name: v for k, v in spec.items() if str(k) in names}
    served = set()
    for plan in config.plans:
        if plan.name not in ranges:
            continue
        rng = str(ranges[plan.name])
        for release in plan.releases:
            key = release_key(release) if plan.numbered else UNNUMBERED
            if key is not None and satisfies(key, rng):
                served.add(f"{plan.name}@{release}")
    wanted = spec.get("feature")
    if wanted and feature is not None:
        for name in [wanted] if isinstance(wanted, str) else list(wanted) if isinstance(wanted, list) else []:
            served.update(page_versions(feature(str(name)), config))
    return tuple(v for v in config.versions if v in served)


def split_version(version: str) -> tuple[str, str]:
    plan, _, release = version.partition("@")
    return plan, release
