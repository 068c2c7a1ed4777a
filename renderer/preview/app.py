"""The preview's model of the site: pages rendered on request and cached until a change makes them stale.

Nothing is rendered ahead: a request finds its page from the URL (the same URLs ``build`` writes), renders that
one page-version, lays it out with ``Layout.document`` as ``build`` does, and keeps the document and its token.
A change drops exactly the stale documents (see ``dependencies``), then re-renders the pages some tab is showing
and publishes their new tokens, so those tabs reload with the work already done.

Each request renders on its own thread (the server's), holding the shared side of ``lock``: a slow page does
not hold the others up. A change takes the exclusive side, so no render reads a model half forgotten; what one
render records (``Recorder``) is per thread. The model's caches are filled compute-if-absent: two threads making
the same entry make equal values, and the last one kept is as good as the first.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from renderer import html_escape
from renderer.build.search_index import index_json, page_entry
from renderer.layout.document import Layout
from renderer.model import urls
from renderer.model.config import CONFIG_NAME
from renderer.model.errors import Diagnostic, DocsError
from renderer.model.impact import Change, DependencyIndex, Kind, assess, classify
from renderer.model.site import Page, Site
from renderer.page.render import Renderer
from renderer.preview import overlay, reload
from renderer.preview.problems import problems_of
from renderer.preview.shared_lock import SharedLock


@dataclass(frozen=True)
class Document:
    """A served page: its HTML without the reload script, and the token that identifies this content."""

    href: str
    html: str
    token: str
    status: int = 200  # 500: the page failed and this is the error overlay; 404: not in this version


class Preview:
    def __init__(
        self,
        root: Path,
        config_file: Path | None = None,
        *,
        report: Callable[[str, list[Diagnostic]], None] | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.report = report  # told each rendered page's problems (the terminal prints its errors)
        self.config_file = config_file.resolve() if config_file else None
        self.hub = reload.ReloadHub()
        self.lock = SharedLock()
        self.index = DependencyIndex()
        self._docs: dict[str, Document] = {}
        self._compiled_templates = _TemplateCode()
        self._salt: dict[str, int] = {}  # bumped when an asset a page shows changes (its HTML does not)
        self._search: dict[tuple[str, str], str] = {}  # (language, version) -> the search index, until a change
        self.site_error: DocsError | None = None
        self._load()
        if self.site_error:
            raise self.site_error

    # -- the site ------------------------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            self.site = Site(self.root, config_file=self.config_file)
            self.site_error = None
        except DocsError as e:
            self.site_error = e  # keep the previous site object; every page shows the error until it is fixed
        else:
            self.renderer = Renderer(self.site)
            self.layout = self._new_layout()
        self._forget_all()

    def _new_layout(self) -> Layout:
        """A fresh layout (it remembers other pages' titles), keeping the compiled templates of the last one:
        compiling them is most of the cost of a first page. Jinja checks each template's source against its
        cached code, so an edited template is compiled again."""
        layout = Layout(self.site)
        env = getattr(layout, "env", None)
        if isinstance(env, jinja2.Environment) and env.bytecode_cache is None:
            env.bytecode_cache = self._compiled_templates
        return layout

    def _forget_all(self) -> None:
        self._docs.clear()
        self.index.clear()

    @property
    def config_relfile(self) -> str | None:
        """The configuration file, relative to the root (None when it is elsewhere, so not watched)."""
        path = self.config_file or self.root / CONFIG_NAME  # watched even before it exists
        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        return None if rel.startswith("../") else rel

    def warm(self) -> None:
        """Get ready for the first requests: the page tree (front matter of all pages) of the source language,
        the compiled page template, then the other languages' trees. The lock is taken step by step, so a
        request needs to wait only for the step it depends on."""
        config = self.site.config
        with self.lock.shared():
            self.site.page_at(config.source_language, "")  # the language's page tree and its index by URL
        env = getattr(self.layout, "env", None)
        if isinstance(env, jinja2.Environment):
            try:
                with self.lock.shared():
                    env.get_template("page.html")
            except jinja2.TemplateError:
                pass  # the first page shows it in the overlay
        for lang in config.languages:
            with self.lock.shared():
                self.site.page_at(lang, "")

    # -- URLs -> pages ----------------------------------------------------------------------------------
    def locate(self, segments: list[str]) -> tuple[Page, str] | None:
        """The page-version at a URL's path segments (``["en", "enterprise-server@3.1", "a", "b"]``)."""
        if not segments:
            return None
        config = self.site.config
        named = urls.parse(segments, [x.code for x in config.languages], config.versions, config.default_version)
        if named is None:
            return None
        code, version, path = named
        with self.lock.shared():
            page = self.site.page_at(code, path)
        if page is None:
            return None
        return page, version

    # -- documents ---------------------------------------------------------------------------------------
    def document(self, page: Page, version: str) -> Document | None:
        """The page-version's document (None: the page is not in that version and the layout has no stub)."""
        href = self.site.href(page.lang, version, page.url_path)
        with self.lock.shared():
            doc = self._docs.get(href)
            if doc is None:
                # a page whose front matter does not parse is in no version: show why, not "not available"
                if version in page.versions or page.english.doc is None:
                    doc = self._render(page, version, href)
                else:
                    doc = self._stub(page, version, href)
                    if doc is None:
                        return None
                self._docs[href] = doc
        self.hub.publish(href, doc.token)
        return doc

    def _stub(self, page: Page, version: str, href: str) -> Document | None:
        # "not available in this version", as build writes it, where the layout offers one
        not_available = getattr(self.layout, "not_available", None)
        if not_available is None:
            return None
        try:
            html = not_available(page, version)
        except Exception as e:  # noqa: BLE001 - the layout's bug shows in the browser
            html = overlay.error_document(self.root, href, [_problem(e)])
        return Document(href, html, reload.token_of(html), 404)

    def not_found(self) -> str:
        """The 404 document: the layout's when it has one (as build writes /404.html), else a plain one."""
        not_found = getattr(self.layout, "not_found", None)
        if not_found is not None:
            try:
                with self.lock.shared():
                    return not_found()
            except Exception:  # noqa: BLE001 - fall back to the plain page
                pass
        return _NOT_FOUND

    def document_at(self, href: str) -> Document | None:
        """The document for a URL, rendering it when needed (None when no page is there)."""
        found = self.locate([s for s in href.split("/") if s])
        return self.document(*found) if found else None

    def _render(self, page: Page, version: str, href: str) -> Document:
        if self.site_error:
            problems = [_problem(self.site_error)]
            html = overlay.error_document(self.root, href, problems)
            if self.report is not None:
                self.report(href, problems)
            return Document(href, html, reload.token_of(html), 500)
        try:
            rendered = self.renderer.render(page, version)
            problems = problems_of(self.site, page.lang, rendered)
            if rendered.error:
                self.index.record(href, rendered.reads)
                html = overlay.error_document(self.root, href, problems)
            else:
                laid = self.layout.laid_out(page, rendered)
                self.index.record(href, laid.reads)  # the layout's reads too: titles, callouts, ui.yml
                html = overlay.with_overlay(laid.document, self.root, problems)
            status = 500 if rendered.error else 200
        except Exception as e:  # noqa: BLE001 - a template or renderer bug shows in the browser, the server lives
            self.index.record(href, (page.source.relfile, page.english.relfile))
            problems = [_problem(e)]
            html = overlay.error_document(self.root, href, problems).replace(
                "</body>", f"<pre hidden>{html_escape.text(traceback.format_exc())}</pre></body>"
            )
            status = 500
        if self.report is not None:
            self.report(href, problems)
        return Document(href, html, reload.token_of(html, str(self._salt.get(href, 0))), status)

    def search_index(self, lang_code: str, version: str) -> str | None:
        """``/search/<lang>/<version>.json`` as build writes it, made on request from every page of that version
        (and kept until the next change: search is used while writing too). None when there is no such one."""
        key = (lang_code, version)
        with self.lock.shared():
            if key in self._search:
                return self._search[key]
            if self.site_error or lang_code not in {x.code for x in self.site.config.languages}:
                return None
            if version not in self.site.config.versions:
                return None
            entries = []
            for page in self.site.pages(lang_code):
                if version not in page.versions:
                    continue
                rendered = self.renderer.render(page, version)
                if rendered.error is None:
                    entries.append(page_entry(rendered, self.layout.nav.sidebar_head(page, version)))
            self._search[key] = index_json(entries)
            return self._search[key]

    # -- changes -----------------------------------------------------------------------------------------
    def apply(self, changes: Iterable[Change]) -> set[str]:
        """Drop what ``changes`` made stale, re-render the pages tabs are showing; the hrefs whose token changed."""
        with self.lock.exclusive():
            self._search.clear()  # any page's words may have changed: made again when next asked for
            return self._render_open(self._invalidate(list(changes)))

    def reset(self) -> set[str]:
        """Forget everything and read the site again (after an unexpected failure); the hrefs whose token changed."""
        with self.lock.exclusive():
            self._search.clear()
            self._load()
            return self._render_open(None)

    def _render_open(self, stale: set[str] | None) -> set[str]:
        """Render again the stale pages (None: all) that tabs show, publishing their tokens."""
        changed = set()
        for href in self.hub.open_pages():
            if stale is not None and href not in stale:
                continue
            before = self.hub.current(href)
            self._docs.pop(href, None)
            doc = self.document_at(href)
            if doc is None:  # the page is gone: tell the tab, which will then show the 404
                self.hub.publish(href, reload.MISSING)
                changed.add(href)
            elif doc.token != before:
                changed.add(href)
        return changed

    def changes(self, burst: dict[str, str]) -> list[Change]:
        """Settle a burst of file events (path -> its first event: created, deleted, modified, moved)."""
        out = []
        for rel, first in burst.items():
            existed = first in ("modified", "deleted") or self.index.known(rel)
            out.append(Change(rel, existed, os.path.exists(self.root / rel)))
        return out

    def _invalidate(self, changes: list[Change]) -> set[str] | None:
        """Forget stale sources and documents; the stale hrefs, or None when everything is stale (``impact.py``'s
        rules over the reads of the pages served so far)."""
        config = self.site.config
        if any(classify(ch.relfile, config, self.config_relfile) is Kind.CONFIG for ch in changes):
            self._load()  # a new site model: plans, languages
            return None
        for ch in changes:
            kind = classify(ch.relfile, config, self.config_relfile)
            if kind is Kind.PAGE and ch.structural:
                self.site.forget(ch.relfile)
            elif kind is Kind.DATA:
                self.site.forget(ch.relfile)
                clear = getattr(self.renderer.env, "clear_caches", None)
                if clear is not None:
                    clear()  # compiled data strings are keyed by their text: old ones would only pile up

        def tree_changed(relfile: str) -> bool:
            # read again; with the same front matter the pages showing it take the new text in place
            return not self.site.refresh(relfile)

        impact = assess(changes, config, self.config_relfile, tree_changed)
        if impact.whole_site:
            self.site.forget_tree()
            self.layout = self._new_layout()  # it remembers other pages' titles
            self._forget_all()
            return None
        stale: set[str] = set()
        for asset in impact.assets:  # the page's HTML is the same: its tab reloads to fetch the file again
            for href, doc in self._docs.items():
                if "/" + asset in doc.html:
                    self._salt[href] = self._salt.get(href, 0) + 1
                    stale.add(href)
        self.layout.forget(impact.readers_of)
        stale |= self.index.readers(impact.readers_of)
        for href in stale:
            self._docs.pop(href, None)
            self.index.drop(href)
        return stale


class _TemplateCode(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory across layouts."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


_NOT_FOUND = """<!doctype html>
<html><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>No page at this address in this preview.</p></body></html>
"""


def _problem(e: BaseException) -> Diagnostic:
    filename = getattr(e, "filename", None)
    line = getattr(e, "line", None) or getattr(e, "lineno", None)
    column = getattr(e, "column", None)
    message = getattr(e, "message", None) or str(e)
    return Diagnostic(f"{type(e).__name__}: {message}", filename, line, column)
