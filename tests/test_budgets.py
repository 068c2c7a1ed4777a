"""Budgets (renderer/model/limits.py, docs/limits.md): each hostile input of issue 14 fails fast, with an error
that names the file (and line), the budget, and how to raise it; within the budgets nothing changes.

Inputs that hung or filled memory before the fix run in a child process with a time and memory limit, so a
regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from one_page_site import make_site, render, render_bounded, run_bounded, write

from renderer.liquid import Environment, LiquidError
from renderer.markdown import render_markdown
from renderer.model.config import load_config
from renderer.model.errors import ConfigError, DocsError
from renderer.model.limits import DEFAULT_LIMITS, BudgetError, Limits, SourceFileError
from renderer.model.site import Site
from renderer.model.source_files import read_source
from renderer.model.yaml_load import load_yaml


def assert_names_budget(error: str, name: str) -> None:
    assert f"limits.{name}" in error and "docs-renderer.yml" in error, error


# --- 1. source files: regular files inside the root, of bounded size --------------------------------------


def test_a_data_symlink_to_dev_zero_is_an_error_naming_it(tmp_path):
    root = make_site(tmp_path, "{% data reusables.zero %}\n")
    (root / "data/reusables").mkdir(parents=True)
    os.symlink("/dev/zero", root / "data/reusables/zero.md")
    result = render_bounded(root)
    assert "killed" not in result, result
    assert "data/reusables/zero.md" in result["error"] and "/dev/zero, a character device" in result["error"]


def test_a_page_symlink_to_dev_zero_is_an_error_naming_it(tmp_path):
    root = make_site(tmp_path)
    os.symlink("/dev/zero", root / "content/zero.md")
    src = Site(root).source("content/zero.md")
    assert src is not None and src.doc is None
    assert isinstance(src.error, SourceFileError) and str(src.error).startswith("content/zero.md: links to /dev/zero")


def test_a_build_with_its_cache_never_reads_a_link_to_dev_zero_or_a_pipe(tmp_path):
    # the cache fingerprints every input file, used or not: it read /dev/zero until memory ran out
    root = make_site(tmp_path, "{% data reusables.zero %}\n")
    (root / "data/reusables").mkdir(parents=True)
    os.symlink("/dev/zero", root / "data/reusables/zero.md")
    os.mkfifo(root / "data/pipe.yml")
    out = tmp_path / "site"
    command = [sys.executable, "-m", "renderer", "build", "--root", str(root), "--out", str(out), "-q", "-j", "1"]
    done = run_bounded(command)
    assert done.returncode == 1, done.stderr  # the page's error, not a crash
    assert "data/reusables/zero.md" in done.stderr and "/dev/zero, a character device" in done.stderr
    again = run_bounded(command)  # and the rebuild, which compares fingerprints
    assert again.returncode == 1 and "/dev/zero, a character device" in again.stderr, again.stderr


def test_a_named_pipe_in_data_is_refused_without_opening_it(tmp_path):
    root = make_site(tmp_path, "{% data variables.pipe.x %}\n")
    (root / "data/variables").mkdir(parents=True)
    os.mkfifo(root / "data/variables/pipe.yml")  # opening it to read would block until a writer comes
    result = render_bounded(root, 20)
    assert "killed" not in result, result
    assert "data/variables/pipe.yml: is a named pipe (FIFO), not a regular file" in result["error"]


def test_a_config_file_that_is_a_pipe_is_refused(tmp_path):
    os.mkfifo(tmp_path / "docs-renderer.yml")
    script = (
        f"from renderer.model.config import load_config; load_config(__import__('pathlib').Path({str(tmp_path)!r}))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    assert "docs-renderer.yml: is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_symlink_out_of_the_root_is_refused_and_one_inside_is_read(tmp_path):
    write(tmp_path / "outside", "secret.md", "TOP-SECRET")
    root = make_site(tmp_path / "docs", "[{% data reusables.inside %}]{% data reusables.outside %}\n",
                     files={"data/reusables/real.md": "fine"})
    os.symlink(root / "data/reusables/real.md", root / "data/reusables/inside.md")
    os.symlink(tmp_path / "outside/secret.md", root / "data/reusables/outside.md")
    out = render(root)
    assert "TOP-SECRET" not in out.html
    assert "data/reusables/outside.md: links to a file outside the docs root" in out.error
    out = render(make_site(tmp_path / "docs", "[{% data reusables.inside %}]\n"))
    assert out.error is None and out.html == "<p>[fine]</p>"


def test_a_data_folder_linked_from_outside_the_root_is_an_error_naming_it(tmp_path):
    write(tmp_path / "outside/more", "secret.md", "TOP-SECRET")
    root = make_site(tmp_path / "docs", "{% data reusables.more.secret %}\n")
    (root / "data/reusables").mkdir(parents=True)
    os.symlink(tmp_path / "outside/more", root / "data/reusables/more")
    out = render(root)
    assert "TOP-SECRET" not in out.html
    assert "data/reusables/more: links to a folder outside the docs root" in out.error


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = write(tmp_path, "big.md", "x" * 2000)
    with pytest.raises(SourceFileError) as e:
        read_source(path, "big.md", (str(tmp_path),), 1000)
    assert str(e.value).startswith("big.md: is 2,000 bytes, more than the 1,000 a source file may have")
    assert_names_budget(str(e.value), "source_bytes")
    assert read_source(path, "big.md", (str(tmp_path),), 2000) == b"x" * 2000


def test_the_size_limit_comes_from_the_site_config(tmp_path):
    root = make_site(tmp_path, "x" * 5000 + "\n", files={"docs-renderer.yml": "limits:\n  source_bytes: 4096\n"})
    src = Site(root).source("content/p.md")
    assert src.doc is None and "more than the 4,096 a source file may have" in str(src.error)


def test_a_dangling_link_is_no_page(tmp_path):
    root = make_site(tmp_path)
    os.symlink(root / "content/missing.md", root / "content/dangling.md")
    assert Site(root).source("content/dangling.md") is None


# --- 2. YAML: aliases shared, nodes budgeted -------------------------------------------------------------

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


def test_an_alias_bomb_in_data_is_an_error_naming_the_file(tmp_path):
    root = make_site(tmp_path, "{{ site.data.variables.bomb.a[0] }}\n", files={"data/variables/bomb.yml": BOMB})
    started = time.perf_counter()
    result = render_bounded(root)
    assert "killed" not in result, result
    assert "data/variables/bomb.yml: YAML value too large" in result["error"] and "alias" in result["error"]
    assert_names_budget(result["error"], "yaml_nodes")
    assert time.perf_counter() - started < 20


def test_aliases_stay_shared_and_strings_know_their_file():
    value = load_yaml("a: &a {x: one}\nb: [*a, *a]\n", "v.yml", 100, str.upper)
    assert value["b"][0] is value["b"][1] is value["a"] and value["a"] == {"x": "ONE"}


def test_the_node_budget_counts_aliases_as_what_they_stand_for():
    text = "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n"  # root 1 + a (key 1, list 5) + b (key 1, list 1 + 3 * 5)
    assert load_yaml(text, "v.yml", 24) is not None
    with pytest.raises(BudgetError, match="one value is 24 nodes") as e:
        load_yaml(text, "v.yml", 23)
    assert e.value.filename == "v.yml"


def test_a_value_that_contains_itself_is_refused():
    with pytest.raises(BudgetError, match="contains itself"):
        load_yaml("a: &a [1, *a]\n", "v.yml", 1000)


def test_deep_yaml_converts_without_recursion():
    text = "".join(" " * i + "k:\n" for i in range(900)) + " " * 900 + "k: v\n"
    value = load_yaml(text, "v.yml", 10_000)
    for _ in range(901):
        value = value["k"]
    assert value == "v"


def test_an_alias_bomb_in_the_config_is_refused(tmp_path):
    (tmp_path / "docs-renderer.yml").write_text("plans: []\n" + BOMB, encoding="utf-8")
    with pytest.raises(BudgetError, match="docs-renderer.yml: YAML value too large"):
        load_config(tmp_path)


# --- 3. Liquid: loop steps, nested renders, text per render -----------------------------------------------


def test_a_billion_step_loop_fails_at_once_with_its_place(tmp_path):
    root = make_site(tmp_path, "text\n\n{% for i in (1..1000000000) %}x{% endfor %}\n")
    started = time.perf_counter()
    result = render_bounded(root, 20)
    seconds = time.perf_counter() - started  # the child's start-up included
    assert "killed" not in result, result
    assert result["error"].startswith("content/p.md:7:1: loop budget exceeded: this loop of 1,000,000,000 steps")
    assert_names_budget(result["error"], "loop_iterations")
    assert seconds < 5


def test_nested_loops_share_the_budget_and_a_break_gives_steps_back():
    env = Environment(limits=Limits(loop_iterations=1000))
    assert env.from_string("{% for i in (1..30) %}{% for j in (1..30) %}{% endfor %}{% endfor %}").render({}) == ""
    with pytest.raises(LiquidError, match="loop budget exceeded") as e:
        env.from_string("\n{% for i in (1..40) %}{% for j in (1..40) %}{% endfor %}{% endfor %}", "t.md").render({})
    assert (e.value.filename, e.value.line) == ("t.md", 2) and e.value.hint and "loop_iterations" in e.value.hint
    # each loop is charged its whole length when it starts, and gets back what a break skipped
    broken = "{% for i in (1..900) %}{% break %}{% endfor %}" * 5
    assert env.from_string(broken).render({}) == ""


def test_loops_over_arrays_and_tablerows_are_charged_too():
    env = Environment(limits=Limits(loop_iterations=10))
    with pytest.raises(LiquidError, match="loop of 11 steps"):
        env.from_string("{% for x in items %}{% endfor %}").render({"items": list(range(11))})
    with pytest.raises(LiquidError, match="loop of 11 steps"):
        env.from_string("{% tablerow x in (1..11) %}{% endtablerow %}").render({})


def _fan_out(depth: int, width: int) -> dict[str, str]:
    """Reusables ``depth`` deep, each using the next ``width`` times: width**depth leaves from ~4 KB."""
    files = {}
    for k in range(depth):
        inner = f"{{% data reusables.fan{k + 1} %}}" if k < depth - 1 else "leaf"
        files[f"data/reusables/fan{k}.md"] = " ".join([inner] * width) + "\n"
    return files


def test_reusables_that_fan_out_fail_fast_naming_the_reusable(tmp_path):
    files = _fan_out(12, 10)
    assert sum(len(t) for t in files.values()) < 4096
    started = time.perf_counter()
    result = render_bounded(make_site(tmp_path, "{% data reusables.fan0 %}\n", files=files), 30)
    seconds = time.perf_counter() - started  # the child's start-up included
    assert "killed" not in result, result
    assert "render budget exceeded: more than 10,000 reusables" in result["error"]
    assert result["error"].startswith("data/reusables/fan") and ":1:" in result["error"]
    assert_names_budget(result["error"], "nested_renders")
    assert seconds < 10


def test_output_is_budgeted_in_the_loop_that_makes_it():
    env = Environment(limits=Limits(output_chars=10_000))
    big = "x" * 1000
    assert len(env.from_string("{% for i in (1..9) %}{{ big }}{% endfor %}").render({"big": big})) == 9000
    with pytest.raises(LiquidError, match="output budget exceeded: the render produced more than 10,000") as e:
        env.from_string("a\n{% for i in (1..100000) %}{{ big }}{% endfor %}", "t.md").render({"big": big})
    assert e.value.line == 2 and "output_chars" in e.value.hint


@pytest.mark.parametrize("template", [
    "{% assign s = 'ab' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}",
    "{% capture s %}ab{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}",
])
def test_text_doubled_in_a_loop_is_stopped_before_it_fills_memory(template):
    env = Environment(limits=Limits(output_chars=1_000_000))
    with pytest.raises(LiquidError, match="output budget exceeded"):
        env.from_string(template).render({})


def test_a_reusable_counts_in_its_own_output_and_in_the_page():
    text = "x" * 400
    env = Environment(limits=Limits(output_chars=1000))
    context = {"site": {"data": {"r": "{% if true %}" + text + "{% endif %}"}}}
    assert env.from_string("{% data r %}").render(context) == text  # 400 in the reusable, 400 in the page
    with pytest.raises(LiquidError, match="output budget"):
        env.from_string("{% data r %}{% data r %}").render(context)  # 400 + 400 + 800


def test_a_filter_over_a_huge_range_is_an_error():
    with pytest.raises(LiquidError, match="range too long for a filter"):
        Environment().from_string("{{ (1..1000000000) | join: ',' }}").render({})


def test_an_aliased_array_is_not_flattened_past_the_cap():
    value = yaml.load(BOMB, Loader=yaml.CSafeLoader)["i"]  # front matter keeps PyYAML's shared aliases
    with pytest.raises(LiquidError, match="array too large for a filter"):
        Environment().from_string("{{ v | join: ',' | size }}").render({"v": value})


def test_the_default_budgets_render_the_docs_as_before(tmp_path):
    body = (
        "{% for v in enterpriseServerVersions %}{% if forloop.first %}{{ v }}{% endif %}{% endfor %}\n\n"
        "{% data reusables.a %}\n"
    )
    out = render(make_site(tmp_path, body, files={"data/reusables/a.md": "{% if true %}A{% endif %}"}))
    assert out.error is None and out.html == "<p>enterprise-server@3.1</p>\n<p>A</p>"


# --- 4. Markdown: lists and block quotes nested a bounded depth -------------------------------------------


def _list(depth: int) -> str:
    return "".join("  " * i + "- x\n" for i in range(depth))


def test_a_1000_deep_list_fails_at_once_naming_the_line():
    started = time.perf_counter()
    with pytest.raises(BudgetError) as e:
        render_markdown("Intro\n\n" + _list(1000))
    assert time.perf_counter() - started < 2
    assert "nested more than 100 deep, at line 103 of the page's Markdown" in str(e.value)
    assert_names_budget(str(e.value), "markdown_nesting")


def test_a_list_100_deep_renders_and_101_does_not():
    assert render_markdown(_list(100)).count("<ul>") == 100
    with pytest.raises(BudgetError):
        render_markdown(_list(101))


def test_lists_inside_block_quotes_inside_lists_count_every_level():
    text = "".join(">" * i + " - x\n" for i in range(80))  # 79 block quotes and 80 lists, inside each other
    started = time.perf_counter()
    with pytest.raises(BudgetError, match="nested more than 100 deep"):
        render_markdown(text)
    assert time.perf_counter() - started < 2
    assert render_markdown("".join(">" * i + " - x\n" for i in range(40))).count("<li>") == 40


def test_block_quotes_alone_are_still_cut_by_markdown_it():
    assert render_markdown(">" * 20_000 + " x\n").count("<blockquote>") == 20


def test_the_nesting_limit_is_a_parameter():
    assert render_markdown(_list(5), max_nesting=5).count("<ul>") == 5
    with pytest.raises(BudgetError, match="more than 4 deep"):
        render_markdown(_list(5), max_nesting=4)


def test_a_deep_list_page_is_a_located_error_not_a_recursion_error(tmp_path):
    result = render_bounded(make_site(tmp_path, _list(1000)), 30)
    assert "killed" not in result, result
    assert result["error"].startswith("content/p.md: lists and block quotes nested more than 100 deep")
    assert "a reusable that includes itself" not in result["error"]


def test_code_samples_with_deep_indentation_are_not_lists():
    sample = "- step\n\n  ```yaml\n" + "".join("  " + "  " * i + "- k\n" for i in range(150)) + "  ```\n"
    assert "<pre>" in render_markdown(sample)


# --- 5. configuration -------------------------------------------------------------------------------------


def test_limits_in_the_config_replace_their_defaults_one_by_one(tmp_path):
    (tmp_path / "docs-renderer.yml").write_text("limits:\n  loop_iterations: 5_000_000\n", encoding="utf-8")
    limits = load_config(tmp_path).limits
    assert limits.loop_iterations == 5_000_000 and limits.yaml_nodes == DEFAULT_LIMITS.yaml_nodes
    assert load_config(tmp_path / "nothing-here").limits == DEFAULT_LIMITS


@pytest.mark.parametrize(("text", "message"), [
    ("limits:\n  loops: 5\n", "unknown limit(s) loops; the limits are source_bytes"),
    ("limits:\n  loop_iterations: 0\n", "limits.loop_iterations must be a whole number above 0"),
    ("limits:\n  loop_iterations: many\n", "must be a whole number above 0, not 'many'"),
    ("limits: [1]\n", "limits: must be a mapping"),
])
def test_bad_limits_are_config_errors(tmp_path, text, message):
    (tmp_path / "docs-renderer.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path)
    assert message in str(e.value) and "docs-renderer.yml" in str(e.value)


def test_every_limit_is_documented():
    doc = (Path(__file__).resolve().parents[1] / "docs/limits.md").read_text(encoding="utf-8")
    for name in Limits.__dataclass_fields__:
        assert f"`{name}`" in doc, name


def test_data_files_follow_the_configured_limits(tmp_path):
    root = make_site(tmp_path, "{{ site.data.variables.v.a }}\n", files={
        "docs-renderer.yml": "limits:\n  yaml_nodes: 3\n", "data/variables/v.yml": "a: [1, 2, 3, 4]\n"})
    assert "limits.yaml_nodes" in (render(root).error or "")


def test_renders_follow_the_configured_limits(tmp_path):
    root = make_site(tmp_path, "{% for i in (1..20) %}{% endfor %}\n", files=
                     {"docs-renderer.yml": "limits:\n  loop_iterations: 10\n"})
    assert "limits.loop_iterations" in (render(root).error or "")


def test_budget_errors_are_docs_errors():
    assert issubclass(BudgetError, DocsError) and issubclass(SourceFileError, DocsError)
