"""Every kind of diagnostic prints file:line:column, a code frame and a caret under the problem.

Each problem is made in a small docs root of our own and raised (or found) by the real code that reports it:
page Liquid by the Renderer, front matter by the Site, data paths by strict Liquid and by ``check``, version
ranges and links by ``check`` (the renderer itself treats those as the reference did: silently).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from renderer.check import check_site
from renderer.console.diagnostics import (
    data_path_candidates,
    format_diagnostic,
    nearest,
    print_diagnostic,
    use_color,
)
from renderer.liquid import Environment, LiquidError
from renderer.model.errors import Diagnostic
from renderer.model.frontmatter import parse
from renderer.model.site import Site
from renderer.octicons import render_octicon
from renderer.octicons.data import load_icons
from renderer.page.render import Renderer

FPT = "free-pro-team@latest"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def page(title: str, body: str, versions: str = "'*'") -> str:
    return f"---\ntitle: {title}\nversions: {versions}\n---\n\n{body}"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write(tmp_path, "content/index.md", "---\ntitle: Home\nversions: '*'\nchildren:\n  - /broken\n---\n\nHome.\n")
    write(tmp_path, "data/variables/product.yml", "prodname: Lanternfish\nprodversion: '2'\n")
    return tmp_path


def render_error(root: Path, body: str) -> str:
    """The error the Renderer reports for a page with ``body``."""
    write(root, "content/broken.md", page("Broken", body))
    site = Site(root)
    rendered = Renderer(site).render(site.page("en", "broken.md"), FPT)
    assert rendered.error, "the page was expected to fail"
    return rendered.error


def finding(root: Path, kind: str):
    found = [f for f in check_site(Site(root)) if f.kind == kind]
    assert found, f"check found no {kind} problem"
    return found[0]


def frame_at(text: str, line: int) -> tuple[str, str]:
    """The quoted source line numbered ``line`` and what stands from the caret on, in plain output."""
    rows = text.splitlines()
    for i, row in enumerate(rows):
        m = re.match(rf"  +{line} \| (.*)$", row)
        if m:
            caret = rows[i + 1]
            assert re.match(r" +\| +\^$", caret), f"no caret under line {line}:\n{text}"
            return m.group(1), m.group(1)[caret.index("^") - row.index("|") - 2 :]
    raise AssertionError(f"line {line} is not in the frame:\n{text}")


def assert_points_at(text: str, location: str, line: int, expected: str) -> None:
    assert text.splitlines()[0].startswith(f"{location}: error: "), text
    _, at_caret = frame_at(text, line)
    assert at_caret.startswith(expected), f"caret at {at_caret!r}, expected {expected!r}:\n{text}"
    # the line before and the line after are shown too
    numbers = [int(m) for m in re.findall(r"^ +(\d+) \|", text, re.M)]
    assert numbers == [line - 1, line, line + 1]


def test_liquid_syntax_error(root: Path) -> None:
    error = render_error(root, "One.\n\nTwo {% if currentVersion == %}\n\nThree.\n")
    text = format_diagnostic(error, root, color=False)
    assert_points_at(text, "content/broken.md:8:5", 8, "{% if")


def test_unknown_tag_suggests_the_nearest_tag(root: Path) -> None:
    env = Environment(octicon=render_octicon)
    write(root, "content/broken.md", page("Broken", "One.\n\n  {% iff x %}yes{% endif %}\n\nTwo.\n"))
    doc = parse((root / "content/broken.md").read_text(), "content/broken.md")
    with pytest.raises(LiquidError) as caught:
        env.from_string(doc.body, "content/broken.md", doc.body_line)
    text = format_diagnostic(caught.value, root, color=False, candidates=env.tags)
    assert_points_at(text, "content/broken.md:8:3", 8, "{% iff")
    assert "did you mean 'if'" in text


def test_yaml_front_matter_error(root: Path) -> None:
    write(root, "content/broken.md", "---\ntitle: Broken\nintro: one: two\nversions: '*'\n---\n\nText.\n")
    error = Site(root).source("content/broken.md").error
    assert error is not None
    text = format_diagnostic(error, root, color=False)
    assert_points_at(text, "content/broken.md:3:11", 3, ": two")
    assert "  hint: check quoting and indentation" in text.splitlines()


def test_unknown_data_path_in_strict_liquid(root: Path) -> None:
    body = "One.\n{% data variables.product.prodnam %}\nTwo.\n"
    write(root, "content/broken.md", page("Broken", body))
    site = Site(root)
    data = site.data(site.config.source_language, set())
    env = Environment(strict=True)
    with pytest.raises(LiquidError) as caught:
        env.from_string(body, "content/broken.md", 5).render({"site": {"data": data}})
    candidates = data_path_candidates(data, "variables.product.prodnam")
    text = format_diagnostic(caught.value, root, color=False, candidates=candidates)
    assert_points_at(text, "content/broken.md:7:1", 7, "{% data variables.product.prodnam")
    assert "did you mean 'variables.product.prodname'?" in text


def test_unknown_data_path_found_by_check(root: Path) -> None:
    write(root, "content/broken.md", page("Broken", "One.\n\nSee {% data variables.produce.prodname %}.\nTwo.\n"))
    text = format_diagnostic(finding(root, "data-path"), root, color=False)
    assert_points_at(text, "content/broken.md:8:5", 8, "{% data variables.produce")


def test_unknown_octicon(root: Path) -> None:
    error = render_error(root, "Intro.\n\nClick {% octicon \"gerar\" aria-label=\"Settings\" %} then.\nEnd.\n")
    text = format_diagnostic(error, root, color=False, candidates=load_icons())
    assert_points_at(text, "content/broken.md:8:7", 8, '{% octicon "gerar"')
    assert "did you mean 'gear'" in text


def test_bad_version_range(root: Path) -> None:
    write(
        root,
        "content/broken.md",
        "---\ntitle: Broken\nversions:\n  free-pro-team: '*'\n  enterprise-server: '>=three'\n---\n\nText.\n",
    )
    text = format_diagnostic(finding(root, "versions"), root, color=False)
    assert_points_at(text, "content/broken.md:5:3", 5, "enterprise-server: '>=three'")
    assert "hint: " in text


def test_broken_link(root: Path) -> None:
    write(root, "content/broken.md", page("Broken", "Intro.\n\nRead [the guide](/no/such/page) first.\nEnd.\n"))
    text = format_diagnostic(finding(root, "link"), root, color=False)
    assert_points_at(text, "content/broken.md:8:18", 8, "/no/such/page)")


def test_error_in_a_reusable_points_into_the_reusable(root: Path) -> None:
    write(root, "data/reusables/steps/open.md", "1. Open the box.\n2. Press {% octicon \"gerar\" %}.\n")
    error = render_error(root, "Steps:\n\n{% data reusables.steps.open %}\n")
    text = format_diagnostic(error, root, color=False)
    assert text.startswith("data/reusables/steps/open.md:2:10: error: unknown octicon 'gerar'")
    source_line, at_caret = frame_at(text, 2)
    assert source_line.startswith("2. Press") and at_caret.startswith("{% octicon")


def test_first_line_has_no_line_before_and_wide_characters_move_the_caret(tmp_path: Path) -> None:
    write(tmp_path, "t.md", "\t标题 {% bad %}\nnext\n")
    text = format_diagnostic(Diagnostic("unknown tag 'bad'", "t.md", 1, 5), tmp_path, color=False)
    rows = text.splitlines()
    assert rows[1] == "  1 |     标题 {% bad %}"  # the tab shown as four spaces
    # the tab (4 columns) and two wide characters (2 columns each) come before the column
    assert rows[2] == "    |          ^"
    assert rows[3] == "  2 | next"


def test_missing_file_or_line_prints_the_message_without_a_frame(tmp_path: Path) -> None:
    text = format_diagnostic(Diagnostic("gone", "nope.md", 3, 1, hint="restore it"), tmp_path, color=False)
    assert text.splitlines() == ["nope.md:3:1: error: gone", "  hint: restore it"]
    unlocated = format_diagnostic(Diagnostic("no content/ folder"), tmp_path, color=False)
    assert unlocated == "error: no content/ folder"


def test_warning_and_plain_strings(tmp_path: Path) -> None:
    write(tmp_path, "x.md", "a\nb\n")
    d = Diagnostic.parse("x.md:2:1: something odd", "warning")
    assert (d.filename, d.line, d.column, d.message, d.severity) == ("x.md", 2, 1, "something odd", "warning")
    assert format_diagnostic(d, tmp_path, color=False).startswith("x.md:2:1: warning: something odd\n  1 | a")
    assert Diagnostic.parse("just words: here").filename is None


def test_colour_only_when_asked(root: Path) -> None:
    error = render_error(root, "One.\n\n{% octicon \"gerar\" %}\n")
    coloured = format_diagnostic(error, root, color=True)
    plain = format_diagnostic(error, root, color=False)
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert ANSI.sub("", coloured) == plain


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_color_follows_the_terminal_and_no_color() -> None:
    assert use_color(FakeTTY(), {}) is True
    assert use_color(io.StringIO(), {}) is False
    assert use_color(FakeTTY(), {"NO_COLOR": "1"}) is False
    assert use_color(FakeTTY(), {"TERM": "dumb"}) is False


def test_print_diagnostic_writes_plain_text_to_a_pipe(tmp_path: Path) -> None:
    out = io.StringIO()
    print_diagnostic(Diagnostic("boom", "a.md", 1, 1), tmp_path, out)
    assert out.getvalue() == "a.md:1:1: error: boom\n"


def test_nearest_names() -> None:
    assert nearest("iff", ["if", "for", "unless"]) == ["if"]
    assert nearest("if", ["if", "for"]) == []  # an exact name is not unknown
    assert nearest("zzzz", ["if", "for"]) == []
    paths = ["variables.product", "variables.release", "variables.contact"]
    assert nearest("variables.prodcut.prodname", paths) == ["variables.product"]


def test_a_problem_without_a_file_can_be_given_one() -> None:
    from renderer.model.errors import DocsError

    d = Diagnostic.of(DocsError("nesting too deep", line=3), default_file="content/a.md")
    assert (d.filename, d.line) == ("content/a.md", 3)
    located = Diagnostic.of(DocsError("bad", "content/b.md", 2, 1, "fix it"), default_file="content/a.md")
    assert (located.filename, located.hint) == ("content/b.md", "fix it")


def test_diagnostics_survive_pickling_between_processes() -> None:
    import pickle

    d = Diagnostic.of(LiquidError("unknown tag 'x'", "content/a.md", 4, 2))
    assert pickle.loads(pickle.dumps(d)) == d


def test_octicon_names_are_suggested_without_being_passed(root: Path) -> None:
    error = render_error(root, "One.\n\n{% octicon \"pencl\" %}\n")
    assert "did you mean 'pencil'" in format_diagnostic(error, root, color=False)


def test_a_message_that_already_suggests_is_not_suggested_again(tmp_path: Path) -> None:
    text = format_diagnostic(Diagnostic("unknown tag 'iff' (did you mean 'if'?)"), tmp_path, color=False,
                             candidates=["if", "for"])
    assert text.count("did you mean") == 1
