"""Where redirect pages go: every old URL a page lists in ``redirect_from``, per language and version.

An old path is placed exactly where a link to it lands once local links are rewritten for a language and
version (``rewrite_href``), so a link in any article that still uses the old path reaches a redirect page:
``/pipelines/manage`` gives ``/en/pipelines/manage`` and ``/en/enterprise-server@3.1/pipelines/manage``, ...

Each of those redirects to the page in that version. A version the page does not exist in redirects to the
page's URL in that version, where the build writes its "not available in this version" page. The unversioned
old URL (``/en/<old>``) is the default version's: it goes to the page in the default version when it exists
there, else to the page in its first version in the site's order (the newest release). An old path that names
a version (``/enterprise-server@2.22/x``) applies to that version only; one that names a release no longer
built is left alone. The source language also gets the old path without a language (``/<old>``).
Admin and Desktop pages also get the ``/admin/guides/...`` and ``/desktop/guides/...`` forms of their paths,
where those products' articles used to live and where many links still point; and every page of a numbered
plan gets the plan's URL without a release (``/en/enterprise-server/<path>``), which goes to the newest
release the page is in. Entries written in front matter win over these derived forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from renderer.markdown import LinkContext
from renderer.markdown.links import rewrite_href
from renderer.site import Page, Site

# Top-level folders of the output that are not language trees: a redirect must never be written there.
RESERVED = ("assets", "public", "static", "search")


@dataclass
class RedirectMap:
    targets: dict[str, str] = field(default_factory=dict)  # old URL -> new URL
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (old URL, kept target, dropped target)


def old_paths(page: Page) -> list[str]:
    """The page's ``redirect_from`` entries (from the English source: URLs are the same in every language)."""
    meta = page.english.doc.meta if page.english.doc else {}
    raw = meta.get("redirect_from") or []
    if isinstance(raw, str):
        raw = [raw]
    return list(dict.fromkeys(str(p).strip() for p in raw if str(p).strip().startswith("/")))


def derived_paths(page: Page) -> list[str]:
    """Old forms no front matter lists: ``/admin/guides/`` and ``/desktop/guides/`` of the page's path and
    of each ``redirect_from`` entry."""
    olds = old_paths(page)
    derived = [variant for p in ["/" + page.url_path, *olds] if (variant := _guides_form(p))]
    return [p for p in dict.fromkeys(derived) if p not in olds]


def _guides_form(path: str) -> str | None:
    """Admin and Desktop articles once lived under a ``guides/`` folder (``/admin/guides/installation/x``), and
    articles still link there; this is the old form of a path, or None when it has none."""
    if "/guides" in path:
        return None
    for product in ("/admin", "/desktop"):
        at = path.find(product + "/") if product + "/" in path else (len(path) - len(product))
        prefix = path[:at]
        if path[at:].startswith(product) and (prefix in ("", "/enterprise") or prefix.startswith("/enterprise/")):
            return prefix + product + "/guides" + path[at + len(product) :]
    return None


def link_context(site: Site, lang: str, version: str) -> LinkContext:
    config = site.config
    enterprise = config.enterprise
    return LinkContext(
        lang=lang,
        version=version,
        default_version=config.default_version,
        enterprise_releases=enterprise.releases if enterprise else (),
        latest_enterprise=enterprise.releases[0] if enterprise else "",
        plans=tuple(p.name for p in config.plans),
        languages=tuple(x.code for x in config.languages),
    )


def redirect_map(site: Site, pages: Iterable[Page], versions: Sequence[str], taken: set[str]) -> RedirectMap:
    """Old URL -> new URL for ``pages`` in ``versions``; URLs in ``taken`` (real pages) are never redirected.

    The first page (in the order given) to claim an old URL keeps it; later claims are listed as conflicts.
    """
    out = RedirectMap()
    pages = [p for p in pages if p.versions]
    # A page in the version wins over one sent to another version; entries written in front matter win over
    # derived forms; plan-without-release URLs come last.
    for fallback in (False, True):
        for page in pages:
            # a fallback losing to a page that is in the version is no conflict; two pages in it are
            _place(site, out, page, old_paths(page), versions, taken, report=not fallback, fallback=fallback)
        for page in pages:
            _place(site, out, page, derived_paths(page), versions, taken, report=False, fallback=fallback)
    for page in pages:
        for plan in site.config.plans:
            newest = next((v for v in plan.versions if v in page.versions and v in versions), None)
            if plan.numbered and newest:
                target = site.href(page.lang, newest, page.url_path)
                old = "/" + "/".join(filter(None, (page.lang.code, plan.name, page.url_path)))
                _add(out, old, target, taken, report=False)
    return out


def _place(
    site: Site,
    out: RedirectMap,
    page: Page,
    olds: list[str],
    versions: Sequence[str],
    taken: set[str],
    report: bool,
    fallback: bool,
) -> None:
    """Claim the places of ``olds`` in each version: where the page is in it (``fallback`` False) or not."""
    default = site.config.default_version
    source_lang = site.config.source_language.code
    reserved = set(RESERVED) | {lang.code for lang in site.config.languages}
    if olds:
        contexts = {v: link_context(site, page.lang.code, v) for v in versions}
        for old in olds:
            old = old.split("#", 1)[0].split("?", 1)[0]
            for v in versions:
                placed = rewrite_href(old, (), contexts[v])
                if _version_of(placed, page.lang.code, default) != v:
                    continue  # the old path names another version, or links to it are sent elsewhere
                if (v not in page.versions) != fallback:
                    continue
                target_version = v
                if v == default and v not in page.versions:
                    target_version = page.versions[0]
                target = site.href(page.lang, target_version, page.url_path)
                _add(out, placed, target, taken, report)
                if page.lang.code == source_lang and v == default:
                    bare = placed[len(source_lang) + 1 :] or "/"
                    if bare.split("/")[1] not in reserved:
                        _add(out, bare, target, taken, report)


def _add(out: RedirectMap, old: str, target: str, taken: set[str], report: bool) -> None:
    if old == target or old in taken or not _safe(old):
        return
    kept = out.targets.setdefault(old, target)
    if kept != target and report:
        out.conflicts.append((old, kept, target))


def _version_of(url: str, lang: str, default: str) -> str | None:
    parts = url.split("/")
    if len(parts) < 2 or parts[1] != lang:
        return None
    if len(parts) > 2 and "@" in parts[2]:
        return parts[2]
    return default


def _safe(url: str) -> bool:
    """A URL that maps to a folder inside the output: no dot segments, no characters file systems reject."""
    parts = url.split("/")[1:]
    return all(p and p not in (".", "..") and not any(c in p for c in '\\:*?"<>|\0') for p in parts)
