"""A small docs site written for the preview tests: a guide with two articles, a reusable, a variable."""

from __future__ import annotations

from pathlib import Path

import pytest

FILES = {
    "content/index.md": "---\ntitle: Harbour docs\nversions: '*'\nchildren:\n  - /guide\n---\nWelcome aboard.\n",
    "content/guide/index.md": (
        "---\ntitle: Guide\nversions: '*'\nchildren:\n  - /mooring\n  - /tides\n---\nAll about the harbour.\n"
    ),
    "content/guide/mooring.md": (
        "---\ntitle: Mooring a boat\nversions: '*'\n---\n\n"
        "Tie up at {% data variables.harbour.name %}.\n\n"
        "{% data reusables.guide.ropes %}\n\n"
        "{% if currentVersion == 'free-pro-team@latest' %}Cloud berths only.{% endif %}\n"
    ),
    "content/guide/tides.md": "---\ntitle: Reading the tides\nversions: '*'\n---\n\nHigh water comes twice a day.\n",
    "data/reusables/guide/ropes.md": "Use two bow lines and a stern line.\n",
    "data/reusables/guide/unused.md": "Nobody includes this.\n",
    "data/variables/harbour.yml": "name: Gull Quay\n",
    "assets/images/buoy.txt": "a buoy\n",
}


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for rel, text in FILES.items():
        write(root, rel, text)
    return root
