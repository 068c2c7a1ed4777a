"""One page-version selection for export, build, check and diff (model/selection.py): a path filter means the same
in every command, written as the page's path, with ``content/``, without ``.md`` (the page or its folder's
index) or as a glob."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.build.builder import Builder, Options
from renderer.model.errors import DocsError
from renderer.model.selection import Selection, select
from renderer.model.site import Site

ROOT = Path(__file__).resolve().parent.parent  # the example site


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(ROOT)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("pipelines/learn-pipelines/caching-dependencies.md", {"pipelines/learn-pipelines/caching-dependencies.md"}),
        ("content/pipelines/learn-pipelines/caching-dependencies.md",
         {"pipelines/learn-pipelines/caching-dependencies.md"}),
        ("pipelines/learn-pipelines/caching-dependencies", {"pipelines/learn-pipelines/caching-dependencies.md"}),
        ("pipelines/learn-pipelines", {"pipelines/learn-pipelines/index.md"}),
        ("pipelines/learn-pipelines/", {"pipelines/learn-pipelines/index.md"}),
    ],
)
def test_a_path_is_understood_in_each_way_it_is_written(site, written, expected):
    assert {p.path for p in Selection(["en"], None, [written]).pages(site)} == expected


def test_a_glob_selects_a_folder(site):
    found = {p.path for p in Selection(["en"], None, ["pipelines/learn-pipelines/*"]).pages(site)}
    assert "pipelines/learn-pipelines/caching-dependencies.md" in found and len(found) > 2
    assert all(p.startswith("pipelines/learn-pipelines/") for p in found)


def test_build_and_export_select_the_same_page_versions(site):
    options = Options(langs=["en"], paths=["pipelines/learn-pipelines"], jobs=1)
    built = Builder(site, options)._keys()  # what build would render
    exported = [(p.lang.code, p.path, v) for p, v in select(site, ["en"], None, ["pipelines/learn-pipelines"])]
    assert built == exported and exported  # before, build matched "a/b" against nothing


def test_an_unknown_version_is_refused_by_name(site):
    with pytest.raises(DocsError, match="unknown version 'nope@1'"):
        list(Selection(versions=["nope@1"]).page_versions(site))
