"""The checks of each value of a configuration file, each failure naming file:line:column and what to do.

``Reader`` knows the file and where each of its keys is written (``yaml_positions``); ``plans`` and
``languages`` turn the raw lists into ``Plan`` and ``Language`` values or raise a located ``ConfigError``.
What is allowed but will surprise readers (a plan without a title) is returned as a warning instead.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from renderer.model.config_schema import BY_PATH, children, type_name
from renderer.model.errors import ConfigError, DocsError
from renderer.model.yaml_positions import Path, nearest

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # it goes into URLs and version strings (plan@release)
NUMBERED = re.compile(r"^\d+(\.\d+){0,2}$")  # what a semver range can compare
HELP = "see docs/configuration.md"


class Reader:
    def __init__(self, file: str, where: dict[Path, tuple[int, int]]) -> None:
        self.file = file
        self.where = where

    def error(self, path: Path, message: str, hint: str = HELP) -> ConfigError:
        line, column = nearest(self.where, path)
        return ConfigError(message, self.file, line, column, hint=hint)

    def known_keys(self, raw: dict[str, Any], known: tuple[str, ...], path: Path, what: str) -> None:
        for key in raw:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"the keys are {', '.join(known)}"
                raise self.error((*path, str(key)), f"unknown key {key!r}: not {what}", f"{hint}; {HELP}")

    def typed(self, raw: dict[str, Any], key: str, schema: str, path: Path) -> Any:
        value = raw.get(key)
        spec = BY_PATH[schema]
        if value is None:
            if spec.required:
                raise self.error(path, f"{schema.replace('[]', '')} is missing", f"add '{key}: {spec.example}'")
            return None
        if type(value) not in (spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)):
            quote = " (put it in quotes)" if spec.kind is str and isinstance(value, (int, float)) else ""
            raise self.error((*path, key), f"{key} must be {type_name(spec.kind)}, not {value!r}{quote}",
                             f"for example '{key}: {spec.example}'")
        return value

    def texts(self, value: list[Any], key: str, path: Path) -> tuple[str, ...]:
        """A list of releases: each written as text (``2.10`` unquoted is the number 2.1)."""
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error((*path, key, i), f"{key}: {item!r} is not text",
                                 f"put releases in quotes: '{item}' (YAML reads 2.10 as the number 2.1)")
        return tuple(value)

    # -- plans ---------------------------------------------------------------------------------------------
    def plans(self, raw: Any, plan_type: type) -> tuple[tuple[Any, ...], list[DocsError]]:
        if not isinstance(raw, list) or not raw:
            raise self.error(("plans",), "plans must be a list of at least one plan",
                             "add '- {name: docs, title: Docs, releases: [latest]}' under plans:")
        plans, warnings, names = [], [], set()
        for i, item in enumerate(raw):
            path: Path = ("plans", i)
            if not isinstance(item, dict):
                raise self.error(path, f"a plan must be a mapping, not {item!r}", "give it name:, title: and releases:")
            self.known_keys(item, children("plans"), path, "a key of a plan")
            name = self.typed(item, "name", "plans[].name", path)
            if not NAME.match(name):
                raise self.error((*path, "name"), f"plan name {name!r} has characters URLs cannot carry",
                                 "use letters, digits, '.', '_' and '-' (it appears in URLs: /en/<name>@<release>)")
            if name in names:
                raise self.error((*path, "name"), f"two plans are named {name!r}", "give each plan its own name")
            names.add(name)
            releases = self.releases(item, path)
            title = self.typed(item, "title", "plans[].title", path)
            if title is None:
                line, column = nearest(self.where, (*path, "name"))
                warnings.append(DocsError(
                    f"plan {name!r} has no title: readers see {name!r} in the version picker and page titles",
                    self.file, line, column, hint=f"add 'title: ...' to the plan ({HELP})", severity="warning"))
            lists = self.typed(item, "lists", "plans[].lists", path) or {}
            plans.append(plan_type(
                name=name,
                title=title or name,
                releases=releases,
                default=bool(self.typed(item, "default", "plans[].default", path)),
                deprecated=self.texts(self.typed(item, "deprecated", "plans[].deprecated", path) or [],
                                      "deprecated", path),
                next=self.release_text(item, "next", path),
                lists={str(k): self.texts(v if isinstance(v, list) else [v], str(k), (*path, "lists"))
                       for k, v in lists.items()},
                short=self.typed(item, "short", "plans[].short", path),
            ))
        defaults = [i for i, p in enumerate(plans) if p.default]
        if len(defaults) > 1:
            raise self.error(("plans", defaults[1], "default"), "more than one plan says default: true",
                             "only one plan's URLs can go without a version segment; keep default: on one")
        return tuple(plans), warnings

    def releases(self, item: dict[str, Any], path: Path) -> tuple[str, ...]:
        value = self.typed(item, "releases", "plans[].releases", path)
        releases = self.texts(value, "releases", path)
        if not releases:
            raise self.error((*path, "releases"), "releases is empty", "write [latest] for a plan without releases")
        if releases == ("latest",):
            return releases
        for i, release in enumerate(releases):
            if not NUMBERED.match(release):
                raise self.error((*path, "releases", i), f"release {release!r} is not a number such as 2.0",
                                 "numbered releases are compared as versions; a plan without them is [latest]")
        if len(set(releases)) != len(releases):
            raise self.error((*path, "releases"), "a release is listed twice", "list each release once")
        return releases

    def release_text(self, item: dict[str, Any], key: str, path: Path) -> str | None:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise self.error((*path, key), f"{key}: {value!r} is not text", f"put it in quotes: {key}: '{value}'")
        return value

    # -- languages -----------------------------------------------------------------------------------------
    def languages(self, raw: Any, language_type: type) -> tuple[Any, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.error(("languages",), "languages must be a list of at least one language",
                             "add '- {code: en, dir: ., name: English}' under languages:")
        out, codes = [], set()
        for i, item in enumerate(raw):
            path: Path = ("languages", i)
            if not isinstance(item, dict):
                raise self.error(path, f"a language must be a mapping, not {item!r}",
                                 "give it code:, dir: and name:")
            self.known_keys(item, children("languages"), path, "a key of a language")
            values = {key: self.typed(item, key, f"languages[].{key}", path) for key in children("languages")}
            if not NAME.match(values["code"]):
                raise self.error((*path, "code"), f"language code {values['code']!r} cannot go into URLs",
                                 "use letters, digits and '-' (en, ja, pt-BR)")
            if values["code"] in codes:
                raise self.error((*path, "code"), f"two languages have code {values['code']!r}",
                                 "give each language its own code")
            codes.add(values["code"])
            out.append(language_type(**values))
        if not any(lang.is_source for lang in out):
            raise self.error(("languages",), "no language has dir: '.', the language the site is written in",
                             "give the source language dir: '.'")
        return tuple(out)
