"""Fixtures for the build tests: the example site built once per session, and a tiny site of our own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from renderer.cli import main

REPO = Path(__file__).resolve().parents[2]


def build(root: Path, out: Path, *extra: str) -> int:
    return main(["build", "--root", str(root), "--out", str(out), "-q", *extra])


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the example site's sources (content/, data/, translations/, assets/ and its docs-renderer.yml),
    for tests that edit it."""
    root = tmp_path / "docs"
    for name in ("content", "data", "translations", "assets"):
        shutil.copytree(REPO / name, root / name, symlinks=True)
    shutil.copy(REPO / "docs-renderer.yml", root / "docs-renderer.yml")
    return root


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site (content/, data/, translations/ at the repo root) built into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "site"
    assert build(REPO, out) == 0
    return out


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# A three-level product in our own words: an enterprise-only article, a short title, an old URL.
TINY = {
    "content/index.md": "---\ntitle: Home of Tiny\nversions: '*'\nchildren:\n  - /kites\n---\n",
    "content/kites/index.md": (
        "---\ntitle: Kite docs\nshortTitle: Kites\nintro: 'Flying kites, *safely*.'\nversions: '*'\n"
        "children:\n  - /basics\n  - /winds\n  - /harbour-rules\n---\n"
    ),
    "content/kites/basics.md": (
        "---\ntitle: Kite basics\nintro: Start here.\nversions: '*'\nredirect_from:\n  - /kites/start\n---\n\n"
        "## Strings\n\nText about strings.\n\n### Knots\n\nA knot.\n\n## Tails\n\nSee [winds](/kites/winds).\n"
    ),
    "content/kites/winds.md": (
        "---\ntitle: Reading the wind\nshortTitle: Winds\nintro: Gusts and lulls.\n"
        "versions:\n  free-pro-team: '*'\n  github-ae: '*'\n---\n\nWind text.\n"
    ),
    "content/kites/harbour-rules.md": (
        "---\ntitle: Harbour rules\nintro: Only for the enterprise harbour.\n"
        "versions:\n  enterprise-server: '>=3.0'\nredirect_from:\n  - /kites/rules\n"
        "  - /enterprise-server@3.0/kites/old-rules\n---\n\nRules.\n"
    ),
}


@pytest.fixture
def tiny_root(tmp_path: Path) -> Path:
    return write(tmp_path / "tiny", TINY)
