"""The documentation cannot drift from the code: its examples are run, its reference is regenerated.

- Every example command in README.md and docs/**/*.md (lines of shell code blocks, fenced or indented,
  starting with ``docs-renderer`` or ``python -m renderer``) runs against the example site (a copy in a tmp
  folder, since commands write) and must exit as documented: 0, or the status in a trailing ``# exit N``
  comment. The quick start is about a site of one's own: its ``init`` runs in an empty folder, and its other
  commands in the site that ``init`` made. ``serve`` examples are started, must answer a request, and are
  stopped with Ctrl-C (SIGINT).
  ``diff`` examples run in a git repository made from the copy (branch ``main``, and ``origin/main``).
  Examples on the corpus (``../shared/...``) run only when DOCS_CORPUS is set, narrowed to the home page
  unless DOCS_EXAMPLES_FULL=1. A synopsis (``[--root DIR]``, ``[options]``, ``…``) is not run: its command and
  every option it names must exist.
- Liquid examples in docs/content-format.md (a ``liquid`` block followed by a ``text`` block) render to
  exactly the text shown.
- docs/cli-reference.md equals a fresh ``scripts/gen_cli_reference.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from renderer.cli import parser as cli_parser
from renderer.model.site import Site
from renderer.page.render import Renderer

REPO = Path(__file__).resolve().parents[1]
SITE_PARTS = ("content", "data", "translations", "assets", "templates", "docs-renderer.yml")
GENERATED = {"docs/cli-reference.md"}  # help text, checked by test_cli_reference_is_up_to_date
SHELL_INFOS = {"", "sh", "shell", "bash", "console", "shell-session"}
COMMAND = re.compile(r"^(?:\$\s+)?((?:docs-renderer|python3? -m renderer)(?:\s.*)?)$")
STATUS = re.compile(r"#\s*exits?(?:\s+status)?\s+(\d+)\b")
SYNOPSIS = re.compile(r"\[(?:-|[A-Za-z]+\]|[A-Z])|…")
CORPUS = re.compile(r"\.\./shared/|\$\{?DOCS_CORPUS")
TIMEOUT = 300


@dataclass(frozen=True)
class Example:
    file: str
    line: int
    command: str

    @property
    def status(self) -> int:
        m = STATUS.search(self.command)
        return int(m.group(1)) if m else 0

    @property
    def subcommand(self) -> str | None:
        words = shlex.split(self.command.split("|")[0], comments=True)
        words = words[3:] if words[0].startswith("python") else words[1:]
        return next((w for w in words if not w.startswith("-")), None)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def doc_files() -> list[Path]:
    files = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    return [f for f in files if f.relative_to(REPO).as_posix() not in GENERATED]


def code_blocks(path: Path) -> list[tuple[str, int, str]]:
    """(info, first line, content) of every fenced or indented code block."""
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    out = []
    for tok in tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            first = tok.map[0] + (2 if tok.type == "fence" else 1)
            out.append((tok.info.strip().split(" ")[0] if tok.type == "fence" else "", first, tok.content))
    return out


def find_examples() -> list[Example]:
    found = []
    for path in doc_files():
        rel = path.relative_to(REPO).as_posix()
        for info, first, content in code_blocks(path):
            if info not in SHELL_INFOS:
                continue
            lines = content.split("\n")
            i = 0
            while i < len(lines):
                start = i
                text = lines[i].strip()
                while text.endswith("\\") and i + 1 < len(lines):  # a command continued on the next line
                    i += 1
                    text = text[:-1].rstrip() + " " + lines[i].strip()
                m = COMMAND.match(text)
                if m:
                    found.append(Example(rel, first + start, m.group(1)))
                i += 1
    return found


EXAMPLES = find_examples()
RUNNABLE = [e for e in EXAMPLES if not SYNOPSIS.search(e.command)]
SYNOPSES = [e for e in EXAMPLES if SYNOPSIS.search(e.command)]


def test_the_docs_have_examples_to_run() -> None:
    files = {e.file for e in RUNNABLE}
    assert {"docs/quickstart.md", "docs/recipes/pre-commit.md"} <= files, files


# --- running examples -------------------------------------------------------------------------------------

def site_copy(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def git_repo(root: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "example site"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def shell_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["BROWSER"] = "true"  # `serve --open` must not start a real browser
    env["NO_COLOR"] = "1"
    env.pop("COLUMNS", None)
    return env


def for_corpus(command: str) -> str:
    """The command with the corpus paths of this machine, and (unless DOCS_EXAMPLES_FULL) narrowed."""
    corpus = os.environ.get("DOCS_CORPUS")
    if not corpus:
        pytest.skip("DOCS_CORPUS is not set: this example needs GitHub's 2021 docs corpus")
    shared = Path(corpus).resolve().parents[1]
    command = command.replace("../shared/corpus/github-docs-2021-06", corpus)
    command = command.replace("../shared/golden", os.environ.get("DOCS_GOLDEN", str(shared / "golden")))
    command = command.replace("../shared/", f"{shared}/")
    if not os.environ.get("DOCS_EXAMPLES_FULL"):
        command = re.sub(r"((?:docs-renderer|python3? -m renderer) (?:export|build|diff))\b", r"\1 --path index.md",
                         command)
    return command


OWN_SITE_DOCS = {"docs/quickstart.md"}  # their examples run in the site their own `init` example makes


def own_site(doc: str, tmp: Path) -> tuple[Example, Path]:
    """Run ``doc``'s ``init`` example in an empty folder; the example and the folder it made."""
    init = next(e for e in RUNNABLE if e.file == doc and e.subcommand == "init")
    tmp.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["bash", "-c", init.command], cwd=tmp, env=shell_env(), capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == init.status, f"{init}: `{init.command}` exited {done.returncode}: {done.stderr}"
    words = shlex.split(init.command, comments=True)
    after = words[words.index("init") + 1:]
    folder = next((w for w in after if not w.startswith("-") and not _is_value(after, w)), ".")
    return init, tmp / folder


