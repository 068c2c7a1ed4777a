import json
import os

from renderer.build.incremental import Manifest, changed_files, fingerprint_inputs, link_tree, load, replace_file, save


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


def test_an_update_cut_short_is_completed_by_the_next_build(tmp_path):
    from renderer.build.incremental import commit, finish_commit

    out, staging, journal = tmp_path / "site", tmp_path / "staging", tmp_path / "cache" / "commit.journal"
    for rel, text in {"a/index.html": "old a", "b/index.html": "old b"}.items():
        replace_file(out / rel, text)
    for rel, text in {"a/index.html": "new a", "b/index.html": "new b", "c/index.html": "new c"}.items():
        replace_file(staging / rel, text)
    # cut short: the journal is written and one file moved when the process dies
    journal.parent.mkdir()
    files = ["a/index.html", "b/index.html", "c/index.html"]
    journal.write_text(json.dumps({"staging": str(staging), "out": str(out), "files": files}))
    os.replace(staging / "a" / "index.html", out / "a" / "index.html")
    finish_commit(journal)
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")} == {
        "a/index.html": "new a",
        "b/index.html": "new b",
        "c/index.html": "new c",
    }
    assert not journal.exists() and not staging.exists()
    replace_file(staging / "a" / "index.html", "newer a")
    commit(staging, out, journal)
    assert (out / "a" / "index.html").read_text() == "newer a" and not journal.exists()


def test_a_shards_page_versions_are_read_only_when_asked_for_and_only_from_their_own_save(tmp_path):
    from renderer.build.builder import PageOutcome
    from renderer.build.incremental import _shard_path, shard_of

    def Page(lang, error, reads, search):  # noqa: N802 - what the builder keeps of a page-version
        return PageOutcome(lang, "a.md", "v", f"/{lang}/a", error, reads=reads, search=search)

    path = tmp_path / "cache" / "manifest.pickle"
    pages = {
        ("en", "a.md", "v"): Page("en", None, ("content/a.md",), "entry"),
        ("cn", "a.md", "v"): Page("cn", "broken", ("content/a.md", "translations/cn/content/a.md"), None),
    }
    save(path, Manifest(out="/x", code="c", options="o", pages=pages))
    assert pages[("en", "a.md", "v")].search == "entry"  # the pages saved are as they were
    light = load(path)
    en, cn = shard_of("en", "a.md"), shard_of("cn", "a.md")
    assert light.pages == {} and list(light.shards) == [en, cn]  # none read yet
    assert light.shards[cn].reads == {"content/a.md", "translations/cn/content/a.md"}
    assert light.shards[cn].report.problems[0].error == "broken" and light.shards[en].report.clean == 1
    assert light.load_shards({en}) and list(light.pages) == [("en", "a.md", "v")]
    page = light.pages[("en", "a.md", "v")]
    assert page.reads == ("content/a.md",) and page.search is None  # never kept: the site's search index has it

    # a build that reads only cn writes its shard again; en's stays as the first save wrote it
    assert light.load_shards({cn})
    light.pages[("cn", "a.md", "v")].error = None
    save(path, light, {en: light.shards[en]}, [en, cn])
    again = load(path)
    assert list(again.shards) == [en, cn]
    assert again.load_shards({en, cn}) and [o.error for o in again.pages.values()] == [None, None]

    other = tmp_path / "other" / "manifest.pickle"  # a shard from another save does not match
    save(other, Manifest(out="/x", code="c", options="o", pages=pages))
    en_file = _shard_path(path.parent, en).name
    (path.parent / en_file).write_bytes((other.parent / en_file).read_bytes())
    assert not load(path).load_shards({en}) and load(path).load_shards({cn})
    _shard_path(path.parent, cn).unlink()
    assert not load(path).load_shards({cn})
