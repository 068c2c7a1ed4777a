"""Front matter, Liquid, cycles, tree and redirect checks on small roots written here."""

from __future__ import annotations

from renderer.check import check_site
from renderer.model.site import Site

from .helpers import page, write


def _root(tmp_path, children: str = "  - /a\n"):
    write(tmp_path, "content/index.md", page("Home", extra=f"children:\n{children}"))
    return tmp_path


def kinds(root, **kw):
    return [(f.kind, f.file, f.line, f.column) for f in check_site(Site(root), **kw)]


def test_a_clean_site_has_no_findings(tmp_path):
    root = _root(tmp_path)
    write(root, "data/variables/product.yml", "name: Lanternfish\nlong: '{{ site.data.variables.product.name }} X'\n")
    write(root, "content/a.md", page(
        "A {% data variables.product.name %}",
        "{% assign n = 2 %}{% for i in (1..n) %}{{ i }}{% endfor %}{% octicon \"trashcan\" %}\n",
        extra="redirect_from: /old-a\n",
    ))
    assert kinds(root) == []


def test_next_is_accepted_as_a_range_and_unknown_keys_get_a_suggestion(tmp_path):
    root = _root(tmp_path)
    write(root, "content/a.md", "---\ntitle: A\nintroo: x\nversions:\n  free-pro-team: '*'\n  github-ae: next\n---\n")
    (f,) = check_site(Site(root))
    assert (f.kind, f.line, f.hint) == ("front-matter", 3, "did you mean 'intro'?")


def test_liquid_in_front_matter_is_located_in_the_file(tmp_path):
    root = _root(tmp_path)
    write(root, "content/a.md", "---\ntitle: A\nversions: '*'\nintro: 'Uses {% data variables.nope %}.'\n---\n")
    assert kinds(root) == [("data-path", "content/a.md", 4, 14)]


def test_liquid_errors_after_a_multiline_comment_keep_their_line(tmp_path):
    root = _root(tmp_path)
    write(root, "content/a.md", page("A", "<!--\nold {% if x %}\n-->\ntext\n{% endif %}\n"))
    assert kinds(root) == [("liquid-syntax", "content/a.md", 10, 1)]


def test_yaml_data_values_are_checked_where_they_are(tmp_path):
    root = _root(tmp_path)
    write(root, "data/variables/v.yml", "a: plain\nb:\n  c: 'see {% data variables.v.zz %}'\n")
    write(root, "content/a.md", page("A", "{% data variables.v.b.c %}\n"))
    assert kinds(root, links=False) == [("data-path", "data/variables/v.yml", 3, 11)]


def test_variables_assigned_in_a_page_count_in_its_reusables(tmp_path):
    root = _root(tmp_path)
    write(root, "data/reusables/r.md", "{{ product_name }} and {{ typo_name }}")
    write(root, "content/a.md", page("A", "{% assign product_name = 'x' %}{% data reusables.r %}\n"))
    assert kinds(root) == [("undefined-variable", "data/reusables/r.md", 1, 27)]


def test_a_cycle_through_three_reusables_is_reported_once(tmp_path):
    root = _root(tmp_path)
    write(root, "data/reusables/a.md", "{% data reusables.b %}")
    write(root, "data/reusables/b.md", "{% data reusables.c %}")
    write(root, "data/reusables/c.md", "x {% data reusables.a %}")
    write(root, "content/a.md", page("A", "{% data reusables.a %}\n"))
    found = check_site(Site(root))
    assert [(f.kind, f.file, f.column) for f in found] == [("reusable-cycle", "data/reusables/c.md", 3)]
    assert "reusables.a -> reusables.b -> reusables.c -> reusables.a" in found[0].message


def test_children_and_orphans(tmp_path):
    root = _root(tmp_path, "  - /a\n  - /gone\n")
    write(root, "content/a.md", page("A"))
    write(root, "content/lost/index.md", page("Lost"))
    write(root, "translations/zh-CN/content/removed.md", page("删除"))
    assert kinds(root) == [
        ("children", "content/index.md", 6, 5),
        ("unreachable", "content/lost/index.md", 1, 1),
        ("unreachable", "translations/zh-CN/content/removed.md", 1, 1),
    ]
    assert [f.severity for f in check_site(Site(root))] == ["error", "error", "warning"]


def test_redirects_may_be_shared_by_pages_in_different_versions(tmp_path):
    root = _root(tmp_path, "  - /a\n  - /b\n  - /c\n")
    write(root, "content/a.md", page("A", versions="\n  free-pro-team: '*'", extra="redirect_from: /old\n"))
    write(root, "content/b.md", page("B", versions="\n  enterprise-server: '*'", extra="redirect_from: /old\n"))
    write(root, "content/c.md", page("C", extra="redirect_from:\n  - old-without-slash\n"))
    assert kinds(root) == [("redirect", "content/c.md", 5, 5)]


def test_only_the_given_files_are_reported(tmp_path):
    root = _root(tmp_path, "  - /a\n  - /b\n")
    write(root, "data/reusables/r.md", "[x](/nowhere)")
    write(root, "content/a.md", page("A", "{% data reusables.r %}\n"))
    write(root, "content/b.md", page("B", "{% data reusables.nope %}\n"))
    assert {k for k, *_ in kinds(root)} == {"link", "data-path"}
    assert kinds(root, files=["content/b.md"]) == [("data-path", "content/b.md", 6, 1)]
    # a changed reusable: the pages that use it are link-checked
    assert kinds(root, files=["data/reusables/r.md"]) == [("link", "data/reusables/r.md", 1, 5)]


def test_children_and_symlinks_that_leave_the_root_are_reported(tmp_path):
    root = _root(tmp_path / "docs", "  - /a\n  - /../../outside/secret\n")
    write(tmp_path, "outside/secret.md", page("Secret"))
    (root / "data/reusables").mkdir(parents=True)
    (root / "data/reusables/evil.md").symlink_to(tmp_path / "outside/secret.md")
    write(root, "content/a.md", page("A"))
    found = check_site(Site(root), links=False)
    assert [(f.kind, f.file, f.line) for f in found] == [
        ("children", "content/index.md", 6),
        ("file", "data/reusables/evil.md", 1),
    ]
    assert "leaves the page's folder" in found[0].message and "outside the docs root" in found[1].message
