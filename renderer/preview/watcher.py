"""Watch the docs sources with watchdog and hand over settled bursts of changes.

Editors save in different ways: in place, by writing a temporary file and renaming it over the original, by
deleting and recreating, or many times a second while typing. Events are gathered per root-relative path
(keeping the first kind seen, which tells whether the file existed before the burst) until the tree has been
quiet for ``quiet`` seconds, or ``max_wait`` seconds after the first event; then the callback gets the burst.
The callback decides what a path means: temporary files and editor junk it does not recognise are ignored.

A save in place is a truncation then writes: where the platform reports the file being closed (inotify on
Linux), a burst also waits (up to ``hold`` seconds) for every file written in it to be closed, so a half-written
file is never rendered.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

WATCHED = ("content", "data", "translations", "templates", "assets")

Burst = dict[str, str]  # root-relative path -> first event kind: created, deleted, modified or moved


class Watcher(FileSystemEventHandler):
    def __init__(
        self,
        root: Path,
        callback: Callable[[Burst], None],
        *,
        folders: Iterable[str] = WATCHED,
        quiet: float = 0.03,
        max_wait: float = 0.25,
        hold: float = 1.0,
    ) -> None:
        self.root = Path(root).resolve()
        self.callback = callback
        self.folders = tuple(folders)
        self.quiet = quiet
        self.max_wait = max_wait
        self.hold = hold
        self._writing: set[str] = set()  # files modified and not closed yet
        self._cond = threading.Condition()
        self._burst: Burst = {}
        self._first = 0.0
        self._last = 0.0
        self._stopped = False
        self._scheduled: set[str] = set()
        self._observer = Observer()
        self._reports_close = type(self._observer).__name__ == "InotifyObserver"
        self._thread = threading.Thread(target=self._loop, name="preview-watcher", daemon=True)

    def start(self) -> None:
        # the root itself (not recursive) sees the config file and a watched folder being created later
        self._observer.schedule(self, str(self.root), recursive=False)
        for name in self.folders:
            self._schedule(name)
        self._observer.start()
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._observer.stop()
        self._observer.join(timeout=5)
        self._thread.join(timeout=5)

    def _schedule(self, name: str) -> None:
        path = self.root / name
        if name not in self._scheduled and path.is_dir():
            self._observer.schedule(self, str(path), recursive=True)
            self._scheduled.add(name)

    # -- watchdog's thread ---------------------------------------------------------------------------------
    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.event_type == "closed":
            rel = self._rel(event.src_path)
            with self._cond:
                if rel in self._writing:
                    self._writing.discard(rel)
                    self._last = time.monotonic()
                    self._cond.notify_all()
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed: that file has its own event
        paths = [(event.src_path, "deleted" if event.event_type == "moved" else event.event_type)]
        if event.event_type == "moved":
            paths.append((event.dest_path, "moved"))
        now = time.monotonic()
        with self._cond:
            for raw, kind in paths:
                rel = self._rel(raw)
                if rel is None:
                    continue
                if "/" not in rel and rel in self.folders and event.is_directory:
                    self._schedule(rel)
                self._burst.setdefault(rel, kind)
                if self._reports_close and kind in ("created", "modified") and not event.is_directory:
                    self._writing.add(rel)
                if len(self._burst) == 1:
                    self._first = now
            self._last = now
            self._cond.notify_all()

    def _rel(self, raw: str | bytes) -> str | None:
        path = os.fsdecode(raw)
        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        return None if rel.startswith("../") or rel == "." else rel

    # -- our thread: settle bursts -----------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopped and not self._burst:
                    self._cond.wait()
                if self._stopped:
                    return
                while not self._stopped:
                    now = time.monotonic()
                    if self._writing and now < self._first + self.hold:
                        due = self._first + self.hold  # woken early when the last one is closed
                    else:
                        due = min(self._last + self.quiet, self._first + self.max_wait)
                    if now >= due:
                        break
                    self._cond.wait(due - now)
                burst, self._burst = self._burst, {}
                self._writing.clear()
            try:
                self.callback(burst)
            except Exception:  # noqa: BLE001 - a failed update must not stop the watching
                import traceback

                traceback.print_exc()