def _is_value(words: list[str], word: str) -> bool:
    i = words.index(word)
    return i > 0 and words[i - 1] in ("--product", "--plan", "--language")


@pytest.mark.parametrize("example", RUNNABLE, ids=str)
def test_example_runs_as_documented(example: Example, tmp_path: Path) -> None:
    command = example.command
    if CORPUS.search(command):
        command = for_corpus(command)
    if example.file in OWN_SITE_DOCS:
        init, root = own_site(example.file, tmp_path / "own")
        if example == init:
            return  # it ran, in an empty folder, as documented
    else:
        root = site_copy(tmp_path / "site")
    if example.subcommand == "diff":
        git_repo(root)
    if example.subcommand == "serve":
        run_server(example, command, root)
        return
    done = subprocess.run(["bash", "-c", command], cwd=root, env=shell_env(), capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == example.status, (
        f"{example}: `{example.command}` exited {done.returncode}, documented {example.status}\n"
        f"stdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-3000:]}"
    )


def run_server(example: Example, command: str, root: Path) -> None:
    """Start a ``serve`` example on a free port, fetch the home page it announces, stop it with Ctrl-C."""
    if "--port" in command:
        command = re.sub(r"--port[ =]\d+", "--port 0", command)
    else:
        command += " --port 0"
    proc = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=root, env=shell_env(), stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        m = re.search(r"at (http://\S+)", line)
        assert m, f"{example}: the server did not say where it listens: {line!r}"
        with urllib.request.urlopen(m.group(1), timeout=60) as response:
            assert response.status == 200
            assert b"<html" in response.read(4000).lower()
        proc.send_signal(signal.SIGINT)
        status = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert status == example.status, f"{example}: serve exited {status} on Ctrl-C, documented {example.status}"


@pytest.mark.parametrize("example", SYNOPSES, ids=str)
def test_synopsis_names_real_options(example: Example) -> None:
    top = cli_parser()
    sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    name = example.subcommand
    command = sub.choices.get(name) if name else top
    assert command is not None, f"{example}: no command {name!r}"
    known = {s for action in command._actions for s in action.option_strings}
    arguments = re.sub(r"^(?:docs-renderer|python3? -m renderer)", "", example.command)
    named = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", arguments))
    assert named <= known, f"{example}: {sorted(named - known)} are not options of {name or 'docs-renderer'}"


def test_quickstart_walks_from_pip_install_to_a_published_site() -> None:
    text = (REPO / "docs/quickstart.md").read_text(encoding="utf-8")
    steps = ["pip install docs-renderer", "docs-renderer init", "docs-renderer serve", "docs-renderer check",
             "docs-renderer build --out _site", "git push", "--base-url"]
    at = [text.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), dict(zip(steps, at))
    ran = [e.subcommand for e in RUNNABLE if e.file == "docs/quickstart.md"]
    assert {"init", "serve", "check", "build", "diff", "config"} <= set(ran), ran


def test_quickstart_shows_the_summary_table_build_prints(tmp_path: Path) -> None:
    blocks = code_blocks(REPO / "docs/quickstart.md")
    shown = next(content for info, _, content in blocks if info == "text" and content.startswith("page-versions"))
    _, root = own_site("docs/quickstart.md", tmp_path / "own")
    done = subprocess.run([sys.executable, "-m", "renderer", "build", "--out", "_site"], cwd=root, env=shell_env(),
                          capture_output=True, text=True, timeout=TIMEOUT)
    lines = done.stderr.splitlines()
    at = lines.index(shown.splitlines()[0])

    def cells(row: str) -> list[str]:
        return [c.strip() for c in row.split("|")][:-1]  # the time differs from run to run

    assert cells(lines[at + 1]) == cells(shown.splitlines()[1]), done.stderr


# --- Liquid examples of the content format ----------------------------------------------------------------

def liquid_examples() -> list[tuple[int, str, str]]:
    blocks = code_blocks(REPO / "docs/content-format.md")
    return [(line, source, blocks[i + 1][2]) for i, (info, line, source) in enumerate(blocks[:-1])
            if info == "liquid" and blocks[i + 1][0] == "text"]


@pytest.fixture(scope="module")
def quickstart_context() -> tuple[Renderer, dict]:
    site = Site(REPO)
    renderer = Renderer(site)
    page = site.page("en", "pipelines/quickstart.md")
    version = "server@2.22"  # the example site's own numbered plan (its docs-renderer.yml)
    href = site.href(page.lang, version, page.url_path)
    return renderer, renderer.context(page, page.source, version, href, set())


@pytest.mark.parametrize(("line", "source", "expected"), liquid_examples(), ids=lambda v: str(v)[:40])
def test_content_format_liquid_example(line: int, source: str, expected: str, quickstart_context) -> None:
    renderer, context = quickstart_context
    out = renderer.env.from_string(source, "docs/content-format.md", line - 1).render(context)
    assert out.rstrip("\n") == expected.rstrip("\n"), f"docs/content-format.md:{line}"


def test_content_format_has_liquid_examples() -> None:
    assert len(liquid_examples()) >= 8


# --- the table of contents and links between documents ---------------------------------------------------

# Documents other work is adding: links to them are accepted while they do not exist yet.
PENDING_DOCS: set[str] = set()


def links(path: Path) -> list[str]:
    """The targets of the document's Markdown links (not of text in code blocks)."""
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    return [str(child.attrs["href"]) for tok in tokens if tok.type == "inline" for child in tok.children or ()
            if child.type == "link_open"]


def test_index_lists_every_document() -> None:
    listed = {(REPO / "docs" / target.split("#")[0]).resolve() for target in links(REPO / "docs/index.md")}
    missing = [p.relative_to(REPO).as_posix() for p in sorted((REPO / "docs").rglob("*.md"))
               if p.name != "index.md" and p.resolve() not in listed]
    assert not missing, f"not in docs/index.md: {missing}"


def anchors(path: Path) -> set[str]:
    from renderer.markdown.headings import Slugger

    slugger = Slugger()
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    return {slugger.slug(tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"}


@pytest.mark.parametrize("doc", [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))],
                         ids=lambda p: p.relative_to(REPO).as_posix())
def test_links_between_documents_resolve(doc: Path) -> None:
    broken = []
    for target in links(doc):
        if re.match(r"[a-z]+:", target) or target.startswith("/"):
            continue  # a URL, or a site path in an example
        name, _, fragment = target.partition("#")
        path = (doc.parent / name).resolve() if name else doc
        rel = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)
        if not path.exists():
            if rel not in PENDING_DOCS:
                broken.append(target)
        elif fragment and path.suffix == ".md" and fragment not in anchors(path):
            broken.append(target)
    assert not broken, f"{doc.relative_to(REPO)}: broken links {broken}"


# --- generated reference ----------------------------------------------------------------------------------

def test_cli_reference_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("gen_cli_reference", REPO / "scripts/gen_cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (REPO / "docs/cli-reference.md").read_text(encoding="utf-8")
    assert committed == module.generate(), "out of date: run python scripts/gen_cli_reference.py"


def test_examples_are_found_with_their_line_and_status(tmp_path: Path, monkeypatch) -> None:
    doc = tmp_path / "x.md"
    doc.write_text(
        "Intro.\n\n```sh\n$ docs-renderer check  # exit 1\nls\ndocs-renderer export \\\n  --lang en\n```\n\n"
        "    python -m renderer build --out _site\n\n```yaml\nrun: docs-renderer build\n```\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "doc_files", lambda: [doc])
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    found = find_examples()
    assert [(e.line, e.command, e.status, e.subcommand) for e in found] == [
        (4, "docs-renderer check  # exit 1", 1, "check"),
        (6, "docs-renderer export --lang en", 0, "export"),
        (10, "python -m renderer build --out _site", 0, "build"),
    ]
