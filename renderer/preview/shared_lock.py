"""A lock that many readers hold at once and one writer holds alone.

The preview renders each request on its own thread under the shared side, so a slow page does not hold the
others up; a change of files takes the exclusive side, so nothing renders from a half-forgotten model. Both
sides are reentrant for the thread holding them, and the writer may take the shared side too (re-rendering
the open tabs after a change goes through the same path as a request).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class SharedLock:
    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers: dict[int, int] = {}  # thread id -> how many times it holds the shared side
        self._writer: int | None = None
        self._writes = 0  # how many times the writer holds the exclusive side
        self._waiting_writers = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            # A thread already reading goes on (else a waiting writer would deadlock it); new readers let a
            # waiting writer go first, so a stream of requests cannot keep a change out for ever.
            while not (self._writer in (None, me) and (me in self._readers or self._writer == me
                                                         or not self._waiting_writers)):
                self._cond.wait()
            self._readers[me] = self._readers.get(me, 0) + 1
        try:
            yield
        finally:
            with self._cond:
                self._readers[me] -= 1
                if not self._readers[me]:
                    del self._readers[me]
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._writer != me:
                if me in self._readers:
                    raise RuntimeError("a reader cannot take the exclusive side: it would wait for itself")
                self._waiting_writers += 1
                try:
                    while self._writer is not None or self._readers:
                        self._cond.wait()
                finally:
                    self._waiting_writers -= 1
                self._writer = me
            self._writes += 1
        try:
            yield
        finally:
            with self._cond:
                self._writes -= 1
                if not self._writes:
                    self._writer = None
                self._cond.notify_all()
