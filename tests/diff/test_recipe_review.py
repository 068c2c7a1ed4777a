"""The review-diff recipe (docs/recipes/review-diff.md): its workflow is valid YAML with the steps the page
names, and its commands, run as the workflow runs them, work on a real git repository whose head branch is
behind its base."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .sites import commit, git, make_site

REPO = Path(__file__).resolve().parents[2]
RECIPE = REPO / "docs/recipes/review-diff.md"
BIN = Path(sys.executable).parent  # docs-renderer is installed beside the interpreter running the tests


def workflow() -> dict:
    text = RECIPE.read_text(encoding="utf-8")
    block = re.search(r"## The workflow\n.*?```yaml\n(.*?)```", text, re.DOTALL)
    assert block, "the recipe has no workflow"
    return yaml.safe_load(block.group(1))


def steps() -> list[dict]:
    return workflow()["jobs"]["docs"]["steps"]


def test_the_workflow_has_the_steps_the_recipe_names():
    wf = workflow()
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(on) == {"push", "pull_request"}
    assert wf["permissions"] == {"contents": "read", "pull-requests": "write"}
    uses = {s["uses"].split("@")[0]: s for s in steps() if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0  # the merge base must be in the clone
    assert uses["actions/upload-artifact"]["with"]["path"] == "diff-report/"
    script = uses["actions/github-script"]["with"]["script"]
    assert "updateComment" in script and "createComment" in script and "diff-summary.md" in script
    runs = " ".join(s.get("run", "") for s in steps())
    # the commands "What it runs" names are the ones the workflow runs
    named = re.search(r"## What it runs\n+```sh\n(.*?)```", RECIPE.read_text(encoding="utf-8"), re.DOTALL)
    assert named
    for command in re.findall(r"^docs-renderer \w+", named.group(1), re.MULTILINE):
        assert command in runs, command
    assert '--base "origin/${{ github.base_ref }}"' in runs and "--format markdown" in runs


def run_step(step: dict, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = step["run"]
    values = {
        "github.base_ref": "main",
        "github.server_url": "https://github.example",
        "github.repository": "octo/docs",
        "github.run_id": "7",
    }
    script = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m.group(1)], script)
    step_env = {
        k: re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m.group(1)], str(v))
        for k, v in (step.get("env") or {}).items()
    }
    # GitHub runs `run:` steps with `bash -e {0}`
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env={**env, **step_env}, capture_output=True, text=True
    )


def test_the_workflow_commands_work_on_a_pull_request_behind_its_base(tmp_path):
    upstream = make_site(tmp_path / "upstream")
    git(upstream, "checkout", "-q", "-b", "topic")
    accounts = upstream / "content/setup/accounts.md"
    accounts.write_text(accounts.read_text(encoding="utf-8").replace("work email", "company email"))
    commit(upstream, "topic: accounts")
    git(upstream, "checkout", "-q", "main")
    sharing = upstream / "content/sharing.md"
    sharing.write_text(sharing.read_text(encoding="utf-8").replace("Pick a folder", "Choose a folder"))
    commit(upstream, "main moves on")
    # what actions/checkout does for a pull request, with fetch-depth 0: a full clone, the head checked out
    ci = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(upstream), str(ci)], check=True)
    git(ci, "checkout", "-q", "topic")
    summary = tmp_path / "step-summary.md"
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary)}
    ran = []
    for step in steps():
        if "run" not in step or step["run"].startswith("pip install"):
            continue  # installing is the test environment's job
        done = run_step(step, ci, env)
        assert done.returncode == 0, (step.get("name"), done.stderr)
        ran.append(step["name"])
    assert ran == ["Build", "Rendered diff"]
    assert (ci / "_site/en/setup/accounts/index.html").is_file()
    report = (ci / "diff-report/index.html").read_text(encoding="utf-8")
    comment = (ci / "diff-summary.md").read_text(encoding="utf-8")
    assert "<ins>company</ins> email" in report and "Accounts" in comment
    assert "Sharing folders" not in comment and "Choose a folder" not in report  # main's own later change
    assert "https://github.example/octo/docs/actions/runs/7#p-" in comment
    assert summary.read_text(encoding="utf-8") == comment
