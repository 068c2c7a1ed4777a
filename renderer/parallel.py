"""Spread page-version work over the machine's cores, results in the input's order.

Workers are forked from the process that loaded the site, so they start with its page tree and caches. Work is
handed out a page at a time (all of a page's versions together), so each source is compiled once per worker.
Where fork is unavailable, or one worker is asked for, everything runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_work: Callable[[Any], Any] | None = None  # set in the parent before forking; inherited by the workers
MIN_JOBS = 40  # below this, starting processes costs more than it saves


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(
    jobs: Sequence[T], work: Callable[[T], R], workers: int = 0, group: Callable[[T], Any] | None = None
) -> Iterator[R]:
    """``work(job)`` for every job, in order. ``group`` keeps neighbouring jobs with the same key in one batch
    (a page's versions share its compiled templates); without it, jobs go in contiguous runs."""
    workers = workers or default_workers()
    if group:
        batches = [list(g) for _, g in groupby(jobs, key=group)]
    else:
        size = max(1, -(-len(jobs) // (workers * 4)))
        batches = [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]
    if (
        workers <= 1
        or len(jobs) < MIN_JOBS
        or len(batches) <= 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for job in jobs:
            yield work(job)
        return
    global _work
    _work = work
    # What the workers inherit (site, data, compiled templates) lives until they end: frozen, it is never
    # rescanned by their cycle collector, and its pages stay shared with this process instead of being copied.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_run_batch, batches, chunksize=1):
                yield from results
    finally:
        _work = None
        gc.unfreeze()


def _run_batch(batch: list[Any]) -> list[Any]:
    assert _work is not None
    return [_work(job) for job in batch]
