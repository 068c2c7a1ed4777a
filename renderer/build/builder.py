"""Building the static site, in two phases: the pages, then the files of the site as a whole.

Page phase: every selected page-version is rendered, laid out and written, on all cores (``workers.py``); each
gives back a small ``PageOutcome`` (its URL, search entry, errors, what it read). Site phase: from the outcomes,
the redirect pages, "not available" pages, home redirect, 404, sitemap, search indexes, static files and assets.

The site is written into a staging folder beside ``--out`` and swapped in at the end (a failed build leaves the
previous site as it was). With a cache folder, a build reuses the previous one (``incremental.py``): unchanged
input -> nothing to do; only page bodies and the data they read changed -> the previous site is hard-linked into
staging and only the page-versions that read a changed file are built again. Shards (``--shard K/N``) run the
page phase for a deterministic part of the pages; ``merge`` joins the parts and runs the site phase.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import sys
import threading
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renderer import workers
from renderer.build import incremental, output
from renderer.build.redirects import RedirectMap, redirect_map
from renderer.build.search_index import entry_json, joined, page_entry, spliced
from renderer.build.sitemap import sitemap_xml
from renderer.layout.document import Layout, static_files, template_dirs
from renderer.model.errors import Diagnostic, storage_error
from renderer.model.frontmatter import ParsedFrontMatter
from renderer.model.impact import Change, assess, tree_fields
from renderer.model.selection import Selection, select
from renderer.model.site import Page, Site, SourceFile
from renderer.page.render import Renderer

Key = tuple[str, str, str]  # (language code, page path, version)
SHARD_FILE = ".docs-renderer-shard.pickle"
MANIFEST = "manifest.pickle"
JOURNAL = "commit.journal"
FRONT_MATTER = "front-matter.pickle"


@dataclass
class PageOutcome:
    """What building one page-version left behind, for the site phase and the report."""

    lang: str
    path: str
    version: str
    href: str
    error: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    # the files it was made from, sorted: a tuple takes a sixth of a frozenset's memory, and the build keeps
    # one for each of tens of thousands of page-versions (in the manifest too)
    reads: tuple[str, ...] = ()
    search: str | None = None  # its search index entry, as JSON (``search_index.entry_json``)
    slot: int = -1  # that entry's place in its language and version's index, once written
    problem: Diagnostic | None = None  # ``error`` with its place and hint, for the summary

    @property
    def key(self) -> Key:
        return (self.lang, self.path, self.version)


@dataclass
class Options:
    langs: list[str] | None = None
    versions: list[str] | None = None
    paths: list[str] | None = None
    base_url: str = ""
    jobs: int = 0
    cache: Path | None = None
    shard: tuple[int, int] | None = None  # (K, N), 1-based K

    def fingerprint(self) -> str:
        return repr((self.langs, self.versions, self.paths, self.base_url))


@dataclass
class BuildResult:
    # the page-versions built, and of those reused from the previous build without being read (``reused``) the
    # ones with an error or a warning; in build order
    outcomes: list[PageOutcome]
    mode: str  # "full", "incremental", "unchanged", "shard", "merge"
    counts: dict[str, int] = field(default_factory=dict)
    reused: dict[str, incremental.Report] = field(default_factory=dict)  # shard -> the rest of its page-versions


def _locked(method: Callable[..., BuildResult]) -> Callable[..., BuildResult]:
    """Run a build entry point (``out`` its last argument) holding ``--out``'s lock, after clearing what builds
    that died left beside it; an OSError of the disk (full, read-only...) comes out as a ``StorageError``."""

    @functools.wraps(method)
    def locked(self: Builder, *args: Any) -> BuildResult:
        out = args[-1]
        self._check_output(out)  # before a lock file is made beside it
        out = out.resolve()
        try:
            with output.build_lock(out):
                # Under the lock no other build is running: every staging folder is a dead build's.
                for folder in output.stale_staging(out):
                    if not incremental.finish_pending(folder):  # an update cut short among its moves completes
                        shutil.rmtree(folder, ignore_errors=True)
                output.restore_old_site(out)
                return method(self, *args)
        except OSError as e:
            error = storage_error(e, out)  # a write without a path (a full disk at close) was into the site
            if error is None:
                raise
            raise error from e

    return locked


class Builder:
    def __init__(
        self,
        site: Site,
        options: Options,
        progress: Callable[[PageOutcome], None] | None = None,
        planned: Callable[[int], None] | None = None,
    ) -> None:
        self.site = site
        self.options = options
        self.renderer = Renderer(site, cache_dir=options.cache / "liquid" if options.cache else None)
        self.layout = Layout(site, self.renderer)
        self.progress = progress or (lambda outcome: None)  # called for each page-version built
        self.planned = planned or (lambda count: None)  # told how many page-versions will be built
        self._tree: dict[str, str] | None = None
        # the shards of the previous build's manifest (``incremental.shard_of``) this build reuses, all their
        # page-versions as they are; and every shard, in build order
        self._reused: dict[str, incremental.Shard] = {}
        self._shards: list[str] = []
        # (language, page path) -> its "not available" pages: (version, URL); kept in the manifest, so that an
        # incremental build writes again those of the pages it builds again (they show the page's title)
        self._stubs: dict[tuple[str, str], list[tuple[str, str]]] = {}
        # (language, version) -> the lengths of its search index's entries, in order: kept in the manifest so
        # that an incremental build can cut the entries it does not make again out of the index on disk
        self._search_lengths: dict[tuple[str, str], array] = {}

    # -- entry points --------------------------------------------------------------------------------------
    @_locked
    def build(self, out: Path) -> BuildResult:
        out = out.resolve()
        if self.options.shard:
            return self._staged(out, lambda staging: self._shard(staging))
        manifest_path = self.options.cache / MANIFEST if self.options.cache else None
        if self.options.cache:
            incremental.finish_commit(self.options.cache / JOURNAL)  # an update cut short completes first
        previous = incremental.load(manifest_path) if manifest_path else None
        front_matter = self.options.cache / FRONT_MATTER if self.options.cache else None
        if front_matter:
            self.site.parsed = ParsedFrontMatter(lambda: incremental.load_front_matter(front_matter))
        inputs = incremental.fingerprint_inputs(
            self.site.root,
            self._extra_inputs(),
            previous.files if previous else {},
            self.site.config.limits.source_bytes,
        )
        self.site.fingerprints = inputs  # with the front matter kept, an unchanged page is walked unread
        plan = self._plan_reuse(previous, inputs, out)
        if plan == "unchanged":
            assert previous is not None
            return self._reusing(previous, [], "unchanged")
        if manifest_path:
            incremental.forget(manifest_path)  # saved again once the site is in place
        result = None
        if plan is not None:
            assert previous is not None and self.options.cache is not None
            result = self._incremental(out, previous, plan, self.options.cache / JOURNAL)
        if result is None:
            self._reused, self._shards = {}, []
            result = self._staged(out, self._full)
        if manifest_path:
            incremental.save(manifest_path, self._manifest(out, inputs, result), self._reused, self._shards)
        if front_matter and self.site.parsed and self.site.parsed.changed:
            incremental.save_front_matter(front_matter, self.site.parsed.used)
        return result

    @_locked
    def merge(self, parts: Sequence[Path], out: Path) -> BuildResult:
        """Join shard folders into one site: their pages, and the site phase run over all their outcomes."""

        def work(staging: Path) -> BuildResult:
            outcomes: dict[Key, PageOutcome] = {}
            for part in parts:
                with (part / SHARD_FILE).open("rb") as f:
                    for o in pickle.load(f):
                        outcomes[o.key] = o
                incremental.link_tree(part, staging)
                (staging / SHARD_FILE).unlink()
            ordered = [outcomes[k] for k in self._keys() if k in outcomes]
            counts = self._site_phase(staging, ordered)
            return BuildResult(ordered, "merge", counts)

        return self._staged(out.resolve(), work)

    def _check_output(self, out: Path) -> None:
        output.check_output(out, self.site.root, (lang.dir for lang in self.site.config.languages))

    # -- phases --------------------------------------------------------------------------------------------
    def _full(self, staging: Path) -> BuildResult:
        keys = self._keys()
        site, versions = self.site, self._versions()
        pages = {(p.lang.code, p.path): p for p in self._pages()}
        taken = {site.href(pages[lang, path].lang, version, pages[lang, path].url_path) for lang, path, version in keys}
        # The redirect map needs only the pages' URLs: it is made while the workers build the pages.
        redirects = _Background(lambda: redirect_map(site, list(pages.values()), versions, taken))
        outcomes = self._page_phase(staging, keys, started=redirects.start)
        return BuildResult(outcomes, "full", self._site_phase(staging, outcomes, redirects.result()))

    def _shard(self, staging: Path) -> BuildResult:
        k, n = self.options.shard or (1, 1)
        groups: dict[tuple[str, str], int] = {}
        keys = [key for key in self._keys() if groups.setdefault(key[:2], len(groups)) % n == k - 1]
        outcomes = self._page_phase(staging, keys)
        with (staging / SHARD_FILE).open("wb") as f:
            pickle.dump(outcomes, f, protocol=pickle.HIGHEST_PROTOCOL)
        return BuildResult(outcomes, "shard", {"pages": sum(o.error is None for o in outcomes)})

    def _incremental(
        self, out: Path, previous: incremental.Manifest, stale: set[Key], journal: Path
    ) -> BuildResult | None:
        """Build the stale page-versions into a folder of their own, then move them into the site; None when the
        change needs the whole site built again after all (a page started or stopped failing)."""
        staging = output.staging_folder(out)
        for lang in sorted({key[0] for key in stale}):
            self.site.pages(lang)  # walked here, once, before the workers fork (each would walk it again)
        try:
            fresh = {o.key: o for o in self._page_phase(staging, [k for k in previous.pages if k in stale])}
            flipped = any((o.error is None) != (previous.pages[k].error is None) for k, o in fresh.items())
            usable = not flipped and self._update_search(out, staging, previous, fresh)
            if usable:
                outcomes = [fresh.get(k, outcome) for k, outcome in previous.pages.items()]
                self._stubs = previous.stubs
                for lang, path in sorted({k[:2] for k in fresh}):
                    page = self.site.page(lang, path)
                    for version, url in self._stubs.get((lang, path), ()) if page else ():
                        _write(staging, url, self.layout.not_available(page, version))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        # redirects and "not available" pages move with a page that starts or stops failing; a search index that
        # is not the one the manifest describes (edited by hand, removed) is made again from all its pages
        if not usable:
            shutil.rmtree(staging, ignore_errors=True)
            return None
        incremental.commit(staging, out, journal)
        return self._reusing(previous, outcomes, "incremental", {"pages": len(fresh)})

    def _reusing(
        self, previous: incremental.Manifest, outcomes: list[PageOutcome], mode: str, counts: dict | None = None
    ) -> BuildResult:
        """The result of a build that reuses the previous one: ``outcomes`` (those of the shards it read), and the
        shards it did not read as the previous build reported them."""
        by_shard: dict[str, list[PageOutcome]] = {}
        for o in outcomes:
            by_shard.setdefault(incremental.shard_of(o.lang, o.path), []).append(o)
        ordered = []
        for name, shard in previous.shards.items():
            ordered += by_shard.pop(name, None) or (shard.report.problems if name in self._reused else [])
        reused = {name: previous.shards[name].report for name in self._reused}
        return BuildResult(ordered + [o for rest in by_shard.values() for o in rest], mode, counts or {}, reused)

    def _page_phase(
        self, staging: Path, keys: list[Key], started: Callable[[], None] = lambda: None
    ) -> list[PageOutcome]:
        """Render, lay out and write ``keys``; ``started`` is called once the workers are running."""
        site, renderer, layout = self.site, self.renderer, self.layout
        previous: list[Page] = []  # the page the last key was of (a worker gets a page's versions in a row)

        def work(key: Key) -> PageOutcome:
            lang, path, version = key
            page = site.page(lang, path)
            assert page is not None
            if previous and previous[0] is not page:
                renderer.release(previous.pop())
            if not previous:
                previous.append(page)
            result = renderer.render(page, version)
            outcome = PageOutcome(
                lang, path, version, result.href, result.error, result.warnings, (), problem=result.problem
            )
            reads = result.reads
            if result.error is None:
                laid = layout.laid_out(page, result)
                reads = laid.reads  # the layout's reads too: a title or callout shown is made from files
                _write(staging, result.href, laid.document)
                outcome.search = entry_json(page_entry(result, laid.parts.get("sidebar_head")))
            outcome.reads = tuple(sorted(reads))
            return outcome

        self.planned(len(keys))
        outcomes = []
        # Each outcome comes from a worker with its own copy of its reads; half of them equal another's (the
        # versions of a page read the same files), kept once here, and so are the names in them.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for outcome in workers.run(keys, work, self.options.jobs, group=lambda key: key[:2], ordered=False):
            started()  # (again and again: it must be idempotent) the workers exist once a result is back
            reads = shared.get(outcome.reads)
            if reads is None:  # a new set: its file names are kept once too
                reads = tuple(map(sys.intern, outcome.reads))
                shared[reads] = reads
            outcome.reads = reads
            self.progress(outcome)
            outcomes.append(outcome)
            if len(outcomes) == 1:
                output.pause("page-phase")  # tests only: a signal lands while the workers run
        started()
        order = {key: i for i, key in enumerate(keys)}
        outcomes.sort(key=lambda o: order[o.key])
        return outcomes

    def _site_phase(
        self, staging: Path, outcomes: list[PageOutcome], redirects: RedirectMap | None = None
    ) -> dict[str, int]:
        """Everything but the pages. ``redirects``: the map made from the URLs the pages were to have."""
        site, layout = self.site, self.layout
        versions = self._versions()
        done = {o.href for o in outcomes if o.error is None}
        pages = self._pages()
        if redirects is None:
            redirects = redirect_map(site, pages, versions, done)
        else:
            redirects.release([url for url in redirects.blocked if url not in done])
        stubs = [
            ("stub", page.lang.code, page.path, version, url)
            for page in pages
            for version in versions
            if page.versions and version not in page.versions
            for url in (site.href(page.lang, version, page.url_path),)
            if url not in done and url not in redirects.targets
        ]
        self._stubs = {}
        for _, lang, path, version, url in stubs:
            self._stubs.setdefault((lang, path), []).append((version, url))
        # The old URLs of a page get one file, linked at each of them: on some file systems creating a file
        # costs many times what a link does.
        by_target: dict[str, list[str]] = defaultdict(list)
        for old, target in sorted(redirects.targets.items()):
            by_target[target].append(old)

        def write(item: tuple) -> None:
            if item[0] == "redirect":
                _write(staging, item[2], layout.redirect(item[1]))
            else:
                _, lang, path, version, url = item
                page = site.page(lang, path)
                assert page is not None
                _write(staging, url, layout.not_available(page, version))

        # Tens of thousands of small files, written on every core while this process writes the search indexes.
        search = _Background(lambda: self._write_search(staging, outcomes))
        # In the order of the folders they write: each worker then creates folders in its own part of the tree
        # (two processes making folders side by side in the same parents spend a third more kernel time).
        jobs = sorted(
            [("redirect", target, olds) for target, olds in by_target.items()] + stubs,
            key=lambda job: job[2][0] if job[0] == "redirect" else job[4],  # its first old URL, or its URL
        )
        try:
            for _ in workers.run(jobs, write, self.options.jobs):
                if not search.started:
                    search.start()  # once the workers exist
                    output.pause("site-phase")  # tests only: a signal lands while the search indexes are written
            indexes = search.result()
        except BaseException:
            search.wait()  # it writes into the staging folder, which the caller removes on the way out
            raise
        home = site.href(site.config.source_language, site.config.default_version, "")
        _write(staging, "/", layout.redirect(home))
        incremental.replace_file(staging / "404.html", layout.not_found())
        incremental.replace_file(staging / "sitemap.xml", sitemap_xml(done, self.options.base_url))
        for name, source in static_files(site.root).items():
            incremental.replace_file(staging / "static" / name, source.read_bytes())
        assets = site.root / "assets"
        if assets.is_dir():
            for source in sorted(assets.rglob("*")):
                if source.is_file():
                    incremental.replace_file(staging / "assets" / source.relative_to(assets), source.read_bytes())
        return {
            "pages": len(done),
            "stubs": len(stubs),
            "redirects": len(redirects.targets),
            "conflicts": len(redirects.conflicts),
            "indexes": indexes,
        }

    def _write_search(self, staging: Path, outcomes: list[PageOutcome]) -> int:
        search: dict[tuple[str, str], list[bytes]] = defaultdict(list)
        for o in outcomes:
            if o.search is not None:
                entries = search[(o.lang, o.version)]
                o.slot = len(entries)
                entries.append(o.search.encode())
        for (lang, version), entries in sorted(search.items()):
            incremental.replace_file(staging / "search" / lang / f"{version}.json", joined(entries))
            self._search_lengths[lang, version] = array("L", map(len, entries))
        return len(search)

    def _update_search(
        self, out: Path, staging: Path, previous: incremental.Manifest, fresh: dict[Key, PageOutcome]
    ) -> bool:
        """Write again the search indexes that ``fresh`` pages are in, with their new entries in place of their
        old ones. The other entries are copied, bytes as they are, from the site's index file, found by the
        entries' lengths the manifest kept (entries are not kept twice: they were most of every save). False
        when a file is not what the manifest says (edited by hand, removed)."""
        kept = previous.extra.get("search", {})
        self._search_lengths = dict(kept)
        replaced: dict[tuple[str, str], list[tuple[int, bytes]]] = defaultdict(list)
        for key, new in fresh.items():
            new.slot = previous.pages[key].slot  # the same pages have entries (else one started or stopped failing)
            if new.search is not None:
                replaced[(new.lang, new.version)].append((new.slot, new.search.encode()))
        for (lang, version), entries in replaced.items():
            lengths = kept.get((lang, version), array("L"))
            entries.sort()
            if not all(0 <= n < len(lengths) for n, _ in entries):
                return False
            try:
                old = (out / "search" / lang / f"{version}.json").read_bytes()
            except OSError:
                return False
            index = spliced(old, lengths, entries)
            if index is None:
                return False
            if index == old:  # the edit changed no text of these pages there (a link, an image): written once is enough
                continue
            incremental.replace_file(staging / "search" / lang / f"{version}.json", index)
            lengths = self._search_lengths[lang, version] = array("L", lengths)
            for n, entry in entries:
                lengths[n] = len(entry)
        return True

    # -- reuse ---------------------------------------------------------------------------------------------
    def _plan_reuse(
        self, previous: incremental.Manifest | None, inputs: dict[str, tuple[int, int, str]], out: Path
    ) -> str | set[Key] | None:
        """``"unchanged"``, the page-versions to build again, or None for a full build (``impact.py``'s rules
        over the previous build's provenance)."""
        if (
            previous is None
            or previous.out != str(out)
            or previous.code != incremental.code_fingerprint()
            or previous.options != self.options.fingerprint()
            or not out.is_dir()
        ):
            return None
        changed = incremental.changed_files(previous.files, inputs)
        self._shards = list(previous.shards)  # a build that reuses the previous one has its shards
        if not changed:
            self._reused = dict(previous.shards)
            return "unchanged"
        config = self.site.config
        before = previous.extra.get("tree", {})
        # Only a changed file can have changed tree fields: the others keep the previous build's fingerprints,
        # and no page is read for them (on a large site, walking every language's tree was most of a rebuild).
        self._tree = now = dict(before)

        def tree_changed(rel: str) -> bool:
            if rel in before:
                now[rel] = _tree_fingerprint(self.site.source(rel))
                return before[rel] != now[rel]
            # No page was served from it; none is now unless it translates a page served in English (that had
            # none, or an unreadable one), which a readable translation now serves in its language.
            src = self.site.source(rel) if self._english_of(rel) in before else None
            return src is not None and src.doc is not None

        impact = assess(
            [Change(rel, rel in previous.files, rel in inputs) for rel in sorted(changed)],
            config,
            _rel(self.site.root, Path(config.source)),
            tree_changed=tree_changed,
            global_files=[rel for rel in changed if rel.startswith("/")],  # inputs outside the root
        )
        # With the tree, the configuration and the options as they were, the page-versions are those of the
        # previous build (``previous.pages``, in the same order): no need to walk the tree to list them.
        if impact.whole_site or impact.assets:
            self._tree = None
            return None
        # only the shards (a product in a language) whose page-versions read a changed file are read
        reached = {name for name, shard in previous.shards.items() if not impact.readers_of.isdisjoint(shard.reads)}
        if not previous.load_shards(reached):
            self._tree = None
            return None
        self._reused = {name: shard for name, shard in previous.shards.items() if name not in reached}
        return {key for key, outcome in previous.pages.items() if not impact.readers_of.isdisjoint(outcome.reads)}

    def _english_of(self, rel: str) -> str | None:
        """``content/a.md`` for a translation ``<language folder>/content/a.md``, else None."""
        for lang in self.site.config.languages:
            folder = self.site.content_dir(lang) + "/"
            if not lang.is_source and rel.startswith(folder):
                return "content/" + rel[len(folder) :]
        return None

    def _tree_fingerprints(self) -> dict[str, str]:
        """Page source -> hash of its tree fields (``impact.tree_fields``); computed once a build."""
        if self._tree is not None:
            return self._tree
        out: dict[str, str] = {}
        for lang in self.site.config.languages:
            for page in self.site.pages(lang):
                for src in (page.source, page.english):
                    if src.relfile not in out:
                        out[src.relfile] = _tree_fingerprint(src)
        self._tree = out
        return out

    def _manifest(
        self, out: Path, inputs: dict[str, tuple[int, int, str]], result: BuildResult
    ) -> incremental.Manifest:
        """The manifest of the site just built; the page-versions of ``_reused`` shards stay in their files."""
        return incremental.Manifest(
            out=str(out),
            code=incremental.code_fingerprint(),
            options=self.options.fingerprint(),
            files=inputs,
            pages={o.key: o for o in result.outcomes if incremental.shard_of(o.lang, o.path) not in self._reused},
            extra={"tree": self._tree_fingerprints(), "search": self._search_lengths},
            stubs=self._stubs,
        )

    # -- selection -----------------------------------------------------------------------------------------
    def _keys(self) -> list[Key]:
        o = self.options
        return [(p.lang.code, p.path, v) for p, v in select(self.site, o.langs, o.versions, o.paths)]

    def _versions(self) -> list[str]:
        return list(self.options.versions or self.site.config.versions)

    def _pages(self) -> list[Page]:
        return list(Selection(self.options.langs, None, self.options.paths).pages(self.site))

    def _extra_inputs(self) -> list[Path]:
        extra = [d for d in template_dirs(self.site.root) if not _inside(d, self.site.root)]
        config = Path(self.site.config.source)
        if not _inside(config, self.site.root):
            extra.append(config)
        return extra

    # -- staging -------------------------------------------------------------------------------------------
    @staticmethod
    def _staged(out: Path, work: Callable[[Path], BuildResult]) -> BuildResult:
        staging = output.staging_folder(out)  # removed here on failure; by the next build if this one is killed
        try:
            result = work(staging)
            output.mark(staging)
            _swap(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return result


class _Background:
    """A function run on a thread of this process, started only once the workers are forked (a process that
    forks while it runs threads can leave locks held in the children)."""

    def __init__(self, function: Callable[[], Any]) -> None:
        self._function = function
        self._thread: threading.Thread | None = None
        self._value: Any = None
        self._error: BaseException | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start the thread (the first call; later ones do nothing)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._function()
        except BaseException as e:  # noqa: BLE001 - raised again in the thread that asks for the result
            self._error = e

    def wait(self) -> None:
        """Wait for the thread, if it was started, whatever becomes of it."""
        if self._thread is not None:
            self._thread.join()

    def result(self) -> Any:
        self.start()
        assert self._thread is not None
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _tree_fingerprint(src: SourceFile | None) -> str:
    text = repr(tree_fields(src.doc.meta if src and src.doc else None))
    return hashlib.sha1(text.encode()).hexdigest()


def _write(staging: Path, urls: str | list[str], html: str) -> None:
    """One document at its URL, or at each of several URLs (written once and hard-linked at the others).
    Plain ``os`` calls: tens of thousands of small files make this the hot path."""
    written = None
    for url in [urls] if isinstance(urls, str) else urls:
        folder = os.path.join(staging, url.strip("/"))
        try:
            os.mkdir(folder)  # its parent is usually there: one call instead of makedirs' two
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, "index.html")
        if written is not None and _link(written, target):
            continue
        _create(target, html)
        written = target


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create(target: str, html: str) -> None:
    # A file descriptor and one write of the encoded bytes: a third of the cost of a text-mode file object
    try:
        fd = os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:
        os.unlink(target)  # the previous site's file (incremental builds link it): replaced, never written through
        fd = os.open(target, _NEW_FILE, 0o666)
    try:
        data = memoryview(html.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


def _link(source: str, target: str) -> bool:
    """Hard-link ``target`` to ``source``; False where the file system will not (the caller writes a copy)."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        try:
            os.link(source, target)
        except OSError:
            return False
    except OSError:
        return False
    return True


def _swap(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``, a site at ``out`` at every instant (``output.swap``); the old site is
    removed once the new one is in place (by the next build, if this one is killed first)."""
    old = output.swap(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _rel(root: Path, path: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def parse_shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise ValueError(f"--shard takes K/N with 1 <= K <= N, not {text!r}")
    return int(k), int(n)

