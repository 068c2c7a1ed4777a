"""The page pipeline's own rules: error locations point into the file people edit."""

from renderer.model.site import Site
from renderer.page.render import Renderer


def test_liquid_error_lines_count_the_html_comments_liquid_never_saw(tmp_path):
    root = tmp_path / "docs"
    (root / "content").mkdir(parents=True)
    (root / "content" / "index.md").write_text(
        "---\ntitle: Home\nversions: '*'\n---\n\nIntro.\n<!-- a comment\nover three\nlines -->\n\n"
        "Fine {% if true %}\n\nBroken {% nope %}\n",
        encoding="utf-8",
    )
    site = Site(root)
    out = Renderer(site).render(site.page("en", "index.md"), "free-pro-team@latest")
    assert out.error and out.error.startswith("content/index.md:13:")  # the line of `{% nope %}` in the file
