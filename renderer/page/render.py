"""Render one page for one version and language: source → Liquid → Markdown → HTML.

Each source is parsed and compiled once (cached on its ``SourceFile``) and rendered per version. A render
records what it read (provenance): the page source, the data files, the configuration.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from renderer.liquid import Environment, LiquidError
from renderer.liquid.version_tags import JUDGE
from renderer.markdown import render_intro, render_markdown, render_title, strip_html_comments
from renderer.markdown.comments import original_line
from renderer.model.config import Language
from renderer.model.errors import WARNING, Diagnostic, DocsError
from renderer.model.site import Page, Site, SourceFile
from renderer.model.urls import LinkContext
from renderer.octicons import render_octicon
from renderer.page.autotitle import auto_titles
from renderer.page.row_headers import row_headers
from renderer.page.translated_ids import english_ids, section_headings
from renderer.page.version_globals import version_globals
from renderer.page.version_judge import VersionJudge


@dataclass
class Rendered:
    path: str
    version: str
    lang: str
    href: str
    title: str = ""
    intro: str = ""
    html: str = ""
    error: str | None = None
    fallback: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    reads: frozenset[str] = frozenset()  # root-relative files this output depends on
    # ``error`` with its location and hint, set with it (the exception itself would lose them when pickled)
    problem: Diagnostic | None = None

    def row(self) -> dict[str, Any]:
        """The export schema (as the goldens), plus ``error``."""
        row: dict[str, Any] = {
            "path": self.path,
            "version": self.version,
            "lang": self.lang,
            "href": self.href,
            "title": self.title,
            "intro": self.intro,
            "html": self.html,
            "error": self.error,
        }
        if self.fallback:
            row["fallback"] = self.fallback
        return row


ANCHOR_MODES = ("english", "reference")


class Renderer:
    """Renders pages of one site; holds what is shared between renders (Liquid environment, contexts).

    ``anchors`` says which ids a translated page's h2–h4 headings get: ``english`` (the English page's, so
    ``#anchor`` links work in every language; see translated_ids.py), or ``reference`` (as GitHub's 2021 renderer:
    English ids only for pages that exist in the default version, the translation's own slugs elsewhere, and
    headings paired and slugged with their Liquid unrendered — bugs kept only to measure conformance).
    """

    def __init__(
        self, site: Site, *, strict: bool = False, anchors: str = "english", cache_dir: Path | None = None
    ) -> None:
        if anchors not in ANCHOR_MODES:
            raise ValueError(f"anchors must be one of {ANCHOR_MODES}")
        self.site = site
        self.anchors = anchors
        # cache_dir: compiled templates kept on disk between builds (the folder's content is run as code)
        self.env = Environment(
            compat="liquidjs", strict=strict, octicon=render_octicon, cache_dir=cache_dir, limits=site.config.limits
        )
        self._max_nesting = site.config.limits.markdown_nesting
        self._globals: dict[tuple[str, str], dict[str, Any]] = {}
        self._inline: dict[str, Any] = {}

    def render(self, page: Page, version: str) -> Rendered:
        href = self.site.href(page.lang, version, page.url_path)
        out = Rendered(page.path, version, page.lang.code, href, fallback=page.fallback)
        reads: set[str] = {self.site.config.source}
        try:
            try:
                self._render_source(page, page.source, version, href, reads, out)
            except DocsError as e:
                _in_file_lines(e, page.source)
                if page.source is page.english:
                    raise
                # a broken translation must not lose the page: serve English, and say why
                served = Diagnostic.of(e, WARNING, default_file=page.source.relfile)
                out.warnings.append(replace(served, message=f"{served.message}; served the English page instead"))
                out.fallback = self.site.config.source_language.code
                self._render_source(page, page.english, version, href, reads, out)
        except DocsError as e:
            if e.filename != page.source.relfile:
                _in_file_lines(e, page.english)
            out.error = _located(e, page.english.relfile)
            out.problem = Diagnostic.of(e, default_file=page.english.relfile)
        except RecursionError:
            out.problem = Diagnostic("nesting too deep (a reusable that includes itself?)", page.source.relfile)
            out.error = str(out.problem)
        except Exception as e:  # noqa: BLE001 - one page's bug must not stop the build
            details = _write_crash_report(f"{page.source.relfile} [{page.lang.code} {version}]")
            out.problem = Diagnostic(
                f"internal error: {type(e).__name__}: {e} (a bug in the renderer, not your page; details in {details})",
                page.source.relfile,
            )
            out.error = str(out.problem)
        out.reads = frozenset(reads)
        return out

    def release(self, page: Page) -> None:
        """Drop what was made for rendering the page's body (its template tree, its heading pairs): a build
        renders all the versions of a page one after the other and never again, and the trees of thousands of
        page bodies were a fifth of a worker's memory. Titles shown in navigation are kept (``nav:`` entries)."""
        for src in (page.source, page.english):
            for template in src.cache.pop("liquid", None) or ():
                if template is not None:
                    self.env.discard(template)
            src.cache.pop("sections", None)

    def _render_source(
        self, page: Page, src: SourceFile, version: str, href: str, reads: set[str], out: Rendered
    ) -> None:
        if src.error:
            raise src.error
        reads.add(src.relfile)
        assert src.doc is not None
        context = self.context(page, src, version, href, reads)
        body, title, intro = self.compiled(src)
        links = self.link_context(page.lang, version)
        ids = self._heading_ids(page, src, version, context)
        html = row_headers(render_markdown(body.render(context), links, ids, self._max_nesting))
        titles = self._titles_into(reads)
        html = auto_titles(html, self.site, page, version, titles, src.doc.body, src.doc.body_line + 1)
        out.title = render_title(title.render(context)) if title else ""
        out.intro = render_intro(intro.render(context), links) if intro else ""
        out.html = html

    @cached_property
    def _titles(self) -> Any:
        """Other pages' titles, for AUTOTITLE links (made when a page first has one)."""
        from renderer.page.titles import Titles  # titles.py renders through this module

        return Titles(self)

    def _titles_into(self, reads: set[str]) -> Callable[[Page, str], str]:
        """Other pages' titles (for AUTOTITLE links), their reads added to ``reads``."""

        def title(page: Page, version: str) -> str:
            with self._titles.recorder.recording() as made_from:
                text = self._titles.title(page, version)
            reads.update(made_from)
            return text

        return title

    def _heading_ids(self, page: Page, src: SourceFile, version: str, context: dict[str, Any]) -> dict[str, str] | None:
        """For a translation: its heading texts -> the English page's ids, in this version."""
        if src is page.english:
            return None
        if self.anchors == "reference" and self.site.config.default_version not in page.versions:
            return None
        pairs = src.cache.get("sections")
        if pairs is None:
            translated = section_headings(strip_html_comments(src.doc.body if src.doc else ""))
            english = page.english.doc.body if page.english.doc and translated else ""  # nothing to pair: unread
            pairs = src.cache["sections"] = (translated, section_headings(strip_html_comments(english)))

        def render(source: str) -> str:
            if "{" not in source or self.anchors == "reference":  # the reference slugged headings unrendered
                return source
            try:
                return self._inline_template(source).render(context)
            except LiquidError:
                return source

        return english_ids(pairs[0], pairs[1], render)

    def _inline_template(self, source: str) -> Any:
        template = self._inline.get(source)
        if template is None:
            template = self._inline[source] = self.env.from_string(source, "<heading>")
        return template

    def compiled(self, src: SourceFile) -> tuple[Any, Any, Any]:
        compiled = src.cache.get("liquid")
        if compiled is None:
            assert src.doc is not None
            meta = src.doc.meta
            body = self.env.from_string(strip_html_comments(src.doc.body), src.relfile, src.doc.body_line)
            title = self.env.from_string(str(meta["title"]), src.relfile) if meta.get("title") else None
            intro = self.env.from_string(str(meta["intro"]), src.relfile) if meta.get("intro") else None
            compiled = src.cache["liquid"] = (body, title, intro)
        return compiled

    def context(self, page: Page, src: SourceFile, version: str, href: str, reads: set[str]) -> dict[str, Any]:
        assert src.doc is not None
        context = dict(self._version_globals(page.lang, version))
        context["page"] = dict(src.doc.meta)
        context["currentPath"] = href
        data = self.site.data(page.lang, reads)
        context["site"] = {"data": data}
        context[JUDGE] = VersionJudge(self.site.config, version, lambda name: _feature(data, name))
        return context

    def _version_globals(self, lang: Language, version: str) -> dict[str, Any]:
        key = (lang.code, version)
        if key not in self._globals:
            self._globals[key] = version_globals(self.site.config, lang.code, version)
        return self._globals[key]

    def link_context(self, lang: Language, version: str) -> LinkContext:
        return self.site.link_context(lang.code, version)


def _in_file_lines(e: DocsError, src: SourceFile) -> None:
    """Point an error in a page body at the line of the file: Liquid saw the body without its HTML comments."""
    if src.doc and e.filename == src.relfile and e.line and e.line > src.doc.body_line:
        e.line = src.doc.body_line + original_line(src.doc.body, e.line - src.doc.body_line)


def _write_crash_report(what: str) -> str:
    """Write the current exception's traceback to a file for a bug report; return the file's path."""
    with tempfile.NamedTemporaryFile("w", prefix="docs-renderer-crash-", suffix=".txt", delete=False) as f:
        f.write(f"while rendering {what}\n\n")
        traceback.print_exc(file=f)
    return f.name


def _located(e: Exception, fallback_file: str) -> str:
    text = str(e)
    return text if getattr(e, "filename", None) else f"{fallback_file}: {text}"


def _feature(data: Any, name: str) -> Any:
    """``data/features/NAME.yml``, parsed (read through the page's data view: its reads are recorded)."""
    features = data.get("features") if hasattr(data, "get") else None
    return features.get(name) if features is not None and hasattr(features, "get") else None
