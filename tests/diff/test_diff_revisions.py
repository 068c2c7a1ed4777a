"""``docs-renderer diff --base``: on real git repositories, exactly the page-version-languages whose output changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from renderer.cli import main

from .sites import commit, git, make_site, write

CLOUD, AE = "free-pro-team@latest", "github-ae@latest"
SERVER = ["enterprise-server@3.1", "enterprise-server@3.0", "enterprise-server@2.22", "enterprise-server@2.21"]
EVERY = [CLOUD, *SERVER, AE]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "docs")


def run_diff(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    status = main(["diff", "--root", str(root), "--format", "json", *args])
    out = capsys.readouterr().out
    return status, json.loads(out) if out.strip() else {}


def found(report: dict) -> set[tuple[str, str, str]]:
    return {(c["lang"], c["path"], c["version"]) for c in report["changes"]}


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_reusable_change_reports_the_pages_that_use_it_in_every_version(site, capsys):
    edit(site, "data/reusables/open-settings.md", "Open **Settings**", "Open **Preferences**")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    # install (every version) and sharing (cloud only) use it; in cn, both pages (sharing served from English)
    # read cn's own translation of the reusable, which did not change
    assert found(report) == {("en", "setup/install.md", v) for v in EVERY} | {("en", "sharing.md", CLOUD)}
    change = next(c for c in report["changes"] if c["path"] == "sharing.md" and c["lang"] == "en")
    assert "-1. Open Settings in Kestrel Sync. Settings sync across your devices." in change["diff"]
    assert "+1. Open Preferences in Kestrel Sync. Settings sync across your devices." in change["diff"]
    assert report["changed_files"] == ["data/reusables/open-settings.md"]
    assert {c["because"] for c in report["changes"]} == {"data/reusables/open-settings.md"}


def test_a_reusable_change_in_one_version_branch_reports_only_that_version(site, capsys):
    edit(site, "data/reusables/open-settings.md", "sync across your devices", "sync between your devices")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    assert found(report) == {("en", "setup/install.md", CLOUD), ("en", "sharing.md", CLOUD)}


def test_a_reusable_used_through_another_reusable(site, capsys):
    edit(site, "data/reusables/unused-note.md", "back up first", "take a backup first")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    assert found(report) == {(lang, "server-admin.md", v) for lang in ("en", "cn") for v in SERVER}
    assert main(["diff", "--root", str(site), "--base", "main", "--stat", "--lang", "en"]) == 1
    header = "en  server-admin.md  Administering a server  (through data/reusables/unused-note.md)"
    assert header in capsys.readouterr().out.splitlines()


def test_a_change_inside_a_version_condition_reports_only_that_version(site, capsys):
    edit(site, "content/setup/install.md", "needs the legacy runtime", "needs the legacy runtime 4.2")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    assert found(report) == {("en", "setup/install.md", "enterprise-server@2.22")}
    assert report["changes"][0]["href"] == "/en/enterprise-server@2.22/setup/install"


def test_a_translated_page_change_reports_only_its_language(site, capsys):
    edit(site, "translations/zh-CN/content/setup/accounts.md", "工作邮箱", "公司邮箱")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    assert found(report) == {("cn", "setup/accounts.md", v) for v in EVERY}


def test_a_translated_reusable_change_reports_only_its_language(site, capsys):
    edit(site, "translations/zh-CN/data/reusables/open-settings.md", "打开", "请打开")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    # cn/sharing.md has no translated page: it is served from English, but with cn's data
    assert found(report) == {("cn", "setup/install.md", v) for v in EVERY} | {("cn", "sharing.md", CLOUD)}


@pytest.mark.parametrize(
    "rel, old, new",
    [
        ("README.md", "sources", "sources and notes"),
        ("data/reusables/orphan.md", "Nothing uses", "Still nothing uses"),
        ("data/variables/product.yml", "company: Kestrel Labs", "company: Kestrel Labs Inc."),
    ],
)
def test_an_unrelated_change_reports_nothing(site, capsys, rel, old, new):
    edit(site, rel, old, new)
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 0
    assert report["changes"] == []


def test_no_change_at_all(site, capsys):
    status, report = run_diff(site, capsys, "--base", "main")
    assert (status, report["changes"], report["candidates"]) == (0, [], 0)


def test_the_working_tree_and_index_are_left_alone(site, capsys):
    edit(site, "data/reusables/open-settings.md", "Open **Settings**", "Open **Preferences**")
    write(site, "content/notes.md", "untracked\n")
    before = (git(site, "status", "--porcelain"), (site / ".git/index").read_bytes())
    commit_before = git(site, "rev-parse", "HEAD")
    run_diff(site, capsys, "--base", "main")
    run_diff(site, capsys, "--base", "main~0", "--head", "main")
    assert (git(site, "status", "--porcelain"), (site / ".git/index").read_bytes()) == before
    assert git(site, "rev-parse", "HEAD") == commit_before


def test_head_revision_ignores_uncommitted_edits(site, capsys):
    edit(site, "content/setup/accounts.md", "work email", "company email")
    commit(site)
    edit(site, "content/setup/install.md", "Download the installer", "Fetch the installer")  # not committed
    status, report = run_diff(site, capsys, "--base", "main~1", "--head", "main")
    assert status == 1
    assert found(report) == {("en", "setup/accounts.md", v) for v in EVERY}
    status, report = run_diff(site, capsys, "--base", "main~1")  # the working tree: both edits
    assert {c[1] for c in found(report)} == {"setup/accounts.md", "setup/install.md"}


def test_a_deleted_reusable_changes_the_pages_that_used_it(site, capsys):
    (site / "data/reusables/unused-note.md").unlink()
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    assert found(report) == {(lang, "server-admin.md", v) for lang in ("en", "cn") for v in SERVER}


def test_pages_and_versions_added_and_removed(site, capsys):
    edit(site, "content/index.md", "  - /server-admin\n", "  - /server-admin\n  - /faq\n")
    write(site, "content/faq.md", "---\ntitle: FAQ\nversions:\n  github-ae: '*'\n---\nAsk away.\n")
    edit(site, "content/sharing.md", "free-pro-team: '*'", "free-pro-team: '*'\n  github-ae: '*'")
    status, report = run_diff(site, capsys, "--base", "main", "--lang", "en")
    assert status == 1
    by_key = {(c["path"], c["version"]): (c["status"], c["fields"]) for c in report["changes"]}
    # the home page's article does not list its children: its sidebar does; the version picker of sharing.md
    # in its other version now offers AE
    assert by_key == {
        ("faq.md", AE): ("added", []),
        ("sharing.md", AE): ("added", []),
        ("index.md", AE): ("changed", ["nav"]),
        ("sharing.md", "free-pro-team@latest"): ("changed", ["availability"]),
    }


def test_filters_narrow_the_report(site, capsys):
    edit(site, "data/reusables/open-settings.md", "Open **Settings**", "Open **Preferences**")
    status, report = run_diff(site, capsys, "--base", "main", "--lang", "en", "--version", AE, "setup/install")
    assert status == 1
    assert found(report) == {("en", "setup/install.md", AE)}


def test_a_template_change_is_a_candidate_everywhere(site, capsys):
    write(site, "templates/page.html", "<html><body><p>Kestrel docs</p>{{ article.html | safe }}</body></html>\n")
    status, report = run_diff(site, capsys, "--base", "main", "--lang", "en", "--path", "setup/accounts.md")
    assert status == 1
    assert report["everything"] is True
    assert found(report) == {("en", "setup/accounts.md", v) for v in EVERY}


def test_errors_exit_with_2(site, capsys, tmp_path):
    assert main(["diff", "--root", str(site), "--base", "no-such-branch"]) == 2
    assert "'no-such-branch' is not a commit" in capsys.readouterr().err
    plain = tmp_path / "plain"
    write(plain, "content/index.md", "---\ntitle: Home\nversions: '*'\n---\n")
    assert main(["diff", "--root", str(plain), "--base", "main"]) == 2
    assert main(["diff", "--root", str(site)]) == 2  # neither --base nor --versions


def test_root_defaults_to_the_current_folder(site, capsys, monkeypatch):
    edit(site, "content/setup/accounts.md", "work email", "company email")
    monkeypatch.chdir(site)
    assert main(["diff", "--base", "main", "--stat"]) == 1
    out = capsys.readouterr().out
    assert "en  setup/accounts.md  Accounts" in out
    assert "\033[" not in out  # not a terminal: plain


def test_terminal_view_shows_readable_text_and_colour_when_asked(site, capsys):
    edit(site, "data/reusables/open-settings.md", "Open **Settings**", "Open **Preferences**")
    assert main(["diff", "--root", str(site), "--base", "main", "--lang", "en", "--path", "sharing.md"]) == 1
    plain = capsys.readouterr().out
    assert "    -1. Open Settings in Kestrel Sync. Settings sync across your devices." in plain.splitlines()
    assert "<strong>" not in plain
    assert main(["diff", "--root", str(site), "--base", "main", "--color", "always", "sharing.md"]) == 1
    red = "\033[31m-1. Open Settings in Kestrel Sync. Settings sync across your devices.\033[0m"
    assert red in capsys.readouterr().out


def test_forked_workers_find_the_same_as_one_process(site):
    from renderer.diff import diff_revisions
    from renderer.workers import MIN_JOBS

    edit(site, "data/variables/product.yml", "name: Kestrel Sync", "name: Kestrel Sync Pro")
    write(site, "templates/page.html", "<html><body>{{ article.html | safe }}</body></html>\n")  # all pages
    one = diff_revisions(site, "main", jobs=1)
    two = diff_revisions(site, "main", jobs=2)
    assert one.candidates >= MIN_JOBS  # enough work for the pool to fork
    key = [(c.lang, c.path, c.version, c.diff_lines) for c in one.changes]
    assert key == [(c.lang, c.path, c.version, c.diff_lines) for c in two.changes]
    assert len(one.changes) > 20


def test_docs_in_a_subfolder_of_the_repository(tmp_path, capsys):
    repo = tmp_path / "product"
    make_site(repo / "docs")
    (repo / "docs/.git").rename(repo / ".git")  # the repository is the product; the docs are one folder of it
    commit(repo, "docs moved into a subfolder")
    write(repo, "src/main.c", "int main(void) { return 0; }\n")
    edit(repo / "docs", "data/reusables/unused-note.md", "back up first", "take a backup first")
    git(repo, "mv", "docs/content/setup/accounts.md", "docs/content/setup/users.md")
    edit(repo / "docs", "content/setup/index.md", "  - /accounts\n", "  - /users\n")
    status, report = run_diff(repo / "docs", capsys, "--base", "HEAD", "--lang", "en")
    assert status == 1
    assert "src/main.c" not in report["changed_files"]
    navigation = {(c["path"], c["version"]) for c in report["changes"] if c["fields"] == ["nav"]}
    assert {(c["path"], c["version"], c["status"]) for c in report["changes"] if c["fields"] != ["nav"]} == (
        {("server-admin.md", v, "changed") for v in SERVER}
        | {("setup/accounts.md", v, "removed") for v in EVERY}
        | {("setup/users.md", v, "added") for v in EVERY}
    )
    # the other pages of the setup section show the renamed page in their sidebar and previous/next links
    assert {path for path, _ in navigation} == {"setup/index.md", "setup/install.md"}


def test_a_variable_edit_is_traced_to_the_pages_using_that_variable(site, capsys):
    write(site, "translations/zh-CN/data/variables/product.yml", "name: 凯斯特同步\ncompany: ''\n")
    write(site, "data/variables/product.yml", "name: Kestrel Sync\ncompany: Kestrel Labs\nmotto: Always in sync\n")
    commit(site, "cn variables; a variable nobody uses")
    edit(site, "data/variables/product.yml", "company: Kestrel Labs", "company: Kestrel Labs Inc.")
    edit(site, "data/variables/product.yml", "motto: Always in sync", "motto: Never out of sync")
    status, report = run_diff(site, capsys, "--base", "main")
    assert (status, report["candidates"]) == (0, 0)  # no page refers to company or motto
    edit(site, "data/variables/product.yml", "name: Kestrel Sync", "name: Kestrel Sync 2")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    # install and sharing (title and reusable) use the name; cn has its own name, so nothing changes there;
    # install's title is in the navigation of the other pages of its section
    assert {lang for lang, _, _ in found(report)} == {"en"}
    by_path = {}
    for c in report["changes"]:
        by_path.setdefault(c["path"], set()).update(c["fields"])
    assert by_path == {
        "setup/install.md": {"title", "body", "nav"},
        "sharing.md": {"body"},
        "setup/index.md": {"nav"},
        "setup/accounts.md": {"nav"},
    }


@pytest.mark.parametrize(
    "edits",
    [
        [("data/reusables/open-settings.md", "Open **Settings**", "Open **Preferences**")],
        [("data/reusables/admin-intro.md", "As an administrator", "As a site administrator")],
        [("translations/zh-CN/data/reusables/open-settings.md", "打开", "请打开")],
        [
            ("data/variables/product.yml", "name: Kestrel Sync", "name: Kestrel"),
            ("content/setup/install.md", "Download the installer", "Get the installer"),
        ],
    ],
)
def test_the_candidates_miss_nothing_that_rendering_everything_finds(site, edits):
    from renderer.diff import diff_revisions

    for rel, old, new in edits:
        edit(site, rel, old, new)
    quick = diff_revisions(site, "main")
    full = diff_revisions(site, "main", exhaustive=True)
    assert full.candidates > quick.candidates
    key = [(c.lang, c.path, c.version, c.diff_lines) for c in quick.changes]
    assert sorted(key) == sorted((c.lang, c.path, c.version, c.diff_lines) for c in full.changes)


def test_an_edit_around_every_article_is_told_once_and_still_listed(site, capsys):
    # the chrome's words: every page's header changes the same way, no article does
    write(site, "data/ui.yml", "header:\n  docs_title: Kestrel Handbook\n")
    commit(site, "a title for the header")
    edit(site, "data/ui.yml", "Kestrel Handbook", "Kestrel Sync Handbook")
    edit(site, "content/setup/install.md", "Download the installer.", "Download the new installer.")
    status, report = run_diff(site, capsys, "--base", "main")
    assert status == 1
    every = {(c["lang"], c["path"], c["version"]) for c in report["changes"]}
    [shared] = report["shared"]
    assert shared["fields"] == ["layout"] and shared["page_versions"] >= 10
    assert any("Kestrel Sync Handbook" in line for line in shared["diff"])
    assert {tuple(x) for x in shared["changes"]} <= every  # listed one by one in JSON all the same
    install = [c for c in report["changes"] if c["path"] == "setup/install.md" and c["lang"] == "en"]
    assert install and all("body" in c["fields"] for c in install)  # the article change is not folded in
    assert all("layout" in c["fields"] for c in install)  # nor does it hide the header's change on its page
    assert main(["diff", "--root", str(site), "--base", "main"]) == 1
    text = capsys.readouterr().out
    # told once, not once a page
    assert text.count("Kestrel Sync Handbook") == sum(line.count("Kestrel Sync Handbook") for line in shared["diff"])
    assert f"the layout of {shared['page_versions']} page-versions" in text
    assert "Download the new installer." in text
    report_file = site.parent / "report.html"
    assert main(["diff", "--root", str(site), "--base", "main", "-q", "--html", str(report_file)]) == 1
    html = report_file.read_text(encoding="utf-8")
    # told once there too, its page-versions folded away under it, each linked
    assert html.count("changed the same way") == 1 and f"the {shared['page_versions']} page-versions" in html
    assert all(f'href="{c["href"]}"' in html for c in report["changes"] if c["fields"] == ["layout"])


def test_an_autotitle_link_changes_with_the_title_of_the_page_it_leads_to(site, capsys):
    # sharing.md sits outside the setup section, so no navigation of it shows the accounts page's title
    edit(
        site,
        "content/sharing.md",
        "Pick a folder to share.",
        "Pick a folder to share; see [AUTOTITLE](/setup/accounts).",
    )
    commit(site, "a link by title")
    edit(site, "content/setup/accounts.md", "title: Accounts", "title: User accounts")
    status, report = run_diff(site, capsys, "--base", "main", "--lang", "en")
    assert status == 1
    sharing = [c for c in report["changes"] if c["path"] == "sharing.md"]
    assert [(c["version"], c["fields"]) for c in sharing] == [(CLOUD, ["body"])]
    assert "+Pick a folder to share; see User accounts." in sharing[0]["diff"]


def test_a_navigation_change_in_every_version_is_one_run_not_one_per_version(site):
    from renderer.diff.engine import diff_revisions

    edit(site, "content/setup/accounts.md", "title: Accounts", "title: Your accounts")
    commit(site, "a sibling's title, shown in the sidebar of install.md in every version")
    result = diff_revisions(site, "HEAD~1")
    install = [c for c in result.changes if c.path == "setup/install.md" and c.lang == "en"]
    assert [c.fields for c in install] == [["nav"]] * len(EVERY)
    [(_, runs)] = [(key, runs) for key, runs in result.groups() if key == ("en", "setup/install.md")]
    # its links name the version each is in: /en/enterprise-server@3.1/setup/accounts; the edit is the same
    assert len(runs) == 1 and len(runs[0]) == len(EVERY)
