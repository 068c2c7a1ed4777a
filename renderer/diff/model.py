"""What a diff found: page-versions whose rendered output differs between two sides, and how.

The two sides are two revisions of the docs (same version) or two versions of the same page (same revision).
Every output format (terminal, JSON, HTML report) reads these objects and nothing else.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from renderer.diff.text import html_text, page_text
from renderer.page.render import Rendered


@dataclass
class Side:
    """One side of a page-version: what it rendered, and where it is served."""

    version: str
    href: str
    rendered: Rendered
    document: str = ""  # the laid-out page (between revisions)

    @cached_property
    def document_text(self) -> str:
        return html_text(self.document, links=True)

    @cached_property
    def text(self) -> str:
        return page_text(self.rendered)

    @cached_property
    def text_with_links(self) -> str:
        return page_text(self.rendered, links=True)


@dataclass
class Change:
    path: str  # page path inside content/: "a/b.md"
    lang: str
    old: Side | None  # None: the page-version is new on the right
    new: Side | None  # None: the page-version is gone on the right
    because: str | None = None  # the changed file that made it a candidate (between revisions)
    fields: list[str] = field(default_factory=list)  # what readers see differently: body, title, nav, ...

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def version(self) -> str:
        """The version, or ``A -> B`` when the two sides are two versions."""
        a = self.old.version if self.old else None
        b = self.new.version if self.new else None
        return a if b is None or a == b else b if a is None else f"{a} -> {b}"

    @property
    def href(self) -> str:
        side = self.new or self.old
        assert side is not None
        return side.href

    @property
    def title(self) -> str:
        side = self.new or self.old
        assert side is not None
        return side.rendered.title or self.path

    def texts(self) -> tuple[str, str]:
        """Old and new readable text; with link targets when the words alone are the same."""
        old = self.old.text if self.old else ""
        new = self.new.text if self.new else ""
        if old == new and self.old and self.new:
            old, new = self.old.text_with_links, self.new.text_with_links
            if old == new and (self.old.document or self.new.document):
                old, new = self.old.document_text, self.new.document_text
        return old, new

    @cached_property
    def diff_lines(self) -> list[str]:
        """A unified diff of the readable text, without the ``---``/``+++`` header."""
        old, new = self.texts()
        lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2))
        body = lines[2:]
        if not body and self.old and self.new:
            body = ["  (the words and links read the same; only the markup differs)"]
        return body


def _version_neutral(line: str, version: str) -> str:
    """A diff line with its page's own version taken out of its links (``/en/server@3.1/a`` reads ``/en/a``, as
    the default version's links are written)."""
    if "->" in version or f"/{version}" not in line:
        return line
    return re.sub(rf"/{re.escape(version)}(?=[/)\s\"'#?]|$)", "", line)


def anchor(lang: str, path: str) -> str:
    """The id of a page's section in the HTML report, which the Markdown summary links to: short (a comment
    lists every page in a line each) and the same in every report."""
    return "p-" + hashlib.sha1(f"{lang}/{path}".encode()).hexdigest()[:10]


# Fields of the page around the article: the same edit there on many pages is one change of the site, told once
CHROME_FIELDS = frozenset({"nav", "availability", "layout", "redirect"})
SHARED_MIN = 10  # page-versions with the very same such change that make it one


@dataclass
class SharedChange:
    """One edit of the page around the article (navigation, the version picker, the layout) seen the same way on
    many page-versions: a template, ``data/ui.yml``, a title in the sidebar of a whole product."""

    fields: tuple[str, ...]
    lines: list[str]  # the text diff, as each of them has it
    changes: list[Change]

    @property
    def pages(self) -> int:
        return len({(c.lang, c.path) for c in self.changes})


_WORDS = re.compile(r"\S+")


def _edit_shape(c: Change) -> tuple[tuple[str, str], ...]:
    """What an edit removes and adds, word by word, without the lines around it: the same edit has the same
    shape on every page, whatever differs from page to page around it (the page's title, the version in links)."""
    shape = []
    removed: list[str] = []
    added: list[str] = []
    for line in [*c.diff_lines, "@"]:  # a hunk ends at the next header, or at the end
        if line[:1] == "-":
            removed += _WORDS.findall(line[1:])
        elif line[:1] == "+":
            added += _WORDS.findall(line[1:])
        elif removed or added:
            ops = difflib.SequenceMatcher(None, removed, added, autojunk=False).get_opcodes()
            shape += [(" ".join(removed[i1:i2]), " ".join(added[j1:j2])) for t, i1, i2, j1, j2 in ops if t != "equal"]
            removed, added = [], []
    return tuple(shape)


@dataclass
class DiffResult:
    left: str  # what the old side is: "base 1a2b3c4", "enterprise-server@2.22"
    right: str
    changes: list[Change] = field(default_factory=list)
    candidates: int = 0  # page-versions that could differ (from what changed and what pages use)
    rendered: int = 0  # renders done to find out
    changed_files: list[str] = field(default_factory=list)
    everything: bool = False  # a template or the configuration changed: every page-version was a candidate
    seconds: float = 0.0

    @cached_property
    def shared(self) -> list[SharedChange]:
        """Edits of the page around the article that at least ``SHARED_MIN`` page-versions have in common."""
        same: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Change]] = {}
        for c in self.changes:
            if c.status == "changed" and c.fields and CHROME_FIELDS.issuperset(c.fields):
                same.setdefault((tuple(c.fields), _edit_shape(c)), []).append(c)
        return [
            SharedChange(fields, changes[0].diff_lines, changes)
            for (fields, _), changes in same.items()
            if len(changes) >= SHARED_MIN
        ]

    def groups(self, *, without_shared: bool = False) -> list[tuple[tuple[str, str], list[list[Change]]]]:
        """Changes grouped by page (language, path), then into runs of versions with the same edits;
        ``without_shared``: leaving out those told once in ``shared``."""
        told = {id(c) for s in self.shared for c in s.changes} if without_shared else set()
        pages: dict[tuple[str, str], list[Change]] = {}
        for c in self.changes:
            if id(c) not in told:
                pages.setdefault((c.lang, c.path), []).append(c)
        out = []
        for key, changes in pages.items():
            runs: dict[tuple[str, tuple[str, ...]], list[Change]] = {}
            for c in changes:
                # the same lines removed and added make the same change, whatever the context around them, and
                # whatever version its links name (a sidebar's links carry the version they are in)
                edits = tuple(_version_neutral(line, c.version) for line in c.diff_lines if line[:1] in "+-")
                runs.setdefault((c.status, tuple(c.fields), edits), []).append(c)
            out.append((key, list(runs.values())))
        return out

    @property
    def pages(self) -> int:
        return len({(c.lang, c.path) for c in self.changes})
