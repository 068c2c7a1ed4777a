from pathlib import Path

from renderer.model.impact import Change
from renderer.preview import Preview

from .conftest import write

MOORING = "/en/guide/mooring"
TIDES = "/en/guide/tides"
MOORING_ES = "/en/enterprise-server@3.0/guide/mooring"


def edit(preview: Preview, root: Path, rel: str, text: str | None) -> set[str]:
    """Change a file as an editor would, and hand the settled change to the preview."""
    existed = (root / rel).exists()
    if text is None:
        (root / rel).unlink()
    else:
        write(root, rel, text)
    return preview.apply([Change(rel, existed, text is not None)])


def html(preview: Preview, href: str) -> str:
    doc = preview.document_at(href)
    assert doc is not None
    return doc.html


def test_urls_are_those_build_writes(site_root):
    preview = Preview(site_root)
    page, version = preview.locate(["en", "enterprise-server@3.0", "guide", "mooring"])
    assert (page.path, version) == ("guide/mooring.md", "enterprise-server@3.0")
    page, version = preview.locate(["en"])
    assert (page.path, version) == ("index.md", "free-pro-team@latest")
    assert preview.locate(["en", "guide", "nope"]) is None
    assert preview.locate(["xx", "guide"]) is None
    assert "Gull Quay" in html(preview, MOORING)
    assert "Cloud berths only." in html(preview, MOORING)
    assert "Cloud berths only." not in html(preview, MOORING_ES)


def test_reusable_edit_makes_stale_exactly_its_readers(site_root):
    preview = Preview(site_root)
    for href in (MOORING, MOORING_ES, TIDES):
        preview.document_at(href)
    with preview.hub.tab(MOORING), preview.hub.tab(TIDES):
        changed = edit(preview, site_root, "data/reusables/guide/ropes.md", "Use three bow lines.\n")
        assert changed == {MOORING}
        assert set(preview._docs) == {MOORING, TIDES}  # the open pages were rendered again; the other one waits
    assert "Use three bow lines." in html(preview, MOORING_ES)


def test_edit_that_renders_the_same_reloads_nothing(site_root):
    preview = Preview(site_root)
    preview.document_at(MOORING)
    with preview.hub.tab(MOORING):
        # only the enterprise-server branch changes: the free-pro-team document is the same
        extra = "{% if currentVersion != 'free-pro-team@latest' %}x{% endif %}\n"
        text = (site_root / "content/guide/mooring.md").read_text() + extra
        assert edit(preview, site_root, "content/guide/mooring.md", text) == set()
        tides = "---\ntitle: Reading the tides\nversions: '*'\n---\nLow.\n"
        assert edit(preview, site_root, "content/guide/tides.md", tides) == set()
        assert edit(preview, site_root, "data/reusables/guide/unused.md", "Still unused.\n") == set()


def test_page_body_edit_is_seen(site_root):
    preview = Preview(site_root)
    preview.document_at(TIDES)
    with preview.hub.tab(TIDES):
        tides = "---\ntitle: Reading the tides\nversions: '*'\n---\nLow water too.\n"
        changed = edit(preview, site_root, "content/guide/tides.md", tides)
    assert changed == {TIDES}
    assert "Low water too." in html(preview, TIDES)


def test_broken_liquid_shows_the_overlay_and_fixing_clears_it(site_root):
    preview = Preview(site_root)
    good = (site_root / "content/guide/mooring.md").read_text()
    edit(preview, site_root, "content/guide/mooring.md", good.replace("{% endif %}", "{% endiff %}"))
    doc = preview.document_at(MOORING)
    assert doc.status == 500
    assert 'id="docs-preview-overlay"' in doc.html
    assert "content/guide/mooring.md:10:68" in doc.html
    assert "&gt; 10 | {% if currentVersion" in doc.html  # the line, quoted
    edit(preview, site_root, "content/guide/mooring.md", good)
    doc = preview.document_at(MOORING)
    assert doc.status == 200 and "docs-preview-overlay" not in doc.html


