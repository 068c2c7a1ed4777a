"""Spread independent renders over worker processes, forked so that they start with the sites already loaded.

Forking shares the parent's parsed sources, page trees and compiled templates for free; each worker returns only
its results. Where ``fork`` is not available, or the work is small, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_TASKS = 40  # below this, starting processes costs more than it saves
_task: Callable[[Any], Any] | None = None  # set just before forking; the children inherit it


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_all(fn: Callable[[Any], Any], tasks: Sequence[Any], jobs: int) -> list[Any]:
    """``[fn(t) for t in tasks]``, in order, on up to ``jobs`` processes."""
    global _task
    if jobs <= 1 or len(tasks) < MIN_TASKS or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(t) for t in tasks]
    # contiguous chunks keep one page's versions together, so they share the Markdown parse cache
    size = max(1, -(-len(tasks) // (jobs * 4)))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    _task = fn
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_run_chunk, chunks, chunksize=1)
    finally:
        _task = None
    return [r for part in parts for r in part]


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(t) for t in chunk]
