"""Incremental builds never serve stale output: after each kind of edit, the rebuilt site equals a clean build.

Also: a second build with no change does nothing, an edited reusable rebuilds exactly the page-versions that read
it, and shards merged together equal a single build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from renderer.build.builder import Builder, Options
from renderer.build.incremental import fingerprint_inputs, load_front_matter
from renderer.layout.document import BUILTIN
from renderer.model.frontmatter import ParsedFrontMatter
from renderer.model.limits import SourceFileError
from renderer.model.site import Site

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for name in ("content", "data", "translations", "assets"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "docs-renderer.yml", root / "docs-renderer.yml")  # the example site's own plans
    return root


def build(root: Path, out: Path, **options) -> str:
    return Builder(Site(root), Options(jobs=1, **options)).build(out).mode


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "page body": lambda r: edit(r / "content/pipelines/quickstart.md", "\n## ", "\nA new sentence.\n\n## "),
    "reusable": lambda r: edit(r / "data/reusables/pipelines/pipeline-file-location.md", "", "Edited. "),
    "variable": lambda r: edit(r / "data/variables/pipelines.yml", "2,000", "3,000"),
    "front matter": lambda r: edit(r / "content/pipelines/quickstart.md", "title: Quickstart", "title: Start"),
    "translation": lambda r: edit(
        r / "translations/zh-CN/content/pipelines/quickstart.md", "\n## ", "\n新句子。\n\n## "
    ),
    # a page in Chinese served from English while its translation cannot be read, then from the mended one
    "translation mended": lambda r: edit(
        r / "translations/zh-CN/content/pipelines/quickstart.md", "[[BROKEN", "title:"
    ),
    "page no tree lists": lambda r: edit(r / "content/pipelines/unlisted.md", "Not listed.", "Still not listed."),
    "template": lambda r: (
        (r / "templates").mkdir()
        or (r / "templates/page.html").write_text(
            (BUILTIN / "page.html").read_text(encoding="utf-8").replace("</main>", "<!-- edited --></main>", 1)
        )
    ),
    "config": lambda r: (r / "docs-renderer.yml").write_text(
        "plans:\n  - {name: cloud, title: Cloud, releases: [latest], default: true}\n"
        "  - {name: server, title: Server, releases: ['3.1', '3.0', '2.22', '2.21']}\n"
        "  - {name: ae, title: AE, releases: [latest]}\n"
        "languages:\n  - {code: en, dir: ., name: English}\n"
        "  - {code: cn, dir: translations/zh-CN, name: Simplified Chinese, native: 简体中文, hreflang: zh-Hans}\n"
    ),
}


# what the site is like before the first build, for the edits that need it
BEFORE = {
    "translation mended": lambda r: edit(
        r / "translations/zh-CN/content/pipelines/quickstart.md", "title:", "[[BROKEN"
    ),
    "page no tree lists": lambda r: (r / "content/pipelines/unlisted.md").write_text(
        "---\ntitle: Unlisted\nversions: '*'\n---\n\nNot listed.\n", encoding="utf-8"
    ),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_rebuild_after_an_edit_equals_a_clean_build(kind, root, tmp_path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    BEFORE.get(kind, lambda r: None)(root)
    assert build(root, out, cache=cache) == "full"
    EDITS[kind](root)
    mode = build(root, out, cache=cache)
    assert mode in ("incremental", "full")
    clean = tmp_path / "clean"
    build(root, clean)
    assert tree(out) == tree(clean)
    if kind in ("page body", "reusable", "translation", "page no tree lists"):
        assert mode == "incremental"


def test_search_entries_of_pages_not_built_again_come_from_the_site_and_only_as_the_manifest_describes(
    root, tmp_path
):
    out, cache, clean = tmp_path / "site", tmp_path / "cache", tmp_path / "clean"
    build(root, out, cache=cache)
    EDITS["reusable"](root)
    assert build(root, out, cache=cache) == "incremental"
    build(root, clean)
    assert tree(out) == tree(clean)  # the indexes it touched hold the other pages' entries, as a clean build does
    index = next((out / "search" / "en").glob("*.json"))
    index.write_text(index.read_text(encoding="utf-8").replace("},{", "}, {", 1), encoding="utf-8")  # by hand
    EDITS["page body"](root)
    assert build(root, out, cache=cache) == "full"  # not cut at the wrong places: made again
    shutil.rmtree(clean)
    build(root, clean)
    assert tree(out) == tree(clean)


def test_a_search_index_whose_entries_an_edit_leaves_as_they_were_is_not_written_again(root, tmp_path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(root, out, cache=cache)
    indexes = sorted((out / "search").rglob("*.json"))
    before = {p: p.stat().st_ino for p in indexes}
    # a link's target is no text a reader searches: the pages are built again, their entries are the same
    edit(root / "content/pipelines/quickstart.md", "(/pipelines/learn-pipelines/about-pipelines)", "(/pipelines)")
    assert build(root, out, cache=cache) == "incremental"
    assert {p: p.stat().st_ino for p in indexes} == before
    build(root, tmp_path / "clean")
    assert tree(out) == tree(tmp_path / "clean")
    EDITS["page body"](root)  # a sentence more is: the indexes of its versions are written again
    assert build(root, out, cache=cache) == "incremental"
    assert any(p.stat().st_ino != before[p] for p in indexes)


def test_no_change_does_nothing_and_a_reusable_rebuilds_its_readers(root, tmp_path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    first = Builder(Site(root), Options(jobs=1, cache=cache)).build(out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert build(root, out, cache=cache) == "unchanged"
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    readers = {o.key for o in first.outcomes if "data/reusables/pipelines/pipeline-file-location.md" in o.reads}
    assert readers and len(readers) < len(first.outcomes) / 4
    EDITS["reusable"](root)
    site = Site(root)
    rebuilt: list = []
    Builder(site, Options(jobs=1, cache=cache), progress=rebuilt.append).build(out)
    assert {o.key for o in rebuilt} == readers


def test_shards_merged_equal_a_single_build(root, tmp_path):
    single = tmp_path / "single"
    build(root, single)
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"part{k}"
        assert build(root, part, shard=(k, 3)) == "shard"
        parts.append(part)
    merged = tmp_path / "merged"
    Builder(Site(root), Options(jobs=1)).merge(parts, merged)
    assert tree(merged) == tree(single)


def test_front_matter_parsed_by_the_previous_build_is_not_parsed_again(root, tmp_path, monkeypatch):
    from renderer.model import frontmatter

    out, cache = tmp_path / "site", tmp_path / "cache"
    build(root, out, cache=cache)
    EDITS["reusable"](root)
    # the rebuild must take every page's front matter from the cache: parsing any of it fails the test
    real_load = frontmatter._load
    monkeypatch.setattr(frontmatter, "_load", lambda *a: pytest.fail(f"front matter of {a[2]} parsed again"))
    assert build(root, out, cache=cache) == "incremental"
    monkeypatch.setattr(frontmatter, "_load", real_load)
    # an edited front matter is parsed anew, and the site equals a clean build
    EDITS["front matter"](root)
    build(root, out, cache=cache)
    build(root, tmp_path / "clean")
    assert tree(out) == tree(tmp_path / "clean")
    assert "<title>Start" in (out / "en/pipelines/quickstart/index.html").read_text(encoding="utf-8")


def test_front_matter_with_an_error_is_never_kept():
    from renderer.model.errors import FrontMatterError
    from renderer.model.frontmatter import ParsedFrontMatter, parse

    parsed = ParsedFrontMatter()
    bad = "---\ntitle: [a, b]\nversions: '*'\n---\nbody\n"
    for _ in range(2):  # the second time too: the error was not remembered as a good mapping
        with pytest.raises(FrontMatterError):
            parse(bad, "content/x.md", parsed, "digest of x")
    assert parsed.used == {}
    text = "---\ntitle: A\n---\nbody\n"
    good = parse(text, "content/y.md", parsed, "digest of y")
    again = ParsedFrontMatter(lambda: dict(parsed.used))
    taken = parse(text, "content/y.md", again, "digest of y")
    assert (taken.meta, taken.body, taken.body_line) == (good.meta, good.body, good.body_line)
    assert (good.meta, good.body, good.body_line) == ({"title": "A"}, "body\n", 3)
    assert again.parsed == 0 and taken.meta is not good.meta  # taken, not parsed, and a mapping of its own


def test_a_rebuild_reads_the_sources_of_the_pages_it_builds_again_and_no_other(root, tmp_path, monkeypatch):
    from renderer.model import site as site_module

    out, cache = tmp_path / "site", tmp_path / "cache"
    Builder(Site(root, unchanging=True), Options(jobs=1, cache=cache)).build(out)
    EDITS["reusable"](root)
    read, real = [], site_module.read_source
    monkeypatch.setattr(site_module, "read_source", lambda path, rel, *a: read.append(rel) or real(path, rel, *a))
    rebuilt = []
    Builder(Site(root, unchanging=True), Options(jobs=1, cache=cache), progress=rebuilt.append).build(out)
    sources = {f"{folder}{o.path}" for o in rebuilt for folder in ("content/", "translations/zh-CN/content/")}
    assert rebuilt and set(read) <= sources, set(read) - sources  # the tree walked from the front matter kept
    monkeypatch.undo()
    build(root, tmp_path / "clean")
    assert tree(out) == tree(tmp_path / "clean")


def test_a_page_changed_while_its_site_is_built_is_an_error_saying_so(root, tmp_path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(root, out, cache=cache)
    site = Site(root, unchanging=True)
    builder = Builder(site, Options(jobs=1, cache=cache))
    EDITS["reusable"](root)
    # the tree is walked from the kept front matter; the body, read when the page renders, is of other bytes
    builder.site.parsed = ParsedFrontMatter(lambda: load_front_matter(cache / "front-matter.pickle"))
    builder.site.fingerprints = fingerprint_inputs(root, [], {})
    page = site.page("en", "pipelines/quickstart.md")
    edit(root / "content/pipelines/quickstart.md", "\n## ", "\nA new sentence.\n\n## ")
    with pytest.raises(SourceFileError, match="changed while the site was being built"):
        _ = page.source.doc.body


def test_a_rebuild_reports_what_a_full_build_does_reading_only_the_languages_it_builds(
    root, tmp_path, capsys, monkeypatch
):
    from renderer.build import incremental
    from renderer.cli import main

    def report(*extra: str) -> list[str]:
        main(["build", "--root", str(root), "--out", str(tmp_path / "site"), "-j", "1", *extra])
        lines = capsys.readouterr().err.splitlines()
        return [re.sub(r"\d+\.\ds$", "", line) for line in lines[:-2]]  # not the time, what was done, where

    full = report()
    assert "in: cn cloud@latest" in "\n".join(full)  # the example site has warnings in Chinese pages
    EDITS["page body"](root)  # read by English page-versions only
    loaded = []
    real = incremental.Manifest.load_shards
    monkeypatch.setattr(
        incremental.Manifest, "load_shards", lambda self, names: loaded.append(names) or real(self, names)
    )
    assert report() == full  # the Chinese warnings come from what the manifest kept of them
    monkeypatch.undo()
    # the English shards of the pages that read it (its product's, and the home page's, which shows its intro)
    assert loaded == [{"en/pipelines", "en/index.md"}]
    assert report() == full  # and with nothing changed
    assert report("--no-cache") == full
