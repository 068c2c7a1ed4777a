import json
import subprocess
import sys
from pathlib import Path

from renderer.cli import main
from renderer.model.config import discover_root

REPO = Path(__file__).resolve().parent.parent


def test_root_is_discovered_from_the_current_folder_upward(tmp_path, monkeypatch):
    assert discover_root(REPO / "content" / "pipelines") == REPO
    (tmp_path / "docs" / "content" / "deep").mkdir(parents=True)
    assert discover_root(tmp_path / "docs" / "content" / "deep") == tmp_path / "docs"
    (tmp_path / "docs" / "content" / "deep" / "content").mkdir()  # a nearer content/ loses to the config file
    (tmp_path / "docs" / "docs-renderer.yml").write_text("languages:\n  - {code: en, dir: '.', name: English}\n")
    assert discover_root(tmp_path / "docs" / "content" / "deep") == tmp_path / "docs"


def test_export_from_a_subfolder_renders_the_site(monkeypatch, capsys):
    monkeypatch.chdir(REPO / "content" / "pipelines")
    assert main(["export", "--lang", "en", "--path", "index.md", "-q", "-j", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["path"] == "index.md" and r["error"] is None for r in rows)


def test_broken_pipe_is_quiet():
    done = subprocess.run(
        f"{sys.executable} -m renderer export --root {REPO} --lang en | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in done.stderr


def test_no_content_folder_is_exit_2_with_a_hint(tmp_path, capsys):
    assert main(["export", "--root", str(tmp_path)]) == 2
    assert "no content/ folder" in capsys.readouterr().err


def test_version_and_help():
    done = subprocess.run([sys.executable, "-m", "renderer", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("docs-renderer ")
