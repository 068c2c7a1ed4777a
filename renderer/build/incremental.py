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
from renderer.model.source_files import read_source

DEFAULT_MAX = DEFAULT_LIMITS.source_bytes
FORMAT = 3  # 2: the pages' reads in a file of their own; 3: search entries only in the site's index files
COMMIT_NOTE = ".docs-renderer-commit"  # in a staging folder being committed: the journal that lists its moves
INPUT_FOLDERS = ("content", "data", "translations", "templates", "assets")
_CODE = Path(__file__).resolve().parent.parent  # the whole renderer package: any code change invalidates
# what reading a pickle that is missing, cut short or from another version of the renderer raises
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError)


@dataclass
class Manifest:
    out: str
    code: str
    options: str
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # relfile -> (mtime_ns, size, sha1)
    # (lang, path, version) -> what building it left behind (the builder's PageOutcome: reads, errors); its
    # search entry is not kept (the builder finds it in the site's index file)
    pages: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # The pages' reads are most of the manifest, and a build with nothing changed needs none: they are kept in a
    # file of their own (``_heavy_path``), read by ``load_reads`` only when something changed.
    heavy: str = ""  # that file, as ``load`` found it ("" once its contents are in ``pages``)
    token: str = ""  # the same in both files: a pair written by one save

    def load_reads(self) -> bool:
        """Put each page's reads back (False: the file is gone or is another save's)."""
        if not self.heavy:
            return True
        try:
            with open(self.heavy, "rb") as f:
                token, heavy = pickle.load(f)
        except _UNREADABLE:
            return False
        if token != self.token or heavy.keys() != self.pages.keys():
            return False
        for key, reads in heavy.items():
            self.pages[key].reads = reads
        self.heavy = ""
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
    is never read (it was read without end: ``/dev/zero``), and is fingerprinted by what it is instead."""
    found: dict[str, tuple[int, int, str]] = {}
    base = str(root) + os.sep
    tops = [root / name for name in INPUT_FOLDERS] + [root / "docs-renderer.yml", *extra]
    for top in tops:
        if top.is_file():
            _add(found, str(top), _key(root, top), previous, max_bytes)
            continue
        for folder, _dirs, names in os.walk(top):
            for name in names:
                path = os.path.join(folder, name)
                # plain strings: pathlib's relative_to on every file was half of this function's time
                key = path[len(base) :].replace(os.sep, "/") if path.startswith(base) else path
                _add(found, path, key, previous, max_bytes)
    return dict(sorted(found.items()))


def _key(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _add(found: dict[str, tuple[int, int, str]], path: str, key: str, previous: dict, max_bytes: int) -> None:
    try:
        st = os.stat(path)
        old = previous.get(key)
        if old and old[0] == st.st_mtime_ns and old[1] == st.st_size:
            found[key] = old
            return
        digest = hashlib.sha1(read_source(path, key, None, max_bytes)).hexdigest()
    except SourceFileError:  # refused by what it is; the build says so where it reads it
        digest = f"not read: mode {st.st_mode:o}, {st.st_size} bytes"
    except OSError:
        return
    found[key] = (st.st_mtime_ns, st.st_size, digest)


def changed_files(old: dict[str, tuple[int, int, str]], new: dict[str, tuple[int, int, str]]) -> set[str]:
    """Files added, removed, or whose content differs."""
    keys = old.keys() | new.keys()
    return {k for k in keys if (old.get(k) or (0, 0, ""))[2] != (new.get(k) or (0, 0, ""))[2]}


def load(path: Path) -> Manifest | None:
    """The manifest at ``path``, without its pages' reads and search entries (``Manifest.load_reads``)."""
    try:
        with path.open("rb") as f:
            fmt, manifest = pickle.load(f)
    except _UNREADABLE:
        return None
    if fmt != FORMAT or not isinstance(manifest, Manifest):
        return None
    manifest.heavy = str(_heavy_path(path))
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
    describe the previous site, and a later build could then call the new one up to date."""
    path.unlink(missing_ok=True)
    _heavy_path(path).unlink(missing_ok=True)


def save(path: Path, manifest: Manifest) -> None:
    """Write the manifest as two files: the pages' reads (each page needs ``reads``), then the rest, which names
    them by a token (a crash between the two leaves a pair that does not match: the next build then builds
    everything). Search entries are not written."""
    if not manifest.load_reads():
        raise ValueError("a manifest whose reads could not be loaded cannot be saved")
    path.parent.mkdir(parents=True, exist_ok=True)
    manifest.token = os.urandom(8).hex()
    heavy = {key: page.reads for key, page in manifest.pages.items()}
    _write(_heavy_path(path), (manifest.token, heavy))
    # the pages written without them, and given their reads back (no copy of tens of thousands of objects)
    search = {key: page.search for key, page in manifest.pages.items()}
    for page in manifest.pages.values():
        page.reads, page.search = (), None
    try:
        _write(path, (FORMAT, manifest))
    finally:
        for key, reads in heavy.items():
            page = manifest.pages[key]
            page.reads, page.search = reads, search[key]


def _write(target: Path, value: Any) -> None:
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(target)


def _heavy_path(path: Path) -> Path:
    return path.with_name(path.stem + "-reads.pickle")


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
