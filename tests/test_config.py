import pytest

from renderer.config import load_config
from renderer.errors import ConfigError


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
    assert [lang.code for lang in config.languages] == ["en", "cn"]  # untouched key keeps its default


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
