"""The review diff on GitHub's 2021 docs: for a sample of edits to a git copy of the corpus, the page-versions it
reports are exactly those whose laid-out page differs when every page-version is rendered on both sides
(``--exhaustive``): none missed, none extra. Narrowed to one product in English so that the exhaustive side takes
seconds, not minutes; the rule under test is the same for every page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from renderer.diff import markdown_format
from renderer.diff.engine import diff_revisions
from renderer.diff.model import anchor
from renderer.model.selection import Selection

from .sites import commit, git

CORPUS = Path(os.environ["DOCS_CORPUS"]) if os.environ.get("DOCS_CORPUS") else None
if CORPUS is None or not (CORPUS / "content").is_dir():
    pytest.skip("needs GitHub's 2021 docs corpus: set DOCS_CORPUS (make and .ci/run do)", allow_module_level=True)

SELECTION = Selection(langs=["en"], paths=["codespaces/*"])

# (what kind of source, file, old text, new text)
EDITS = [
    ("reusable in bodies", "data/reusables/codespaces/release-stage.md", None, "\nEdited.\n"),
    ("variable in titles", "data/variables/product.yml", "prodname_codespaces: 'Codespaces'",
     "prodname_codespaces: 'Cloud Spaces'"),
    ("title in the navigation", "content/codespaces/about-codespaces.md", "title: About Codespaces",
     "title: About cloud spaces"),
    ("reusable in a product callout", "data/reusables/gated-features/codespaces.md", "is available", "is offered"),
]


@pytest.fixture(scope="module")
def corpus_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "docs"
    shutil.copytree(CORPUS, root)
    git(root.parent, "init", "-q", str(root))
    commit(root, "corpus")
    return root


@pytest.mark.parametrize("name,rel,old,new", EDITS, ids=[e[0] for e in EDITS])
def test_the_diff_reports_what_an_exhaustive_comparison_finds(
    corpus_repo: Path, name: str, rel: str, old: str | None, new: str
) -> None:
    path = corpus_repo / rel
    text = path.read_text(encoding="utf-8")
    try:
        if old is None:
            path.write_text(text + new, encoding="utf-8")
        else:
            assert old in text, f"{rel} has no {old!r}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        found = diff_revisions(corpus_repo, "HEAD", selection=SELECTION, jobs=2)
        truth = diff_revisions(corpus_repo, "HEAD", selection=SELECTION, jobs=2, exhaustive=True)
    finally:
        subprocess.run(["git", "-C", str(corpus_repo), "checkout", "-q", "--", rel], check=True)
    reported = {(c.lang, c.path, c.version, tuple(c.fields)) for c in found.changes}
    expected = {(c.lang, c.path, c.version, tuple(c.fields)) for c in truth.changes}
    assert expected, f"{name}: the edit changed nothing in the selection; choose another"
    assert sorted(reported - expected) == [] and sorted(expected - reported) == [], name
    assert found.rendered <= truth.rendered


def test_the_markdown_summary_of_a_widely_used_reusable_lists_every_page_under_the_cap(corpus_repo: Path) -> None:
    rel = "data/reusables/repositories/navigate-to-repo.md"
    path = corpus_repo / rel
    path.write_text(path.read_text(encoding="utf-8").replace("main page", "home page"), encoding="utf-8")
    try:
        result = diff_revisions(corpus_repo, "HEAD", jobs=2)
    finally:
        subprocess.run(["git", "-C", str(corpus_repo), "checkout", "-q", "--", rel], check=True)
    summary = markdown_format.render(result, "https://example.org/diff/")
    assert len(result.changes) > 500  # used by ~160 pages, in every version and both languages
    assert len(summary) <= markdown_format.LIMIT
    assert "more pages" not in summary  # all of them fit, each with its link
    for c in result.changes:
        assert f"(https://example.org/diff/#{anchor(c.lang, c.path)})" in summary, (c.lang, c.path)
