"""Site configuration: which plans, releases and languages a docs site has.

Releases are configuration, not code. The built-in defaults (``defaults.yml``) are the releases of GitHub's
docs on 2021-06-10, so that content written for that day renders with no config of its own. A docs root may
carry ``docs-renderer.yml``; ``--config FILE`` names another file. Top-level keys of the file replace the
defaults' keys whole (``plans:``, ``languages:``), except that a file naming no ``languages`` means the source
language only: a site of one's own does not get GitHub's Chinese copy unasked. Under ``limits:`` each budget
given replaces its default (``limits.py``, docs/limits.md). Every key is in ``config_schema.py``; the checks
of each value are in ``config_values.py``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from renderer.model.config_schema import TOP_LEVEL
from renderer.model.config_values import Reader
from renderer.model.errors import ConfigError, DocsError
from renderer.model.limits import DEFAULT_LIMITS, Limits
from renderer.model.source_files import read_source
from renderer.model.yaml_load import load_yaml
from renderer.model.yaml_positions import positions

CONFIG_NAME = "docs-renderer.yml"
DEFAULTS = Path(__file__).with_name("defaults.yml")
BUILT_IN = "built-in default (GitHub's docs of 2021-06-10)"


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    releases: tuple[str, ...]  # supported, newest first
    default: bool = False  # the plan whose URLs carry no version segment
    deprecated: tuple[str, ...] = ()
    next: str | None = None
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # extra named release lists for Liquid
    short: str | None = None  # its short name in version conditions, when the site gives one

    @cached_property  # (asked for every link a page has: a frozen value, made once)
    def versions(self) -> tuple[str, ...]:
        return tuple(f"{self.name}@{r}" for r in self.releases)

    @property
    def numbered(self) -> bool:
        """Whether releases are numbers (enterprise-server) rather than a single rolling 'latest'."""
        return self.releases != ("latest",)


@dataclass(frozen=True)
class Language:
    code: str  # in URLs: /cn/...
    dir: str  # folder holding content/ and data/, relative to the docs root
    name: str
    native: str | None = None
    hreflang: str | None = None

    @property
    def is_source(self) -> bool:
        return self.dir in (".", "")


@dataclass(frozen=True)
class SiteConfig:
    plans: tuple[Plan, ...]
    languages: tuple[Language, ...]
    source: str = str(DEFAULTS)
    limits: Limits = DEFAULT_LIMITS  # budgets for source files, YAML, renders (limits.py)
    # what does not stop the site from building but will surprise its readers (a plan without a title)
    warnings: tuple[DocsError, ...] = ()
    origins: dict[str, str] = field(default_factory=dict)  # top-level key -> where its value came from

    # cached: a frozen configuration's answers, asked for every URL of every page
    @cached_property
    def versions(self) -> tuple[str, ...]:
        """Every current version string, in display order (plan order, newest release first)."""
        return tuple(v for p in self.plans for v in p.versions)

    @cached_property
    def default_plan(self) -> Plan:
        return next((p for p in self.plans if p.default), self.plans[0])

    @cached_property
    def default_version(self) -> str:
        return self.default_plan.versions[0]

    @cached_property
    def enterprise(self) -> Plan | None:
        """The plan with numbered releases (enterprise-server), which `ver_gt` and legacy links refer to."""
        return next((p for p in self.plans if p.numbered), None)

    def plan(self, name: str) -> Plan | None:
        return next((p for p in self.plans if p.name == name), None)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if code in (lang.code, lang.dir.rsplit("/", 1)[-1]):
                return lang
        known = ", ".join(lang.code for lang in self.languages)
        raise ConfigError(f"unknown language {code!r}; this site has: {known}")

    @property
    def source_language(self) -> Language:
        return next((lang for lang in self.languages if lang.is_source), self.languages[0])


def discover_root(start: Path) -> Path:
    """The docs root for a command run in ``start``: the nearest folder, from ``start`` upward, that holds a
    ``docs-renderer.yml``, else one that holds ``content/``; ``start`` itself when there is neither."""
    start = start.resolve()
    for marker in (CONFIG_NAME, "content"):
        for folder in (start, *start.parents):
            if (folder / marker).exists():
                return folder
    return start


def config_path(root: Path, config_file: Path | None = None) -> Path | None:
    """The configuration file a command run on ``root`` reads, or None when it runs on the defaults alone."""
    path = config_file or (root / CONFIG_NAME)
    if config_file is not None or (os.path.lexists(path) and not path.is_dir()):  # a pipe or device: refused
        return path
    return None


def load_config(root: Path, config_file: Path | None = None) -> SiteConfig:
    """Defaults, overridden by ``config_file`` or else by ``<root>/docs-renderer.yml`` when present."""
    raw, text = _read_yaml(DEFAULTS)
    where = {str(DEFAULTS): positions(text)}
    origin = {key: (str(DEFAULTS), BUILT_IN if key != "limits" else "built-in default (docs/limits.md)")
              for key in TOP_LEVEL}
    path = config_path(root, config_file)
    if path is not None:
        override, text = _read_yaml(path)
        where[str(path)] = positions(text)
        Reader(str(path), where[str(path)]).known_keys(override, TOP_LEVEL, (), "a top-level key")
        for key in override:
            origin[key] = (str(path), f"from {path.name}")
        if "languages" not in override:
            # a site of one's own: only the language it is written in (GitHub's Chinese copy is GitHub's)
            override["languages"] = [lang for lang in raw["languages"] if lang.get("dir") in (".", "")]
            origin["languages"] = (str(DEFAULTS), f"source language only ({path.name} names no languages)")
        raw.update(override)

    def reader(key: str) -> Reader:
        return Reader(origin[key][0], where[origin[key][0]])

    plans, warnings = reader("plans").plans(raw.get("plans"), Plan)
    languages = reader("languages").languages(raw.get("languages"), Language)
    limits = Limits.from_config(raw.get("limits"), origin["limits"][0])
    return SiteConfig(
        plans=plans,
        languages=languages,
        source=str(path) if path is not None else str(DEFAULTS),
        limits=limits,
        warnings=tuple(warnings),
        origins={key: text for key, (_, text) in origin.items()},
    )


def effective(config: SiteConfig) -> dict[str, Any]:
    """The configuration as a file would say it, every default filled in (what ``docs-renderer config`` shows)."""
    plans = []
    for p in config.plans:
        plan: dict[str, Any] = {"name": p.name, "title": p.title, "releases": list(p.releases)}
        plan["default"] = p is config.default_plan
        if p.short:
            plan["short"] = p.short
        if p.deprecated:
            plan["deprecated"] = list(p.deprecated)
        if p.next:
            plan["next"] = p.next
        if p.lists:
            plan["lists"] = {k: list(v) for k, v in p.lists.items()}
        plans.append(plan)
    languages = [
        {"code": lang.code, "dir": lang.dir or ".", "name": lang.name, "native": lang.native or lang.name,
         "hreflang": lang.hreflang or lang.code}
        for lang in config.languages
    ]
    limits = {name: getattr(config.limits, name) for name in config.limits.__dataclass_fields__}
    return {"plans": plans, "languages": languages, "limits": limits}


def _read_yaml(path: Path) -> tuple[dict[str, Any], str]:
    # A config file is read as any source is (a regular file of at most the default source_bytes: the file that
    # could raise the limit is the one being read), but from wherever it is: --config names any file, and a
    # review diff's view of a revision links an unchanged docs-renderer.yml to the working tree.
    try:
        raw = read_source(path, str(path), None, DEFAULT_LIMITS.source_bytes)
        text = raw.decode("utf-8")
        data = load_yaml(text, str(path), DEFAULT_LIMITS.yaml_nodes)
    except FileNotFoundError as e:
        raise ConfigError(f"cannot read config: {e.strerror}", str(path), hint="check the path given") from e
    except UnicodeDecodeError as e:
        raise ConfigError("config is not valid UTF-8", str(path), hint="save it as UTF-8") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ConfigError(f"invalid YAML: {getattr(e, 'problem', e)}", str(path), line, column,
                          hint="fix the YAML syntax (indent with spaces, quote values holding ': ')") from e
    if data is None:
        return {}, text  # an empty file: every default
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping at the top level", str(path), 1, 1,
                          hint="write keys such as 'plans:' and 'languages:' (docs/configuration.md)")
    return data, text
