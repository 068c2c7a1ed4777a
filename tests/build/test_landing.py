"""The landing layouts (renderer/layout/landing.py, templates/landing.html) on a small site written here, in
GitHub's 2021 format with its default plans: what each front-matter field shows in which version, that nothing
raw reaches the page, and that every file a section was made from is in the page-version's reads."""

from __future__ import annotations

import re

import pytest

from renderer.layout.document import Layout, minitoc_levels
from renderer.model.site import Site
from renderer.page.render import Renderer

from .conftest import write

FPT, GHAE = "free-pro-team@latest", "github-ae@latest"
GHES30, GHES222 = "enterprise-server@3.0", "enterprise-server@2.22"

SITE = {
    "content/index.md": """---
title: Home
versions: '*'
children:
  - widgets
externalProducts:
  gadgets:
    id: gadgets
    name: Gadgets & co
    href: 'https://gadgets.example/docs'
    external: true
---
""",
    "content/widgets/index.md": """---
title: Widgets Documentation
shortTitle: Widgets
intro: 'Make {% data variables.product.widgets %} do things.'
layout: product-landing
beta_product: true
product_video: 'https://www.youtube-nocookie.com/embed/abc'
introLinks:
  quickstart: /widgets/quickstart
  overview: '{% if currentVersion == "github-ae@latest" %}/widgets/learn/about{% endif %}'
featuredLinks:
  gettingStarted:
    - /widgets/learn/deep
  guides:
    - /widgets/learn/about
    - /widgets/old-name
  guideCards:
    - /widgets/learn/about
    - '{% if currentVersion == "free-pro-team@latest" %}/widgets/learn/deep{% endif %}'
    - /widgets/learn/server-only
  popular:
    - /widgets/quickstart
  popularHeading: Most read
changelog:
  label: widgets
  prefix: 'Widgets: '
examples_source: data/product-examples/widgets/code-examples.yml
versions: '*'
children:
  - /quickstart
  - /guides
  - /learn
  - /release-notes
---
""",
    "content/widgets/release-notes.md": """---
title: Release notes
layout: release-notes
versions:
  enterprise-server: '*'
  github-ae: '*'
---
""",
    "data/release-notes/enterprise-server/3-0/0-rc1.yml": """date: '2021-01-12'
release_candidate: true
sections:
  features:
    - First try.
""",
    "data/release-notes/enterprise-server/3-0/0.yml": """date: '2021-02-16'
intro: 'Read [the quickstart](/widgets/quickstart) first.'
sections:
  features:
    - heading: Widget servers
      notes:
        - '{% data variables.product.widgets %} run on servers.'
  bugs:
    - A *bug* went.
""",
    "data/release-notes/enterprise-server/3-0/1.yml": """date: '2021-03-02'
sections:
  security_fixes:
    - Packages updated.
""",
    "data/release-notes/enterprise-server/3-0/2.yml": """date: '2021-03-16'
deprecated: true
sections:
  bugs:
    - Withdrawn.
""",
    "data/release-notes/enterprise-server/2-22/0.yml": "date: '2020-09-23'\nsections:\n  features:\n    - Old.\n",
    "data/release-notes/github-ae/2021-03/2021-03-03.yml": """date: '2021-03-03'
title: 'Week of March 3, 2021'
sections:
  features:
    - AE widgets.
""",
    "content/widgets/quickstart.md": "---\ntitle: Widget quickstart\ntype: quick_start\nversions: '*'\n---\nGo.\n",
    "content/widgets/guides.md": """---
title: Widget guides
layout: product-sublanding
intro: Guides.
versions: '*'
learningTracks:
  - start
  - '{% if currentVersion != "github-ae@latest" %}server{% endif %}'
includeGuides:
  - /widgets/quickstart
  - /widgets/learn/about
  - /widgets/learn/server-only
---
""",
    "content/widgets/learn/index.md": """---
title: Learn widgets
versions: '*'
children:
  - /about
  - /deep
  - /server-only
---
""",
    "content/widgets/learn/about.md": """---
title: About widgets
intro: 'Widgets are small. They are also very useful for many things, more than twelve words say.'
type: overview
topics:
  - Fundamentals
  - Widgets
redirect_from:
  - /widgets/old-name
versions: '*'
---
## One
### Two
#### Three
""",
    "content/widgets/learn/deep.md": """---
title: Deep widgets
intro: Deeper.
type: tutorial
authors:
  - octocat
  - hubot
miniTocMaxHeadingLevel: 4
versions: '*'
---
## One
### Two
#### Three
""",
    "content/widgets/learn/server-only.md": """---
title: Server widgets
type: how_to
versions:
  enterprise-server: '>=3.0'
---
Server.
""",
    "data/variables/product.yml": "widgets: Widgets\n",
    "data/learning-tracks/widgets.yml": """start:
  title: 'Start with {% data variables.product.widgets %}'
  description: First steps.
  featured_track: '{% if currentVersion == "free-pro-team@latest" %}true{% else %}false{% endif %}'
  guides:
    - /widgets/quickstart
    - /widgets/old-name
server:
  title: Run a widget server
  description: For admins.
  versions:
    enterprise-server: '*'
  guides:
    - /widgets/learn/server-only
""",
    "data/product-examples/widgets/code-examples.yml": """- title: Widget action
  description: Makes widgets
  languages: Go
  href: octo/widget-action
  tags:
    - build
- title: Server widget action
  description: Only on servers
  href: octo/server-widget
  versions:
    enterprise-server: '*'
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(write(tmp_path_factory.mktemp("landing") / "docs", SITE))


def laid_out(site: Site, path: str, version: str):  # noqa: ANN201
    layout = Layout(site, Renderer(site))
    page = site.page("en", path)
    assert page is not None
    return layout.laid_out(page, layout.renderer.render(page, version))


def main_text(document: str) -> str:
    main = document[document.index("<main") : document.index("</main>")]
    main = re.sub(r"<svg.*?</svg>", "", main, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_product_landing_shows_every_field_as_the_2021_site_did(site: Site) -> None:
    laid = laid_out(site, "widgets/index.md", FPT)
    doc, text = laid.document, main_text(laid.document)
    assert re.search(r"<h1>Widgets <span class=\"label label-beta\">Beta</span></h1>", doc)  # shortTitle, beta
    assert '<iframe title="Widgets video" src="https://www.youtube-nocookie.com/embed/abc"' in doc
    # guides with the first twelve words of their intros, and View all to the product's guides page; a path the
    # page moved from (redirect_from) still finds it
    assert "Widgets are small. They are also very useful for many things, more..." in text
    assert text.count("About widgets") >= 3
    assert '<a class="view-all" href="/en/widgets/guides"' in doc
    assert "Most read Widget quickstart" in text  # popularHeading
    assert "Getting started" not in text  # a product landing of 2021 showed guides and popular only
    # guide cards: Liquid per version, authors (GitHub when none), a page not in the version left out
    assert "Deep widgets Deeper. @octocat, @hubot" in text and "About widgets" in text and "@GitHub" in text
    assert "Server widgets" not in text.split("All Widgets docs")[0]
    # code examples, filtered by their versions
    assert 'href="https://github.com/octo/widget-action"' in doc and "octo/server-widget" not in doc
    assert "All Widgets docs Learn widgets About widgets Deep widgets" in text
    # what the 2021 site took from elsewhere is not shown, and nothing raw is
    assert "changelog" not in doc.lower() and "What's new" not in text
    assert not re.search(r"GUIDE_CARDS|guide_cards|guideCards|popularHeading|{%|{{", doc)
    # the "overview" intro link is only where its Liquid gives a path
    assert 'href="/en/widgets/learn/about">Overview' not in doc
    ae = laid_out(site, "widgets/index.md", GHAE).document
    assert 'href="/en/github-ae@latest/widgets/learn/about">Overview' in ae


def test_product_landing_in_another_version(site: Site) -> None:
    text = main_text(laid_out(site, "widgets/index.md", GHES30).document)
    assert "Server widgets" in text and "Deep widgets" not in text.split("All Widgets docs")[0]
    assert "octo/server-widget" in text


def test_product_landing_reads_the_files_it_shows(site: Site) -> None:
    reads = laid_out(site, "widgets/index.md", FPT).reads
    assert {
        "data/product-examples/widgets/code-examples.yml",
        "content/widgets/learn/deep.md",  # a guide card: title, intro, authors
        "content/widgets/learn/about.md",
        "data/variables/product.yml",
    } <= reads


def test_sublanding_shows_tracks_and_guides_per_version(site: Site) -> None:
    laid = laid_out(site, "widgets/guides.md", FPT)
    doc, text = laid.document, main_text(laid.document)
    assert "<h1>Widgets guides</h1>" in doc  # ui.yml's {{ productMap[currentProduct].name }} guides
    # the featured track (its featured_track is Liquid) at the top, its guides numbered with their types
    assert "Featured Start with Widgets First steps. Start path 1 Quickstart Widget quickstart" in text
    assert "2 Overview About widgets" in text  # /widgets/old-name, followed to the page that moved
    assert "Run a widget server" not in text  # versions: enterprise-server only
    # article cards with type and topics, and the filters' options
    assert 'data-type="overview" data-topics="Fundamentals|Widgets"' in doc
    assert '<option value="Fundamentals">Fundamentals</option>' in doc
    assert "Server widgets" not in text
    assert {"data/learning-tracks/widgets.yml", "content/widgets/learn/about.md", "data/variables/product.yml"} <= (
        laid.reads
    )


def test_sublanding_in_server_and_ae(site: Site) -> None:
    server = main_text(laid_out(site, "widgets/guides.md", GHES30).document)
    assert "Widgets learning paths" in server and "Start with Widgets" in server and "Run a widget server" in server
    assert "Featured" not in server  # featured_track is false there
    ae = main_text(laid_out(site, "widgets/guides.md", GHAE).document)
    assert "Run a widget server" not in ae and "Server widgets" not in ae
    assert "Run a widget server" not in main_text(laid_out(site, "widgets/guides.md", GHES222).document)


def test_mini_toc_levels_follow_minitocmaxheadinglevel(site: Site) -> None:
    assert minitoc_levels(None) == (2, 3) and minitoc_levels(4) == (2, 3, 4) and minitoc_levels(2) == (2,)
    assert minitoc_levels("x") == (2, 3) and minitoc_levels(9) == (2, 3, 4)
    deep = laid_out(site, "widgets/learn/deep.md", FPT).document
    about = laid_out(site, "widgets/learn/about.md", FPT).document
    assert 'class="level-4"' in deep and 'class="level-4"' not in about and 'class="level-3"' in about


def test_release_notes_of_the_version_newest_first(site: Site) -> None:
    laid = laid_out(site, "widgets/release-notes.md", GHES30)
    doc, text = laid.document, main_text(laid.document)
    assert "<h1>Enterprise Server 3.0 release notes</h1>" in doc
    heads = [(i, t.strip()) for i, t in re.findall(r'<h2 id="([^"]+)">([^<]+)', doc)]
    assert heads == [("3.0.1", "Enterprise Server 3.0.1"), ("3.0.0", "Enterprise Server 3.0.0"),
                     ("3.0.0-rc1", "Enterprise Server 3.0.0")]  # 3.0.2 is deprecated: left out
    assert "Release Candidate" in text and "Withdrawn" not in text and "Old." not in text
    assert "February 16, 2021 Read the quickstart first." in text
    assert 'href="/en/enterprise-server@3.0/widgets/quickstart"' in doc  # notes are Markdown, links rewritten
    assert "Features Widget servers Widgets run on servers. Bug fixes A bug went." in text
    assert '<a href="/en/enterprise-server@2.22/widgets/release-notes">2.22</a>' in doc  # the other releases
    assert {"data/release-notes/enterprise-server/3-0/0.yml", "data/variables/product.yml"} <= laid.reads
    ae = main_text(laid_out(site, "widgets/release-notes.md", GHAE).document)
    assert "GitHub AE release notes" in ae and "Week of March 3, 2021 March 03, 2021 Features AE widgets." in ae


def test_the_diff_knows_which_data_a_landing_reads(site: Site) -> None:
    from renderer.diff.affected import layout_data_keys

    assert layout_data_keys(site.page("en", "widgets/guides.md")) == {"learning-tracks.widgets"}
    assert layout_data_keys(site.page("en", "widgets/index.md")) == {"product-examples.widgets.code-examples"}
    assert layout_data_keys(site.page("en", "widgets/release-notes.md")) == {"release-notes"}


def test_home_sidebar_lists_external_products_after_its_own(site: Site) -> None:
    laid = laid_out(site, "index.md", FPT)
    sidebar = laid.document[laid.document.index('<nav class="sidebar"') : laid.document.index("</nav>")]
    assert sidebar.index('href="/en/widgets"') < sidebar.index('<li class="external"><a href="https://gadgets.example/docs">')
    assert "Gadgets &amp; co" in sidebar and "(external site)</span>" in sidebar
    assert "content/index.md" in laid.reads
