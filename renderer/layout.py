"""Lay rendered pages out as HTML documents with the Jinja2 templates of ``templates/``.

A docs root may carry its own ``templates/`` folder; templates it does not have come from the built-in set.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from renderer.render import Rendered
from renderer.site import Page, Site

BUILTIN = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(root: Path) -> list[Path]:
    return [d for d in (root / "templates", BUILTIN) if d.is_dir()]


class Layout:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(site.root)]),
            autoescape=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )

    def document(self, page: Page, result: Rendered) -> str:
        """The whole HTML document of one rendered page-version."""
        plan = self.site.config.plan(result.version.split("@")[0])
        return self.env.get_template("page.html").render(
            page=result,
            lang=page.lang,
            version=result.version,
            version_title=plan.title if plan else result.version,
        )
