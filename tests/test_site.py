from pathlib import Path

import pytest

from renderer.model.errors import DocsError
from renderer.model.site import Site


def write(root: Path, rel: str, text: str) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    write(tmp_path, "content/index.md", "---\ntitle: Home\nversions: '*'\nchildren:\n  - /guide\n  - /missing\n---\n")
    write(
        tmp_path,
        "content/guide/index.md",
        "---\ntitle: Guide\nversions:\n  free-pro-team: '*'\n  enterprise-server: '>=3.0'\n"
        "children:\n  - /start\n  - /server-only\n---\n",
    )
    write(tmp_path, "content/guide/start.md", "---\ntitle: Start\nversions:\n  free-pro-team: '*'\n---\nHi\n")
    write(
        tmp_path,
        "content/guide/server-only.md",
        "---\ntitle: Server\nversions:\n  enterprise-server: '>=3.1'\n---\n",
    )
    write(tmp_path, "content/guide/orphan.md", "---\ntitle: Nobody links here\nversions: '*'\n---\n")
    write(
        tmp_path,
        "translations/zh-CN/content/guide/start.md",
        "---\ntitle: 开始\nversions:\n  free-pro-team: '*'\n---\n",
    )
    return tmp_path


def test_pages_come_from_the_children_tree(site_root):
    site = Site(site_root)
    pages = {p.path: p for p in site.pages("en")}
    assert list(pages) == ["index.md", "guide/index.md", "guide/start.md", "guide/server-only.md"]
    assert pages["guide/server-only.md"].versions == ("enterprise-server@3.1",)
    assert pages["guide/index.md"].versions == (
        "free-pro-team@latest",
        "enterprise-server@3.1",
        "enterprise-server@3.0",
    )
    assert [str(p) for p in site.problems] == [
        "content/index.md: children: no page for '/missing' (create content/missing.md)"
    ]


def test_urls_per_language_and_version(site_root):
    site = Site(site_root)
    en, cn = site.config.language("en"), site.config.language("cn")
    page = site.page("en", "guide/start.md")
    assert site.href(en, "free-pro-team@latest", page.url_path) == "/en/guide/start"
    assert site.href(cn, "enterprise-server@3.0", "guide") == "/cn/enterprise-server@3.0/guide"
    assert site.href(en, "free-pro-team@latest", site.page("en", "index.md").url_path) == "/en"


def test_translation_or_english_fallback(site_root):
    site = Site(site_root)
    cn = {p.path: p for p in site.pages("cn")}
    assert cn["guide/start.md"].source.relfile == "translations/zh-CN/content/guide/start.md"
    assert cn["guide/start.md"].fallback is None
    assert cn["guide/index.md"].source.relfile == "content/guide/index.md"
    assert cn["guide/index.md"].fallback == "en"


def test_a_root_without_content_is_a_clear_error(tmp_path):
    with pytest.raises(DocsError, match="no content/ folder"):
        Site(tmp_path)
