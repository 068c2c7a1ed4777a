"""Find the page-versions whose rendered output differs: between two revisions, or between two versions.

Between revisions: the changed files give the candidates (``affected``); each candidate is rendered on the head
side, and on the base side only when the head's laid-out page read a changed file (or a file was deleted,
which no render can record as read). What is compared is what readers get: the laid-out document, field by
field (``LaidOut.fields``: title, intro, body, callouts, navigation, availability), the page's old URLs
(``redirect``), its error and fallback language; a difference in none of those fields but in the document is
``layout``.
"""

from __future__ import annotations

import html
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from renderer import workers
from renderer.console.progress import Progress
from renderer.diff.affected import Candidates, affected
from renderer.diff.model import Change, DiffResult, Side
from renderer.diff.revisions import Git, changed_files, merge_base, view
from renderer.layout.document import Layout
from renderer.model.config import CONFIG_NAME, Language
from renderer.model.impact import Change as FileChange
from renderer.model.impact import assess, tree_fields
from renderer.model.selection import Selection
from renderer.model.site import Page, Site
from renderer.page.render import Rendered, Renderer


def diff_revisions(
    root: Path,
    base: str,
    head: str | None = None,
    selection: Selection | None = None,
    config_file: Path | None = None,
    jobs: int = 1,
    exhaustive: bool = False,
    progress: Progress | None = None,
    exact: bool = False,
) -> DiffResult:
    """What readers of each page-version-language see change from ``base`` to ``head`` (None: working tree).

    The base side is the merge base of ``base`` and ``head`` (what a pull request compares with), or ``base``
    itself when ``exact``. ``jobs`` > 1 renders on that many forked processes. ``exhaustive`` renders every
    page-version on both sides instead of the candidates found from what changed (slow; a check on the
    dependency analysis).
    """
    started = time.perf_counter()
    sel = selection or Selection()
    root = Path(root).resolve()
    label = f"base {base}"
    if not exact:
        fork = merge_base(root, base, head)
        if fork != Git(root).commit(base):
            label = f"base {base} (merge base {fork[:10]})"
        base = fork
    changed = changed_files(root, base, head)
    result = DiffResult(left=label, right=f"head {head}" if head else "working tree")
    result.changed_files = sorted(changed)
    global_files = _inside(root, config_file)
    with tempfile.TemporaryDirectory(prefix="docs-renderer-diff-") as tmp:
        base_root = view(root, base, Path(tmp) / "base")
        head_root = view(root, head, Path(tmp) / "head")
        base_site = Site(base_root, config_file=_moved(config_file, root, base_root), trusted=(root,), unchanging=True)
        head_site = Site(head_root, config_file=_moved(config_file, root, head_root), trusted=(root,), unchanging=True)
        sel.check_versions(head_site)
        if exhaustive:
            candidates = Candidates(everything=True)
        else:
            candidates = affected(head_site, changed, global_files, sel.languages(head_site), base_site)
        result.everything = candidates.everything
        if candidates.everything or candidates.pages:
            _compare(base_site, head_site, candidates, set(changed), sel, result, jobs, progress)
    result.seconds = time.perf_counter() - started
    return result


def _inside(root: Path, config_file: Path | None) -> list[str]:
    if config_file is None:
        return []
    try:
        return [Path(config_file).resolve().relative_to(root).as_posix()]
    except ValueError:
        return []


def _moved(config_file: Path | None, root: Path, side_root: Path) -> Path | None:
    """A ``--config`` inside the docs root is read from each side's own tree."""
    inside = _inside(root, config_file)
    return side_root / inside[0] if inside else config_file


