"""Internal links and anchors, checked in the linking page's version and language, as readers follow them.

Each page-version's Liquid output is scanned for local links (Markdown ``[x](/path)``, reference definitions,
raw ``<a href>``; code is skipped). A link is rewritten exactly as the Markdown step rewrites it (language,
version, legacy paths), then must land on a page that exists in that version, directly or through a page's
``redirect_from``. A ``#fragment`` must be a heading id or HTML id of the target in that version. Findings
are reported where the link is written (the page, or the reusable it came from), with the versions it is
broken in.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from renderer.check.anchors import anchors, strip_code
from renderer.check.context import CheckContext
from renderer.check.findings import Finding
from renderer.check.liquid import SITE_CODE_CONTEXT
from renderer.check.rendered import LiquidOutputs
from renderer.liquid import nodes as n
from renderer.markdown.raw_html import attributes
from renderer.model.site import Page
from renderer.model.urls import LinkContext

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1)[\s\S])*?\1")
_MD_LINK = re.compile(r"\]\(\s*<?((?:/|#)[^)\s>]*)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?((?:/|#)\S*?)>?(?:\s|$)", re.M)
_A_TAG = re.compile(r"<a\s([^>]*)>", re.I)
_LEGACY = re.compile(r"^/(?:enterprise/)?(?:\d+\.\d+(?:\.\d+)?/)?(?:user/)?")


class LinkIndex:
    """Which URL paths lead to a page, per version: pages' own paths, then their redirect_from entries."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        pages = ctx.site.pages(ctx.site.config.source_language)
        self.by_path: dict[str, Page] = {p.url_path.lower(): p for p in pages}
        self.redirects: dict[str, list[Page]] = {}
        for page in pages:
            doc = page.english.doc
            raw = doc.meta.get("redirect_from") if doc else None
            entries = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
            for entry in entries:
                entry = str(entry).strip().rstrip("/").lower()
                for key in {entry.lstrip("/"), _LEGACY.sub("/", entry).lstrip("/")}:
                    self.redirects.setdefault(key, []).append(page)

    def resolve(self, rest: str, version: str) -> tuple[Page | None, str]:
        """The page a path (no language, no version) reaches in ``version``, and why not when it reaches none."""
        key = rest.strip("/").lower()
        for product in ("admin", "desktop"):  # GitHub's old /enterprise/admin/guides/, /desktop/guides/ URLs
            if key.startswith(f"{product}/guides/") and key not in self.by_path and key not in self.redirects:
                key = product + key[len(product) + len("/guides") :]
        page = self.by_path.get(key)
        if page is not None and version in page.versions:
            return page, ""
        targets = self.redirects.get(key, [])
        for target in targets:
            if version in target.versions:
                return target, ""  # another page took over this path in this version
        if page is not None:
            return None, f"{page.english.relfile} is not in this version"
        if targets:
            return None, f"it redirects to {targets[0].english.relfile}, which is not in this version"
        return None, "no page has this path or redirects from it"


