"""Budgets: how much one source file, one YAML file or one render may cost before it is refused.

Each limit bounds a way for a small input to cost time or memory without end (a link to ``/dev/zero``, a YAML
alias bomb, reusables that fan out, a loop of a billion steps, lists nested a thousand deep). The defaults are far
above what real docs need (docs/limits.md gives GitHub's 2021 docs' largest value for each); a site that needs
more sets ``limits:`` in ``docs-renderer.yml``. Everything that enforces a limit takes it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from renderer.model.errors import ConfigError, DocsError

HOW_TO_RAISE = "raise limits.{name} in docs-renderer.yml if this is intended (docs/limits.md)"


@dataclass(frozen=True)
class Limits:
    # GitHub's docs of 2021-06 at most, in brackets (docs/limits.md says how each was measured)
    source_bytes: int = 8 * 1024 * 1024  # one page, data file or config file, in bytes [76,110]
    yaml_nodes: int = 1_000_000  # one YAML file's value, every alias counted as what it stands for [1,086]
    loop_iterations: int = 100_000  # loop steps in one render (a page body, title or intro) [203]
    nested_renders: int = 10_000  # reusables with Liquid, and includes, rendered in one render [82]
    output_chars: int = 50_000_000  # text one render produces, a reusable's counted in each output it is in [126,535]
    markdown_nesting: int = 100  # lists and block quotes inside each other [3]

    @classmethod
    def from_config(cls, raw: Any, source: str) -> Limits:
        """The ``limits:`` mapping of a config file: each key replaces its default; all are positive integers."""
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ConfigError(f"{source}: limits: must be a mapping of limit names to numbers; see docs/limits.md")
        known = [f.name for f in fields(cls)]
        unknown = sorted(str(k) for k in raw if k not in known)
        if unknown:
            raise ConfigError(
                f"{source}: unknown limit(s) {', '.join(unknown)}; the limits are {', '.join(known)}",
                hint="see docs/limits.md",
            )
        for name, value in raw.items():
            if type(value) is not int or value < 1:
                raise ConfigError(f"{source}: limits.{name} must be a whole number above 0, not {value!r}")
        return cls(**raw)


DEFAULT_LIMITS = Limits()


class SourceFileError(DocsError):
    """A source file (page, data file, configuration) that is not read: not a regular file, outside the docs
    root, too large, or unreadable."""


class BudgetError(DocsError):
    """An input that would cost more than a budget allows (see ``Limits``)."""


def hint_for(name: str) -> str:
    """What to tell someone who hit limit ``name``."""
    return HOW_TO_RAISE.format(name=name)
