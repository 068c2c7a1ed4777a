"""Tests for renderer.octicons: SVG markup, tag-argument parsing, the vendored data and its vendoring script."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import tarfile
from pathlib import Path

import pytest

from renderer.octicons import OcticonSyntaxError, UnknownOcticon, parse_octicon_markup, render_octicon
from renderer.octicons.data import DATA_FILE, load_icons, package_version

REPO = Path(__file__).resolve().parent.parent


def svg_open_tag(markup: str) -> str:
    return markup[: markup.index(">") + 1]


# --- render_octicon -----------------------------------------------------------------------------------------


def test_default_icon_is_16px_and_hidden_from_screen_readers():
    markup = render_octicon("clippy")
    assert svg_open_tag(markup) == (
        '<svg version="1.1" width="16" height="16" viewBox="0 0 16 16" class="octicon octicon-clippy"'
        ' aria-hidden="true">'
    )
    assert markup.endswith("</path></svg>")
    assert markup.count("<path") >= 1


def test_body_is_the_vendored_16px_path():
    width, body = load_icons()["gear"][16]
    assert width == 16
    assert render_octicon("gear").endswith(f">{body}</svg>")


def test_aria_label_replaces_aria_hidden_and_adds_role_at_the_end():
    assert svg_open_tag(render_octicon("rocket", {"aria-label": "Launch it"})) == (
        '<svg version="1.1" width="16" height="16" viewBox="0 0 16 16" class="octicon octicon-rocket"'
        ' aria-label="Launch it" role="img">'
    )


def test_empty_aria_label_keeps_aria_hidden():
    tag = svg_open_tag(render_octicon("rocket", {"aria-label": ""}))
    assert 'aria-label=""' in tag and 'aria-hidden="true"' in tag and "role" not in tag


def test_trashcan_is_the_trash_icon():
    assert render_octicon("trashcan", {"aria-label": "Bin"}) == render_octicon("trash", {"aria-label": "Bin"})
    assert 'class="octicon octicon-trash"' in render_octicon("trashcan")


def test_unknown_icon_is_a_key_error():
    with pytest.raises(UnknownOcticon):
        render_octicon("no-such-icon")
    with pytest.raises(KeyError):
        render_octicon("toString")


def test_given_class_is_appended_to_the_octicon_classes():
    assert 'class="octicon octicon-x mr-2 text-red"' in render_octicon("x", {"class": "mr-2 text-red"})


def test_height_picks_the_largest_natural_size_not_above_it_and_scales_width():
    tag = svg_open_tag(render_octicon("alert", {"height": "32"}))
    assert tag.startswith('<svg version="1.1" width="32" height="32" viewBox="0 0 24 24" ')
    assert render_octicon("alert", {"height": "32"}).endswith(f">{load_icons()['alert'][24][1]}</svg>")
    assert 'viewBox="0 0 16 16"' in render_octicon("alert", {"height": "20"})


def test_width_alone_computes_height_from_the_natural_aspect_ratio():
    # logo-github is 45 wide at its natural height 16: 30 * 16 / 45 as JavaScript prints it.
    tag = svg_open_tag(render_octicon("logo-github", {"width": "30"}))
    assert 'width="30" height="10.666666666666666" viewBox="0 0 45 16"' in tag


def test_non_numeric_size_follows_javascript_number_rules():
    tag = svg_open_tag(render_octicon("alert", {"height": "12px"}))
    assert 'width="12" height="12px"' in tag and 'viewBox="0 0 16 16"' in tag
    assert 'width="NaN" height="abc"' in render_octicon("alert", {"height": "abc"})


def test_icon_drawn_only_at_24_uses_24_by_default():
    only_24 = next(name for name, heights in load_icons().items() if list(heights) == [24])
    assert 'width="24" height="24" viewBox="0 0 24 24"' in render_octicon(only_24)


def test_extra_attributes_keep_their_order_and_defaults_are_overridden_in_place():
    tag = svg_open_tag(render_octicon("x", {"data-test": "a", "version": "2", "aria-label": "Close"}))
    assert tag == (
        '<svg version="2" width="16" height="16" viewBox="0 0 16 16" class="octicon octicon-x"'
        ' data-test="a" aria-label="Close" role="img">'
    )


def test_attribute_values_cannot_break_the_markup():
    assert 'aria-label="a &quot;b&quot; &lt;c> &amp;"' in render_octicon("x", {"aria-label": 'a "b" <c> &'})
    with pytest.raises(ValueError):
        render_octicon("x", {'onload="x"': "y"})


# --- parse_octicon_markup -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('"gear"', ("gear", {})),
        ('"gear" aria-label="The settings cog"', ("gear", {"aria-label": "The settings cog"})),
        ('"x" width="24" class="mr-1"', ("x", {"width": "24", "class": "mr-1"})),
        # A space after `=` ends the options: the reference then drew an unlabelled icon.
        ('"check" aria-label= "Done"', ("check", {})),
        # Values hold only letters, digits, `_`, `-`, whitespace and the closing quote is optional, so a
        # value is cut at the first other character and the rest of the tag is ignored.
        ('"x" aria-label="Close." width="20"', ("x", {"aria-label": "Close"})),
        ('"x" width="20" aria-label="It\'s closed"', ("x", {"width": "20", "aria-label": "It"})),
        ('"x" label="Dismiss"', ("x", {"label": "Dismiss", "aria-label": "Dismiss"})),
        ('"x" aria-label="Unclosed', ("x", {"aria-label": "Unclosed"})),
    ],
)
def test_parse_markup(markup, expected):
    assert parse_octicon_markup(markup) == expected


@pytest.mark.parametrize("markup", ["gear", "", "'gear'", '"gear icon"', '"h1"'])
def test_markup_without_a_quoted_name_is_a_syntax_error(markup):
    with pytest.raises(OcticonSyntaxError):
        parse_octicon_markup(markup)


# --- vendored data and the vendoring script -----------------------------------------------------------------


def test_vendored_release_and_license():
    assert package_version() == "14.1.0"
    assert len(load_icons()) == 239
    license_text = (DATA_FILE.parent / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License") and "GitHub Inc." in license_text


def test_data_is_loaded_once():
    load_icons()
    before = load_icons.cache_info()
    load_icons()
    after = load_icons.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 1


def _fake_tarball(path: Path, version: str) -> Path:
    files = {
        "package/package.json": json.dumps({"name": "@primer/octicons", "version": version}),
        "package/LICENSE": "MIT License\n\nmade up for a test\n",
        "package/build/data.json": json.dumps(
            {
                "dot": {
                    "name": "dot",
                    "keywords": ["circle"],
                    "heights": {
                        "24": {"width": 24, "path": '<circle r="9"></circle>'},
                        "16": {"width": 16, "path": '<circle r="6"></circle>'},
                    },
                }
            }
        ),
    }
    tarball = path / "octicons.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return tarball


@pytest.fixture()
def vendor_script():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import vendor_octicons

        yield vendor_octicons
    finally:
        sys.path.remove(str(REPO / "scripts"))


def test_vendor_script_writes_compact_data_and_license(tmp_path, vendor_script):
    out = tmp_path / "out"
    assert vendor_script.main(["--tarball", str(_fake_tarball(tmp_path, "14.1.0")), "--out", str(out)]) == 0
    written = json.loads((out / "octicons.json").read_text(encoding="utf-8"))
    assert written["version"] == "14.1.0"
    # Only what rendering needs, heights in ascending order; keywords are dropped.
    assert written["icons"] == {"dot": {"16": [16, '<circle r="6"></circle>'], "24": [24, '<circle r="9"></circle>']}}
    assert list(written["icons"]["dot"]) == ["16", "24"]
    assert (out / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_vendor_script_refuses_another_release(tmp_path, vendor_script):
    with pytest.raises(SystemExit):
        vendor_script.vendor(_fake_tarball(tmp_path, "15.0.0"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- against the reference (needs DOCS_CORPUS and DOCS_GOLDEN) ----------------------------------------------

_TAG = re.compile(r"{%-?\s*octicon\s+(.*?)-?%}", re.S)
_DATA_REF = re.compile(r"{%-?\s*data\s+(reusables\.[\w.-]+)\s*-?%}")
_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)


def _corpus_paths() -> tuple[Path, Path]:
    corpus, golden = os.environ.get("DOCS_CORPUS"), os.environ.get("DOCS_GOLDEN")
    if not corpus or not golden:
        pytest.skip("set DOCS_CORPUS (corpus root) and DOCS_GOLDEN (golden dir) to compare with the reference")
    return Path(corpus), Path(golden)


def _octicon_tags(corpus: Path, text_of, source: str, seen: set[str]) -> set[str]:
    """Arguments of every octicon tag in `source` and, transitively, in the reusables it names."""
    tags = {m.group(1).strip() for m in _TAG.finditer(source)}
    for ref in _DATA_REF.findall(source):
        if ref not in seen:
            seen.add(ref)
            tags |= _octicon_tags(corpus, text_of, text_of("data/" + ref.replace(".", "/") + ".md"), seen)
    return tags


@pytest.mark.parametrize("lang", ["en", "cn"])
def test_every_corpus_octicon_renders_as_the_golden_shows(lang):
    """Pair each golden page's SVGs with the octicon tags of its source file and the reusables it pulls in.

    Every SVG on a golden page must be one of those tags rendered (or the code-copy button's clippy), and
    every tag reachable from a golden page must appear rendered on at least one of them.
    """
    corpus, golden = _corpus_paths()
    translation = corpus / "translations" / "zh-CN"

    def text_of(relative: str, translated: bool) -> str:
        # Translated text wins when present and non-empty; otherwise English, as the reference fell back.
        for base in (translation, corpus) if translated else (corpus,):
            path = base / relative
            if path.is_file() and path.read_text(encoding="utf-8").strip():
                return path.read_text(encoding="utf-8")
        return ""

    copy_button = render_octicon("clippy")
    reachable: set[str] = set()
    seen_rendered: set[str] = set()
    unexplained: list[str] = []
    with gzip.open(golden / f"{lang}.jsonl.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            translated = lang != "en" and row.get("fallback") != "en"

            def read(relative: str, translated: bool = translated) -> str:
                return text_of(relative, translated)

            tags = _octicon_tags(corpus, read, read("content/" + row["path"]), set())
            reachable |= tags
            expected = {render_octicon(*parse_octicon_markup(tag)): tag for tag in tags}
            for svg in _SVG.findall((row.get("html") or "") + (row.get("intro") or "")):
                if svg in expected:
                    seen_rendered.add(expected[svg])
                elif svg != copy_button:
                    unexplained.append(f"{row['path']} ({row['version']}): {svg[:140]}")
    assert not unexplained, f"{len(unexplained)} golden SVGs match no octicon tag of their page:\n" + "\n".join(
        unexplained[:20]
    )
    assert reachable, "no octicon tags found: is DOCS_CORPUS the corpus root?"
    assert reachable == seen_rendered, f"tags never seen rendered: {sorted(reachable - seen_rendered)}"
