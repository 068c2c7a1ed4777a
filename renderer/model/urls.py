"""Every URL rule of the site, in one place: a page's URL path, a page-version's URL, what a URL names, and how a
local link is rewritten for the page that has it.

A page-version lives at ``/<lang>[/<version>]/<path>``: the default version shows no segment of its own, and an
``index.md`` is its folder. Authors write links as ``/github/some/article`` or legacy
``/enterprise/2.21/user/github/...``; readers must land on ``/<lang>/<version>/github/...`` for the version they
are reading. Build, preview, redirects, navigation, check and diff all ask this module, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property, lru_cache


def url_path(source_path: str) -> str:
    """A page's path in URLs from its path under ``content/``: no ``.md``; an ``index.md`` is its folder."""
    p = source_path[: -len(".md")]
    if p == "index":
        return ""
    return p[: -len("/index")] if p.endswith("/index") else p


def href(lang: str, version: str, path: str, default_version: str) -> str:
    """The URL of a page-version: ``/<lang>``, then the version unless it is the default, then the page's path.
    A plan's name as ``version`` is the URL that redirects to the plan's newest release of the page."""
    parts = [lang]
    if version != default_version:
        parts.append(version)
    if path:
        parts.append(path)
    return "/" + "/".join(parts)


def parse(
    segments: list[str], languages: Collection[str], versions: Collection[str], default_version: str
) -> tuple[str, str, str] | None:
    """What a URL's path segments name, ``(lang, version, page path)``, as ``href`` writes them; None when the
    first segment is no language of the site."""
    if not segments or segments[0] not in languages:
        return None
    rest = segments[1:]
    version = default_version
    if rest and rest[0] in versions and rest[0] != default_version:
        version, rest = rest[0], rest[1:]
    return segments[0], version, "/".join(rest)


def version_of(url: str, lang: str, default_version: str) -> str | None:
    """The version a URL of language ``lang`` is in (a ``plan@release`` segment, or the default); None for a URL of
    another language."""
    parts = url.split("/")
    if len(parts) < 2 or parts[1] != lang:
        return None
    if len(parts) > 2 and "@" in parts[2]:
        return parts[2]
    return default_version


def output_url(relative_file: str) -> str:
    """The URL a file of the built site answers, from its path under the output folder (``a/b/index.html``)."""
    if relative_file == "index.html":
        return "/"
    if relative_file.endswith("/index.html"):
        return "/" + relative_file[: -len("index.html")]
    return "/" + relative_file


@dataclass(frozen=True)
class LinkContext:
    """Everything local-link rewriting needs to know about the page being rendered."""

    lang: str
    version: str
    default_version: str
    enterprise_releases: tuple[str, ...]
    latest_enterprise: str
    plans: tuple[str, ...]
    languages: tuple[str, ...]

    def rewrite(self, href: str, classes: tuple[str, ...] = ()) -> str:
        """A local link's href on this page (the Markdown layer calls this; it knows no URL rule itself)."""
        return rewrite_href(href, classes, self)

    @cached_property
    def all_versions(self) -> frozenset[str]:
        versions = {self.default_version}
        versions.update(f"enterprise-server@{r}" for r in self.enterprise_releases)
        versions.update(f"{plan}@latest" for plan in self.plans if plan != "enterprise-server")
        return frozenset(versions)


_OLD_ENTERPRISE = re.compile(r"/enterprise(?:/|$|\?)(\d+\.\d+)?")
_ENTERPRISE_NUMBER = re.compile(r"^.*?enterprise/(\d+\.\d+(?:\.340)?)")
# The prefix of a legacy path that goes away: /<lang>/ enterprise/ <version>/ <x.y>/ user/
_LEGACY_PREFIX = re.compile(r"/([a-z]{2}/)?(enterprise/)?(\S+?@(\S+?/))?(\d.\d+/)?(user[/$])?")
_DESKTOP = re.compile(r"desktop/")
_ADMIN = re.compile(r"/admin(?:/|$|\?|#)")
_INSIGHTS = re.compile(r"/insights(?:/|$|\?|#)")


