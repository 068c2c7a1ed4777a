"""The names every page's Liquid sees for its version, and the site's plans and releases.

Any site:

- ``currentVersion`` (``server@2.0``), ``currentPlan`` (``server``), ``currentRelease`` (``2.0``, or ``latest``),
  ``currentLanguage``;
- ``numberedVersions``: the version strings of the plan with numbered releases, newest first
  (``["server@2.0", "server@1.0"]``), empty when no plan has numbered releases;
- ``numberedReleases``: that plan's releases: ``supported``, ``deprecated``, ``latest``, ``oldestSupported``,
  ``next`` and each list of its ``lists:``;
- ``allVersions``: each version's ``plan``, ``planTitle``, ``versionTitle``, ``currentRelease``, ...

When that plan is GitHub's (named ``enterprise-server``, as in the built-in defaults) the same two values are
also ``enterpriseServerVersions`` and ``enterpriseServerReleases``, the names GitHub's content was written
with; a site with plans of its own does not get them, so ``check`` points at the generic names instead.
"""

from __future__ import annotations

from typing import Any

from renderer.model.config import SiteConfig

GITHUB_NUMBERED_PLAN = "enterprise-server"
ALIASES = {"enterpriseServerVersions": "numberedVersions", "enterpriseServerReleases": "numberedReleases"}
NAMES = ("currentVersion", "currentPlan", "currentRelease", "currentLanguage", "numberedVersions",
         "numberedReleases", "allVersions")


def names(config: SiteConfig) -> frozenset[str]:
    """Every name ``version_globals`` defines for this site."""
    numbered = config.enterprise
    aliases = ALIASES if numbered is not None and numbered.name == GITHUB_NUMBERED_PLAN else {}
    return frozenset((*NAMES, *aliases))


def version_globals(config: SiteConfig, lang_code: str, version: str) -> dict[str, Any]:
    """The names for one language and version (new lists each time: no render can change another's)."""
    numbered = config.enterprise
    releases: dict[str, Any] = {}
    if numbered is not None:
        releases = {
            "supported": list(numbered.releases),
            "deprecated": list(numbered.deprecated),
            "latest": numbered.releases[0],
            "oldestSupported": numbered.releases[-1],
            "next": numbered.next,
            **{k: list(v) for k, v in numbered.lists.items()},
        }
    plan, _, release = version.partition("@")
    out = {
        "currentVersion": version,
        "currentPlan": plan,
        "currentRelease": release,
        "currentLanguage": lang_code,
        "numberedVersions": list(numbered.versions) if numbered is not None else [],
        "numberedReleases": releases,
        "allVersions": all_versions(config),
    }
    if numbered is not None and numbered.name == GITHUB_NUMBERED_PLAN:
        out.update({alias: out[name] for alias, name in ALIASES.items()})
    return out


def all_versions(config: SiteConfig) -> dict[str, dict[str, Any]]:
    out = {}
    for plan in config.plans:
        for release in plan.releases:
            version = f"{plan.name}@{release}"
            out[version] = {
                "version": version,
                "plan": plan.name,
                "planTitle": plan.title,
                "versionTitle": f"{plan.title} {release}" if plan.numbered else plan.title,
                "currentRelease": release,
                "latestRelease": plan.releases[0],
                "hasNumberedReleases": plan.numbered,
                "nonEnterpriseDefault": plan.default,
            }
    return out
