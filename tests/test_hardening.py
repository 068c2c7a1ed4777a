"""Hardening: bad input must never hang, crash, leak Python internals, reach outside the docs root, or lose pages
without saying so. Each case builds a small docs root of its own.

Cases that can hang or eat memory run in a child process with a time and memory limit, so a regression fails
the test instead of stalling the suite. Failures caused by code outside the ``check`` work are marked
``xfail(strict=True)`` with the reason; they start passing (and must then be unmarked) once fixed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from one_page_site import FPT, make_site, render, render_bounded, write

from renderer.cli import main
from renderer.model.site import Site
from renderer.page.render import Renderer

# --- reusables that include themselves ----------------------------------------------------------------


def test_a_reusable_that_includes_itself_is_an_error_with_its_place(tmp_path):
    root = make_site(tmp_path, "{% data reusables.me %}\n", files={"data/reusables/me.md": "x {% data reusables.me %}"})
    out = render(root)
    assert out.error.startswith("data/reusables/me.md:1:3: ") and "cycle" in out.error


def test_reusables_that_include_each_other_are_an_error(tmp_path):
    root = make_site(tmp_path, "{% data reusables.a %}\n", files={
        "data/reusables/a.md": "{% data reusables.b %}",
        "data/reusables/b.md": "{% data reusables.c %}",
        "data/reusables/c.md": "{% data reusables.a %}",
    })
    out = render(root)
    assert "reusables.a -> reusables.b -> reusables.c -> reusables.a" in out.error


# --- nothing outside the docs root ----------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path) -> Path:
    secret = write(tmp_path / "outside", "secret.md", "---\ntitle: SECRET\nversions: '*'\n---\nTOP-SECRET\n")
    write(tmp_path / "outside", "secret.yml", "word: TOP-SECRET\n")
    return secret.parent


@pytest.mark.parametrize("tag", [
    '{% data reusables["../../outside/secret"] %}',
    '{% data variables["../../outside/secret"].word %}',
    "{% data ..outside.secret %}",
    '{% include "../outside/secret.md" %}',
    '{% include "/etc/passwd" %}',
    '{% render "../../outside/secret.md" %}',
])
def test_data_and_include_paths_stay_inside_the_root(tmp_path, outside, tag):
    out = render(make_site(tmp_path / "docs", f"{tag}\n", files={"data/reusables/ok.md": "ok"}))
    assert "TOP-SECRET" not in out.html and "root:" not in out.html


def test_children_cannot_leave_the_content_folder(tmp_path, outside):
    root = tmp_path / "docs"
    write(root, "content/index.md", "---\ntitle: Home\nversions: '*'\nchildren:\n  - /../../outside/secret\n---\n")
    assert [p.path for p in Site(root).pages("en")] == ["index.md"]


def test_a_data_symlink_to_outside_the_root_is_not_read(tmp_path, outside):
    root = make_site(tmp_path / "docs", "{% data reusables.evil %}\n")
    (root / "data/reusables").mkdir(parents=True)
    os.symlink(outside / "secret.md", root / "data/reusables/evil.md")
    assert "TOP-SECRET" not in render(root).html


@pytest.mark.parametrize("unchanging", [False, True])  # True: folders' real paths remembered (a build's model)
@pytest.mark.parametrize("link", ["page", "folder"])
def test_a_page_symlink_to_outside_the_root_is_not_served(tmp_path, outside, link, unchanging):
    root = tmp_path / "docs"
    write(root, "content/index.md", "---\ntitle: Home\nversions: '*'\nchildren:\n  - /p\n  - /linked/secret\n---\n")
    if link == "page":
        os.symlink(outside / "secret.md", root / "content/p.md")
    else:  # a folder of the content that is a link out of the root: the page under it is outside too
        os.symlink(outside, root / "content/linked")
    site = Site(root, unchanging=unchanging)
    served = [Renderer(site).render(p, FPT) for p in site.pages("en") if FPT in p.versions]
    assert not any("TOP-SECRET" in r.html for r in served)
    assert any("outside the docs root" in str(e) for e in site.problems)


# --- no way into Python internals ---------------------------------------------------------------------

LEAKS = ("class", "0x", "built-in", "function", "module", "__", "mro", "globals", "DataView", "object at")


@pytest.mark.parametrize("template", [
    "{{ page.__class__ }}",
    "{{ x.__globals__ }}",
    "{{ page.title.__class__.__mro__ }}",
    "{{ site.data.__class__ }}",
    "{{ site.data._layers }}",
    "{{ site.data.reusables.r.filename }}",
    "{{ page['__class__'] }}",
    "{{ page | map: '__class__' }}",
    "{{ page | sort: '__class__' | first }}",
    "{% assign c = currentVersion.__class__ %}{{ c }}",
    "{{ currentVersion.upper }}{{ currentVersion.split }}",
    "{{ 'a'.__class__.__init__.__globals__ }}",
    "{{ allVersions.items }}{{ allVersions.keys }}",
    "{% for k in site.data.__dict__ %}{{ k }}{% endfor %}",
    "{{ enterpriseServerReleases.__len__ }}",
])
def test_templates_cannot_reach_python_internals(tmp_path, template):
    out = render(make_site(tmp_path, f"{template}\n", files={"data/reusables/r.md": "R"}))
    assert out.error is None
    assert not any(word in out.html for word in LEAKS), out.html


# --- large and deeply nested input ---------------------------------------------------------------------


def test_deeply_nested_liquid_blocks_fail_cleanly(tmp_path):
    root = make_site(tmp_path, "{% if true %}" * 5000 + "x" + "{% endif %}" * 5000 + "\n")
    result = render_bounded(root, 60)
    assert "killed" not in result and result["error"].startswith("content/p.md")


def test_deeply_nested_loops_fail_cleanly_with_a_place(tmp_path):
    root = make_site(tmp_path, "{% for i in (1..1) %}" * 40 + "x" + "{% endfor %}" * 40 + "\n")
    result = render_bounded(root, 60)
    assert "killed" not in result and result["error"].startswith("content/p.md:")


@pytest.mark.parametrize(("name", "body"), [
    ("two megabytes of text", "A line of plain words.\n" * 90_000),
    ("deep blockquotes", ">" * 20_000 + " x\n"),
    ("deep brackets", "[" * 20_000 + "x" + "]" * 20_000 + "\n"),
    ("unclosed divs", "<div>" * 30_000 + "x\n"),
    ("a run of emphasis", "*" * 50_000 + "x\n"),
    ("an unclosed shell fence", "```shell\n" + "echo hi\n" * 100_000),
    ("many links", "[a](/b) " * 20_000 + "\n"),
    ("a long table", "|a|b|\n|-|-|\n" + "|x|y|\n" * 20_000),
])
def test_large_input_renders_in_bounded_time_and_memory(tmp_path, name, body):
    result = render_bounded(make_site(tmp_path, body), 60)
    assert "killed" not in result, result
    assert result["error"] is None


def _nested_list(depth: int) -> str:
    return "".join("  " * i + "- x\n" for i in range(depth))


def test_nested_lists_render(tmp_path):
    result = render_bounded(make_site(tmp_path, _nested_list(60)), 60)
    assert result["error"] is None and result["html_length"] > 60 * len("<ul><li>x</li></ul>")


def test_very_deeply_nested_lists_fail_in_bounded_time(tmp_path):
    result = render_bounded(make_site(tmp_path, _nested_list(2000)), 30)
    assert "killed" not in result, result


def test_a_huge_loop_fails_cleanly(tmp_path):
    result = render_bounded(make_site(tmp_path, "{% for i in (1..100000000) %}x{% endfor %}\n"), 20)
    assert "killed" not in result and result["error"].startswith("content/p.md:")


YAML_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


def test_a_yaml_alias_bomb_fails_cleanly(tmp_path):
    meta = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + YAML_BOMB
    result = render_bounded(make_site(tmp_path, "{{ page.i }}\n", meta=meta), 20)
    assert "killed" not in result and result["error"]


def test_a_yaml_alias_bomb_that_is_not_printed_costs_nothing(tmp_path):
    meta = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + YAML_BOMB
    result = render_bounded(make_site(tmp_path, "{{ page.title }}\n", meta=meta), 30)
    assert result == {"error": None, "html_length": len("<p>P</p>")}


# --- encodings, BOMs, line endings, empty files ---------------------------------------------------------


def test_a_page_that_is_not_utf8_is_an_error_with_its_place(tmp_path):
    root = make_site(tmp_path, b"fine\ncaf\xe9\n")
    src = Site(root).source("content/p.md")
    assert src.doc is None and str(src.error).startswith("content/p.md:6:4: file is not valid UTF-8")


def test_building_a_site_with_a_page_that_is_not_utf8_says_so(tmp_path, capsys):
    root = make_site(tmp_path / "docs", b"caf\xe9\n")
    status = main(["build", "--root", str(root), "--out", str(tmp_path / "out"), "--lang", "en"])
    assert status == 1 and "content/p.md" in capsys.readouterr().err


def test_a_reusable_that_is_not_utf8_is_an_error(tmp_path):
    root = make_site(tmp_path, "{% data reusables.bad %}\n", files={"data/reusables/bad.md": b"caf\xe9"})
    out = render(root)
    assert out.error and "data/reusables/bad.md" in out.error


def test_bom_and_crlf_render_like_plain_lf(tmp_path):
    lf = "## Heading\n\nSome *text*.\n\n{% if true %}\n- one\n- two\n{% endif %}\n"
    plain = render(make_site(tmp_path / "lf", lf))
    root = make_site(tmp_path / "crlf", "")
    raw = "---\ntitle: P\nversions: '*'\n---\n" + lf
    write(root, "content/p.md", b"\xef\xbb\xbf" + raw.replace("\n", "\r\n").encode())
    crlf = render(root)
    assert crlf.error is None and crlf.title == "P"
    assert crlf.html.replace("\r", "") == plain.html


def test_empty_files_are_handled(tmp_path):
    root = make_site(tmp_path, "[{% data reusables.empty %}][{% data variables.empty.x %}]\n", files={
        "data/reusables/empty.md": "",
        "data/variables/empty.yml": "",
        "content/empty.md": "",
    })
    write(root, "content/index.md", "---\ntitle: Home\nversions: '*'\nchildren:\n  - /p\n  - /empty\n---\n")
    site = Site(root)
    assert render(root).html == "<p>[][]</p>"
    empty = site.page("en", "empty.md")
    assert empty is not None and empty.versions == ()  # no front matter: in no version (check says so)


# --- no traceback reaches the user ----------------------------------------------------------------------


def _boom(*args, **kwargs):
    raise ZeroDivisionError("a bug")


def test_a_bug_in_one_page_is_a_short_message_and_a_details_file(tmp_path, capsys, monkeypatch):
    import renderer.page.render as render_module

    monkeypatch.setattr(render_module, "render_markdown", _boom)
    root = make_site(tmp_path / "docs", "text\n")
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ZeroDivisionError" in err and "details" in err


def test_a_bug_in_a_command_is_a_short_message_and_a_details_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(Site, "pages", _boom)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    root = make_site(tmp_path / "docs", "text\n")
    status = main(["build", "--root", str(root), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status not in (0, 1) and "Traceback" not in err
    details = Path(err.strip().rsplit(" ", 1)[-1])
    assert details.is_file() and "ZeroDivisionError: a bug" in details.read_text()


def test_check_turns_a_bug_into_a_short_message(tmp_path, capsys, monkeypatch):
    import renderer.commands.check as check_command

    monkeypatch.setattr(check_command, "check_site", _boom)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["check", "--root", str(make_site(tmp_path / "docs", "x\n"))]) not in (0, 1)
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(tmp_path) in err
