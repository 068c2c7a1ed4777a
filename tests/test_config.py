import json

import pytest

from renderer.model.config import load_config
from renderer.model.errors import ConfigError


def test_defaults_are_the_releases_of_2021_06_10(tmp_path):
    config = load_config(tmp_path)
    assert config.default_version == "free-pro-team@latest"
    assert config.enterprise.releases == ("3.1", "3.0", "2.22", "2.21")
    assert [lang.code for lang in config.languages] == ["en", "cn"]
    assert config.language("zh-CN").code == "cn"


def test_config_file_at_root_overrides(tmp_path):
    (tmp_path / "docs-renderer.yml").write_text(
        "plans:\n  - {name: cloud, releases: [latest], default: true}\n"
        "  - {name: server, releases: ['4.0', '3.9']}\n"
    )
    config = load_config(tmp_path)
    assert config.versions == ("cloud@latest", "server@4.0", "server@3.9")
    assert config.enterprise.name == "server"
    assert [lang.code for lang in config.languages] == ["en"]  # no languages: the source language only
    assert "names no languages" in config.origins["languages"]
    assert [w.message for w in config.warnings] == [  # neither plan has a title: each is said, at its line
        "plan 'cloud' has no title: readers see 'cloud' in the version picker and page titles",
        "plan 'server' has no title: readers see 'server' in the version picker and page titles",
    ]
    assert [(w.line, w.column) for w in config.warnings] == [(2, 6), (3, 6)]


def test_bad_config_names_file_and_line(tmp_path):
    bad = tmp_path / "site.yml"
    bad.write_text("plans:\n  - name: x\n\t- tab: indented\n")
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path, bad)
    assert f"{bad}:3:1: invalid YAML" in str(e.value)


def test_unknown_key_is_an_error(tmp_path):
    bad = tmp_path / "site.yml"
    bad.write_text("plnas: []\n")
    with pytest.raises(ConfigError, match="unknown key"):
        load_config(tmp_path, bad)


def test_no_config_file_keeps_githubs_languages_and_plans(tmp_path):
    config = load_config(tmp_path)
    assert [lang.code for lang in config.languages] == ["en", "cn"]
    assert config.warnings == ()
    assert "built-in default" in config.origins["languages"]


def test_a_config_file_that_names_languages_keeps_them(tmp_path):
    (tmp_path / "docs-renderer.yml").write_text(
        "languages:\n  - {code: en, dir: ., name: English}\n  - {code: ja, dir: translations/ja, name: Japanese}\n"
    )
    config = load_config(tmp_path)
    assert [lang.code for lang in config.languages] == ["en", "ja"]
    assert config.plans[0].name == "free-pro-team"  # plans were not given: GitHub's


@pytest.mark.parametrize(("text", "where", "message", "hint"), [
    ("plans:\n  - name: a\n    title: A\n    releasse: [latest]\n", "4:5", "unknown key 'releasse'",
     "did you mean 'releases'?"),
    ("plans:\n  - name: a\n    title: A\n", "2:5", "plans.releases is missing", "add 'releases:"),
    ("plans:\n  - {name: a, title: A, releases: [2.10, '2.0']}\n", "2:36", "releases: 2.1 is not text",
     "put releases in quotes"),
    ("plans:\n  - {name: a, title: A, releases: [beta]}\n", "2:36", "release 'beta' is not a number",
     "[latest]"),
    ("plans:\n  - {name: 'a b', title: A, releases: [latest]}\n", "2:6", "has characters URLs cannot carry",
     "letters, digits"),
    ("plans:\n  - {name: a, title: A, releases: [latest], default: true}\n"
     "  - {name: b, title: B, releases: [latest], default: true}\n", "3:45", "more than one plan says default",
     "keep default: on one"),
    ("plans:\n  - {name: a, title: A, releases: [latest]}\n  - {name: a, title: B, releases: ['1.0']}\n", "3:6",
     "two plans are named 'a'", "its own name"),
    ("plans:\n  - {name: a, title: 3, releases: [latest]}\n", "2:15", "title must be text, not 3",
     "title: Acme Server"),
    ("languages:\n  - {code: ja, dir: translations/ja, name: Japanese}\n", "1:1", "no language has dir: '.'",
     "dir: '.'"),
    ("languages:\n  - {code: en, dir: ., name: English, nativ: x}\n", "2:39", "unknown key 'nativ'",
     "did you mean 'native'?"),
    ("plans: {name: a}\n", "1:1", "plans must be a list", "releases: [latest]"),
    ("langauges: []\n", "1:1", "unknown key 'langauges'", "did you mean 'languages'?"),
])
def test_bad_values_name_file_line_column_and_what_to_do(tmp_path, text, where, message, hint):
    (tmp_path / "docs-renderer.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path)
    assert f"{tmp_path / 'docs-renderer.yml'}:{where}: " in str(e.value), str(e.value)
    assert message in e.value.message, e.value.message
    assert hint in (e.value.hint or ""), e.value.hint


def test_an_empty_config_file_is_every_default_but_languages(tmp_path):
    (tmp_path / "docs-renderer.yml").write_text("# nothing yet\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert config.versions == load_config(tmp_path / "none").versions
    assert [lang.code for lang in config.languages] == ["en"]


def test_every_key_is_in_the_one_table_of_the_docs(tmp_path):
    from pathlib import Path

    from renderer.model.config_schema import KEYS

    doc = (Path(__file__).resolve().parents[1] / "docs/configuration.md").read_text(encoding="utf-8")
    table = doc.split("## Every key", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines() if line.startswith("| `")]
    assert [(r[0].strip("`"), r[1]) for r in rows] == [(k.path, "yes" if k.required else "no") for k in KEYS]
    assert all(len(r) == 5 and r[2] and r[3] for r in rows)  # a default and an example in every row
    # the minimal example at the top is a working configuration without a warning
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "docs-renderer.yml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path)
    assert config.warnings == () and config.versions == ("cloud@latest", "server@2.0", "server@1.0")


def test_config_command_prints_what_the_commands_use(tmp_path, capsys):
    from renderer.cli import main

    (tmp_path / "docs-renderer.yml").write_text(
        "plans:\n  - {name: cloud, releases: [latest]}\n  - {name: server, title: Srv, releases: ['2.0', '1.0']}\n"
    )
    assert main(["config", "--root", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "docs-renderer.yml:2:6: warning: plan 'cloud' has no title" in err
    assert "# languages: source language only" in out
    # what it prints is itself a configuration, and the same one (every default written out)
    again = tmp_path / "again"
    again.mkdir()
    (again / "docs-renderer.yml").write_text(out, encoding="utf-8")
    from renderer.model.config import effective

    assert effective(load_config(again)) == effective(load_config(tmp_path))
    assert load_config(again).warnings == ()  # the titles are written out
    assert main(["config", "--root", str(tmp_path), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [p["title"] for p in shown["plans"]] == ["cloud", "Srv"] and shown["plans"][0]["default"] is True
