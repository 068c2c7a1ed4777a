"""`pip install .` gives a working tool: the wheel carries the built-in templates and data files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_builds_the_example_site_on_its_own(tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("docs_renderer-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    assert (target / "renderer" / "templates" / "page.html").is_file()
    assert (target / "renderer" / "templates" / "static" / "site.css").is_file()
    assert (target / "renderer" / "octicons" / "octicons.json").is_file()
    assert (target / "renderer" / "model" / "defaults.yml").is_file()  # the built-in plans and releases
    site = tmp_path / "docs"
    for name in ("content", "data", "assets"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy2(REPO / "docs-renderer.yml", site / "docs-renderer.yml")  # the example site's own plans
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import renderer, sys; print(renderer.__file__); "
            "from renderer.cli import main; sys.exit(main(['build', '--lang', 'en', '--out', 'out', '-q']))",
        ],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(target))  # the installed copy ran, not the repository
    page = (site / "out" / "en" / "pipelines" / "quickstart" / "index.html").read_text(encoding="utf-8")
    assert "/static/site.css" in page and (site / "out" / "static" / "site.css").is_file()
