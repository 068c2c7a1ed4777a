"""Lay rendered pages out as HTML documents with the Jinja2 templates of ``templates/``.

A docs root may carry its own ``templates/`` folder; templates it does not have come from the built-in set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

BUILTIN = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(root: Path) -> list[Path]:
    return [d for d in (root / "templates", BUILTIN) if d.is_dir()]


class Layout:
    def __init__(self, root: Path) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(root)]),
            autoescape=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )

    def page(self, **context: Any) -> str:
        return self.env.get_template("page.html").render(**context)
