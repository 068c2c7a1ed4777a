"""Liquid templates for the docs: a Liquid front end (lexer, parser) compiled once to Jinja2, rendered many times.

``render()`` is standard Liquid for one-off use; ``Environment`` adds the docs' settings (liquidjs
compatibility, strict mode, the octicon hook, a partials loader) and caches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .environment import Environment, Template
from .errors import LiquidError

__all__ = ["Environment", "LiquidError", "Template", "render"]


def render(source: str, data: Mapping[str, Any] | None = None, *, partials: dict[str, str] | None = None,
           tier: str | None = None) -> str:
    """Render ``source`` as standard Liquid with ``data``; raises LiquidError on a bad template. ``tier``:
    ``tree`` or ``compiled`` forces one (see ``Environment``)."""
    env = Environment(compat="standard", partials=(partials or {}).get, tier=tier)
    return env.from_string(source).render(data or {})