class _Side:
    def __init__(self, site: Site, other: _Side | None = None, twin: bool = False) -> None:
        self.site = site
        self.renderer = Renderer(site)
        if other is not None:
            # the same Liquid settings on both sides: share compiled reusables (cached by their text), and
            # compiled pages too when both sides have the very same pages (``twin``: no page source changed)
            self.renderer.env = other.renderer.env
        self.twin = other if twin else None
        self.layout = Layout(site, self.renderer)
        self._pages: dict[str, dict[str, Page]] = {}

    def pages(self, lang: Language) -> dict[str, Page]:
        if self.twin is not None:
            return self.twin.pages(lang)
        if lang.code not in self._pages:
            self._pages[lang.code] = {p.path: p for p in self.site.pages(lang)}
        return self._pages[lang.code]

    def render(self, page: Page, version: str, layout_as: Shown | None = None, article_only: bool = False) -> Shown:
        """The page-version as readers get it; ``layout_as``: the other side's, whose layout read nothing that
        differs between the sides, so that what the layout put around the article is the same here (only the
        article is made: laying out is a third of the work). ``article_only``: no layout on either side (none
        can differ), so the fields are the article's."""
        r = self.renderer.render(page, version)
        redirects = tuple(sorted(str(x) for x in page.meta.get("redirect_from") or () if x))
        if r.error:
            return Shown(r, "", {"error": r.error}, r.reads, redirects)
        if article_only:
            return Shown(r, "", {"title": r.title, "intro": r.intro, "body": r.html}, r.reads, redirects)
        if layout_as is not None and "error" not in layout_as.fields:
            fields = {**layout_as.fields, "title": r.title, "intro": r.intro, "body": r.html}
            return Shown(r, "", fields, r.reads | layout_as.layout_reads, redirects, layout_as.layout_reads)
        laid = self.layout.laid_out(page, r)
        return Shown(r, laid.document, laid.fields, laid.reads, redirects, laid.layout_reads)


@dataclass(frozen=True)
class Shown:
    """A page-version as its readers get it, on one side of the diff."""

    rendered: Rendered
    document: str
    fields: dict[str, str]
    reads: frozenset[str]
    redirects: tuple[str, ...]  # its old URLs (redirect_from)
    layout_reads: frozenset[str] = frozenset()  # what the layout read to make what is around the article

    def differences(self, other: Shown, changed: set[str] | None = None) -> list[str]:
        """The fields readers see differently, in reading order; [] when nothing differs. ``changed``: the files
        that changed between the sides, when known (between revisions)."""
        names = [k for k in {**self.fields, **other.fields} if self.fields.get(k) != other.fields.get(k)]
        if self.rendered.fallback != other.rendered.fallback:
            names.append("fallback")
        if self.redirects != other.redirects:
            names.append("redirect")
        # (a side not laid out has the other's layout: see _Side.render)
        if self.document and other.document and self.document != other.document:
            if not names:
                names.append("layout")
            elif (
                changed is not None
                and (self.layout_reads | other.layout_reads) & changed  # what the layout itself read changed
                and not {"nav", "availability"} & set(names)
                and self._chrome() != other._chrome()
            ):
                names.append("layout")  # an edit of the article and of the template at once is told as both
        return names

    def _chrome(self) -> str:
        """The document without what the fields written as one string say (article, title, intro, callouts), in
        plain and in escaped form: what the templates and the chrome's words put around them. (The navigation is
        made of links and lists, not one string: where it differs, what else differs around it is not told.)"""
        doc = self.document
        for name, value in self.fields.items():
            if name not in ("nav", "availability") and value:
                doc = doc.replace(value, "").replace(html.escape(value, quote=False), "")
        return doc


def _compare(
    base: Site,
    head: Site,
    cands: Candidates,
    changed: set[str],
    sel: Selection,
    out: DiffResult,
    jobs: int,
    progress: Progress | None = None,
) -> None:
    new_side = _Side(head)
    same_pages = not cands.everything and not any(_is_source(head, p) for p in changed)
    old_side = _Side(base, new_side, twin=same_pages)
    # A page's reads say what its article and the titles it shows were made from, not the tree it sits in: after
    # a change of the whole site by impact.py's rules (the tree's fields, a source added or deleted: a deleted
    # file leaves no trace in the head's reads), the base is always rendered too.
    trust_reads = not cands.everything and not _whole_site(base, head, changed)
    # Every change reaches articles alone: the layout around each is the same on both sides, and is not made.
    articles_only = trust_reads and not cands.layouts
    order = {v: i for i, v in enumerate(head.config.versions)}
    tasks = []  # (language, page path, version, in the base, in the head)
    for lang in sel.languages(head):
        if not cands.everything and not cands.pages.get(lang.code):
            continue  # no candidate in this language: do not even walk its page tree
        old_pages, new_pages = old_side.pages(lang), new_side.pages(lang)
        paths = list(new_pages) + [p for p in old_pages if p not in new_pages]
        for path in paths:
            if (lang.code, path) not in cands or not sel.wants_path(path):
                continue
            old_page, new_page = old_pages.get(path), new_pages.get(path)
            old_versions = set(old_page.versions) if old_page else set()
            new_versions = set(new_page.versions) if new_page else set()
            for version in sorted(old_versions | new_versions, key=lambda v: order.get(v, len(order))):
                if not sel.versions or version in sel.versions:
                    tasks.append((lang, path, version, version in old_versions, version in new_versions))

    def compare(task: tuple[Language, str, str, bool, bool]) -> tuple[int, Change | None]:
        lang, path, version, in_old, in_new = task
        new = old = None
        if in_new:
            new = new_side.render(new_side.pages(lang)[path], version, article_only=articles_only)
            if in_old and trust_reads and not (new.reads & changed):
                return 1, None  # neither its article nor its layout read anything that changed: the same
        if in_old:
            old_page = old_side.pages(lang)[path]
            own_sources = {old_page.source.relfile, old_page.english.relfile}
            same_layout = trust_reads and new is not None and not (new.layout_reads | own_sources) & changed
            old = old_side.render(
                old_page, version, layout_as=new if same_layout else None, article_only=articles_only
            )
        fields = old.differences(new, changed) if old and new else []
        if old and new and not fields:
            return 2, None
        because = cands.why.get((lang.code, path))
        change = Change(path, lang.code, _side(version, old), _side(version, new), because, fields)
        change.diff_lines  # noqa: B018 - computed here, so that workers share the text extraction too
        return in_old + in_new, change

    _gather(out, tasks, compare, jobs, progress)


