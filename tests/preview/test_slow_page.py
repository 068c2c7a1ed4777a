"""One slow page does not hold the others up (issue 14): each request renders on its own thread under the shared
side of the preview's lock, and a change waits for the renders in flight, then goes before new ones."""

from __future__ import annotations

import threading
import time

import pytest

from renderer.preview import Preview, PreviewServer
from renderer.preview.shared_lock import SharedLock

from .conftest import write
from .test_server import get

# About 5 MB of Markdown: seconds of rendering on any machine these tests run on, under the 8 MiB source budget
SLOW_BODY = "".join(f"Paragraph {i} with **bold**, _emphasis_, [a link](/guide/tides) and `code`.\n\n"
                    for i in range(60_000))


@pytest.fixture
def server(site_root):
    write(site_root, "content/guide/index.md",
          "---\ntitle: Guide\nversions: '*'\nchildren:\n  - /mooring\n  - /tides\n  - /atlas\n---\nAll about it.\n")
    write(site_root, "content/guide/atlas.md", "---\ntitle: The atlas\nversions: '*'\n---\n\n" + SLOW_BODY)
    srv = PreviewServer(Preview(site_root), "127.0.0.1", 0)
    srv.start()
    srv.watching.wait(10)
    assert get(srv, "/en")[0] == 200  # the layout's templates compiled: what follows measures renders only
    yield srv
    srv.stop()


def test_a_page_is_served_while_a_slow_one_renders(server):
    slow: dict[str, object] = {}

    def fetch_slow() -> None:
        # the slow page's own time is not what is tested: on a loaded machine it can take well over get's 10 s
        slow["status"] = get(server, "/en/guide/atlas", timeout=180)[0]
        slow["done"] = time.perf_counter()

    thread = threading.Thread(target=fetch_slow)
    thread.start()
    time.sleep(0.3)  # the atlas is rendering now
    start = time.perf_counter()
    status, _, body = get(server, "/en/guide/tides")
    fast_done = time.perf_counter()
    assert status == 200 and "High water comes twice a day." in body
    assert "done" not in slow, "the slow page finished first: it is not slow enough to show anything"
    assert fast_done - start < 2.0  # one lock for every render kept it waiting for the whole atlas
    thread.join(180)
    assert slow["status"] == 200 and slow["done"] > fast_done


def test_the_shared_lock_lets_readers_in_together_and_a_writer_alone():
    lock = SharedLock()
    inside, most = [0], [0]
    gate = threading.Barrier(3)

    def reader() -> None:
        with lock.shared():
            inside[0] += 1
            gate.wait(5)  # all three readers are in at once, or this times out
            most[0] = max(most[0], inside[0])
            inside[0] -= 1

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for t in readers:
        t.start()
    for t in readers:
        t.join(10)
    assert most[0] == 3

    order: list[str] = []

    def late_reader() -> None:
        with lock.shared():
            order.append("reader")

    with lock.exclusive():
        t = threading.Thread(target=late_reader)
        t.start()
        time.sleep(0.2)
        order.append("writer done")  # the reader waited for the writer
        with lock.shared():  # the writer itself may read (re-rendering open tabs after a change)
            pass
    t.join(5)
    assert order == ["writer done", "reader"]


def test_a_reader_asking_for_the_exclusive_side_is_refused_not_deadlocked():
    lock = SharedLock()
    with lock.shared(), pytest.raises(RuntimeError), lock.exclusive():
        pass
