"""``check`` on the 2021 corpus (read from DOCS_CORPUS): real problems of that day are found where they are.

Files are given, as a pre-commit hook gives them, so this stays fast; the full run is measured in docs/check.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from renderer.check import check_site
from renderer.model.site import Site


@pytest.fixture(scope="module")
def corpus() -> Site:
    root = os.environ.get("DOCS_CORPUS")
    if not root or not Path(root, "content").is_dir():
        pytest.skip("DOCS_CORPUS is not set to the corpus root (github-docs-2021-06)")
    return Site(Path(root))


CASES = [
    # an anchor whose heading was renamed
    ("content/codespaces/setting-up-your-codespace/configuring-codespaces-for-your-project.md", "anchor", 21),
    # a condition that names an undefined variable (so it is always false)
    ("content/admin/overview/managing-your-github-enterprise-license.md", "undefined-variable", 56),
    # a link to a page of GitHub.com on a page also published for GitHub AE
    ("content/admin/user-management/monitoring-activity-in-your-enterprise/audited-actions.md", "link", 40),
    # a redirect_from listed twice
    ("content/billing/managing-billing-for-git-large-file-storage/about-billing-for-git-large-file-storage.md",
     "redirect", 7),
    # a child left out of the corpus
    ("content/index.md", "children", 36),
]


@pytest.fixture(scope="module")
def findings(corpus):
    return [(f.file, f.kind, f.line) for f in check_site(corpus, [c[0] for c in CASES])]


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_real_problems_are_found(findings, case):
    assert case in findings


def test_a_page_without_problems_has_no_findings(corpus):
    assert check_site(corpus, ["content/actions/guides/about-continuous-integration.md"]) == []
