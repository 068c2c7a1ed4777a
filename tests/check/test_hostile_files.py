"""``check`` on files that would stop a naive checker: every unreadable data file is reported and the checks go on;
front matter that is missing, never closed, or holds a list where text belongs is an error of its own."""

from __future__ import annotations

from pathlib import Path

from .helpers import found, page, run_check, write


def _root(tmp_path: Path, children: str) -> Path:
    write(tmp_path, "content/index.md", page("Home", extra=f"children:\n{children}"))
    return tmp_path


def test_each_file_that_is_not_utf8_is_reported_and_the_rest_still_checked(tmp_path: Path, capsys) -> None:
    root = _root(tmp_path, "  - /a\n  - /b\n")
    for rel in ("data/variables/bad1.yml", "data/reusables/bad2.md", "data/variables/bad3.yml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"k: caf\xe9 \xff\n")
    write(
        root,
        "content/a.md",
        page("A", "{% data variables.bad1.k %} {% data reusables.bad2 %} {% data variables.bad3.k %}\n"),
    )
    write(root, "content/b.md", page("B", "A [link](/nowhere) and {% data variables.missing.x %}.\n"))
    status, report = run_check(capsys, "--root", str(root))
    assert status == 1
    assert [file for kind, file, _ in found(report, "file")] == [
        "data/reusables/bad2.md",
        "data/variables/bad1.yml",
        "data/variables/bad3.yml",
    ]
    # the checks after the first unreadable file still ran: the other page's problems are found
    assert ("data-path", "content/b.md", 6) in found(report)
    assert any(kind == "link" and file == "content/b.md" for kind, file, _ in found(report))


def test_missing_or_unclosed_front_matter(tmp_path: Path, capsys) -> None:
    root = _root(tmp_path, "  - /bare\n  - /open\n")
    write(root, "content/bare.md", "Just text.\n")
    write(root, "content/open.md", "---\ntitle: Open\nversions: '*'\n\nThe fence never closes.\n")
    status, report = run_check(capsys, "--root", str(root), "--no-links")
    assert status == 1
    messages = {f["file"]: f["message"] for f in report["findings"]}
    assert messages["content/bare.md"] == "the page has no front matter: the page is served in no version"
    assert messages["content/open.md"] == "the front matter is never closed: the page is served in no version"
    assert len(report["findings"]) == 2  # not "no title" and "no versions" on top


def test_a_title_that_is_not_text(tmp_path: Path, capsys) -> None:
    root = _root(tmp_path, "  - /a\n  - /b\n  - /c\n")
    write(root, "content/a.md", "---\ntitle: [a, b]\nversions: '*'\n---\nBody.\n")
    write(root, "content/b.md", "---\ntitle: B\nshortTitle: yes\nversions: '*'\n---\nBody.\n")
    write(root, "content/c.md", "---\ntitle: C\nversions: '*'\nintro: {x: 1}\n---\nBody.\n")
    status, report = run_check(capsys, "--root", str(root), "--no-links")
    assert status == 1
    got = [(f["file"], f["kind"], f["line"], f["column"], f["message"]) for f in report["findings"]]
    assert got == [
        ("content/a.md", "front-matter", 2, 8, "title: must be text, not a list (['a', 'b'])"),
        ("content/b.md", "front-matter", 3, 13, "shortTitle: must be text, not yes/no (a boolean) (True)"),
        ("content/c.md", "front-matter", 4, 8, "intro: must be text, not a mapping ({'x': 1})"),
    ]
    assert report["findings"][0]["hint"] == "put the value in quotes: title: '...'"