def test_broken_reusable_points_at_the_reusable(site_root):
    preview = Preview(site_root)
    preview.document_at(MOORING)
    with preview.hub.tab(MOORING):
        assert edit(preview, site_root, "data/reusables/guide/ropes.md", "Ropes {% if %}\n") == {MOORING}
    doc = preview.document_at(MOORING)
    assert doc.status == 500 and "data/reusables/guide/ropes.md:1" in doc.html


def test_bad_yaml_in_front_matter_and_data_is_located(site_root):
    preview = Preview(site_root)
    edit(preview, site_root, "content/guide/tides.md", "---\ntitle: [unclosed\nversions: '*'\n---\nx\n")
    # the page's versions come from its front matter: unreadable, it is in no version; its path still answers
    edit(preview, site_root, "data/variables/harbour.yml", "name: [Gull\n")
    doc = preview.document_at(MOORING)
    assert "data/variables/harbour.yml:2" in doc.html
    assert "Gull Quay" not in doc.html


def test_missing_reusable_is_a_warning_over_the_page(site_root):
    preview = Preview(site_root)
    text = (site_root / "content/guide/tides.md").read_text() + "\n{% data reusables.guide.sails %}\n"
    edit(preview, site_root, "content/guide/tides.md", text)
    doc = preview.document_at(TIDES)
    assert doc.status == 200
    assert "High water comes twice a day." in doc.html
    assert "no data at &#39;reusables.guide.sails&#39;" in doc.html
    assert "content/guide/tides.md:8:9" in doc.html
    # creating the reusable (a new data file: nobody recorded reading it) clears the warning
    with preview.hub.tab(TIDES):
        assert edit(preview, site_root, "data/reusables/guide/sails.md", "Reef early.\n") == {TIDES}
    assert "Reef early." in html(preview, TIDES)


def test_new_and_removed_pages_change_the_tree(site_root):
    preview = Preview(site_root)
    assert preview.document_at("/en/guide/anchors") is None
    with preview.hub.tab("/en/guide/anchors"), preview.hub.tab(TIDES):
        preview.hub.publish("/en/guide/anchors", "missing")
        write(site_root, "content/guide/anchors.md", "---\ntitle: Anchors\nversions: '*'\n---\nDrop it.\n")
        index = (site_root / "content/guide/index.md").read_text().replace("  - /tides\n", "  - /tides\n  - /anchors\n")
        write(site_root, "content/guide/index.md", index)
        changed = preview.apply(
            [Change("content/guide/anchors.md", False, True), Change("content/guide/index.md", True, True)]
        )
        assert "/en/guide/anchors" in changed
        assert "Drop it." in html(preview, "/en/guide/anchors")
        changed = edit(preview, site_root, "content/guide/tides.md", None)
        assert TIDES in changed
    assert preview.document_at(TIDES) is None or preview.document_at(TIDES).status == 404


def test_translation_appearing_replaces_the_english_fallback(site_root):
    preview = Preview(site_root)
    assert "High water" in html(preview, "/cn/guide/tides")
    with preview.hub.tab("/cn/guide/tides"):
        translated = "---\ntitle: 潮汐\nversions: '*'\n---\n高潮。\n"
        changed = edit(preview, site_root, "translations/zh-CN/content/guide/tides.md", translated)
    assert changed == {"/cn/guide/tides"}
    assert "高潮。" in html(preview, "/cn/guide/tides")


def test_template_and_config_changes_reach_every_open_page(site_root):
    preview = Preview(site_root)
    for href in (MOORING, TIDES):
        preview.document_at(href)
    with preview.hub.tab(MOORING), preview.hub.tab(TIDES):
        # the docs root's own template replaces the built-in one
        write(site_root, "templates/page.html", "<!doctype html><html><body><p>Local layout</p></body></html>\n")
        assert preview.apply([Change("templates/page.html", False, True)]) == {MOORING, TIDES}
        assert "Local layout" in html(preview, TIDES)
        # edited again: compiled templates are kept between layouts, but never an outdated one
        write(site_root, "templates/page.html", "<!doctype html><html><body><p>Second layout</p></body></html>\n")
        assert preview.apply([Change("templates/page.html", True, True)]) == {MOORING, TIDES}
        assert "Second layout" in html(preview, TIDES)


