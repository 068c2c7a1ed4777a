"""``diff --format markdown``: the pull-request summary. Its shape on the example site is fixed by a snapshot
(``UPDATE_SNAPSHOTS=1`` rewrites it, for a reviewer to read in the change); the cap and the escaping of what the
docs say are checked on sites made for them."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from renderer.cli import main
from renderer.diff import diff_revisions, markdown_format
from renderer.diff.model import anchor

from .sites import commit, git, make_site, page, write

REPO = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).parent / "snapshots" / "example-summary.md"
REPORT = "https://docs.example.org/review/42/"


def example_repo(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for name in ("content", "data", "translations", "assets", "docs-renderer.yml"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
        elif (REPO / name).is_file():
            shutil.copy(REPO / name, root / name)
    git(root.parent, "init", "-q", "-b", "main", str(root))
    commit(root, "example site")
    return root


def test_the_summary_of_the_example_site_keeps_its_shape(tmp_path, capsys):
    root = example_repo(tmp_path)
    reusable = root / "data/reusables/repositories/navigate-to-repo.md"
    reusable.write_text(reusable.read_text(encoding="utf-8").replace("main page", "home page"), encoding="utf-8")
    status = main(["diff", "--root", str(root), "--base", "main", "--format", "markdown", "--report-url", REPORT])
    summary = capsys.readouterr().out
    assert status == 1
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(summary, encoding="utf-8")
    assert summary == SNAPSHOT.read_text(encoding="utf-8"), "the summary changed shape: UPDATE_SNAPSHOTS=1 rewrites it"


def test_a_capped_summary_links_what_fits_and_counts_the_rest(tmp_path):
    root = example_repo(tmp_path)
    reusable = root / "data/reusables/repositories/navigate-to-repo.md"
    reusable.write_text(reusable.read_text(encoding="utf-8").replace("main page", "home page"), encoding="utf-8")
    result = diff_revisions(root, "main")
    pages = {(c.lang, c.path) for c in result.changes}
    assert len(pages) > 4
    for limit in (markdown_format.LIMIT, 4000, 1500):
        summary = markdown_format.render(result, REPORT, limit=limit)
        assert len(summary) <= limit
        linked = {p for p in pages if f"({REPORT}#{anchor(*p)})" in summary}
        more = re.search(r"… and (\d+) more pages \((\d+) page-versions\)", summary)
        left = {c.path for c in result.changes} - {path for _, path in linked}
        assert (int(more.group(1)) if more else 0) == len(left)
        if limit == markdown_format.LIMIT:
            assert linked == pages and "<details>" in summary


def test_what_the_docs_say_cannot_add_markup_to_the_comment(tmp_path):
    root = make_site(tmp_path / "docs")
    title = "Evil <img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold** | cell"
    body = "````\n```\nfence in a fence\n```\n````\n\nPick a folder to share.\n"
    write(root, "content/sharing.md", page(title, body))
    summary = markdown_format.render(diff_revisions(root, "main"), REPORT)
    outside_code = re.sub(r"(?ms)^  (`{3,})diff\n.*?^  \1\n", "", summary)
    assert "<img" not in outside_code and not re.search(r"(?<!\\)\]\(javascript", outside_code)
    # the title as the page shows it (its HTML and emphasis are gone), its brackets and bars escaped
    assert r"**[Evil \[link\](javascript:alert(1)) bold \| cell](" in summary
    # the text diff holds a run of three backticks: its fence is longer, so it cannot be closed from inside
    assert "  ````diff\n" in summary and "  +    ```\n" in summary
