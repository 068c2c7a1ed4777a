"""The sections of GitHub's 2021 landing layouts, from front matter and the data files it names.

``layout: product-landing`` (a product's ``index.md``): the product's short title with a Beta label
(``beta_product``), the video (``product_video``), ``featuredLinks`` (``guides`` with intros, ``popular`` under
``popularHeading``, ``guideCards`` as cards with their authors), the examples of ``examples_source``
(``data/product-examples/<product>/{code,community,user}-examples.yml``) and "All <product> docs", the product's
categories with their pages. ``layout: product-sublanding`` (a product's guides page): the featured learning
track and the ``learningTracks`` of ``data/learning-tracks/<product>.yml``, and ``includeGuides`` as cards
with their ``type`` and ``topics``, filterable. ``layout: release-notes``: the patches of
``data/release-notes/<plan>/<release>/*.yml`` for the version read, newest first, section by section.

Only pages that exist in the version being read are shown, as everywhere in the navigation; a learning track,
an example or a track's ``featured_track`` may carry its own ``versions:`` or Liquid. What the 2021 site took
from outside its content is left out: the changelog feed (``changelog``) and the avatars of authors and users.

Every read is recorded (``provenance.py``): the data files through ``site.data``, the pages shown through their
titles and intros (``titles.py``), and the source of each page whose ``type``, ``topics`` or ``authors`` a card
shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from renderer.layout.nav import Link, Nav
from renderer.liquid import LiquidError
from renderer.markdown import render_intro, render_title
from renderer.model.errors import DocsError
from renderer.model.site import Page
from renderer.model.versions import page_versions

LANDING, SUBLANDING, RELEASE_NOTES = "product-landing", "product-sublanding", "release-notes"
LANDING_LISTS = ("guides", "popular")  # the featuredLinks lists a product landing showed (ui.yml's key style)
# how many items a list shows before its "more" button (templates/landing.html, as ``shown``)
SHOWN = {"track_guides": 4, "articles": 9, "examples": 6, "category_pages": 10}
EXAMPLE_KINDS = {  # examples_source's file name -> what its entries are
    "code-examples": "code",
    "community-examples": "community",
    "user-examples": "user",
}
# what a card shows of its page, beyond its title and link
GUIDE_CARD = frozenset({"intro", "authors"})
ARTICLE_CARD = frozenset({"intro", "type", "topics"})
FEATURED_STEP = frozenset({"intro", "type"})
TRACK_STEP = frozenset({"type"})
_PRODUCT_NAME = re.compile(r"\{\{-?\s*productMap\[currentProduct\]\.name\s*-?\}\}")


_MONTHS = ("January February March April May June July August September October November December").split()


def _long_date(iso: str) -> str:
    """``2021-06-03`` as the 2021 site wrote it (``%B %d, %Y``): June 03, 2021."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    return f"{_MONTHS[int(parts[1]) - 1]} {parts[2]}, {parts[0]}"


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _patch_order(stem: str) -> tuple:
    """Patch file names in release order: ``0-rc1`` < ``0-rc2`` < ``0`` < ``1`` < ``10``; a date sorts as text."""
    head, _, rc = stem.partition("-rc")
    if head.isdigit():
        return (int(head), 0 if rc else 1, int(rc) if rc.isdigit() else 0, "")
    return (0, 0, 0, stem)


def product_words(text: str, name: str) -> str:
    """A ``ui.yml`` string with the product's name where GitHub's wrote ``{{ productMap[currentProduct].name }}``."""
    return _PRODUCT_NAME.sub(lambda _: name, text)


@dataclass
class Card:
    """A page shown as a card: a guide card, a learning track's step, an article card."""

    href: str
    title: str
    intro: str = ""  # HTML
    type: str = ""  # front matter ``type`` (overview, quick_start, tutorial, how_to, reference)
    topics: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


@dataclass
class Track:
    name: str
    title: str
    description: str
    guides: list[Card]
    featured: bool = False


@dataclass
class Example:
    kind: str  # code | community | user
    title: str
    description: str
    href: str  # absolute: a repository or a sponsors profile on github.com
    tags: tuple[str, ...] = ()
    languages: str = ""
    label: str = ""  # what the card's footer shows: the repository, or @user


@dataclass
class Category:
    link: Link
    pages: list[Link]


