"""The format as it grew after 2021, on small sites: ``{% ifversion %}`` (each operator, short and long names,
features, errors with their place, whitespace control, mixed with ``currentVersion`` conditions), and
``{% rowheaders %}``."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.model.site import Site
from renderer.page.render import Renderer

FPT, AE = "free-pro-team@latest", "github-ae@latest"
GHES = {r: f"enterprise-server@{r}" for r in ("3.1", "3.0", "2.22", "2.21")}
EVERY = [FPT, *GHES.values(), AE]


def site_with(
    tmp_path: Path, body: str, files: dict[str, str] | None = None, children: tuple[str, ...] = ("a",)
) -> Site:
    root = tmp_path / "docs"
    listed = "".join(f"  - /{c}\n" for c in children)
    pages = {
        "content/index.md": f"---\ntitle: Home\nversions: '*'\nchildren:\n{listed}---\nHome.\n",
        "content/a.md": f"---\ntitle: A\nversions: '*'\n---\n{body}",
        **(files or {}),
    }
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return Site(root)


def shown(site: Site, version: str) -> str:
    out = Renderer(site).render(site.page("en", "a.md"), version)
    assert out.error is None, out.error
    return out.html.replace("<p>", "").replace("</p>", "").strip()


def versions_showing(tmp_path: Path, condition: str, files: dict[str, str] | None = None) -> list[str]:
    site = site_with(tmp_path, f"{{% ifversion {condition} %}}yes{{% else %}}no{{% endif %}}\n", files)
    return [v for v in EVERY if shown(site, v) == "yes"]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("fpt", [FPT]),
        ("free-pro-team", [FPT]),
        ("ghes", list(GHES.values())),
        ("enterprise-server", list(GHES.values())),
        ("ghae", [AE]),
        ("ghes = 3.0", [GHES["3.0"]]),
        ("ghes != 3.0", [FPT, GHES["3.1"], GHES["2.22"], GHES["2.21"], AE]),  # another plan: true
        ("ghes < 3.0", [GHES["2.22"], GHES["2.21"]]),
        ("ghes > 2.22", [GHES["3.1"], GHES["3.0"]]),
        ("ghes <= 3.0", [GHES["3.0"], GHES["2.22"], GHES["2.21"]]),
        ("ghes >= 3.0", [GHES["3.1"], GHES["3.0"]]),
        ("ghes > 2.3", list(GHES.values())),  # semver: 2.22 and 2.21 are after 2.3
        ("not fpt", [*GHES.values(), AE]),
        ("fpt or ghae", [FPT, AE]),
        ("ghes and ghes < 3.0", [GHES["2.22"], GHES["2.21"]]),
        ("fpt or ghes > 3.0 and ghes < 3.1", [FPT]),  # and binds tighter than or
        ("not fpt and not ghae", list(GHES.values())),
        ("fpt or ghes>3.0", [FPT, GHES["3.1"]]),  # spaces around the operator are optional
    ],
)
def test_operators_and_names(tmp_path: Path, condition: str, expected: list[str]) -> None:
    assert versions_showing(tmp_path, condition) == expected


def test_a_feature_holds_in_the_versions_of_its_file(tmp_path: Path) -> None:
    feature = {"data/features/new-ui.yml": "versions:\n  fpt: '*'\n  enterprise-server: '>=3.0'\n"}
    assert versions_showing(tmp_path, "new-ui", feature) == [FPT, GHES["3.1"], GHES["3.0"]]
    assert versions_showing(tmp_path / "2", "new-ui or ghae", feature) == [FPT, GHES["3.1"], GHES["3.0"], AE]
    assert versions_showing(tmp_path / "3", "not new-ui", feature) == [GHES["2.22"], GHES["2.21"], AE]


def test_elsif_else_and_whitespace_control(tmp_path: Path) -> None:
    body = "A\n{%- ifversion fpt -%}\n one \n{%- elsif ghes < 3.0 -%}\n two \n{%- else -%}\n three \n{%- endif %}\n"
    site = site_with(tmp_path, body)
    assert [shown(site, v) for v in (FPT, GHES["2.22"], AE)] == ["Aone", "Atwo", "Athree"]


def test_mixed_with_the_2021_conditions_and_nested(tmp_path: Path) -> None:
    body = (
        '{% if currentVersion == "free-pro-team@latest" %}old-cloud {% endif %}'
        '{% ifversion ghes %}server{% if currentVersion ver_gt "enterprise-server@3.0" %} new'
        "{% endif %}{% ifversion ghes < 3.0 %} old{% endif %}{% endif %}\n"
    )
    site = site_with(tmp_path, body)
    assert [shown(site, v) for v in (FPT, GHES["3.1"], GHES["3.0"], GHES["2.21"])] == [
        "old-cloud",
        "server new",
        "server",
        "server old",
    ]


@pytest.mark.parametrize(
    ("body", "where", "message", "hint"),
    [
        (
            "{% ifversion fpr %}x{% endif %}\n",
            "5:1",
            "unknown version or feature name 'fpr' in ifversion",
            "did you mean 'fpt'?",
        ),
        ("\n{% ifversion ghes == 3.0 %}x{% endif %}\n", "6:19", "compare with =, not ==", "ghes = 3.1"),
        ("{% ifversion ghes > three %}x{% endif %}\n", "5:21", "ghes > needs a release like 3.1", None),
        ("{% ifversion fpt ghes %}x{% endif %}\n", "5:18", "unexpected 'ghes' in the version condition", None),
        ("{% ifversion %}x{% endif %}\n", "5:13", "ifversion needs a condition", None),
        ("{% ifversion fpt > 1.0 %}x{% endif %}\n", "5:1", "fpt has no numbered releases", "use the name alone"),
        ("{% ifversion fpt %}x\n", "5:1", "", None),  # never closed
    ],
)
def test_errors_name_the_place_and_what_to_do(
    tmp_path: Path, body: str, where: str, message: str, hint: str | None
) -> None:
    site = site_with(tmp_path, body)
    out = Renderer(site).render(site.page("en", "a.md"), FPT)
    assert out.error is not None and out.error.startswith(f"content/a.md:{where}: {message}"), out.error
    if hint:
        assert hint in out.error


def test_a_feature_file_without_versions_is_an_error(tmp_path: Path) -> None:
    site = site_with(tmp_path, "{% ifversion beta %}x{% endif %}\n", {"data/features/beta.yml": "note: soon\n"})
    out = Renderer(site).render(site.page("en", "a.md"), FPT)
    assert out.error and "the feature 'beta' has no versions: block" in out.error


def test_the_feature_file_is_recorded_as_read(tmp_path: Path) -> None:
    feature = {"data/features/new-ui.yml": "versions:\n  fpt: '*'\n"}
    site = site_with(tmp_path, "{% ifversion new-ui %}x{% endif %}\n", feature)
    out = Renderer(site).render(site.page("en", "a.md"), GHES["3.1"])
    assert "data/features/new-ui.yml" in out.reads  # an edit of it rebuilds, reloads and diffs this page


def test_rowheaders_makes_the_first_cell_of_each_body_row_a_row_header(tmp_path: Path) -> None:
    pro = "{% ifversion fpt %}Pro{% else %}Server{% endif %}"
    table = f"| Plan | Price |\n| --- | ---: |\n| Free | 0 |\n| {pro} | 4 |\n"
    site = site_with(tmp_path, f"{{% rowheaders %}}\n\n{table}\n{{%- endrowheaders %}}\n\nAfter.\n\n{table}")
    html = Renderer(site).render(site.page("en", "a.md"), FPT).html
    first, second = html.split("<p>After.</p>")
    assert first.count('<th scope="row">') == 2 and '<th scope="row">Pro</th>' in first
    assert "<th>Plan</th>" in first and '<td align="right">0</td>' in first  # the header row and other cells stay
    assert "scope" not in second and "<td>Free</td>" in second  # a table outside is left alone
    assert "rowheaders" not in html  # the markers are gone


def test_autotitle_shows_the_target_title_in_the_version_rendered(tmp_path: Path) -> None:
    target = '---\ntitle: "Runners {% ifversion ghes %}on your server{% else %}in the cloud{% endif %} & more"\n'
    files = {
        "content/b.md": target + "versions: '*'\n---\nB.\n",
        "content/c.md": "---\ntitle: Cloud only\nversions:\n  free-pro-team: '*'\n---\nC.\n",
    }
    body = "See [AUTOTITLE](/b), [AUTOTITLE](/b#setup), [AUTOTITLE](/c) and `[AUTOTITLE](/b)`.\n"
    site = site_with(tmp_path, body, files, children=("a", "b", "c"))
    cloud, server = shown(site, FPT), shown(site, GHES["3.0"])
    assert '<a href="/en/b">Runners in the cloud &amp; more</a>' in cloud
    assert '<a href="/en/b#setup">Runners in the cloud &amp; more</a>' in cloud
    assert '<a href="/en/enterprise-server@3.0/b">Runners on your server &amp; more</a>' in server
    assert ">Cloud only</a>" in server  # not in this version: its title where it is
    assert "<code>[AUTOTITLE](/b)</code>" in cloud  # code is left as written
    out = Renderer(site).render(site.page("en", "a.md"), FPT)
    assert "content/b.md" in out.reads  # a change of b's title re-renders this page


def test_autotitle_to_no_page_is_an_error_naming_the_link(tmp_path: Path) -> None:
    site = site_with(tmp_path, "Intro.\n\nSee [AUTOTITLE](/missing/page).\n")
    out = Renderer(site).render(site.page("en", "a.md"), FPT)
    assert out.error and out.error.startswith("content/a.md:7: [AUTOTITLE](/en/missing/page): no page at that path")


def test_front_matter_takes_short_names_and_features(tmp_path: Path) -> None:
    feature = {"data/features/new-ui.yml": "versions:\n  ghae: '*'\n"}
    site = site_with(tmp_path, "Body.\n", feature)
    page = tmp_path / "docs/content/a.md"
    page.write_text("---\ntitle: A\nversions:\n  fpt: '*'\n  ghes: '>=3.0'\n  feature: new-ui\n---\nBody.\n")
    site = Site(tmp_path / "docs")
    assert site.page("en", "a.md").versions == (FPT, GHES["3.1"], GHES["3.0"], AE)
    assert site.problems == []  # no "unknown plan 'fpt'"
    page.write_text("---\ntitle: A\nversions:\n  feature: [new-ui, gone]\n---\nBody.\n")
    assert Site(tmp_path / "docs").page("en", "a.md").versions == (AE,)  # an unknown feature adds nothing
