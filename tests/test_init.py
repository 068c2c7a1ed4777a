"""``docs-renderer init``: a new site of one's own that checks clean, builds and serves; never over anything.

The serve test loads the new site's pages in Debian's chromium (Playwright's Python API, no browser download;
``CHROMIUM`` names another binary) and is skipped, saying why, when either is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from renderer.cli import main
from renderer.commands import init as init_command
from renderer.model.config import load_config

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
OWN = ["--product", "Harbor", "--plan", "hosted=Harbor Hosted", "--plan", "onprem@3.0,3.1",
       "--plan", "edge=Harbor Edge", "--language", "en", "--language", "de"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # stdin is not a terminal: init must ask nothing (a question would hang until the timeout)
    return subprocess.run([sys.executable, "-m", "renderer", *args], cwd=cwd, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"/")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parent = tmp_path_factory.mktemp("init")
    done = run_cli("init", "harbor-docs", *OWN, cwd=parent)
    assert done.returncode == 0, done.stderr
    assert "docs-renderer serve" in done.stderr  # says what to do next
    return parent / "harbor-docs"


def test_init_writes_the_site_the_issue_lists(own_site: Path) -> None:
    files = set(snapshot(own_site))
    assert {"docs-renderer.yml", "content/index.md", "content/get-started/index.md", "data/ui.yml",
            ".gitignore", ".github/workflows/docs.yml", "translations/de/content/index.md"} <= files
    assert len([f for f in files if f.startswith("content/get-started/") and f != "content/get-started/index.md"
                and f.endswith(".md")]) == 2
    assert [f for f in files if f.startswith("data/reusables/") and f.endswith(".md")]
    assert [f for f in files if f.startswith("data/variables/") and f.endswith(".yml")]
    config = load_config(own_site)
    assert [(p.name, p.title, p.releases) for p in config.plans] == [
        ("hosted", "Harbor Hosted", ("latest",)),
        ("onprem", "Harbor Onprem", ("3.1", "3.0")),  # newest first, a title made from the product
        ("edge", "Harbor Edge", ("latest",)),
    ]
    assert [lang.code for lang in config.languages] == ["en", "de"]
    assert config.warnings == ()
    assert "_site/" in (own_site / ".gitignore").read_text().split()


def test_the_workflow_builds_on_push_and_diffs_pull_requests(own_site: Path) -> None:
    workflow = yaml.safe_load((own_site / ".github/workflows/docs.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(s.startswith("docs-renderer build") for s in steps)
    diff = next(s for s in steps if "docs-renderer diff" in s)
    assert "--base origin/${{ github.base_ref }}" in diff


def test_check_finds_nothing_and_build_writes_every_plan(own_site: Path, tmp_path: Path) -> None:
    done = run_cli("check", "--format", "json", cwd=own_site)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["findings"] == []
    out = tmp_path / "site"
    done = run_cli("build", "--out", str(out), cwd=own_site)
    assert done.returncode == 0, done.stderr
    page = (out / "en/onprem@3.0/get-started/installing/index.html").read_text(encoding="utf-8")
    assert "Harbor Onprem 3.0" in page  # the plan's title, in the page's title and picker
    assert "You read the docs of Harbor Onprem 3.0; the newest release is 3.1." in page  # the generic names
    assert "Harbor Docs" in page  # data/ui.yml: the header
    assert (out / "de/index.html").is_file() and (out / "de/edge@latest/get-started/introduction/index.html").is_file()


def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    (target / "content").mkdir(parents=True)
    (target / "notes.txt").write_text("mine\n")
    before = snapshot(target)
    done = run_cli("init", "docs", *OWN, cwd=tmp_path)
    assert done.returncode == 2
    assert "docs is not empty (it holds content, notes.txt)" in done.stderr
    assert "has changed nothing" in done.stderr
    assert snapshot(target) == before
    (tmp_path / "a-file").write_text("x")
    done = run_cli("init", "a-file", cwd=tmp_path)
    assert done.returncode == 2 and "exists and is not a folder" in done.stderr


def test_init_into_the_current_folder_of_a_new_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # `git init` first is how many start
    assert main(["init", str(tmp_path), "-q"]) == 0
    config = load_config(tmp_path)
    assert [p.versions for p in config.plans] == [("cloud@latest",), ("server@2.0", "server@1.0")]
    assert [p.title for p in config.plans] == ["My Product Cloud", "My Product Server"]
    assert [lang.code for lang in config.languages] == ["en"]


@pytest.mark.parametrize(("args", "message"), [
    (["--plan", "on prem"], "the name 'on prem' must be letters"),
    (["--plan", "server@two"], "releases must be numbers such as 2.0, not two"),
    (["--plan", "a", "--plan", "a@1.0"], "a plan named 'a' is given twice"),
    (["--language", "xx"], "init does not know the name of 'xx'"),
])
def test_bad_options_say_what_to_write_and_write_nothing(tmp_path: Path, capsys, args, message) -> None:
    assert main(["init", str(tmp_path / "new"), *args]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_a_failure_while_writing_removes_what_was_written(tmp_path: Path, monkeypatch) -> None:
    # the second file cannot be made (its folder is a file): the first goes again, and the folder init made
    monkeypatch.setattr(init_command, "site_files", lambda spec: {"a/b.md": "one\n", "a/b.md/c.md": "two\n"})
    with pytest.raises(OSError):
        init_command.run(init_command_args(tmp_path / "new"))
    assert not (tmp_path / "new").exists()


def init_command_args(target: Path) -> argparse.Namespace:
    return argparse.Namespace(dir=target, product=None, plans=None, languages=None, yes=True, quiet=True)


def test_serve_shows_the_new_site_in_a_real_browser(own_site: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    proc = subprocess.Popen([sys.executable, "-m", "renderer", "serve", "--port", "0"], cwd=own_site,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        m = re.search(r"at (http://\S+)", line)
        assert m, line
        home = m.group(1)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page = browser.new_page()
                page.goto(home.rsplit("/en", 1)[0] + "/en/get-started/installing")
                expect = sync_api.expect
                expect(page.locator(".brand")).to_have_text("Harbor Docs")
                expect(page.locator("h1")).to_have_text("Installing Harbor")
                page.click(".version-picker summary")
                page.click(".version-picker a:text('Harbor Onprem 3.0')")
                expect(page.locator("body")).to_contain_text("You read the docs of Harbor Onprem 3.0")
                assert "/en/onprem@3.0/get-started/installing" in page.url
            finally:
                browser.close()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
