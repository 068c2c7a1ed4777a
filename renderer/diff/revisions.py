"""Read a git revision of the docs root without touching the working tree or the index.

A revision is shown to the renderer as a folder: a *view* of the working tree in which the files that differ
between the working tree and the revision are replaced by the revision's blobs (or left out, when the revision
does not have them), and everything else is a symlink into the working tree. Building a view costs one
``git diff`` and one ``git cat-file --batch``, whatever the size of the site, and git is only ever asked to read.

``REV`` of ``None`` means the working tree itself, uncommitted edits and untracked (not ignored) files included.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from renderer.model.errors import DocsError

WORKTREE = None  # the "revision" that is the working tree
# no opportunistic index refresh (git diff may otherwise rewrite .git/index), no pager, no colour
_ENV = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}


@dataclass(frozen=True)
class Git:
    """git, run in the docs root (which may be any folder inside a repository)."""

    root: Path

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), *args], input=stdin, capture_output=True, check=False, env=_ENV
            )
        except FileNotFoundError as e:
            raise DocsError("git is not installed", hint="diff reads revisions with git") from e
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DocsError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
        return done.stdout

    def commit(self, rev: str) -> str:
        """The full commit id of ``rev``; a clear error when it names no commit."""
        self.run("rev-parse", "--git-dir")  # fails first, and says so, outside a repository
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
        except DocsError:
            raise DocsError(f"{rev!r} is not a commit in the repository at {self.root}") from None

    @property
    def prefix(self) -> str:
        """The docs root's path inside the repository, ``""`` or ending in ``/``."""
        return self.run("rev-parse", "--show-prefix").decode().strip()


def merge_base(root: Path, base: str, head: str | None = WORKTREE) -> str:
    """The commit a pull request of ``head`` into ``base`` is compared with: their merge base, as GitHub's "Files
    changed" has it, so that what ``base`` gained after the branch point does not show as the head's change.
    The working tree (``None``) branches from ``HEAD``."""
    git = Git(Path(root))
    one, two = git.commit(base), git.commit("HEAD" if head is None else head)
    try:
        return git.run("merge-base", one, two).decode().strip()
    except DocsError:
        pass  # no common ancestor in the history this clone has; say why, and what to do
    shallow = git.run("rev-parse", "--is-shallow-repository").decode().strip() == "true"
    if shallow:
        raise DocsError(
            f"the merge base of {base!r} and {head or 'HEAD'!r} is not in this shallow clone",
            hint="fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout), "
            "or compare with the revision itself: --base-exact",
        )
    raise DocsError(
        f"{base!r} and {head or 'HEAD'!r} have no common history",
        hint="compare with the revision itself: --base-exact",
    )


def changed_files(root: Path, base: str, head: str | None = WORKTREE) -> dict[str, str]:
    """Root-relative paths that differ between two revisions, with git's status letter (A, D, M, T).

    Renames are reported as a deletion and an addition, because both paths matter to the site.
    """
    git = Git(Path(root))
    revs = [git.commit(base)] + ([git.commit(head)] if head is not None else [])
    out = _name_status(git.run("diff", "--relative", "--no-renames", "--name-status", "-z", *revs, "--", "."))
    if head is None:
        for path in _untracked(git):
            out[path] = "A"
    return out


def view(root: Path, rev: str | None, dest: Path) -> Path:
    """Make ``dest`` a folder that reads like the docs root at ``rev``; returns ``dest``.

    ``rev`` of ``None`` is the working tree: then the root itself is returned and nothing is written.
    """
    root = Path(root)
    if rev is None:
        return root
    git = Git(root)
    commit = git.commit(rev)
    differs = _name_status(git.run("diff", "--relative", "--no-renames", "--name-status", "-z", commit, "--", "."))
    for path in _untracked(git):
        differs[path] = "D"  # in the working tree, not in the revision
    present = [p for p, status in differs.items() if status != "A"]  # "A": the working tree added it
    blobs = _blobs(git, commit, present)
    _link_tree(root, Path(dest), set(differs))
    for path, data in blobs.items():
        target = Path(dest) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return Path(dest)


def _name_status(raw: bytes) -> dict[str, str]:
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    out = {}
    for status, path in zip(fields[0::2], fields[1::2]):
        out[path] = status[:1]
    return out


def _untracked(git: Git) -> list[str]:
    raw = git.run("ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    return [p for p in raw.decode("utf-8", "surrogateescape").split("\0") if p]


def _blobs(git: Git, commit: str, paths: list[str]) -> dict[str, bytes]:
    """The revision's content of each path (paths the revision does not have are left out)."""
    if not paths:
        return {}
    prefix = git.prefix
    request = "".join(f"{commit}:{prefix}{p}\n" for p in paths).encode("utf-8", "surrogateescape")
    raw = git.run("cat-file", "--batch", stdin=request)
    out: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing here, or a submodule: nothing to read
        size = int(header[2])
        out[path] = raw[pos : pos + size]
        pos += size + 1
    return out


def _link_tree(src: Path, dest: Path, differs: set[str]) -> None:
    """Symlink everything of ``src`` into ``dest`` except ``differs``, making real folders only on their paths."""
    folders = {""}
    for path in differs:
        parts = path.split("/")[:-1]
        folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))

    def fill(rel: str) -> None:
        here = dest / rel if rel else dest
        here.mkdir(parents=True, exist_ok=True)
        with os.scandir(src / rel if rel else src) as entries:
            for entry in entries:
                child = f"{rel}/{entry.name}" if rel else entry.name
                if child in differs:
                    continue
                if child in folders and entry.is_dir(follow_symlinks=False):
                    fill(child)
                else:
                    os.symlink(entry.path, here / entry.name)

    fill("")
