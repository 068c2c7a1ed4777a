"""The broken-inputs fixture: every kind of finding reported with file and line, exit 1, and a build of the same
root still writes every page that is not itself broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.check import KINDS
from renderer.cli import main

from .helpers import found, run_check

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "broken"

EXPECTED = [
    ("config", "docs-renderer.yml", 7),
    ("file", "content/not-utf8.md", 6),
    ("front-matter", "content/broken-yaml.md", 3),
    ("front-matter", "content/unknown-key.md", 3),
    ("versions", "content/unknown-key.md", 1),
    ("versions", "content/bad-versions.md", 5),
    ("versions", "content/bad-versions.md", 6),
    ("liquid-syntax", "content/liquid-syntax.md", 8),
    ("data-path", "content/data-path.md", 8),
    ("undefined-variable", "content/undefined-variable.md", 6),
    ("octicon", "content/octicon.md", 6),
    ("feature", "content/feature.md", 6),
    ("feature", "data/features/misnamed.yml", 1),
    ("feature", "data/features/misnamed.yml", 4),
    ("reusable-cycle", "data/reusables/loop/second.md", 2),
    ("reusable-cycle", "data/reusables/loop/self.md", 1),
    ("data-file", "data/variables/broken.yml", 3),
    ("link", "content/links.md", 14),
    ("link", "content/links.md", 15),
    ("anchor", "content/links.md", 16),
    ("anchor", "content/links.md", 17),
    ("children", "content/index.md", 19),
    ("unreachable", "content/orphan.md", 1),
    ("redirect", "content/redirects.md", 6),
    ("redirect", "content/redirects.md", 7),
    ("redirect", "content/redirects.md", 8),
]


def test_every_kind_is_found_where_it_is(capsys):
    status, report = run_check(capsys, "--root", str(FIXTURE))
    assert status == 1
    got = found(report)
    missing = [e for e in EXPECTED if e not in got]
    assert not missing, f"not reported: {missing}"
    unexpected = [g for g in got if g not in EXPECTED]
    assert not unexpected, f"reported but not broken on purpose: {unexpected}"
    # every kind but 'render' (a page failing in a way no static check explains) has a case here
    assert {k for k, _, _ in EXPECTED} == set(KINDS) - {"render"}


def test_each_finding_quotes_its_line_and_says_what_to_do(capsys):
    _, report = run_check(capsys, "--root", str(FIXTURE))
    for f in report["findings"]:
        assert f["hint"], f
        assert f["column"] >= 1
        if f["kind"] != "data-file":  # the YAML error is found at the end of the file, past its last line
            assert f["text"], f
    link = next(f for f in report["findings"] if f["kind"] == "link" and f["line"] == 15)
    assert link["text"] == "- [A page that is not in every version](/ghes-only)."
    assert link["where"] == ["en free-pro-team@latest", "en github-ae@latest"]


def test_text_output_names_file_line_and_column(capsys):
    assert main(["check", "--root", str(FIXTURE)]) == 1
    out = capsys.readouterr().out
    assert "content/data-path.md:8:9: error: unknown data path 'reusables.ok.gretting' [data-path]" in out
    assert "    hint: did you mean reusables.ok.greeting?" in out
    assert out.rstrip().splitlines()[-1].startswith("24 errors, 2 warnings")
    assert "docs-renderer.yml:7:5: warning: plan 'github-ae' has no title" in out


def test_only_and_skip_narrow_the_kinds_reported(capsys):
    status, report = run_check(capsys, "--root", str(FIXTURE), "--only", "link,anchor", "--only", "config")
    assert status == 1
    assert {f["kind"] for f in report["findings"]} == {"link", "anchor", "config"}
    status, report = run_check(capsys, "--root", str(FIXTURE), "--skip", "link,anchor,render")
    kinds = {f["kind"] for f in report["findings"]}
    assert kinds == {k for k, _, _ in EXPECTED} - {"link", "anchor"}
    status, report = run_check(capsys, "--root", str(FIXTURE), "--only", "config")
    assert status == 0 and [f["kind"] for f in report["findings"]] == ["config"]  # a warning: exit 0
    with pytest.raises(SystemExit):
        main(["check", "--root", str(FIXTURE), "--only", "links"])
    assert "unknown kind links; kinds: config, file" in capsys.readouterr().err


def test_the_other_pages_still_build(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["build", "--root", str(FIXTURE), "--out", str(out), "--lang", "en"]) == 1
    built = {p.parent.relative_to(out / "en").as_posix() for p in (out / "en").rglob("index.html")}
    for name in ("good", "links", "data-path", "undefined-variable", "redirects", "bad-versions", "orphan"):
        if name != "orphan":
            assert name in built, name
    assert "liquid-syntax" not in built and "octicon" not in built and "cycle" not in built
    errors = capsys.readouterr().err
    assert "content/liquid-syntax.md:8:1" in errors
