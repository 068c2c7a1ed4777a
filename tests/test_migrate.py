"""``docs-renderer migrate short-versions``: the 2021 conditions rewritten into ifversion, byte for byte
elsewhere, written only once a build of the rewrite equals a build of the sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from one_page_site import write

from renderer.cli import main
from renderer.liquid import Environment
from renderer.model.config import load_config
from renderer.rewrite import migrate_tags

FPT = '"free-pro-team@latest"'
CASES = [
    (f"{{% if currentVersion == {FPT} %}}a{{% endif %}}", "{% ifversion fpt %}a{% endif %}"),
    ('{% if currentVersion != "github-ae@latest" %}a{% endif %}', "{% ifversion not ghae %}a{% endif %}"),
    ('{% if currentVersion == "enterprise-server@3.0" %}a{% endif %}', "{% ifversion ghes = 3.0 %}a{% endif %}"),
    ('{% if currentVersion != "enterprise-server@3.0" %}a{% endif %}', "{% ifversion ghes != 3.0 %}a{% endif %}"),
    ('{% if currentVersion ver_gt "enterprise-server@2.22" %}a{% endif %}', "{% ifversion ghes > 2.22 %}a{% endif %}"),
    ('{% if currentVersion ver_lt "3.0" %}a{% endif %}', "{% ifversion ghes < 3.0 %}a{% endif %}"),
    ("{% if enterpriseServerVersions contains currentVersion %}a{% endif %}", "{% ifversion ghes %}a{% endif %}"),
    (
        f'{{%- if currentVersion == {FPT} or currentVersion ver_gt "enterprise-server@3.0" -%}}\na\n{{%- endif %}}',
        "{%- ifversion fpt or ghes > 3.0 -%}\na\n{%- endif %}",
    ),
    (
        f'{{% if currentVersion == {FPT} %}}a{{% elsif currentVersion == "github-ae@latest" %}}b'
        "{% else %}c{% endif %}",
        "{% ifversion fpt %}a{% elsif ghae %}b{% else %}c{% endif %}",
    ),
    (
        '{% unless currentVersion == "github-ae@latest" %}a{% else %}b{% endunless %}',
        "{% ifversion not ghae %}a{% else %}b{% endif %}",
    ),
    (
        '{% unless currentVersion ver_gt "enterprise-server@3.0" %}a{% endunless %}',
        "{% ifversion not ghes > 3.0 %}a{% endif %}",
    ),
]
KEPT = [
    ('{% if currentVersion ver_gt "enterprise-server@2.22" and page.beta %}a{% endif %}', "not only about the version"),
    (f'{{% if currentVersion == {FPT} and currentVersion ver_gt "1.0" or true %}}a{{% endif %}}', "not only"),
    (f"{{% if currentVersion == {FPT} %}}a{{% elsif page.x %}}b{{% endif %}}", "not only about the version"),
    ('{% if currentVersion == "github-ae@next" %}a{% endif %}', "'github-ae@next' is no version of this site"),
    ('{% if currentVersion == "enterprise-server@2. 0" %}a{% endif %}', "has no release ifversion can compare"),
    (f"{{% if currentVersion == {FPT} %}}a{{% else %}}b{{% else %}}c{{% endif %}}", "two else branches"),
    (
        f'{{% if currentVersion == {FPT} and currentVersion != "x@1" or currentVersion == {FPT} %}}{{% endif %}}',
        "names no plan",
    ),
]


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory):
    return load_config(tmp_path_factory.mktemp("empty"))


@pytest.mark.parametrize(("old", "new"), CASES)
def test_each_form_is_rewritten(config, old: str, new: str) -> None:
    text = f"Before.\r\n{old}\r\nAfter {{{{ x }}}} {{% if page.x %}}y{{% endif %}}\r\n"
    result = migrate_tags.rewrite(text, "a.md", config, Environment())
    assert result.text == f"Before.\r\n{new}\r\nAfter {{{{ x }}}} {{% if page.x %}}y{{% endif %}}\r\n"
    assert result.kept == []


@pytest.mark.parametrize(("source", "why"), KEPT)
def test_what_cannot_be_said_in_ifversion_is_kept_and_reported(config, source: str, why: str) -> None:
    result = migrate_tags.rewrite(f"\n{source}\n", "a.md", config, Environment())
    assert result.text == f"\n{source}\n"
    assert len(result.kept) == 1 and result.kept[0][0] == 2 and why in result.kept[0][1], result.kept


def site(root: Path) -> Path:
    files = {
        "content/index.md": "---\ntitle: Home\nversions: '*'\nchildren:\n  - /a\n  - /b\n---\n"
        f"{{% if currentVersion == {FPT} %}}Cloud home.{{% endif %}}\n",
        "content/a.md": '---\ntitle: A{% if currentVersion ver_gt "enterprise-server@3.0" %} (new){% endif %}\n'
        "versions: '*'\n---\n{% data reusables.r %}\n\n{% unless currentVersion == \"github-ae@latest\" %}Not AE."
        "{% endunless %}\n",
        "data/reusables/r.md": "{% if enterpriseServerVersions contains currentVersion %}Server.{% endif %}\n",
        "content/b.md": "---\ntitle: B\nversions:\n  free-pro-team: '*'  # cloud\n  enterprise-server: '>=3.0'\n"
        "---\nB.\n",
        "translations/zh-CN/content/a.md": "---\ntitle: 甲\nversions: '*'\n---\n"
        f"{{% if currentVersion == {FPT} %}}云。{{% endif %}}\n",
    }
    for rel, text in files.items():
        write(root, rel, text)
    return root


def test_migrate_proves_then_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(tmp_path / "docs")
    assert main(["migrate", "short-versions", "--root", str(root), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "5 files to rewrite, 5 conditions rewritten, 2 front-matter plan names shortened, 0 version" in err
    assert "built files the same, byte for byte" in err
    assert (root / "data/reusables/r.md").read_text(encoding="utf-8") == "{% ifversion ghes %}Server.{% endif %}\n"
    assert "{% ifversion ghes > 3.0 %} (new){% endif %}" in (root / "content/a.md").read_text(encoding="utf-8")
    assert "{% ifversion not ghae %}Not AE.{% endif %}" in (root / "content/a.md").read_text(encoding="utf-8")
    b = (root / "content/b.md").read_text(encoding="utf-8")
    assert "versions:\n  fpt: '*'  # cloud\n  ghes: '>=3.0'\n" in b
    assert main(["migrate", "short-versions", "--root", str(root), "-j", "1"]) == 0  # nothing left to do
    assert "0 files to rewrite" in capsys.readouterr().err


def test_dry_run_prints_the_patch_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(tmp_path / "docs")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert main(["migrate", "short-versions", "--root", str(root), "--dry-run", "-j", "1"]) == 0
    patch = capsys.readouterr().out
    assert "+{% ifversion ghes %}Server.{% endif %}" in patch and "--- a/data/reusables/r.md" in patch
    assert before == {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_failed_proof_writes_nothing_and_names_what_would_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(tmp_path / "docs")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    wrong = {"name": "ghes"}  # a rewrite with a bug: every plan's name becomes ghes
    monkeypatch.setattr(migrate_tags, "_write", lambda t, top=False: wrong["name"])
    assert main(["migrate", "short-versions", "--root", str(root), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "the proof failed: " in err and "would change; nothing was written" in err
    assert before == {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
