"""The end-of-command summary: each problem once with where it happened, as a diagnostic, then the table."""

from __future__ import annotations

import io
from pathlib import Path

from renderer.console.report import Summary
from renderer.page.render import Rendered


def rendered(path: str, version: str, lang: str = "en", error: str | None = None, warnings=()) -> Rendered:
    return Rendered(path, version, lang, f"/{lang}/{path}", error=error, warnings=list(warnings))


def test_table_counts_pages_versions_languages_warnings_errors() -> None:
    s = Summary()
    s.add(rendered("a.md", "v1"))
    s.add(rendered("a.md", "v2"))
    s.add(rendered("a.md", "v1", lang="cn", warnings=["x.md:1:1: odd"]))
    s.add(rendered("b.md", "v1", error="b.md:2:3: boom"))
    head, values = s.table().splitlines()
    cells = dict(zip([c.strip() for c in head.split("|")], [c.strip() for c in values.split("|")]))
    assert cells["page-versions"] == "4" and cells["pages"] == "3" and cells["versions"] == "2"
    assert cells["languages"] == "2" and cells["warnings"] == "1" and cells["errors"] == "1"
    assert cells["time"].endswith("s")
    assert len(head) <= len(values) and head == head.rstrip()


def test_an_error_in_many_versions_is_shown_once_with_a_code_frame(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/b.md").write_text("one\ntwo {% bad %}\nthree\n", encoding="utf-8")
    s = Summary()
    for v in ("v1", "v2", "v3"):
        s.add(rendered("b.md", v, error="content/b.md:2:5: unknown tag 'bad'"))
    out = io.StringIO()
    s.print(out, root=tmp_path)
    text = out.getvalue()
    assert text.count("error: unknown tag 'bad'") == 1
    assert "content/b.md:2:5: error: unknown tag 'bad'\n  1 | one\n  2 | two {% bad %}\n    |     ^\n" in text
    assert "  in: en v1, en v2, en v3\n" in text
    assert "\x1b[" not in text  # not a terminal
    assert len(s.errors) == 3  # commands decide their exit status on this


def test_quiet_leaves_out_warnings_but_not_errors() -> None:
    s = Summary()
    s.add(rendered("a.md", "v1", warnings=["a.md:1:1: fell back"]))
    s.add(rendered("b.md", "v1", error="b.md: broken"))
    out = io.StringIO()
    s.print(out, quiet=True)
    assert "fell back" not in out.getvalue()
    assert "error: b.md: broken [en v1]" in out.getvalue()
    loud = io.StringIO()
    s.print(loud)
    assert "warning: a.md:1:1: fell back [en v1]" in loud.getvalue()
