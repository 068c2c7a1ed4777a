from pathlib import Path

import pytest

from renderer.model.data import DataFolder, DataView
from renderer.model.errors import DocsError


def write(root: Path, rel: str, text: str) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def test_variables_reusables_and_provenance(tmp_path):
    write(tmp_path, "data/variables/product.yml", "name: Lanternfish\nnested:\n  deep: yes-deep\n")
    write(tmp_path, "data/reusables/steps/open.md", "1. Open the app.\n\n\n")
    reads: set[str] = set()
    data = DataView((DataFolder(tmp_path / "data", tmp_path),), reads)
    assert data["variables"]["product"]["name"] == "Lanternfish"
    assert data["variables"]["product"]["nested"]["deep"] == "yes-deep"
    assert data["reusables"]["steps"]["open"] == "1. Open the app."  # right-trimmed
    assert data["reusables"]["steps"]["open"].filename == "data/reusables/steps/open.md"
    assert reads == {"data/variables/product.yml", "data/reusables/steps/open.md"}
    assert data["variables"].get("missing") is None
    assert "product" in data["variables"]


def test_translation_falls_back_key_by_key(tmp_path):
    write(tmp_path, "data/variables/product.yml", "name: Lanternfish\ntagline: Hosting for all\nempty_here: X\n")
    write(tmp_path, "tr/data/variables/product.yml", "tagline: 人人可用的托管\nempty_here: ''\n")
    write(tmp_path, "data/reusables/a.md", "English only")
    reads: set[str] = set()
    data = DataView(
        (DataFolder(tmp_path / "tr/data", tmp_path), DataFolder(tmp_path / "data", tmp_path)), reads
    )
    product = data["variables"]["product"]
    assert product["tagline"] == "人人可用的托管"
    assert product["name"] == "Lanternfish"
    assert product["empty_here"] == "X"
    assert data["reusables"]["a"] == "English only"
    assert "tr/data/variables/product.yml" in reads


def test_broken_yaml_fails_its_readers_by_name(tmp_path):
    write(tmp_path, "data/variables/bad.yml", "a: [unclosed\n")
    write(tmp_path, "data/variables/good.yml", "a: fine\n")
    folder = DataFolder(tmp_path / "data", tmp_path)
    data = DataView((folder,), set())
    with pytest.raises(DocsError) as e:
        data["variables"].get("bad")
    assert (e.value.filename, e.value.line) == ("data/variables/bad.yml", 2)
    assert data["variables"]["good"]["a"] == "fine"  # the other files are still read
