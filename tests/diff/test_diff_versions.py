"""``docs-renderer diff --versions A B``: what readers of one version see differently from another's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from renderer.cli import main

from .sites import make_site

CLOUD, GHES222 = "free-pro-team@latest", "enterprise-server@2.22"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "docs")


def versions_diff(root: Path, capsys, *args: str) -> tuple[int, dict]:
    status = main(["diff", "--root", str(root), "--format", "json", "--versions", CLOUD, GHES222, *args])
    return status, json.loads(capsys.readouterr().out)


def test_pages_that_read_differently(site, capsys):
    status, report = versions_diff(site, capsys, "--lang", "en")
    assert status == 1
    by_path = {c["path"]: c for c in report["changes"]}
    # accounts, the home page and the setup index read the same in both versions: links differ, words do not
    assert set(by_path) == {"setup/install.md", "sharing.md", "server-admin.md"}
    install = by_path["setup/install.md"]
    assert install["status"] == "changed"
    assert install["version"] == f"{CLOUD} -> {GHES222}"
    assert "+On 2.22 the installer needs the legacy runtime." in install["diff"]
    assert by_path["sharing.md"]["status"] == "removed"  # 2.22 readers do not have it
    assert by_path["server-admin.md"]["status"] == "added"  # only 2.22 readers have it
    assert by_path["server-admin.md"]["href"] == f"/en/{GHES222}/server-admin"


def test_paths_limit_the_pages(site, capsys):
    status, report = versions_diff(site, capsys, "setup/accounts", "setup/install.md")
    assert status == 1
    assert {(c["lang"], c["path"]) for c in report["changes"]} == {("en", "setup/install.md")}
    status, report = versions_diff(site, capsys, "setup/accounts")
    assert (status, report["changes"]) == (0, [])


def test_unknown_version_is_an_error(site, capsys):
    assert main(["diff", "--root", str(site), "--versions", CLOUD, "enterprise-server@9.9"]) == 2
    assert "unknown version 'enterprise-server@9.9'" in capsys.readouterr().err