class LinkChecker:
    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.site = ctx.site
        self.outputs = LiquidOutputs(ctx.site)
        self.index = LinkIndex(ctx)
        config = ctx.site.config
        self.languages = tuple(lang.code for lang in config.languages)
        self.versions = set(config.versions)
        self.default_version = config.default_version
        self.plans = {p.name: p.versions[0] for p in config.plans}
        self._folders: dict[str, bool] = {}  # folder -> whether headings there come from code
        self._anchors: dict[tuple[str, str, str], set[str]] = {}

    def check(self, pages: list[Page]) -> list[Finding]:
        out: list[Finding] = []
        for page in pages:
            for version in page.versions:
                out.extend(self.check_one(page, version))
        return out

    def check_one(self, page: Page, version: str) -> list[Finding]:
        rendered = self.outputs.get(page, version)
        where = f"{page.lang.code} {version}"
        if rendered.error:
            return [self._render_error(page, rendered.error, where)]
        ctx = self._link_context(page, version)
        out = []
        for href, classes, written in find_links(rendered.text):
            problem = self._problem(page, version, href, classes, ctx)
            if problem:
                kind, message, hint = problem
                file, line, column = self._locate(page, href, written, rendered.reads)
                out.append(self.ctx.finding(kind, message, file, line, column, hint, where=[where]))
        return out

    def _problem(self, page: Page, version: str, href: str, classes: list[str],
                 ctx: LinkContext) -> tuple[str, str, str] | None:
        path, _, fragment = href.partition("#")
        path = path.split("?", 1)[0]
        if not path:  # same page
            if fragment and unquote(fragment) not in self.anchors_of(page, version):
                return ("anchor", f"link to #{fragment}: no such heading on this page",
                        "use the heading's id as the page shows it (lowercase, dashes for spaces)")
            return None
        if path.startswith(("/assets/", "/public/")) or path in ("/assets", "/public"):
            return None
        url = ctx.rewrite(path, tuple(classes))
        parts = url.strip("/").split("/")
        if parts and parts[0] in self.languages:
            parts = parts[1:]
        target_version = self.default_version
        if parts and parts[0] in self.versions:
            target_version = parts.pop(0)
        elif parts and parts[0] in self.plans:
            target_version = self.plans[parts.pop(0)]  # a plan without a release: its newest
        elif parts and (parts[0] == "enterprise" or "@" in parts[0]):
            return None  # a release no longer supported: the archive serves it
        target, why = self.index.resolve("/".join(parts), target_version)
        if target is None:
            return ("link", f"link to {path}: {why}",
                    "link to a page that exists in every version this text is shown in, or wrap the link in "
                    "{% if currentVersion ... %}")
        if fragment:
            lang_page = self.site.page(page.lang, target.path) or target
            if self.outputs.get(lang_page, target_version).error or self._headings_unknown(target):
                return None  # its headings are unknown here; a render error is reported on its own
            if unquote(fragment) not in self.anchors_of(lang_page, target_version):
                return ("anchor", f"link to {path}#{fragment}: {target.english.relfile} has no such heading",
                        "use the heading's id as that page shows it (in the versions listed)")
        return None

    def _headings_unknown(self, page: Page) -> bool:
        """Whether a page's headings come from the site's code: it, or a page beside it, includes templates or
        reads data the code provides (REST and GraphQL references; some of their pages are pre-rendered by
        scripts and say nothing of it)."""
        if not self._folders:
            for p in self.site.pages(self.site.config.source_language):
                folder = p.english.relfile.rsplit("/", 1)[0]
                self._folders[folder] = self._folders.get(folder, False) or self._uses_code(p.english.relfile)
        return self._folders.get(page.english.relfile.rsplit("/", 1)[0], False)

    def _uses_code(self, relfile: str) -> bool:
        for parsed in self.ctx.page_texts(relfile):
            for node in parsed.flat:
                if isinstance(node, n.Include) or (isinstance(node, n.Path) and node.root in SITE_CODE_CONTEXT):
                    return True
        return False

    def anchors_of(self, page: Page, version: str) -> set[str]:
        key = (page.lang.code, page.path, version)
        found = self._anchors.get(key)
        if found is None:
            found = anchors(self.outputs.get(page, version).text)
            if page.source is not page.english:
                # translated h2-h4 take the English ids
                english = self.site.page(self.site.config.source_language, page.path)
                if english is not None:
                    found |= self.anchors_of(english, version)
            self._anchors[key] = found
        return found

    def _link_context(self, page: Page, version: str) -> LinkContext:
        return self.outputs.renderer.link_context(page.lang, version)

    def _locate(self, page: Page, href: str, written: str, reads: frozenset[str]) -> tuple[str, int, int]:
        """Where a link is written (its href's column): the page source first, then the data files its render
        read. The whole link (``[label](/x``) is looked for first, then the href alone, then ever shorter tails
        of its path, for links whose start Liquid built (``/enterprise/{{ currentVersion }}/...``)."""
        files = [page.source.relfile] + sorted(r for r in reads if r != page.source.relfile and "/" in r)
        path = href.split("#", 1)[0]
        segments = path.split("/")
        needles = [written, href, path] + ["/" + "/".join(segments[k:]) for k in range(2, len(segments) - 1)]
        for needle in dict.fromkeys(x for x in needles if len(x) > 1):
            inner = max(0, needle.find(href)) if needle == written else 0
            for relfile in files:
                for number, line in enumerate(self.ctx.lines(relfile), start=1):
                    column = line.find(needle)
                    if column >= 0:
                        return relfile, number, column + inner + 1
        return page.source.relfile, 1, 1

    def _render_error(self, page: Page, error: str, where: str) -> Finding:
        m = re.match(r"(.+?):(\d+):(\d+): (.*)", error, re.S)
        if m:
            return self.ctx.finding("render", m.group(4), m.group(1), int(m.group(2)), int(m.group(3)),
                                    "this page-version fails to render; fix the Liquid at this place",
                                    where=[where])
        return self.ctx.finding("render", error, page.source.relfile, 1, 1, "this page-version fails to render",
                                where=[where])


def extract_links(text: str) -> list[tuple[str, list[str]]]:
    """Local links (``/...`` and ``#...``) in a Liquid output, with their classes; code is skipped."""
    return [(href, classes) for href, classes, _ in find_links(text)]


def find_links(text: str) -> list[tuple[str, list[str], str]]:
    """Local links with their classes and the text they are written as (``[label](/x``), to find them by."""
    body = "\n".join(strip_code(text))
    body = _INLINE_CODE.sub(lambda m: " " * len(m.group()), body)
    found: list[tuple[int, str, list[str], str]] = []
    for m in _MD_LINK.finditer(body):
        label = body.rfind("[", 0, m.start())
        written = body[label : m.end()] if label >= 0 and "\n" not in body[label : m.start()] else m.group()
        found.append((m.start(1), m.group(1), [], written))
    for m in _REF_DEF.finditer(body):
        found.append((m.start(1), m.group(1), [], m.group().strip()))
    for m in _A_TAG.finditer(body):
        attrs = attributes(m.group(1))
        href = attrs.get("href", "")
        if href.startswith(("/", "#")):
            found.append((m.start(), href, attrs.get("class", "").split(), href))
    return [(href, classes, written) for _, href, classes, written in sorted(found, key=lambda x: x[0])]