@dataclass
class Patch:
    """One file of ``data/release-notes/<plan>/<release>/``: a patch release (or a week, on GitHub AE)."""

    version: str  # "3.1.1", "3.0.0-rc2", "2021-03-03": its anchor
    title: str  # "Enterprise Server 3.1.1"; on GitHub AE the file's title ("Week of March 3, 2021")
    date: str  # "June 03, 2021"
    release_candidate: bool
    intro: str  # HTML
    # (features|bugs|..., [(heading or "", its anchor, [note HTML])])
    sections: list[tuple[str, list[tuple[str, str, list[str]]]]]


@dataclass
class Release:
    name: str  # "3.1", or a GitHub AE month "2021-03"
    href: str  # this page in that release's version ("" on GitHub AE: one page has every month)
    patches: list[Patch]
    current: bool = False


@dataclass
class Landing:
    """What a landing layout shows beyond the article, for one page-version."""

    layout: str  # LANDING | SUBLANDING
    product_name: str = ""
    beta: bool = False
    video: str = ""
    guides_href: str = ""  # the product's guides page in the version, if it has one ("View all", "Explore guides")
    guide_cards: list[Card] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    examples_kind: str = ""
    categories: list[Category] = field(default_factory=list)
    featured_track: Track | None = None
    tracks: list[Track] = field(default_factory=list)
    articles: list[Card] = field(default_factory=list)
    topics: tuple[str, ...] = ()  # every topic of ``articles``, for the filter
    releases: list[Release] = field(default_factory=list)  # release notes: the sidebar of releases
    patches: list[Patch] = field(default_factory=list)  # release notes of the version read, newest first

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.type for a in self.articles if a.type))


