"""The scheduler that spreads work over worker processes (renderer/workers.py)."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from renderer import workers
from renderer.workers import WorkerError, run, shares

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="worker processes are forked"
)

JOBS = list(range(workers.MIN_JOBS * 2))


def square(n: int) -> int:
    return n * n


def test_results_come_in_the_input_order():
    assert list(run(JOBS, square, workers=2)) == [n * n for n in JOBS]


def test_unordered_results_are_all_there():
    got = list(run(JOBS, square, workers=2, ordered=False))
    assert sorted(got) == [n * n for n in JOBS]


def test_work_really_runs_in_other_processes():
    pids = set(run(JOBS, lambda n: os.getpid(), workers=2))
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_shares_are_contiguous_and_even_by_job_count():
    assert [list(s) for s in shares([1] * 10, 2)] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    # two languages of the same size on two workers: one language each
    assert [list(s) for s in shares([3] * 4 + [3] * 4, 2)] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    # a big batch first: the rest goes to the other worker
    assert [list(s) for s in shares([5, 1, 1, 1, 1, 1], 2)] == [[0], [1, 2, 3, 4, 5]]


def test_a_worker_done_with_its_share_takes_from_the_end_of_the_other():
    half = len(JOBS) // 2

    def work(n: int) -> tuple[int, int]:
        if n < half:  # the first share is slow
            time.sleep(0.01)
        return n, os.getpid()

    done_by = dict(run(JOBS, work, workers=2))
    first_share = {done_by[n] for n in range(half)}
    assert len(first_share) == 2  # its last jobs were taken by the worker that finished early
    assert done_by[0] != done_by[half - 1]


def test_an_exception_in_the_work_is_raised_with_its_traceback():
    def work(n: int) -> int:
        if n == 50:
            raise ValueError("job fifty is broken")
        return n

    with pytest.raises(WorkerError, match="job fifty is broken"):
        list(run(JOBS, work, workers=2))
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_reported():
    def work(n: int) -> int:
        if n == 10:
            os._exit(3)
        return n

    with pytest.raises(WorkerError, match="ended unexpectedly"):
        list(run(JOBS, work, workers=2))
    assert multiprocessing.active_children() == []


def test_stopping_early_leaves_no_worker_behind():
    results = run(JOBS, square, workers=2)
    assert next(results) == 0
    results.close()
    assert multiprocessing.active_children() == []


def test_one_worker_or_little_work_runs_here():
    assert set(run(JOBS, lambda n: os.getpid(), workers=1)) == {os.getpid()}
    assert set(run(JOBS[: workers.MIN_JOBS - 1], lambda n: os.getpid(), workers=2)) == {os.getpid()}