def join_path(*parts: str) -> str:
    """Join like POSIX `path.join`: collapse `//`, resolve `.` and `..`, keep a trailing slash."""
    present = [p for p in parts if p]
    inner = "/".join(s for p in present if (s := p.strip("/")))
    if "//" not in inner and "/." not in "/" + inner:  # nothing to collapse or resolve: most links
        absolute = bool(present) and present[0].startswith("/")
        if not inner:
            return "/" if absolute else "."
        return ("/" if absolute else "") + inner + ("/" if present[-1].endswith("/") else "")
    joined = "/".join(present)
    absolute = joined.startswith("/")
    trailing = joined.endswith("/")
    segments: list[str] = []
    for segment in joined.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments and segments[-1] != "..":
                segments.pop()
            elif not absolute:
                segments.append(segment)
            continue
        segments.append(segment)
    path = ("/" if absolute else "") + "/".join(segments)
    if trailing and segments:
        path += "/"
    return path or ("/" if absolute else ".")


_LANGUAGE = re.compile(r"^/([a-z]{2})(?:/|$|\?)")


def _strip_language(href: str, ctx: LinkContext) -> str:
    first = _LANGUAGE.match(href)
    if first and first.group(1) in ctx.languages:
        return "/" + href[len(first.group(1)) + 2 :] if len(href) > 3 else "/"
    return href


def _versioned_path(path: str, ctx: LinkContext) -> str:
    """A legacy or unversioned path (no language) as `/<version>/<rest>`."""
    versions = ctx.all_versions
    parts = path.split("/")
    version = parts[2] if len(parts) > 2 and parts[2] in versions else ""
    if not version:
        if not _OLD_ENTERPRISE.search(path):
            version = ctx.default_version
        else:
            number = _ENTERPRISE_NUMBER.match(path)
            release = number.group(1) if number else ctx.latest_enterprise
            version = next((v for v in sorted(versions) if release in v), f"enterprise-server@{ctx.latest_enterprise}")
    rest = _LEGACY_PREFIX.sub("", path, count=1)
    return join_path("/", version, rest)


def _target_version(path: str, classes: tuple[str, ...] | list[str], ctx: LinkContext) -> str:
    if "dotcom-only" in classes or _DESKTOP.search(path):
        return ctx.default_version
    if ctx.version == ctx.default_version and (_ADMIN.search(path) or _INSIGHTS.search(path)):
        return f"enterprise-server@{ctx.latest_enterprise}"
    return ctx.version


@lru_cache(maxsize=8192)  # the same links recur on every page of a product; LinkContext is hashable
def rewrite_href(href: str, classes: tuple[str, ...], ctx: LinkContext) -> str:
    """The href a local link gets on a page of `ctx`'s language and version; other hrefs come back as given."""
    if not href.startswith("/") or href.startswith(("/assets", "/public")):
        return href
    first_segment = href.split("/")[1]
    new = href
    if first_segment.split("@")[0] in ctx.plans:
        # The link names its version already: it only gains the language.
        new = join_path("/", ctx.lang, href)
    number = _ENTERPRISE_NUMBER.match(href)
    if number and number.group(1) not in ctx.enterprise_releases:
        # A release no longer supported: leave the path alone, the archive serves it.
        new = join_path("/", ctx.lang, href)
    if new == href:
        path = _strip_language(href, ctx)
        versioned = _versioned_path(path, ctx)
        link_version = versioned.split("/")[1]
        new = join_path("/", ctx.lang, versioned).replace(link_version, _target_version(path, classes, ctx), 1)
    new = new.replace(f"/{ctx.default_version}", "", 1)
    if len(new) > 1 and new.endswith("/"):
        new = new.rstrip("/") or "/"
    return new