class Landings:
    """The landing sections of pages laid out with ``layout: product-landing`` or ``product-sublanding``."""

    def __init__(self, nav: Nav) -> None:
        self.nav = nav
        self.site = nav.site
        self.titles = nav.titles
        self.recorder = nav.recorder
        self.renderer = nav.titles.renderer
        self._compiled: dict[tuple[str, str], Any] = {}
        self._reads: set[str] = set()  # the data files read while making the landing of a page-version

    def landing(self, page: Page, version: str) -> Landing | None:
        layout = page.meta.get("layout")
        if layout not in (LANDING, SUBLANDING, RELEASE_NOTES):
            return None
        self._reads: set[str] = set()
        try:
            return self._landing(page, version, str(layout))
        finally:
            self.recorder.add(self._reads)

    def _landing(self, page: Page, version: str, layout: str) -> Landing:
        product = self._product(page)
        out = Landing(layout, product_name=self.titles.short_title(product, version))
        guides = self._page_at(page, f"{product.url_path}/guides")
        if guides is not None and guides.path != page.path and version in guides.versions:
            out.guides_href = self.nav.href(guides, version)
        if layout == LANDING:
            out.beta = bool(page.meta.get("beta_product"))
            video = page.meta.get("product_video")
            out.video = str(video) if isinstance(video, str) and video.startswith("https://") else ""
            featured = page.meta.get("featuredLinks")
            if isinstance(featured, dict):
                out.guide_cards = self._cards(page, featured.get("guideCards"), version, GUIDE_CARD)
            out.examples_kind, out.examples = self._examples(page, version)
            out.categories = self._categories(page, version)
        elif layout == RELEASE_NOTES:
            out.releases, out.patches = self._release_notes(page, version)
        else:
            out.featured_track, out.tracks = self._tracks(page, product, version)
            out.articles = self._cards(page, page.meta.get("includeGuides"), version, ARTICLE_CARD)
            out.topics = tuple(sorted({t for a in out.articles for t in a.topics}, key=str.lower))
        return out

    # -- pages shown --------------------------------------------------------------------------------------
    def _product(self, page: Page) -> Page:
        chain = self.nav.ancestors(page) + [page]
        return chain[1] if len(chain) > 1 else page

    def _page_at(self, page: Page, path: object) -> Page | None:
        return self.nav.find(page, str(path))

    def card(self, target: Page, version: str, shows: frozenset[str]) -> Card:
        """``target`` as a card with the fields in ``shows`` (of intro, type, topics, authors) and no others: a
        card is what readers see of the page (the review diff compares it), so an unshown field stays empty."""
        meta = target.meta
        if shows & {"type", "topics", "authors"}:
            self.recorder.add((target.source.relfile,))  # read from its front matter
        topics, authors = meta.get("topics"), meta.get("authors")
        return Card(
            self.nav.href(target, version),
            self.titles.title(target, version),
            self.titles.html(target, version, "intro") if "intro" in shows else "",
            type=str(meta.get("type") or "") if "type" in shows else "",
            topics=tuple(str(t) for t in topics) if "topics" in shows and isinstance(topics, list) else (),
            authors=(tuple(str(a) for a in authors) if isinstance(authors, list) and authors else ("GitHub",))
            if "authors" in shows
            else (),
        )

    def _cards(self, page: Page, paths: object, version: str, shows: frozenset[str]) -> list[Card]:
        out = []
        for path in paths if isinstance(paths, list) else []:
            target = self._page_at(page, self.value(page, version, path))
            if target is not None and version in target.versions:
                out.append(self.card(target, version, shows))
        return out

    def _categories(self, page: Page, version: str) -> list[Category]:
        """"All <product> docs": each category (a child with children of its own) and its pages."""
        out = []
        for child in self.nav.visible_children(page, version):
            inside = self.nav.visible_children(child, version)
            if not inside:
                continue  # an article of the product's own (quickstart, guides): not a category
            out.append(
                Category(
                    Link(self.nav.href(child, version), self.titles.title(child, version)),
                    [Link(self.nav.href(p, version), self.titles.title(p, version)) for p in inside],
                )
            )
        return out

    # -- data named by front matter ----------------------------------------------------------------------
    def _data(self, page: Page, keys: tuple[str, ...]) -> Any:
        """The data at ``keys``; what is read through it later (a view of a folder or mapping reads on each
        lookup) goes into the same set, recorded when the landing is made (``landing``)."""
        try:
            return self.site.data(page.lang, self._reads).find(keys)
        except DocsError:
            return None  # a broken data file: its read is recorded, so fixing it brings the section back

    def _examples(self, page: Page, version: str) -> tuple[str, list[Example]]:
        source = page.meta.get("examples_source")
        if not isinstance(source, str) or not source.startswith("data/product-examples/"):
            return "", []
        stem = source.removeprefix("data/").rsplit(".", 1)[0]
        kind = EXAMPLE_KINDS.get(stem.rsplit("/", 1)[-1], "")
        entries = self._data(page, tuple(stem.split("/")))
        if not kind or not isinstance(entries, list):
            return "", []
        out = []
        for e in entries:
            if not isinstance(e, dict) or not self._in_version(e.get("versions"), version):
                continue
            description = str(e.get("description") or "")
            if kind == "code" and e.get("href"):
                href = str(e["href"]).strip("/")
                tags = tuple(str(t) for t in e.get("tags") or () if t)
                out.append(Example(kind, str(e.get("title") or href), description, f"https://github.com/{href}",
                                   tags, str(e.get("languages") or ""), href))
            elif kind == "community" and e.get("repo"):
                repo = str(e["repo"]).strip("/")
                out.append(Example(kind, repo, description, f"https://github.com/{repo}", label=repo))
            elif kind == "user" and e.get("user"):
                user = str(e["user"]).strip("/")
                out.append(Example(kind, user, description, f"https://github.com/sponsors/{user}", label=f"@{user}"))
        return kind, out

    def _tracks(self, page: Page, product: Page, version: str) -> tuple[Track | None, list[Track]]:
        names = page.meta.get("learningTracks")
        if not isinstance(names, list) or not names:
            return None, []
        product_id = product.path.split("/", 1)[0]
        featured: Track | None = None
        tracks = []
        for raw in names:
            name = self.value(page, version, raw).strip()
            if not name:
                continue
            data = self._data(page, ("learning-tracks", product_id, name))
            if not hasattr(data, "get") or not self._in_version(data.get("versions"), version):
                continue
            flag = data.get("featured_track")
            is_featured = featured is None and (flag is True or self.value(page, version, flag).strip() == "true")
            # the featured track shows each guide's intro, the others a list of titles
            guides = self._cards(page, data.get("guides"), version, FEATURED_STEP if is_featured else TRACK_STEP)
            if not guides:
                continue  # none of its guides is in this version: the track is not shown
            track = Track(
                str(name),
                render_title(self.value(page, version, data.get("title"))),
                render_title(self.value(page, version, data.get("description"))),
                guides,
                is_featured,
            )
            if is_featured:
                featured = track  # shown at the top, on its own, as the learning tracks' README of 2021 says
            else:
                tracks.append(track)
        return featured, tracks

    def _release_notes(self, page: Page, version: str) -> tuple[list[Release], list[Patch]]:
        """``layout: release-notes``: the patches of ``data/release-notes/<plan>/<release>/`` for the version
        read (a numbered plan: its release, ``3.1`` in folder ``3-1``; GitHub AE: every month), newest first,
        without those marked ``deprecated``; and the plan's releases this page exists in, for the sidebar."""
        plan, _, release = version.partition("@")
        folder = self._data(page, ("release-notes", plan))
        if not hasattr(folder, "keys"):
            return [], []
        numbered = self.site.config.plan(plan) is not None and self.site.config.plan(plan).numbered
        releases = []
        for v in page.versions if numbered else (version,):
            if v.partition("@")[0] != plan:
                continue
            names = [v.partition("@")[2].replace(".", "-")] if numbered else sorted(folder, reverse=True)
            for name in names:
                patches = self._patches(page, version, plan, name, numbered) if v == version else []
                has_notes = patches or (numbered and hasattr(self._data(page, ("release-notes", plan, name)), "keys"))
                if not has_notes:
                    continue  # no notes for that release (or not a release: the folder's README)
                href = self.nav.href(page, v) if numbered else ""
                releases.append(Release(name.replace("-", ".") if numbered else name, href, patches, v == version))
        patches = [p for r in releases if r.current for p in r.patches]
        return releases, patches

    def _patches(self, page: Page, version: str, plan: str, name: str, numbered: bool) -> list[Patch]:
        files = self._data(page, ("release-notes", plan, name))
        if not hasattr(files, "keys"):
            return []
        out = []
        title = self.nav.version_title(version)
        for stem in sorted(files, key=_patch_order, reverse=True):
            data = files.get(stem)
            if not hasattr(data, "get") or data.get("deprecated") is True:
                continue
            patch = f"{name.replace('-', '.')}.{stem}" if numbered else str(stem)
            sections = []
            raw_sections = data.get("sections")
            for kind in raw_sections if hasattr(raw_sections, "keys") else ():
                notes = []
                for note in raw_sections.get(kind) or ():
                    if isinstance(note, dict):
                        inner = [self._note(page, version, n) for n in note.get("notes") or () if n]
                        heading = render_title(self.value(page, version, note.get("heading")))
                        notes.append((heading, f"{patch}-{_slug(heading)}", inner))
                    elif note:
                        notes.append(("", "", [self._note(page, version, note)]))
                if notes:
                    sections.append((str(kind), notes))
            out.append(
                Patch(
                    patch,
                    f"{title}.{stem.partition('-rc')[0]}" if numbered else str(data.get("title") or f"{title} {stem}"),
                    _long_date(str(data.get("date") or "")),
                    data.get("release_candidate") is True,
                    self._note(page, version, data.get("intro")) if data.get("intro") else "",
                    sections,
                )
            )
        return out

    def _note(self, page: Page, version: str, text: object) -> str:
        return render_intro(self.value(page, version, text), self.renderer.link_context(page.lang, version))

    def _in_version(self, versions: object, version: str) -> bool:
        if versions is None:
            return True
        if hasattr(versions, "items") and not isinstance(versions, dict):
            versions = dict(versions.items())
        return version in page_versions(versions, self.site.config)

    def value(self, page: Page, version: str, text: object) -> str:
        """A front-matter or data string rendered as Liquid in the page's context (its reads recorded); "" if it
        does not render. GitHub's pages of 2021 chose featured links, learning tracks and intro links per version
        this way (``{% if currentVersion ... %}/path{% endif %}``)."""
        if isinstance(text, bool) or text is None:
            return str(text).lower() if isinstance(text, bool) else ""
        raw = str(text)
        if "{" not in raw:
            return raw
        src = page.source
        key = (src.relfile, raw)
        reads: set[str] = set()
        try:
            compiled = self._compiled.get(key)
            if compiled is None:
                compiled = self._compiled[key] = self.renderer.env.from_string(raw, src.relfile)
            if src.doc is None:
                return ""
            href = self.site.href(page.lang, version, page.url_path)
            return compiled.render(self.renderer.context(page, src, version, href, reads))
        except (LiquidError, DocsError):
            return ""
        finally:
            self.recorder.add(reads)
