"""Site configuration: which plans, releases and languages a docs site has.

Releases are configuration, not code. The built-in defaults (``defaults.yml``) are the releases of GitHub's
docs on 2021-06-10, so that content written for that day renders with no config of its own. A docs root may
carry ``docs-renderer.yml``; ``--config FILE`` names another file. Top-level keys of the file replace the
defaults' keys whole (``plans:``, ``languages:``); under ``limits:`` each budget given replaces its default
(``limits.py``, docs/limits.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from renderer.errors import ConfigError
from renderer.limits import DEFAULT_LIMITS, Limits
from renderer.source_files import read_source
from renderer.yaml_load import load_yaml

CONFIG_NAME = "docs-renderer.yml"
DEFAULTS = Path(__file__).with_name("defaults.yml")


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    releases: tuple[str, ...]  # supported, newest first
    default: bool = False  # the plan whose URLs carry no version segment
    deprecated: tuple[str, ...] = ()
    next: str | None = None
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # extra named release lists for Liquid

    @property
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

    @property
    def versions(self) -> tuple[str, ...]:
        """Every current version string, in display order (plan order, newest release first)."""
        return tuple(v for p in self.plans for v in p.versions)

    @property
    def default_plan(self) -> Plan:
        return next((p for p in self.plans if p.default), self.plans[0])

    @property
    def default_version(self) -> str:
        return self.default_plan.versions[0]

    @property
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


def load_config(root: Path, config_file: Path | None = None) -> SiteConfig:
    """Defaults, overridden by ``config_file`` or else by ``<root>/docs-renderer.yml`` when present."""
    raw = _read_yaml(DEFAULTS)
    source = str(DEFAULTS)
    path = config_file or (root / CONFIG_NAME)
    if config_file is not None or (os.path.lexists(path) and not path.is_dir()):  # a pipe or device: refused
        override = _read_yaml(path)
        unknown = set(override) - {"plans", "languages", "limits"}
        if unknown:
            raise ConfigError(
                f"{path}: unknown key(s) {', '.join(sorted(unknown))}; expected plans, languages, limits"
            )
        raw.update(override)
        source = str(path)
    try:
        plans = tuple(_plan(p) for p in raw["plans"])
        languages = tuple(Language(**lang) for lang in raw["languages"])
    except (KeyError, TypeError) as e:
        raise ConfigError(f"{source}: invalid plans or languages ({e}); see docs/configuration.md") from e
    if not plans or not languages:
        raise ConfigError(f"{source}: at least one plan and one language are needed")
    limits = Limits.from_config(raw.get("limits"), source)
    return SiteConfig(plans=plans, languages=languages, source=source, limits=limits)


def _plan(raw: dict[str, Any]) -> Plan:
    return Plan(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        releases=tuple(str(r) for r in raw["releases"]),
        default=bool(raw.get("default", False)),
        deprecated=tuple(str(r) for r in raw.get("deprecated", ())),
        next=str(raw["next"]) if raw.get("next") is not None else None,
        lists={k: tuple(str(r) for r in v) for k, v in (raw.get("lists") or {}).items()},
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    # A config file is read as any source is (a regular file of at most the default source_bytes: the file that
    # could raise the limit is the one being read), but from wherever it is: --config names any file, and a
    # review diff's view of a revision links an unchanged docs-renderer.yml to the working tree.
    try:
        raw = read_source(path, str(path), None, DEFAULT_LIMITS.source_bytes)
        data = load_yaml(raw.decode("utf-8"), str(path), DEFAULT_LIMITS.yaml_nodes)
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: cannot read config: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: config is not valid UTF-8", hint="save it as UTF-8") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {getattr(e, 'problem', e)}") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data
