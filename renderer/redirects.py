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
    return [str(p).strip() for p in raw if str(p).strip().startswith("/")]


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
    default = site.config.default_version
    source_lang = site.config.source_language.code
    reserved = set(RESERVED) | {lang.code for lang in site.config.languages}
    for page in pages:
        olds = old_paths(page)
        if not olds or not page.versions:
            continue
        contexts = {v: link_context(site, page.lang.code, v) for v in versions}
        for old in olds:
            old = old.split("#", 1)[0].split("?", 1)[0]
            for v in versions:
                placed = rewrite_href(old, (), contexts[v])
                if _version_of(placed, page.lang.code, default) != v:
                    continue  # the old path names another version, or links to it are sent elsewhere
                target_version = v
                if v == default and v not in page.versions:
                    target_version = page.versions[0]
                target = site.href(page.lang, target_version, page.url_path)
                _add(out, placed, target, taken)
                if page.lang.code == source_lang and v == default:
                    bare = placed[len(source_lang) + 1 :] or "/"
                    if bare.split("/")[1] not in reserved:
                        _add(out, bare, target, taken)
    return out


def _add(out: RedirectMap, old: str, target: str, taken: set[str]) -> None:
    if old == target or old in taken or not _safe(old):
        return
    kept = out.targets.setdefault(old, target)
    if kept != target:
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
