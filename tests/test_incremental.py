import os

from renderer.incremental import Manifest, changed_files, fingerprint_inputs, link_tree, load, replace_file, save


def test_fingerprints_follow_content_not_mtime(tmp_path):
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "a.md"
    page.write_text("one")
    first = fingerprint_inputs(tmp_path, [], {})
    assert list(first) == ["content/a.md"]
    os.utime(page, ns=(1, 1))  # touched, same bytes
    second = fingerprint_inputs(tmp_path, [], first)
    assert changed_files(first, second) == set()
    page.write_text("two")
    (tmp_path / "content" / "b.md").write_text("new")
    third = fingerprint_inputs(tmp_path, [], second)
    assert changed_files(second, third) == {"content/a.md", "content/b.md"}
    page.unlink()
    assert changed_files(third, fingerprint_inputs(tmp_path, [], third)) == {"content/a.md"}


def test_manifest_round_trip_and_garbage(tmp_path):
    path = tmp_path / "cache" / "manifest.pickle"
    save(path, Manifest(out="/x", code="c", options="o", files={"a": (1, 2, "h")}))
    assert load(path).files == {"a": (1, 2, "h")}
    path.write_bytes(b"not a pickle")
    assert load(path) is None
    assert load(tmp_path / "missing") is None


def test_linked_copy_is_not_written_through(tmp_path):
    old = tmp_path / "old"
    (old / "en").mkdir(parents=True)
    (old / "en" / "index.html").write_text("previous")
    new = tmp_path / "new"
    link_tree(old, new)
    assert (new / "en" / "index.html").read_text() == "previous"
    replace_file(new / "en" / "index.html", "rebuilt")
    assert (new / "en" / "index.html").read_text() == "rebuilt"
    assert (old / "en" / "index.html").read_text() == "previous"
