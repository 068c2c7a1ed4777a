"""What a build can reuse from the previous one: a manifest on disk, keyed by content and by what pages read.

Every input file is fingerprinted (by content; its size and mtime only spare re-reading unchanged files). Each
page-version remembers the files its render read (its provenance). On the next build:
  - nothing changed (and the renderer's own code neither): the site on disk is already right;
  - only files that page bodies read changed: just the page-versions that read them are rendered and laid out
    again into a folder of their own, then moved into the site (``commit``), the rest left as it is;
  - anything the layout of every page depends on changed (templates, configuration, a page's front matter,
    data read for titles and navigation, files added or removed): everything is built again.
The manifest can never serve stale output: a page-version is reused only when none of its inputs changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from renderer.build.output import pause
from renderer.model.limits import DEFAULT_LIMITS, SourceFileError
from renderer.model.source_files import NOT_READ, read_source

DEFAULT_MAX = DEFAULT_LIMITS.source_bytes
FORMAT = 5  # 2: the pages' reads in a file of their own; 3: search entries only in the site's index files; 4: a
# file of page-versions a language; 5: a file a language's product
COMMIT_NOTE = ".docs-renderer-commit"  # in a staging folder being committed: the journal that lists its moves
INPUT_FOLDERS = ("content", "data", "translations", "templates", "assets")
_CODE = Path(__file__).resolve().parent.parent  # the whole renderer package: any code change invalidates
# what reading a pickle that is missing, cut short or from another version of the renderer raises
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError)


@dataclass
class Report:
    """What the summary at the end of a build says of a shard's page-versions: a build that reuses them all as
    they are reports them from this, without reading them."""

    lang: str = ""
    clean: int = 0  # how many have neither an error nor a warning
    pages: frozenset[str] = frozenset()
    versions: frozenset[str] = frozenset()
    problems: list[Any] = field(default_factory=list)  # the page-versions with an error or a warning, in order


@dataclass
class Shard:
    """The page-versions of one product in one language (``shard_of``) in the manifest, kept in a file of their own
    (``_shard_path``) that is read only when a change reaches one of them (``reads``) and written only when one of
    them is built again: the cost of a rebuild grows with what it builds, not with the site."""

    token: str  # the same in the file: a file from another save does not match
    reads: frozenset[str]  # every file any of them was made from
    report: Report


@dataclass
class Manifest:
    out: str
    code: str
    options: str
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # relfile -> (mtime_ns, size, sha1)
    # (lang, path, version) -> what building it left behind (the builder's PageOutcome: reads, errors), for the
    # shards read so far (``load_shards``); its search entry is not kept (the site's index file has it)
    pages: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    shards: dict[str, Shard] = field(default_factory=dict)  # ``shard_of`` -> its page-versions, in build order
    stubs: dict[tuple[str, str], Any] = field(default_factory=dict)  # the builder's, for the shards read
    folder: str = ""  # where the shard files are (set by ``load``)

    def load_shards(self, names: set[str]) -> bool:
        """Read the page-versions of the shards ``names`` into ``pages`` and ``stubs``, in build order (False: a
        file is gone or is another save's)."""
        pages: dict[tuple[str, str, str], Any] = {}
        for name, shard in self.shards.items():
            if name not in names:
                continue
            try:
                with _shard_path(Path(self.folder), name).open("rb") as f:
                    token, outcomes, stubs = pickle.load(f)
            except _UNREADABLE:
                return False
            if token != shard.token:
                return False
            pages.update((o.key, o) for o in outcomes)
            self.stubs.update(stubs)
        self.pages = pages
        return True


@functools.cache  # the code this process runs was read when it started: asked four times a build
def code_fingerprint() -> str:
    """The renderer's own source: a new version of it may render differently."""
    h = hashlib.sha1()
    for path in sorted(_CODE.rglob("*")):
        if path.suffix in (".py", ".json", ".yml", ".html", ".css", ".js") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"{path.relative_to(_CODE)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def fingerprint_inputs(
    root: Path, extra: Iterable[Path], previous: dict[str, tuple[int, int, str]], max_bytes: int = DEFAULT_MAX
) -> dict[str, tuple[int, int, str]]:
    """Every input file -> (mtime_ns, size, sha1); files whose size and mtime are unchanged keep their hash.
    A file is read as a source is (``read_source``): a link to a device or a pipe, or a file over ``max_bytes``,
    is never read (it was read without end: ``/dev/zero``), and is fingerprinted by what it is instead. Folders
    that are links are not followed (as ``os.walk`` does not)."""
    found: dict[str, tuple[int, int, str]] = {}

    def walk(folder: str, real: str, prefix: str) -> None:
        # os.scandir, keys made as the walk goes: a third less than os.walk and a join per file. ``real``: the
        # folder with its links resolved, once for the whole walk: a file that is not a link is at real/name
        # (``os.path.realpath`` for each file was half of a cold build's fingerprinting).
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            key = prefix + entry.name
            try:
                if entry.is_dir():
                    if not entry.is_symlink():
                        walk(entry.path, real + "/" + entry.name, key + "/")
                    continue
                st = entry.stat()
            except OSError:
                continue
            if entry.is_symlink():
                _add(found, entry.path, key, st, previous, max_bytes)
            else:
                _add(found, real + "/" + entry.name, key, st, previous, max_bytes, real=True)

    for top in [root / name for name in INPUT_FOLDERS] + [root / "docs-renderer.yml", *extra]:
        key = _key(root, top)
        if top.is_dir():
            walk(str(top), os.path.realpath(top), key + "/")
        else:
            try:
                _add(found, str(top), key, os.stat(top), previous, max_bytes)
            except OSError:
                continue
    return found


