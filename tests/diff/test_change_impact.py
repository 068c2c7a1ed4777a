"""Preview, incremental build and review diff are one mechanism seen three ways: each edit, one kind of source at
a time, is checked against the exhaustive answer — a clean build before and a clean build after, compared file by
file.

For every edit: (a) the incremental build equals a clean build byte for byte; (b) the preview serves, for each
page-version the edit changed, the same document as the clean build; (c) ``diff`` reports exactly the
page-versions whose built HTML differs (their document, or a redirect page that lands on them), none missed, none
extra.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from renderer.build.builder import Builder, Options
from renderer.diff.engine import diff_revisions
from renderer.model.site import Site
from renderer.preview import Preview

from .sites import commit, git

REPO = Path(__file__).resolve().parents[2]
# the preview's own addition: the warnings overlay (a translation of the example site is broken on purpose)
_OVERLAY = re.compile(r'<style>\n#docs-preview-overlay.*?Save the file to try again\.</p></div>', re.S)
Key = tuple[str, str, str]


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} has no {old!r}: the example site changed, update the edit"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


# (name, edit): one kind of source each
ABOUT = "content/pipelines/learn-pipelines/about-pipelines.md"
DELETING = "content/packages/learn-packages/deleting-a-package.md"
RELEASES = "content/pipelines/supported-releases.md"
TRACKS = "data/learning-tracks/pipelines.yml"  # read by content/pipelines/guides.md (layout: product-sublanding)
EXAMPLES = "data/product-examples/pipelines/code-examples.yml"  # content/pipelines/index.md's examples_source
SECRETS = "content/pipelines/managing-pipelines/securing-pipelines/storing-secrets.md"  # a guide card's page


def _config(root: Path) -> None:
    own = (REPO / "docs-renderer.yml").read_text(encoding="utf-8")  # the example site's own plans
    (root / "docs-renderer.yml").write_text(own.replace("title: Lanternfish AE", "title: AE Cloud"), encoding="utf-8")


# (name, edit): one kind of source each
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("page body", _append("content/pipelines/quickstart.md", "\nOne more step: celebrate.\n")),
    ("title shown in the sidebar", _replace(ABOUT, "title: ", "title: Really ")),
    ("intro shown in a table of contents", _replace("content/packages/quickstart.md", "intro: '", "intro: 'Quickly: ")),
    ("product callout", _replace("content/packages/quickstart.md", "product: '", "product: 'Preview. ")),
    ("permissions callout", _replace(DELETING, "admin access", "owner access")),
    ("reusable in a body", _append("data/reusables/repositories/navigate-to-repo.md", "\nThen look around.\n")),
    ("reusable in a callout", _replace("data/reusables/gated-features/packages.md", " is available", " is offered")),
    ("variable in titles, callouts",
     _replace("data/variables/product.yml", "prodname_packages: ", "prodname_packages: X")),
    ("learning track", _replace(TRACKS, "title: 'Run jobs on your own machines'", "title: 'Run jobs on yours'")),
    ("variable in a learning track",
     _replace("data/variables/pipelines.yml", "self_hosted_runner: 'self-hosted", "self_hosted_runner: 'self-managed")),
    ("guide card's authors", _replace(SECRETS, "  - lanternfish-security", "  - lanternfish-ops")),
    ("code example", _replace(EXAMPLES, "Node.js test matrix", "Node matrix")),
    ("ui words", _replace("data/ui.yml", "docs_title: Lanternfish Docs", "docs_title: Lanternfish Handbook")),
    ("template", _replace("templates/page.html", "</main>", "<p>Edited template.</p></main>")),
    ("translation", _append("translations/zh-CN/content/pipelines/quickstart.md", "\n再来一步。\n")),
    ("children list", _replace("content/pipelines/index.md", "  - /quickstart\n", "")),
    ("redirect_from", _replace(RELEASES, "\nversions:", "\nredirect_from:\n  - /old-releases\nversions:")),
    ("config", _config),
]


# edits that only a whole pass redoes (impact.py): the chrome's words, templates, the tree, the configuration
WHOLE_SITE = {"ui words", "template", "children list", "redirect_from", "config"}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Key, str], Path]:
    """A git copy of the example site, and its clean build."""
    root = tmp_path_factory.mktemp("impact") / "docs"
    for name in ("content", "data", "translations", "assets", "templates", "docs-renderer.yml"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, symlinks=True)
        elif (REPO / name).is_file():
            shutil.copy2(REPO / name, root / name)
    git(root.parent, "init", "-q", str(root))
    commit(root, "base")
    out = root.parent / "base-site"
    return root, _clean(root, out), out


def _clean(root: Path, out: Path) -> dict[Key, str]:
    result = Builder(Site(root), Options(jobs=1)).build(out)
    return {o.key: o.href for o in result.outcomes if o.error is None}


def _page_file(site: Path, href: str) -> Path:
    return site / href.strip("/") / "index.html"


def _redirects(site: Path) -> dict[str, str]:
    """Old URL -> the page-version href it sends readers to."""
    out = {}
    marker = '<link rel="canonical" href="'
    for f in site.rglob("index.html"):
        text = f.read_text(encoding="utf-8")
        if "Redirecting to" in text and marker in text:
            start = text.index(marker) + len(marker)
            out["/" + f.parent.relative_to(site).as_posix()] = text[start : text.index('"', start)]
    return out


def _changed_page_versions(before: dict[Key, str], a: Path, after: dict[Key, str], b: Path) -> set[Key]:
    changed = {k for k in before.keys() ^ after.keys()}
    for key in before.keys() & after.keys():
        fa, fb = _page_file(a, before[key]), _page_file(b, after[key])
        if before[key] != after[key] or not filecmp.cmp(fa, fb, shallow=False):
            changed.add(key)
    ra, rb = _redirects(a), _redirects(b)
    by_href = {href: key for key, href in after.items()} | {href: key for key, href in before.items()}
    for old in ra.keys() | rb.keys():
        if ra.get(old) != rb.get(old):
            for target in (ra.get(old), rb.get(old)):
                if target in by_href:
                    changed.add(by_href[target])
    return changed


def _same_tree(a: Path, b: Path) -> list[str]:
    differ = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        differ.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differ.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(a, b), "")
    return differ


@pytest.mark.parametrize("name,edit", EDITS, ids=[name for name, _ in EDITS])
def test_every_kind_of_edit_is_seen_the_same_by_build_preview_and_diff(
    base: tuple[Path, dict[Key, str], Path], tmp_path: Path, name: str, edit: Callable[[Path], None]
) -> None:
    base_root, before, base_site = base
    root = tmp_path / "docs"
    shutil.copytree(base_root, root, symlinks=True)
    out, cache = tmp_path / "site", tmp_path / "cache"
    Builder(Site(root), Options(jobs=1, cache=cache)).build(out)  # the incremental build's starting point
    preview = Preview(root)  # running while the writer edits: every page it has served is remembered
    for href in before.values():
        preview.document_at(href)
    edit(root)
    burst = {line[3:]: "created" if line.startswith("??") else "modified"
             for line in git(root, "status", "--porcelain", "-uall").splitlines()}

    clean = tmp_path / "clean"
    after = _clean(root, clean)
    expected = _changed_page_versions(before, base_site, after, clean)
    assert expected, f"{name}: the edit changed nothing readers see; make it a real one"

    # (a) the incremental build equals a clean build; it is incremental unless the rules say the whole site
    mode = Builder(Site(root), Options(jobs=1, cache=cache)).build(out).mode
    assert _same_tree(out, clean) == [], f"{name}: the incremental build differs from a clean build"
    assert mode == ("full" if name in WHOLE_SITE else "incremental"), name

    # (b) the preview serves what the clean build wrote, for every page-version the edit changed
    with preview.lock.exclusive():
        preview.apply(preview.changes(burst))
    for key in sorted(expected & after.keys()):
        doc = preview.document_at(after[key])
        built = _page_file(clean, after[key]).read_text(encoding="utf-8")
        assert doc is not None and _OVERLAY.sub("", doc.html) == built, f"{name}: the preview's {after[key]} differs"

    # (c) diff reports exactly the page-versions whose built HTML differs
    result = diff_revisions(root, "HEAD")
    reported = {(c.lang, c.path, (c.new or c.old).version) for c in result.changes}
    assert sorted(reported - expected) == [], f"{name}: diff reports page-versions that did not change"
    assert sorted(expected - reported) == [], f"{name}: diff misses page-versions that changed"
