"""What a piece of output was made from: the root-relative files read while making it.

A page-version's provenance is the files its article read (``Rendered.reads``) and the files its layout read:
other pages' front matter (titles in the sidebar and breadcrumbs, intros in a table of contents, which pages
exist in the version), the data those titles and callouts read, ``data/ui.yml``, the templates. The layout is
made of pieces shared between pages and remembered (a sidebar entry, a title): each remembered piece keeps the
files it was made from, and whoever uses it again is told of them too, so a cache never hides a read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


class Recorder:
    """Collects reads into the recordings open at the time; an inner recording adds to the one around it.
    Each thread has its own recordings: the preview lays out pages on several threads at once."""

    def __init__(self) -> None:
        self._local = threading.local()
        # One frozenset per distinct set of reads: tens of thousands of remembered pieces (titles, sidebar
        # entries) were made from a few thousand distinct sets, and a worker kept each as its own (30 MB).
        self._shared: dict[frozenset[str], frozenset[str]] = {}

    @property
    def _open(self) -> list[set[str]]:
        try:
            return self._local.open
        except AttributeError:
            self._local.open = []
            return self._local.open

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        reads: set[str] = set()
        self._open.append(reads)
        try:
            yield reads
        finally:
            self._open.pop()
            if self._open:
                self._open[-1] |= reads

    def add(self, files: Iterable[str]) -> None:
        recordings = self._open
        if recordings:
            recordings[-1].update(files)

    def remembered(self, cache: MutableMapping[Hashable, tuple[Any, frozenset[str]]], key: Hashable,
                   make: Callable[[], T]) -> T:
        """``make()``, made once for ``key``: a later call gets the same value, and its reads again."""
        hit = cache.get(key)
        if hit is None:
            with self.recording() as reads:
                value = make()
            hit = cache[key] = (value, self.shared(reads))
        else:
            self.add(hit[1])
        return hit[0]

    def shared(self, reads: Iterable[str]) -> frozenset[str]:
        """``reads`` as a frozenset, the same object as every equal one made here before."""
        frozen = frozenset(reads)
        return self._shared.setdefault(frozen, frozen)


def forget(cache: MutableMapping[Hashable, tuple[Any, frozenset[str]]], files: set[str]) -> int:
    """Drop from a ``remembered`` cache what was made from any of ``files``; how many entries went."""
    stale = [key for key, (_, reads) in cache.items() if not reads.isdisjoint(files)]
    for key in stale:
        del cache[key]
    return len(stale)
