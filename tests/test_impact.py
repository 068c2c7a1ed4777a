from renderer.model.config import load_config
from renderer.model.impact import Change, DependencyIndex, Kind, classify


def test_classify(tmp_path):
    config = load_config(tmp_path)
    cases = {
        "content/a/b.md": Kind.PAGE,
        "translations/zh-CN/content/a/b.md": Kind.PAGE,
        "data/reusables/x.md": Kind.DATA,
        "translations/zh-CN/data/variables/p.yml": Kind.DATA,
        "templates/page.html": Kind.TEMPLATE,
        "assets/images/a.png": Kind.ASSET,
        "docs-renderer.yml": Kind.CONFIG,
        "README.md": Kind.OTHER,
        "translations/zh-CN/README.md": Kind.OTHER,
    }
    for rel, kind in cases.items():
        assert classify(rel, config, "docs-renderer.yml") is kind, rel


def test_readers_are_the_pages_that_read_a_file():
    index = DependencyIndex()
    index.record("/en/a", {"content/a.md", "data/reusables/r.md"})
    index.record("/en/b", {"content/b.md", "data/reusables/r.md", "data/reusables/sub/s.md"})
    assert index.readers(["data/reusables/r.md"]) == {"/en/a", "/en/b"}
    assert index.readers(["content/a.md"]) == {"/en/a"}
    assert index.readers(["data/reusables/sub"]) == {"/en/b"}  # a folder: everything under it
    assert index.readers(["data/reusables/none.md"]) == set()
    index.record("/en/a", {"content/a.md"})  # rendered again, no longer using the reusable
    assert index.readers(["data/reusables/r.md"]) == {"/en/b"}
    index.drop("/en/b")
    assert not index.known("data/reusables/r.md")
    assert index.known("content/a.md")


def test_structural_changes():
    assert Change("a", existed=False, exists=True).structural
    assert Change("a", existed=True, exists=False).structural
    assert not Change("a", existed=True, exists=True).structural