def test_a_broken_configuration_shows_on_every_page_until_fixed(site_root):
    preview = Preview(site_root)
    assert preview.config_relfile == "docs-renderer.yml"
    preview.document_at(MOORING)
    with preview.hub.tab(MOORING):
        assert edit(preview, site_root, "docs-renderer.yml", "plans: [unclosed\n") == {MOORING}
        doc = preview.document_at(MOORING)
        assert doc.status == 500 and "docs-renderer.yml" in doc.html
        languages = "languages:\n  - {code: en, dir: ., name: English}\n"
        assert edit(preview, site_root, "docs-renderer.yml", languages) == {MOORING}
        assert preview.document_at(MOORING).status == 200
        assert preview.locate(["cn", "guide", "tides"]) is None  # the configuration has no Chinese any more


def test_a_variable_makes_stale_its_readers_unless_front_matter_uses_it(site_root):
    preview = Preview(site_root)
    for href in (MOORING, TIDES, "/cn/guide/tides"):
        preview.document_at(href)
    edit(preview, site_root, "data/variables/harbour.yml", "name: Tern Pier\n")
    assert set(preview._docs) == {TIDES, "/cn/guide/tides"}  # only the page that reads it was dropped
    assert "Tern Pier" in html(preview, MOORING)
    # a title that uses the variable shows in other pages' navigation: then every page is stale
    tides = "---\ntitle: Tides at {% data variables.harbour.name %}\nversions: '*'\n---\nHigh water.\n"
    edit(preview, site_root, "content/guide/tides.md", tides)
    for href in (MOORING, TIDES):
        preview.document_at(href)
    edit(preview, site_root, "data/variables/harbour.yml", "name: Gull Quay\n")
    assert preview._docs == {}
    assert "Tides at Gull Quay" in html(preview, TIDES)


def test_data_keys(site_root):
    from renderer.model.impact import data_key

    config = Preview(site_root).site.config
    assert data_key("data/variables/harbour.yml", config) == "variables.harbour"
    assert data_key("data/reusables/guide/ropes.md", config) == "reusables.guide.ropes"
    assert data_key("translations/zh-CN/data/reusables/guide/ropes.md", config) == "reusables.guide.ropes"
    assert data_key("data/reusables/guide", config) == "reusables.guide"
    assert data_key("content/guide/tides.md", config) is None


def test_reset_reads_everything_again(site_root):
    preview = Preview(site_root)
    preview.document_at(MOORING)
    with preview.hub.tab(MOORING):
        write(site_root, "data/reusables/guide/ropes.md", "Changed behind its back.\n")  # not announced
        assert preview.reset() == {MOORING}
    assert "Changed behind its back." in html(preview, MOORING)


def test_a_version_the_page_is_not_in(site_root):
    write(site_root, "content/guide/tides.md", "---\ntitle: Tides\nversions:\n  free-pro-team: '*'\n---\nHigh.\n")
    preview = Preview(site_root)
    doc = preview.document_at("/en/enterprise-server@3.0/guide/tides")
    if hasattr(preview.layout, "not_available"):  # the layout's "not in this version" page, as build writes it
        assert doc.status == 404 and "High." not in doc.html
    else:
        assert doc is None


def test_warming_up_loads_every_language_and_the_page_template(site_root):
    # warm() runs on a background thread when the server starts, where an exception is only printed: it once
    # called a helper that no longer existed, and every start-up printed a traceback
    preview = Preview(site_root)
    preview.warm()
    assert preview.site.page_at("en", "guide/mooring") is not None
    assert preview.layout.env.get_template("page.html") is not None
