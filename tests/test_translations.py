"""Translations render in every version, with English wherever the translation is missing or broken.

Runs on the example site of this repository (translations/zh-CN has a few pages, partial data, and
packages/quickstart.md broken on purpose).
"""

import re
from pathlib import Path

import pytest

from renderer.model.site import Site
from renderer.page.render import Renderer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(Site(ROOT))


def render(renderer: Renderer, lang: str, path: str, version: str = "cloud@latest"):
    page = renderer.site.page(lang, path)
    assert page is not None, path
    return renderer.render(page, version)


def test_translated_page_renders_its_own_text(renderer):
    out = render(renderer, "cn", "pipelines/quickstart.md")
    assert out.error is None and out.fallback is None
    assert out.href == "/cn/pipelines/quickstart"
    assert "translations/zh-CN/content/pipelines/quickstart.md" in out.reads
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out.title)


def test_untranslated_page_is_served_in_english_at_the_translated_url(renderer):
    en = render(renderer, "en", "packages/learn-packages/about-packages.md")
    cn = render(renderer, "cn", "packages/learn-packages/about-packages.md")
    assert cn.fallback == "en" and cn.error is None
    assert cn.href == "/cn/packages/learn-packages/about-packages"
    assert cn.title == en.title
    # the body is the English one, with local links pointing into the Chinese site
    assert 'href="/cn/' in cn.html and 'href="/en/' not in cn.html


def test_data_falls_back_key_by_key(renderer):
    out = render(renderer, "cn", "pipelines/quickstart.md")
    assert out.error is None
    reads = set(out.reads)
    assert "translations/zh-CN/data/reusables/pipelines/minutes-note.md" in reads
    # free_minutes is empty in the translation: the English value shows inside the Chinese sentence
    assert "2,000" in out.html
    assert "data/variables/pipelines.yml" in reads and "translations/zh-CN/data/variables/pipelines.yml" in reads


def test_missing_translated_key_uses_english(renderer):
    cn = render(renderer, "cn", "pipelines/learn-pipelines/pipeline-syntax-reference.md")
    en = render(renderer, "en", "pipelines/learn-pipelines/pipeline-syntax-reference.md")
    # max_job_hours has no translation: same number of hours in both
    assert " hours" in en.html
    marker = en.html.split("the longest allowed is ")[1].split(" hours")[0]
    assert marker.strip() and marker in cn.html


def test_broken_translation_serves_english_with_a_located_warning(renderer):
    cn = render(renderer, "cn", "packages/quickstart.md")
    en = render(renderer, "en", "packages/quickstart.md")
    assert cn.error is None
    assert cn.fallback == "en"
    assert cn.html.replace('href="/cn/', 'href="/en/') == en.html
    assert len(cn.warnings) == 1
    warning = cn.warnings[0]  # a Diagnostic, located: the preview and the summary show it without parsing text
    assert warning.severity == "warning"
    assert warning.filename == "translations/zh-CN/content/packages/quickstart.md"
    source = (ROOT / "translations/zh-CN/content/packages/quickstart.md").read_text(encoding="utf-8")
    assert "{% if" in source.splitlines()[warning.line - 1]
    assert "English page" in warning.message


def test_translated_headings_take_english_ids(renderer):
    en = render(renderer, "en", "pipelines/quickstart.md")
    cn = render(renderer, "cn", "pipelines/quickstart.md")

    def ids(html: str) -> list[str]:
        return re.findall(r'<h[234] id="([^"]*)"', html)

    assert ids(cn.html) and ids(cn.html) == ids(en.html)
    assert all(i.isascii() for i in ids(cn.html))


def test_every_version_of_every_language_renders(renderer):
    site = renderer.site
    for lang in ("en", "cn"):
        for page in site.pages(lang):
            for version in page.versions:
                out = renderer.render(page, version)
                assert out.error is None, (lang, page.path, version, out.error)

