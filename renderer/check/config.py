"""Findings about the configuration itself: what ``load_config`` accepted but warned about (a plan without a
title), at the file and line it names. An unusable configuration never gets here: it stops every command."""

from __future__ import annotations

import os

from renderer.check.findings import WARNING, Finding
from renderer.model.site import Site


def check(site: Site, only: set[str] | None) -> list[Finding]:
    out = []
    for w in site.config.warnings:
        file = _relative(w.filename or site.config.source, site)
        if only is None or file in only:
            out.append(Finding("config", w.message, file, w.line or 1, w.column or 1, w.hint or "", WARNING))
    return out


def _relative(path: str, site: Site) -> str:
    """Root-relative when the file is in the docs root (as every finding's file is), else as given."""
    absolute = os.path.abspath(path)
    root = os.path.abspath(site.root)
    return os.path.relpath(absolute, root).replace(os.sep, "/") if absolute.startswith(root + os.sep) else path
