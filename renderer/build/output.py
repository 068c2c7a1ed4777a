"""Where a build may write: never over the sources, never over a folder it did not make.

A build replaces its ``--out`` folder whole. That is safe only for a folder an earlier build made, so every built
site carries a marker file, and a build refuses an ``--out`` that

- is the docs root, or holds it (``--out .``, ``--out ..``),
- lies inside a folder the site is read from (``content/``, ``data/``, ``assets/``, ``templates/``, a
  translation's folder, ``.git``),
- is a file, or a non-empty folder without the marker.

Nothing is touched when it refuses.

A build must also survive being killed at any instant (Ctrl-C, SIGTERM, ``kill -9``, a power cut) with a whole
site at ``--out``, the previous one or the new one, and leave nothing behind that the next build does not clear:

- the site is written into a staging folder beside ``--out`` (``.<out>.staging-XXXXXXXX``) and swapped in by
  one ``renameat2(RENAME_EXCHANGE)``: there is no instant without a site at ``--out``. Where the kernel or the
  file system lacks it, two renames (``--out`` to ``.<out>.old``, staging to ``--out``), and a build that finds
  ``.<out>.old`` but no ``--out`` (cut short between them) puts the old site back first. A symlink flip would be
  atomic too, but it would turn ``--out`` into a link, which deploy steps that copy or archive it treat
  differently; the exchange keeps ``--out`` a plain folder.
- a build holds a lock (``flock`` on ``.<out>.lock``) from start to end. A second build into the same ``--out``
  waits ``LOCK_WAIT`` seconds, then refuses (``BuildLocked``, exit 75) instead of racing the first.
- staging folders are made only by a build that holds the lock, so the one that holds it next knows that every
  staging folder it finds belongs to a build that died, and removes it (``stale_staging``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from renderer.model.errors import BuildLocked, DocsError

try:
    import fcntl
except ImportError:  # Windows: no flock; builds into one --out are then not kept apart
    fcntl = None  # type: ignore[assignment]

MARKER = ".docs-renderer-site"
MARKER_TEXT = "This folder was written by docs-renderer build; the next build replaces it whole.\n"

# folders of the docs root that hold what a site is built from, besides each translation's folder
SOURCE_FOLDERS = ("content", "data", "assets", "templates", "translations", ".git")


class OutputError(DocsError):
    """``--out`` names a folder a build must not replace."""


def check_output(out: Path, root: Path, language_dirs: Iterable[str] = ()) -> None:
    """Raise ``OutputError`` unless a build may replace ``out`` (see the module's docstring)."""
    out, root = Path(os.path.abspath(out)), Path(os.path.abspath(root))
    real_out, real_root = out.resolve(), root.resolve()
    hint = "choose another --out, such as _site"
    if real_out == real_root or real_root.is_relative_to(real_out):
        raise OutputError(f"--out {out} is the docs root or holds it: the build would replace the sources", hint=hint)
    sources = [real_root / name for name in SOURCE_FOLDERS]
    sources += [real_root / d for d in language_dirs if d not in ("", ".")]
    for folder in sources:
        if real_out == folder or real_out.is_relative_to(folder):
            raise OutputError(
                f"--out {out} is inside {folder.relative_to(real_root)}/, which the site is built from", hint=hint
            )
    if out.is_symlink() or real_out.exists():
        if not real_out.is_dir():
            raise OutputError(f"--out {out} is not a folder", hint=hint)
        if not is_site(real_out) and any(real_out.iterdir()):
            raise OutputError(
                f"--out {out} is a folder that a build did not make (no {MARKER} in it): the build would replace "
                "what it holds",
                hint="remove the folder yourself if it is an old site, or choose another --out",
            )


def is_site(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def mark(folder: Path) -> None:
    """Say that ``folder`` is a built site, which the next build may replace."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


# -- staging, swap and lock (see the module's docstring) ---------------------------------------------------------
LOCK_WAIT = 5.0  # seconds a build waits for another one into the same --out before refusing
PAUSE_VARIABLE = "DOCS_RENDERER_TEST_PAUSE"  # tests only: stop at a named point, so a kill can land exactly there
_STAGING = ".{}.staging-"
_held_locks: set[int] = set()  # descriptors of the locks this process holds


def staging_folder(out: Path) -> Path:
    """A new, empty staging folder beside ``out``, readable by all (the published site must be)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING.format(out.name), dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private
    return staging


def stale_staging(out: Path) -> list[Path]:
    """The staging folders beside ``out``: to be called while holding its lock, when all of them are stale.
    Matched by the exact name a build gives them, so that no other folder (nor another --out's) is taken."""
    pattern = re.compile(re.escape(_STAGING.format(out.name)) + r"[a-z0-9_]{8}")
    try:
        names = os.listdir(out.parent)
    except FileNotFoundError:
        return []
    return [out.parent / name for name in sorted(names) if pattern.fullmatch(name)]


def old_site(out: Path) -> Path:
    """Where the two-rename swap keeps the previous site between its renames."""
    return out.with_name(f".{out.name}.old")


def restore_old_site(out: Path) -> None:
    """Undo a two-rename swap cut short between its renames (the old site back at ``out``), or drop the old
    site a swap cut short after them left behind."""
    old = old_site(out)
    if not old.is_dir():
        return
    if not out.exists() and is_site(old):
        old.rename(out)
    else:
        shutil.rmtree(old, ignore_errors=True)


def swap(staging: Path, out: Path) -> Path | None:
    """Put the site in ``staging`` at ``out``, never leaving ``out`` without a site. Returns the folder that now
    holds the previous site (for the caller to remove), or None when there was none."""
    pause("before-swap")
    with uninterrupted():
        if not out.exists():
            staging.rename(out)
            return None
        if exchange(staging, out):
            pause("after-exchange")
            return staging
        # No atomic exchange here: two renames, undone by the next build if cut short between them.
        old = old_site(out)
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        pause("between-renames")
        staging.rename(out)
        return old


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return function


_renameat2 = _load_renameat2()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # <linux/fs.h>


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the kernel or the file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):  # old kernel, file system
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back until the block is done, then act on them: the swap's steps are never
    separated by a clean-up that would remove the new site. (``kill -9`` cannot be held back; the next build
    repairs what it leaves.) Outside the main thread, where no handler runs, the block simply runs."""
    caught: list[int] = []
    previous = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda number, _frame: caught.append(number))
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


@contextlib.contextmanager
def build_lock(out: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold ``.<out>.lock`` for the block; ``BuildLocked`` when another build keeps it longer than ``wait``."""
    wait = LOCK_WAIT if wait is None else wait
    path = out.with_name(f".{out.name}.lock")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield path
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _locked_by_another(out, path, fd, wait) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for the message a waiting build prints, nothing else
        _held_locks.add(fd)
        try:
            yield path
        finally:
            _held_locks.discard(fd)
            # The file stays: removing it would let a build that opened it before the removal lock a file
            # nobody else sees, and run beside the next one.
    finally:
        os.close(fd)


def _locked_by_another(out: Path, path: Path, fd: int, wait: float) -> BuildLocked:
    try:
        owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        owner = ""
    who = f"process {owner}" if owner.isdigit() else "another process"
    return BuildLocked(
        f"another build ({who}) is writing {out}; waited {wait:g} seconds for it",
        str(path),
        hint="build again once it is done, or choose another --out",
    )


def _forget_locks_in_child() -> None:
    # A forked child (a worker) shares the lock with this process: closing its copy means the lock goes as soon
    # as this process does, even if the child lingered.
    for fd in list(_held_locks):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def pause(point: str) -> None:
    """Tests only: with ``DOCS_RENDERER_TEST_PAUSE=<point>[:<seconds>]``, say so on stderr and wait at
    ``point``, so that a test can kill the build exactly there. Unset (always, outside tests), nothing."""
    wanted = os.environ.get(PAUSE_VARIABLE)
    if not wanted:
        return
    name, _, seconds = wanted.partition(":")
    if name == point:
        print(f"docs-renderer: test pause at {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 60))
