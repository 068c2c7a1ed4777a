"""Local link rewriting as a pure function of href, classes and the page's context."""

from renderer.model.urls import LinkContext, join_path, rewrite_href

RELEASES = ("3.1", "3.0", "2.22", "2.21")


def ctx(version: str = "free-pro-team@latest", lang: str = "en") -> LinkContext:
    return LinkContext(
        lang=lang,
        version=version,
        default_version="free-pro-team@latest",
        enterprise_releases=RELEASES,
        latest_enterprise="3.1",
        plans=("free-pro-team", "enterprise-server", "github-ae"),
        languages=("en", "cn"),
    )


def test_plain_path_gets_language_and_no_version_on_dotcom():
    assert rewrite_href("/github/getting-started", (), ctx()) == "/en/github/getting-started"


def test_plain_path_gets_page_version():
    assert rewrite_href("/github/a", (), ctx("enterprise-server@3.0")) == "/en/enterprise-server@3.0/github/a"
    assert rewrite_href("/github/a", (), ctx("github-ae@latest", "cn")) == "/cn/github-ae@latest/github/a"


def test_assets_and_external_untouched():
    assert rewrite_href("/assets/images/x.png", (), ctx()) == "/assets/images/x.png"
    assert rewrite_href("https://github.com/x/", (), ctx()) == "https://github.com/x/"
    assert rewrite_href("#anchor", (), ctx()) == "#anchor"


def test_trailing_slash_only_at_the_very_end():
    assert rewrite_href("/github/a/", (), ctx()) == "/en/github/a"
    assert rewrite_href("/github/a/#frag", (), ctx()) == "/en/github/a/#frag"


def test_link_naming_a_version_only_gains_language():
    assert rewrite_href("/enterprise-server@2.22/admin/x", (), ctx()) == "/en/enterprise-server@2.22/admin/x"


def test_legacy_enterprise_path_takes_page_version():
    got = rewrite_href("/enterprise/2.21/user/github/a", (), ctx("enterprise-server@3.0"))
    assert got == "/en/enterprise-server@3.0/github/a"


def test_deprecated_release_only_gains_language():
    got = rewrite_href("/enterprise/2.13/user/articles/x", (), ctx("enterprise-server@3.0"))
    assert got == "/en/enterprise/2.13/user/articles/x"


def test_dotcom_only_and_desktop_go_to_dotcom():
    assert rewrite_href("/github/a", ("dotcom-only",), ctx("enterprise-server@3.1")) == "/en/github/a"
    assert rewrite_href("/desktop/guides/x", (), ctx("enterprise-server@3.1")) == "/en/desktop/guides/x"


def test_admin_on_dotcom_goes_to_latest_enterprise():
    assert rewrite_href("/admin/overview", (), ctx()) == "/en/enterprise-server@3.1/admin/overview"
    assert rewrite_href("/admin/overview", (), ctx("github-ae@latest")) == "/en/github-ae@latest/admin/overview"


def test_existing_language_is_replaced():
    assert rewrite_href("/en/github/a", (), ctx("enterprise-server@3.0", "cn")) == "/cn/enterprise-server@3.0/github/a"


def test_join_path_like_posix_join():
    assert join_path("/", "en", "//x/./y/../z/") == "/en/x/z/"
