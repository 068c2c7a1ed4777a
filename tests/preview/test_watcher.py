import os
import threading
import time

import pytest

from renderer.preview import Preview
from renderer.preview.watcher import Watcher

from .conftest import write


class Collector:
    def __init__(self) -> None:
        self.bursts: list[dict[str, str]] = []
        self.event = threading.Event()

    def __call__(self, burst: dict[str, str]) -> None:
        self.bursts.append(burst)
        self.event.set()

    def next(self, timeout: float = 3.0) -> dict[str, str]:
        assert self.event.wait(timeout), "no change reported"
        time.sleep(0.3)  # let a burst that was split by max_wait arrive too
        self.count = len(self.bursts)
        merged: dict[str, str] = {}
        for b in self.bursts:
            for k, v in b.items():
                merged.setdefault(k, v)
        self.bursts.clear()
        self.event.clear()
        return {k: v for k, v in merged.items() if not k.endswith((".tmp", "~"))}


@pytest.fixture
def watched(site_root):
    got = Collector()
    watcher = Watcher(site_root, got, quiet=0.05)
    watcher.start()
    yield site_root, got
    watcher.stop()


def test_save_in_place(watched):
    root, got = watched
    write(root, "data/reusables/guide/ropes.md", "new\n")
    assert got.next() == {"data/reusables/guide/ropes.md": "modified"}


def test_write_to_temp_and_rename(watched):
    root, got = watched
    tmp = root / "content/guide/.tides.md.tmp"
    tmp.write_text("---\ntitle: T\nversions: '*'\n---\nnew\n", encoding="utf-8")
    os.replace(tmp, root / "content/guide/tides.md")
    burst = got.next()
    assert burst == {"content/guide/tides.md": "moved"} or burst.get("content/guide/tides.md")
    assert "content/guide/tides.md" in burst


def test_delete_and_recreate(watched):
    root, got = watched
    (root / "data/variables/harbour.yml").unlink()
    write(root, "data/variables/harbour.yml", "name: Tern Pier\n")
    burst = got.next()
    assert burst["data/variables/harbour.yml"] == "deleted"  # it existed before the burst


def test_many_quick_saves_are_one_burst(watched):
    root, got = watched
    for i in range(20):
        write(root, "content/guide/tides.md", f"---\ntitle: T\nversions: '*'\n---\nsave {i}\n")
        time.sleep(0.005)
    assert got.next() == {"content/guide/tides.md": "modified"}
    assert got.count == 1  # debounced: one re-render, not twenty


def test_a_watched_folder_created_later_is_watched(watched):
    root, got = watched
    write(root, "templates/page.html", "<html><body>x</body></html>\n")
    burst = got.next()
    assert "templates/page.html" in burst or "templates" in burst
    write(root, "templates/page.html", "<html><body>y</body></html>\n")
    assert "templates/page.html" in got.next()


def test_delete_and_recreate_is_an_edit_to_the_preview(site_root):
    preview = Preview(site_root)
    preview.document_at("/en/guide/mooring")
    (changes,) = preview.changes({"data/variables/harbour.yml": "deleted"})
    assert changes.existed and changes.exists and not changes.structural
    (changes,) = preview.changes({"data/variables/new.yml": "created"})
    assert not changes.existed and not changes.exists
    (changes,) = preview.changes({"data/reusables/guide/ropes.md": "moved"})  # renamed over a file a page read
    assert changes.existed and not changes.structural


def test_a_file_still_being_written_is_not_handed_over(watched):
    root, got = watched
    with open(root / "content/guide/tides.md", "w", encoding="utf-8") as f:
        f.write("---\ntitle: T\n")
        f.flush()
        time.sleep(0.4)  # longer than the quiet time and the usual burst limit
        assert not got.event.is_set()
        f.write("versions: '*'\n---\ndone\n")
    assert got.next() == {"content/guide/tides.md": "modified"}
