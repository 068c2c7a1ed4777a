"""Every key ``docs-renderer.yml`` may have: its type, whether it is required, its default and an example.

One table, read three ways: ``config.py`` validates a file against it (unknown keys get a "did you mean"),
``docs-renderer config`` shows the defaults it names, and the test of docs/configuration.md checks that the
document's key table has exactly these rows, so the documentation cannot name a key the code does not know.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    path: str  # dotted: ``plans[].releases``; ``[]`` marks the items of a list
    kind: type | tuple[type, ...]
    required: bool
    default: str  # as the table shows it
    example: str
    meaning: str


KEYS = (
    Key("plans", list, False, "GitHub's three plans of 2021-06-10", "see the top of docs/configuration.md",
        "the plans (products, editions) the site documents, in the order the version picker shows them"),
    Key("plans[].name", str, True, "—", "server",
        "the plan's name in version strings (`server@2.0`), URLs and front matter `versions:`"),
    Key("plans[].title", str, False, "the name, with a warning", "Acme Server",
        "what readers see in the version picker and titles; `Acme Server 2.0` for a release"),
    Key("plans[].releases", list, True, "—", '["2.0", "1.0"]',
        "supported releases, newest first; `[latest]` for a plan without numbered releases"),
    Key("plans[].default", bool, False, "false (the first plan is the default)", "true",
        "the plan whose URLs carry no version segment (`/en/<path>`)"),
    Key("plans[].short", str, False, "none (GitHub's plans: fpt, ghes, ghae, ghec)", "srv",
        "a short name for the plan in version conditions"),
    Key("plans[].deprecated", list, False, "[]", '["0.9"]',
        "releases no longer supported, newest first (`numberedReleases.deprecated`)"),
    Key("plans[].next", str, False, "none", '"2.1"', "the release being written for (`numberedReleases.next`)"),
    Key("plans[].lists", dict, False, "{}", "{legacy: [\"0.8\"]}",
        "more named release lists the content reads (`numberedReleases.<name>`)"),
    Key("languages", list, False,
        "with a config file: the source language only; with none: English and Simplified Chinese",
        "see the top of docs/configuration.md",
        "the languages of the site; the one whose `dir` is `.` is the source"),
    Key("languages[].code", str, True, "—", "ja", "the language's code in URLs (`/ja/...`) and `--lang`"),
    Key("languages[].dir", str, True, "—", "translations/ja",
        "the folder holding its `content/` and `data/`, relative to the docs root; `.` for the source language"),
    Key("languages[].name", str, True, "—", "Japanese", "its name in English"),
    Key("languages[].native", str, False, "the name", "日本語", "its name in itself, for the language picker"),
    Key("languages[].hreflang", str, False, "the code", "ja", "its BCP 47 tag, for `hreflang` and `lang`"),
    Key("limits", dict, False, "every limit's default", "{source_bytes: 16777216}",
        "budgets for one source file, YAML file or render; each given replaces its default (docs/limits.md)"),
)

BY_PATH = {k.path: k for k in KEYS}
TOP_LEVEL = tuple(k.path for k in KEYS if "." not in k.path)


def children(parent: str) -> tuple[str, ...]:
    """The keys of the items of list ``parent`` (``plans`` -> name, title, ...)."""
    prefix = f"{parent}[]."
    return tuple(k.path[len(prefix):] for k in KEYS if k.path.startswith(prefix))


def type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", list: "a list", dict: "a mapping", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)