def _key(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _add(
    found: dict[str, tuple[int, int, str]],
    path: str,
    key: str,
    st: os.stat_result,
    previous: dict,
    max_bytes: int,
    real: bool = False,
) -> None:
    """``real``: ``path`` has no links in it (``read_source`` need not resolve it)."""
    old = previous.get(key)
    if old and old[0] == st.st_mtime_ns and old[1] == st.st_size:
        found[key] = old
        return
    try:
        digest = hashlib.sha1(read_source(path, key, None, max_bytes, path if real else None)).hexdigest()
    except SourceFileError:  # refused by what it is; the build says so where it reads it
        digest = f"{NOT_READ} mode {st.st_mode:o}, {st.st_size} bytes"
    except OSError:
        return
    found[key] = (st.st_mtime_ns, st.st_size, digest)


def changed_files(old: dict[str, tuple[int, int, str]], new: dict[str, tuple[int, int, str]]) -> set[str]:
    """Files added, removed, or whose content differs."""
    missing = (0, 0, "")
    # an unchanged file's entry is the previous one itself (``fingerprint_inputs``): no digest to compare
    changed = {k for k, v in new.items() if (was := old.get(k)) is not v and (was or missing)[2] != v[2]}
    changed.update(old.keys() - new.keys())
    return changed


def load(path: Path) -> Manifest | None:
    """The manifest at ``path``, without its page-versions (``Manifest.load_shards``)."""
    try:
        with path.open("rb") as f:
            fmt, manifest = pickle.load(f)
    except _UNREADABLE:
        return None
    if fmt != FORMAT or not isinstance(manifest, Manifest):
        return None
    manifest.folder = str(path.parent)
    return manifest


def load_front_matter(path: Path) -> dict[str, bytes]:
    """What the previous build parsed of the pages' front matter (``frontmatter.ParsedFrontMatter``), by the
    digest of each file; empty when missing, unreadable or made by other code (another YAML library may read it
    otherwise)."""
    try:
        with path.open("rb") as f:
            made_by, parsed = pickle.load(f)
    except _UNREADABLE:
        return {}
    return parsed if made_by == _front_matter_maker() and isinstance(parsed, dict) else {}


def save_front_matter(path: Path, parsed: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, (_front_matter_maker(), parsed))


def _front_matter_maker() -> tuple[str, str]:
    return code_fingerprint(), yaml.__version__


def forget(path: Path) -> None:
    """Drop the manifest before the site changes: one that outlived a build cut short after the swap would
    describe the previous site, and a later build could then call the new one up to date. (Its shard files
    stay: only a manifest that names them by their tokens makes them count.)"""
    path.unlink(missing_ok=True)


def shard_of(lang: str, path: str) -> str:
    """The shard a page's versions are kept in: its language and product (the first folder of its path)."""
    return f"{lang}/{path.split('/', 1)[0]}"


def save(path: Path, manifest: Manifest, reused: dict[str, Shard] | None = None, order: list[str] = ()) -> None:
    """Write the manifest: a shard file for each shard of ``manifest.pages`` (the page-versions without their
    search entries), then the rest, which names them by tokens (a crash in between leaves no manifest: the next
    build builds everything). ``reused`` shards are as the previous save wrote them; ``order``: the shards in
    build order (by default, as ``manifest.pages`` has them)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    by_shard: dict[str, list[Any]] = {}
    for outcome in manifest.pages.values():
        by_shard.setdefault(shard_of(outcome.lang, outcome.path), []).append(outcome)
    shards = dict(reused or {})
    stubs_of: dict[str, dict] = {}
    for key, value in manifest.stubs.items():
        stubs_of.setdefault(shard_of(*key), {})[key] = value
    for name, outcomes in by_shard.items():
        token = os.urandom(8).hex()
        stubs = stubs_of.get(name, {})
        search = [o.search for o in outcomes]
        for o in outcomes:
            o.search = None  # not written (and given back below): the site's search index has it
        try:
            _write(_shard_path(path.parent, name), (token, outcomes, stubs))
        finally:
            for o, entry in zip(outcomes, search, strict=True):
                o.search = entry
        distinct = {id(o.reads): o.reads for o in outcomes}.values()  # versions of a page share theirs
        shards[name] = Shard(token, frozenset().union(*distinct), _report(outcomes))
    position = {name: n for n, name in enumerate(order or by_shard)}
    light = Manifest(
        manifest.out,
        manifest.code,
        manifest.options,
        manifest.files,
        extra=manifest.extra,
        shards=dict(sorted(shards.items(), key=lambda item: position.get(item[0], len(position)))),
    )
    _write(path, (FORMAT, light))
    kept = {_shard_path(path.parent, name).name for name in shards}
    for stale in path.parent.glob("pages-*.pickle"):  # of shards the site no longer has
        if stale.name not in kept:
            stale.unlink(missing_ok=True)


def _report(outcomes: list[Any]) -> Report:
    problems = [o for o in outcomes if o.error or o.warnings]
    return Report(
        outcomes[0].lang,
        len(outcomes) - len(problems),
        frozenset(o.path for o in outcomes),
        frozenset(o.version for o in outcomes),
        problems,
    )


def _write(target: Path, value: Any) -> None:
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(target)


def _shard_path(folder: Path, name: str) -> Path:
    return folder / f"pages-{hashlib.sha1(name.encode()).hexdigest()[:16]}.pickle"  # any name, one file each


def commit(staging: Path, out: Path, journal: Path) -> None:
    """Move the files of ``staging`` into the site at ``out``, each replaced atomically.

    The moves are written down first: a build cut short among them is completed by the next one
    (``finish_commit``), so the site never stays half updated. Until then the previous site is untouched.
    """
    files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    journal.parent.mkdir(parents=True, exist_ok=True)
    # Written before the journal: the next build into this --out, whatever its cache, finds the journal from
    # the staging folder (finish_pending) instead of deleting a half-moved update as debris.
    (staging / COMMIT_NOTE).write_text(str(journal), encoding="utf-8")
    tmp = journal.with_suffix(".tmp")
    tmp.write_text(json.dumps({"staging": str(staging), "out": str(out), "files": files}), encoding="utf-8")
    tmp.replace(journal)
    pause("commit")
    finish_commit(journal)


def finish_commit(journal: Path) -> None:
    """Carry out the moves a journal lists (those not done yet), then drop the journal and the staging folder."""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    staging, out = Path(plan["staging"]), Path(plan["out"])
    for rel in plan["files"]:
        source = staging / rel
        if source.exists():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, out / rel)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def finish_pending(staging: Path) -> bool:
    """Complete the commit a staging folder left by a dead build was part of; False when it was none (it never
    reached its journal, or the journal is gone), and the folder is plain debris."""
    try:
        journal = Path((staging / COMMIT_NOTE).read_text(encoding="utf-8"))
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(plan, dict) or Path(str(plan.get("staging"))).resolve() != staging.resolve():
        return False
    finish_commit(journal)
    return True


def link_tree(src: Path, dst: Path) -> None:
    """Make ``dst`` a copy of ``src`` whose files are hard links (no data copied); falls back to copying."""
    for folder, _dirs, names in os.walk(src):
        rel = os.path.relpath(folder, src)
        target = dst / rel if rel != "." else dst
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(os.path.join(folder, name), target / name)
            except OSError:
                shutil.copy2(os.path.join(folder, name), target / name)


def replace_file(path: Path, data: str | bytes) -> None:
    """Write a file of a linked tree without touching the inode the previous site shares."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