def _gather(
    out: DiffResult,
    tasks: list[Any],
    compare: Callable[[Any], tuple[int, Change | None]],
    jobs: int,
    progress: Progress | None,
) -> None:
    """Run ``compare`` over the candidates on the workers, counting renders and keeping what changed."""
    out.candidates += len(tasks)
    bar = progress or Progress(len(tasks), enabled=False)
    bar.set_total(len(tasks))
    for renders, change in workers.run(tasks, compare, jobs):
        out.rendered += renders
        bar.advance()
        if change is not None:
            out.changes.append(change)


def _whole_site(base: Site, head: Site, changed: set[str]) -> bool:
    def meta(site: Site, path: str) -> dict | None:
        src = site.source(path)
        return src.doc.meta if src is not None and src.doc is not None else None

    impact = assess(
        [FileChange(p, (base.root / p).exists(), (head.root / p).exists()) for p in sorted(changed)],
        head.config,
        CONFIG_NAME,
        tree_changed=lambda p: tree_fields(meta(base, p)) != tree_fields(meta(head, p)),
    )
    return impact.whole_site


def _is_source(site: Site, path: str) -> bool:
    """Whether ``path`` is a page source (of any language), which can change the page tree itself."""
    return any(path.startswith(f"{site.content_dir(lang)}/") for lang in site.config.languages)


def _side(version: str, shown: Shown | None) -> Side | None:
    if shown is None:
        return None
    return Side(version, shown.rendered.href, shown.rendered, shown.document)


def diff_versions(
    site: Site, a: str, b: str, selection: Selection | None = None, jobs: int = 1, progress: Progress | None = None
) -> DiffResult:
    """For each page, what readers of version ``b`` see differently from readers of version ``a``.

    Pages in only one of the two versions are reported as removed (only in ``a``) or added (only in ``b``).
    Text is compared, not HTML: links carry the version in their URLs and would differ everywhere.
    """
    started = time.perf_counter()
    sel = selection or Selection()
    sel.check_versions(site, (a, b))
    renderer = Renderer(site)
    result = DiffResult(left=a, right=b)
    pages = {
        (lang.code, page.path): page
        for lang in sel.languages(site)
        for page in site.pages(lang)
        if sel.wants_path(page.path) and (a in page.versions or b in page.versions)
    }
    tasks = list(pages)  # keys only: workers find the pages in the memory they were forked with

    def compare(task: tuple[str, str]) -> tuple[int, Change | None]:
        page = pages[task]
        lang, path = page.lang, page.path
        old = Side(a, site.href(lang, a, page.url_path), renderer.render(page, a)) if a in page.versions else None
        new = Side(b, site.href(lang, b, page.url_path), renderer.render(page, b)) if b in page.versions else None
        if old and new and old.text == new.text:
            return 2, None
        change = Change(path, lang.code, old, new)
        change.diff_lines  # noqa: B018 - computed in the worker
        return (old is not None) + (new is not None), change

    _gather(result, tasks, compare, jobs, progress)
    result.seconds = time.perf_counter() - started
    return result
