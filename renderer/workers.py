"""Spread page-version work over the machine's cores, results in the input's order.

Workers are forked from the process that loaded the site, so they start with its page tree and caches. Work goes
out in batches (all of a page's versions together, so each source is compiled once), and each worker starts on a
contiguous share of the batches: a build of two languages on two cores gives each worker one language, so it
loads, compiles and caches that language's data and titles alone (a tenth less CPU than handing out batches in
turn, measured on the 2021 corpus). A worker that runs out of its share takes batches from the far end of the
largest share left, so all finish together. Where fork is unavailable, or one worker is asked for, everything
runs in this process.

Workers never outlive this process: on Linux each asks the kernel to kill it when its parent dies (even by
``kill -9``, which runs no cleanup of ours), and one whose parent died before it could ask ends at once. Without
that, a killed build left its workers blocked on a pipe for ever, reparented to init.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Set in the parent before forking and inherited by the workers, which are then sent only batch numbers.
_work: Callable[[Any], Any] | None = None
_batches: list[list[Any]] = []
_parent = 0  # the pid of the process that forked the workers (set before forking, like the two above)
MIN_JOBS = 40  # below this, starting processes costs more than it saves
IN_FLIGHT = 3  # batches sent ahead to each worker, so it never waits for the next one
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class WorkerError(RuntimeError):
    """A worker process failed outside the work function's own error handling (a bug, or the process died)."""


def _load_prctl() -> Callable[..., int] | None:
    """libc's ``prctl``, looked up once in the parent (the child has no time to spare before asking)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _load_prctl()


def _die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this worker when ``parent`` ends; end now if it already has.

    The death signal is tied to the parent's thread that forked: workers.run forks from the thread that then
    waits for the results, so that thread outlives the workers. The parent can die between the fork and the
    prctl call, which then arms nothing: the pid check after it closes that gap (an orphan's parent pid is
    init's, or a subreaper's, never the original parent's).
    """
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(
    jobs: Sequence[T],
    work: Callable[[T], R],
    workers: int = 0,
    group: Callable[[T], Any] | None = None,
    ordered: bool = True,
) -> Iterator[R]:
    """``work(job)`` for every job, in order. ``group`` keeps neighbouring jobs with the same key in one batch
    (a page's versions share its compiled templates); without it, jobs go in contiguous runs. ``ordered=False``
    gives each batch's results as soon as it is done (the caller puts them in order, if it needs to)."""
    workers = workers or default_workers()
    if group:
        batches = [list(g) for _, g in groupby(jobs, key=group)]
    else:
        size = max(1, -(-len(jobs) // (workers * 16)))
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
    yield from _in_workers(batches, work, min(workers, len(batches)), ordered)


def shares(sizes: Sequence[int], workers: int) -> list[deque[int]]:
    """Batch indexes cut into ``workers`` contiguous runs of about the same number of jobs."""
    total = sum(sizes)
    out: list[deque[int]] = [deque() for _ in range(workers)]
    done = 0
    for index, size in enumerate(sizes):
        # the share whose part of the total this batch's middle falls in
        out[min(workers - 1, (2 * done + size) * workers // (2 * total or 1))].append(index)
        done += size
    return out


def _next_batch(queues: list[deque[int]], worker: int) -> int | None:
    """The next batch for ``worker``: the front of its own share, else the back of the largest one left."""
    if queues[worker]:
        return queues[worker].popleft()
    largest = max(queues, key=len)
    return largest.pop() if largest else None


def _in_workers(
    batches: list[list[Any]], work: Callable[[Any], Any], workers: int, ordered: bool
) -> Iterator[Any]:
    global _work, _batches, _parent
    _work, _batches, _parent = work, batches, os.getpid()
    queues = shares([len(b) for b in batches], workers)
    context = multiprocessing.get_context("fork")
    processes: list[Any] = []
    conns: list[Connection] = []
    complete = False
    # What the workers inherit (site, data, compiled templates) lives until they end: frozen, it is never
    # rescanned by their cycle collector, and its pages stay shared with this process instead of being copied.
    gc.freeze()
    try:
        for _ in range(workers):
            ours, theirs = context.Pipe()
            process = context.Process(target=_worker, args=(theirs,), daemon=True)
            process.start()
            theirs.close()
            processes.append(process)
            conns.append(ours)
        busy = [0] * workers

        def feed(worker: int) -> None:
            while busy[worker] < IN_FLIGHT:
                index = _next_batch(queues, worker)
                if index is None:
                    return
                try:
                    conns[worker].send(index)
                except (BrokenPipeError, ConnectionError):
                    raise WorkerError(f"worker process {processes[worker].pid} ended unexpectedly") from None
                busy[worker] += 1

        for worker in range(workers):
            feed(worker)
        finished: dict[int, list[Any]] = {}
        received = next_out = 0
        while received < len(batches):
            for conn in wait([c for c, n in zip(conns, busy) if n]):
                worker = conns.index(conn)
                try:
                    index, ok, payload = conn.recv()
                except (EOFError, ConnectionError):
                    raise WorkerError(f"worker process {processes[worker].pid} ended unexpectedly") from None
                if not ok:
                    error, text = payload
                    if error is not None:  # the disk's doing (full, read-only): said as such, not as a bug
                        raise error from WorkerError(text)
                    raise WorkerError(text)
                busy[worker] -= 1
                received += 1
                feed(worker)
                if ordered:
                    finished[index] = payload
                else:
                    yield from payload
            while next_out in finished:
                yield from finished.pop(next_out)
                next_out += 1
        complete = True
    finally:
        _work, _batches = None, []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.send(None)  # "no more work" (the end of the pipe is no sign: later workers hold it too)
            conn.close()
        for process in processes:
            if complete:
                process.join(timeout=5)
            if process.is_alive():  # stopped early (an error, Ctrl-C): its results are no longer wanted
                process.terminate()
                process.join()
        gc.unfreeze()


def _worker(conn: Connection) -> None:
    _die_with_parent(_parent)
    # Ctrl-C goes to the whole process group: the parent stops the workers itself. SIGTERM is how it stops them
    # (``terminate``): the default action, not the handler the command line installed in the parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    assert _work is not None
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        try:
            reply = (index, True, [_work(job) for job in _batches[index]])
        except OSError as e:  # sent whole (errno, path): the parent reports a full disk as a full disk
            reply = (index, False, (_plain_os_error(e), traceback.format_exc()))
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
            reply = (index, False, (None, traceback.format_exc()))
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def _plain_os_error(e: OSError) -> OSError:
    """A copy of ``e`` that pickles whatever its subclass holds: errno, message and paths are what count."""
    return OSError(e.errno, e.strerror, e.filename, None, e.filename2) if e.errno is not None else OSError(str(e))
