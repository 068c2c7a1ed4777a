"""Consistency of the example site (content/, data/, translations/, assets/ at the repo root), without rendering.

These catch authoring mistakes early: front matter that does not parse, children that do not exist, data
references and images that point nowhere, links to missing pages, unbalanced block tags. The deliberately
broken translation is checked to stay broken.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from renderer.octicons import parse_octicon_markup, render_octicon

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DATA = ROOT / "data"
TRANSLATION = ROOT / "translations" / "zh-CN"
BROKEN_ON_PURPOSE = TRANSLATION / "content" / "packages" / "quickstart.md"

PLANS = {"cloud", "server", "ae"}
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_DATA_REF = re.compile(r"{%-?\s*(?:data|indented_data_reference)\s+([\w.-]+)")
_OCTICON = re.compile(r"{%-?\s*octicon\s+(.*?)-?%}")
_IMAGE = re.compile(r"!\[[^\]]*\]\((/assets/[^)\s]+)\)")
_LINK = re.compile(r"\]\((/[^)\s#]*)[^)]*\)|href=\"(/[^\"#]*)")
_BLOCK_TAGS = "if unless for capture comment raw note tip warning danger mac windows linux".split()


def markdown_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.md"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def front_matter(path: Path) -> dict:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{rel(path)}: no front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{rel(path)}: front matter is not a mapping"
    return meta


def child_path(parent: Path, child: str) -> Path | None:
    base = parent.parent / child.strip("/")
    for candidate in (base / "index.md", base.with_name(base.name + ".md")):
        if candidate.is_file():
            return candidate
    return None


def served_pages() -> list[Path]:
    """English pages reachable through children lists from content/index.md."""
    seen: list[Path] = []
    stack = [CONTENT / "index.md"]
    while stack:
        page = stack.pop()
        if page in seen:
            continue
        seen.append(page)
        for child in front_matter(page).get("children") or []:
            found = child_path(page, str(child))
            if found:
                stack.append(found)
    return seen


ENGLISH_PAGES = markdown_files(CONTENT)
TRANSLATED_PAGES = markdown_files(TRANSLATION / "content")
ALL_SOURCES = markdown_files(CONTENT, DATA, TRANSLATION)


def test_site_is_big_enough_to_show_off():
    assert len(ENGLISH_PAGES) >= 20
    products = [p.parent.name for p in CONTENT.glob("*/index.md")]
    assert sorted(products) == ["packages", "pipelines"]
    assert len(TRANSLATED_PAGES) >= 5


@pytest.mark.parametrize("page", ENGLISH_PAGES + TRANSLATED_PAGES, ids=rel)
def test_front_matter_has_title_and_valid_versions(page):
    meta = front_matter(page)
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    versions = meta.get("versions")
    if versions != "*":
        assert isinstance(versions, dict) and versions, f"{rel(page)}: versions must be '*' or a mapping"
        feature = versions.pop("feature", None)  # a feature flag's versions (data/features/NAME.yml)
        assert feature is None or (ROOT / "data" / "features" / f"{feature}.yml").is_file(), feature
        assert set(versions) <= PLANS
        for spec in versions.values():
            assert re.fullmatch(r"\*|[<>]=?\d+\.\d+", spec), f"{rel(page)}: unexpected range {spec!r}"


INDEX_PAGES = [p for p in ENGLISH_PAGES + TRANSLATED_PAGES if "children" in front_matter(p)]


@pytest.mark.parametrize("page", INDEX_PAGES, ids=rel)
def test_every_child_exists(page):
    english = CONTENT / page.relative_to(TRANSLATION / "content") if page.is_relative_to(TRANSLATION) else page
    for child in front_matter(page)["children"]:
        assert child_path(english, str(child)), f"{rel(page)}: child {child!r} has no page"


def test_every_english_page_is_served():
    assert sorted(rel(p) for p in served_pages()) == sorted(rel(p) for p in ENGLISH_PAGES)


def test_versions_differ_between_pages():
    kinds = {repr(front_matter(p)["versions"]) for p in ENGLISH_PAGES}
    assert len(kinds) >= 4, kinds


def test_translations_mirror_english_files():
    for path in markdown_files(TRANSLATION) + sorted(TRANSLATION.rglob("*.yml")):
        english = ROOT / path.relative_to(TRANSLATION)
        assert english.is_file(), f"{rel(path)} translates nothing: {rel(english)} does not exist"
    for page in TRANSLATED_PAGES:
        english = CONTENT / page.relative_to(TRANSLATION / "content")
        assert front_matter(page).get("versions") == front_matter(english).get("versions"), rel(page)
        assert front_matter(page).get("children") == front_matter(english).get("children"), rel(page)


def _headings(page: Path) -> list[str]:
    body = _FRONT_MATTER.sub("", page.read_text(encoding="utf-8"))
    body = re.sub(r"^```.*?^```", "", body, flags=re.S | re.M)
    return [line.split(" ", 1)[0] for line in body.splitlines() if re.match(r"#{2,4} ", line)]


@pytest.mark.parametrize("page", [p for p in TRANSLATED_PAGES if p != BROKEN_ON_PURPOSE], ids=rel)
def test_translated_headings_match_english_ones(page):
    # Translated h2-h4 take the ids of the English headings, matched in order: keep the outlines equal.
    assert _headings(page) == _headings(CONTENT / page.relative_to(TRANSLATION / "content"))


def test_translated_data_only_holds_english_keys():
    for path in sorted(TRANSLATION.rglob("*.yml")):
        translated = yaml.safe_load(path.read_text(encoding="utf-8"))
        english = yaml.safe_load((ROOT / path.relative_to(TRANSLATION)).read_text(encoding="utf-8"))
        assert set(translated) <= set(english), rel(path)


def test_data_files_parse_to_string_keys():
    for path in sorted(DATA.rglob("*.yml")) + sorted(TRANSLATION.rglob("*.yml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))

        def walk(node, where):
            if isinstance(node, dict):
                for key, value in node.items():
                    # YAML 1.1 reads bare yes/no/on/off keys as booleans: quote them.
                    assert isinstance(key, str), f"{where}: key {key!r} is not a string"
                    walk(value, f"{where}.{key}")
            elif isinstance(node, list):  # product examples, a learning track's guides
                for i, item in enumerate(node):
                    walk(item, f"{where}[{i}]")
            elif not (where.endswith(".featured_track") and isinstance(node, bool)):  # a learning track's flag
                assert isinstance(node, str), f"{where}: value {node!r} is not a string"

        walk(loaded, rel(path))


def _data_exists(reference: str) -> bool:
    parts = reference.split(".")
    if parts[0] == "reusables":
        return (DATA / Path(*parts)).with_suffix(".md").is_file()
    if parts[0] == "variables" and len(parts) >= 3:
        node = yaml.safe_load((DATA / "variables" / f"{parts[1]}.yml").read_text(encoding="utf-8"))
        for part in parts[2:]:
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True
    return False


@pytest.mark.parametrize("source", ALL_SOURCES, ids=rel)
def test_data_references_resolve(source):
    for reference in _DATA_REF.findall(source.read_text(encoding="utf-8")):
        assert _data_exists(reference), f"{rel(source)}: {{% data {reference} %}} points nowhere"


@pytest.mark.parametrize("source", ALL_SOURCES, ids=rel)
def test_images_exist_and_are_png(source):
    for url in _IMAGE.findall(source.read_text(encoding="utf-8")):
        image = ROOT / url.lstrip("/")
        assert image.is_file(), f"{rel(source)}: missing image {url}"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{url} is not a PNG"


@pytest.mark.parametrize("source", ALL_SOURCES, ids=rel)
def test_internal_links_point_at_pages(source):
    for match in _LINK.finditer(source.read_text(encoding="utf-8")):
        target = (match.group(1) or match.group(2)).rstrip("/")
        if target.startswith("/assets/") or "{{" in target or target.startswith("/server@"):
            continue
        page = CONTENT / (target.lstrip("/") + ".md")
        assert page.is_file() or (CONTENT / target.lstrip("/") / "index.md").is_file(), (
            f"{rel(source)}: link to missing page {target}"
        )


@pytest.mark.parametrize("source", ALL_SOURCES, ids=rel)
def test_octicons_exist(source):
    for markup in _OCTICON.findall(source.read_text(encoding="utf-8")):
        assert render_octicon(*parse_octicon_markup(markup)).startswith("<svg ")


def _unbalanced_tags(text: str) -> list[str]:
    raw_free = re.sub(r"{%-?\s*raw\s*-?%}.*?{%-?\s*endraw\s*-?%}", "", text, flags=re.S)
    problems = []
    for tag in _BLOCK_TAGS:
        opener = "(?:if|ifversion)" if tag == "if" else tag  # an ifversion closes with endif
        opened = len(re.findall(rf"{{%-?\s*{opener}\b", raw_free))
        closed = len(re.findall(rf"{{%-?\s*end{tag}\b", raw_free))
        if opened != closed:
            problems.append(f"{tag}: {opened} opened, {closed} closed")
    return problems


@pytest.mark.parametrize("source", [p for p in ALL_SOURCES if p != BROKEN_ON_PURPOSE], ids=rel)
def test_block_tags_are_balanced(source):
    body = _FRONT_MATTER.sub("", source.read_text(encoding="utf-8"))
    assert not _unbalanced_tags(body), rel(source)


def test_broken_translation_stays_broken_and_says_so():
    text = BROKEN_ON_PURPOSE.read_text(encoding="utf-8")
    assert "BROKEN ON PURPOSE" in _FRONT_MATTER.match(text).group(1)
    assert _unbalanced_tags(_FRONT_MATTER.sub("", text)) == ["if: 1 opened, 0 closed"]


def test_fallback_cases_are_present():
    # Untranslated pages, untranslated data keys, and an empty translated reusable all fall back to English.
    assert len(TRANSLATED_PAGES) < len(ENGLISH_PAGES)
    product = yaml.safe_load((TRANSLATION / "data/variables/product.yml").read_text(encoding="utf-8"))
    assert set(product) < set(yaml.safe_load((DATA / "variables/product.yml").read_text(encoding="utf-8")))
    assert (TRANSLATION / "data/reusables/pipelines/enterprise-beta.md").read_text(encoding="utf-8").strip() == ""
