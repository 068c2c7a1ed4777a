"""Worker processes never outlive the process that forked them, and the disk's errors come back as themselves
(renderer/workers.py)."""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from renderer import workers
from renderer.workers import run

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="worker processes are forked"
)
JOBS = list(range(workers.MIN_JOBS * 2))

PARENT = textwrap.dedent(
    """
    import os, time
    from renderer import workers

    def work(n):
        time.sleep(0.02)
        return os.getpid()

    seen = set()
    for pid in workers.run(list(range(400)), work, workers=2):
        if pid not in seen:
            seen.add(pid)
            print(pid, flush=True)
        if len(seen) == 2:
            time.sleep(120)  # killed here, its workers busy or waiting for more work
    """
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_workers_die_with_a_parent_killed_by_sigkill() -> None:
    proc = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert proc.stdout is not None
        workers = [int(proc.stdout.readline()), int(proc.stdout.readline())]
        assert all(_alive(pid) for pid in workers)
        proc.kill()  # no cleanup of ours runs
        proc.wait()
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their parent"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def test_a_worker_whose_parent_is_already_gone_ends_at_once() -> None:
    # the gap between fork and the prctl call: the parent pid it was forked by is no longer its parent's
    child = os.fork()
    if child == 0:
        try:
            workers._die_with_parent(os.getppid() + 1)
        finally:
            os._exit(0)  # only if it did not end itself (and never back into pytest)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    # and one whose parent is there goes on
    child = os.fork()
    if child == 0:
        try:
            workers._die_with_parent(os.getppid())
        finally:
            os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_disk_error_in_a_worker_is_raised_as_that_error() -> None:
    def work(n: int) -> int:
        if n == 50:
            raise OSError(errno.ENOSPC, "No space left on device", "/srv/site/page/index.html")
        return n

    with pytest.raises(OSError) as caught:
        list(run(JOBS, work, workers=2))
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == "/srv/site/page/index.html"
    assert isinstance(caught.value.__cause__, workers.WorkerError)  # the worker's traceback, for --verbose
    assert "No space left on device" in str(caught.value.__cause__)
    assert multiprocessing.active_children() == []
