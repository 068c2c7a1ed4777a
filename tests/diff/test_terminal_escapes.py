"""Control characters from the docs reach the terminal spelled out, never raw: an ESC in a page cannot recolour,
clear or move the reader's terminal, nor a bidirectional override reorder what the diff shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.cli import main
from renderer.diff.terminal import visible

BODY = (
    '{% if currentVersion == "free-pro-team@latest" %}Cloud \x1b[2J\x1b[31mwiped\x07 back\rover \u202eevil'
    "{% else %}Server text.{% endif %}\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(
        "---\ntitle: Home\nversions: '*'\nchildren:\n  - /a\n---\n", encoding="utf-8"
    )
    (tmp_path / "content" / "a.md").write_text(
        '---\ntitle: "Title \\e[5mblink"\nversions: \'*\'\n---\n\n' + BODY, encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize("colour", ["never", "always"])
def test_the_text_diff_spells_control_characters_out(root: Path, capsys, colour: str) -> None:
    status = main(["diff", "--root", str(root), "--lang", "en", "--color", colour,
                   "--versions", "free-pro-team@latest", "enterprise-server@3.0", "a.md"])
    assert status == 1
    out = capsys.readouterr().out
    assert "-Cloud \\x1b[2J\\x1b[31mwiped\\x07 back over \\u202eevil" in out  # (Markdown made the CR a space)
    assert "Title \\x1b[5mblink" in out
    raw = out.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "")
    for code in ("31", "32", "36"):
        raw = raw.replace(f"\x1b[{code}m", "")
    assert not any(c in raw for c in "\x1b\x07\r\u202e"), "a control character reached the terminal raw"
    assert ("\x1b[31m" in out) == (colour == "always")  # our own colours stay


def test_visible_keeps_tabs_and_text() -> None:
    assert visible("tab\there, é, 日本") == "tab\there, é, 日本"
    assert visible("\x00\x7f\x9b\u2066") == "\\x00\\x7f\\x9b\\u2066"
