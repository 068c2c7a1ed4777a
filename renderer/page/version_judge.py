"""What the names of an ``{% ifversion %}`` condition mean for one page-version: plans, their short names,
and features (``data/features/NAME.yml``).

- A plan's name, long (``enterprise-server``) or short (``ghes``), holds in that plan's versions.
- ``NAME = R``, ``NAME < R``, ``NAME > R``, ``NAME <= R``, ``NAME >= R`` hold when NAME is the current plan and
  its release compares so with R (semver: ``3.10 > 3.9``); ``NAME != R`` holds when NAME is another plan, or its
  release is not R. A plan without numbered releases cannot be compared (an error that says to use its name).
- A feature holds in the versions its file's ``versions:`` block gives, written as a page's (long or short plan
  names, ranges): ``data/features/NAME.yml`` with ``versions: {fpt: '*', ghes: '>=3.1'}``.
- Any other name is an error naming it, with the names this site knows.

The liquid layer (``liquid/version_tags.py``) parses conditions and asks this judge about each name.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from renderer.liquid.errors import UnlocatedError
from renderer.model.config import SiteConfig
from renderer.model.versions import page_versions, plans_by_name, release_key, split_version


class VersionJudge:
    """Says whether a name or comparison of an ``ifversion`` condition holds in ``version``."""

    def __init__(self, config: SiteConfig, version: str, feature: Callable[[str], Any]) -> None:
        self.config = config
        self.plan, self.release = split_version(version)
        self.version = version
        self._feature = feature  # NAME -> the parsed data/features/NAME.yml, or None
        self._plans = plans_by_name(config)

    def name(self, name: str) -> bool:
        plan = self._plans.get(name)
        if plan is not None:
            return plan.name == self.plan
        return self.version in self._feature_versions(name)

    def compare(self, name: str, op: str, release: str) -> bool:
        plan = self._plans.get(name)
        if plan is None:
            if self._feature(name) is not None:
                raise UnlocatedError(f"{name!r} is a feature: it has no releases to compare with {op} {release}")
            raise self._unknown(name)
        if not plan.numbered:
            error = UnlocatedError(f"{name} has no numbered releases to compare with {op} {release}")
            error.hint = f"use the name alone: {{% ifversion {name} %}}"
            raise error
        if plan.name != self.plan:
            return op == "!="
        mine, theirs = release_key(self.release), release_key(release)
        if mine is None or theirs is None:
            return op == "!="
        return {
            "=": mine == theirs,
            "!=": mine != theirs,
            "<": mine < theirs,
            ">": mine > theirs,
            "<=": mine <= theirs,
            ">=": mine >= theirs,
        }[op]

    def _feature_versions(self, name: str) -> tuple[str, ...]:
        data = self._feature(name)
        if data is None:
            raise self._unknown(name)
        spec = data.get("versions") if hasattr(data, "get") else None
        if spec is None:
            error = UnlocatedError(f"the feature {name!r} has no versions: block")
            error.hint = f"give data/features/{name}.yml a versions: block, as a page's front matter has"
            raise error
        return page_versions(spec, self.config)

    def _unknown(self, name: str) -> UnlocatedError:
        plans = ", ".join(sorted(self._plans))
        close = difflib.get_close_matches(name, list(self._plans), n=1)
        error = UnlocatedError(f"unknown version or feature name {name!r} in ifversion")
        error.hint = (f"did you mean {close[0]!r}? " if close else "") + (
            f"plans: {plans}; a feature is a file data/features/{name}.yml"
        )
        return error
