"""Front matter and versions: files that cannot be read or parsed, no or unclosed front matter, unknown keys,
values that must be text and are not, and bad ``versions:`` values."""

from __future__ import annotations

import difflib

import yaml

from renderer.check.context import CheckContext
from renderer.check.findings import Finding
from renderer.model.frontmatter import read_text
from renderer.model.versions import _parse_range, plans_by_name

# The front matter keys of GitHub's docs in 2021 (its schema), plus what this renderer reads.
KNOWN_KEYS = frozenset(
    """
    title shortTitle intro product permissions versions redirect_from children childGroups mapTopic hidden layout
    showMiniToc miniTocMaxHeadingLevel allowTitleToDifferFromFilename introLinks featuredLinks topics type
    contributor interactive beta_product product_video includeGuides learningTracks defaultPlatform defaultTool
    changelog authors examples_source externalProducts noEarlyAccessBanner earlyAccessToc communityRedirect
    effectiveDate featuredTrack
    """.split()
)


def check(ctx: CheckContext, files: list[str]) -> list[Finding]:
    out: list[Finding] = []
    root = ctx.root.resolve()
    for relfile in files:
        path = ctx.root / relfile
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            out.append(ctx.finding("file", f"a link to {path.resolve()}, outside the docs root", relfile, 1, 1,
                                   "copy the file into the docs root; the renderer must not read outside it"))
            continue
        if relfile.endswith((".yml", ".yaml")):
            out.extend(_data_yaml(ctx, relfile))
        elif "/content/" in f"/{relfile}":
            out.extend(_page(ctx, relfile))
        else:
            out.extend(_data_text(ctx, relfile))
    return out


def _page(ctx: CheckContext, relfile: str) -> list[Finding]:
    src = ctx.source(relfile)
    if src is None:
        return []
    if src.doc is None:
        e = src.error
        assert e is not None
        kind = "file" if "UTF-8" in e.message else "front-matter"
        return [ctx.finding(kind, e.message, relfile, e.line or 1, e.column or 1, e.hint or "")]
    out = []
    meta = src.doc.meta
    if not meta and src.doc.body_line == 0:  # nothing was split off as front matter
        unclosed = src.doc.body.lstrip().startswith("---")
        message = "the front matter is never closed" if unclosed else "the page has no front matter"
        hint = "end it with a line of ---" if unclosed else "start the file with ---, title:, versions: and ---"
        return [ctx.finding("front-matter", f"{message}: the page is served in no version", relfile, 1, 1, hint)]
    for key in meta:
        if str(key) not in KNOWN_KEYS:
            line, _ = ctx.front_matter_position(relfile, str(key))
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "remove it, or see docs/check.md for the known keys"
            out.append(ctx.finding("front-matter", f"unknown front matter key {key!r}", relfile, line, 1, hint))
    title = meta.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        line, column = ctx.front_matter_position(relfile, "title")
        out.append(ctx.finding("front-matter", "the page has no title", relfile, line, column, "add title: ..."))
    out.extend(_versions(ctx, relfile, meta.get("versions", None), "versions" in meta))
    return out


def _versions(ctx: CheckContext, relfile: str, spec: object, present: bool) -> list[Finding]:
    line, column = ctx.front_matter_position(relfile, "versions")
    config = ctx.site.config
    plans = ", ".join(p.name for p in config.plans)
    if not present:
        return [ctx.finding("versions", "no versions: the page is served in no version", relfile, 1, 1,
                            f"add versions: with one or more of {plans} (or '*')")]
    if spec == "*":
        return []
    if not isinstance(spec, dict) or not spec:
        return [ctx.finding("versions", f"versions: must be '*' or a mapping of plan to range, not {spec!r}",
                            relfile, line, column, f"plans: {plans}")]
    out = []
    names = plans_by_name(config)
    for plan_name, rng in spec.items():
        where = _plan_line(ctx, relfile, line, str(plan_name))
        if plan_name == "feature":  # versions: {feature: NAME}: a feature's versions, added to the page's
            for feature in [rng] if isinstance(rng, str) else rng if isinstance(rng, list) else [rng]:
                if ctx.site.feature_versions(str(feature)) is None:
                    out.append(ctx.finding("versions", f"unknown feature {feature!r} in versions:", relfile, *where,
                                           f"add data/features/{feature}.yml with a versions: block"))
            continue
        plan = names.get(str(plan_name))
        if plan is None:
            close = difflib.get_close_matches(str(plan_name), list(names), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"plans: {plans}"
            out.append(ctx.finding("versions", f"unknown plan {plan_name!r} in versions:", relfile, *where, hint))
            continue
        if str(rng).strip() != "next" and _parse_range(str(rng).strip()) is None:
            out.append(ctx.finding("versions", f"{plan_name}: {rng!r} is not a version range", relfile, *where,
                                   "use '*', a release like '3.0', or comparisons like '>=2.22 <3.1'"))
    return out


def _plan_line(ctx: CheckContext, relfile: str, versions_line: int, plan: str) -> tuple[int, int]:
    lines = ctx.lines(relfile)
    for number in range(versions_line, min(len(lines), versions_line + 12)):
        text = lines[number]
        stripped = text.lstrip()
        if stripped.startswith(plan):
            return number + 1, len(text) - len(stripped) + 1
    return versions_line, 1


def _data_yaml(ctx: CheckContext, relfile: str) -> list[Finding]:
    try:
        text = read_text((ctx.root / relfile).read_bytes(), relfile)
        yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(e, "problem", None) or str(e)
        return [ctx.finding("data-file", f"invalid YAML: {problem}", relfile, line, column,
                            "check quoting and indentation")]
    except Exception as e:  # noqa: BLE001 - a DocsError (not UTF-8) or an OSError: both are the file's problem
        return [ctx.finding("file", str(getattr(e, "message", e)), relfile, getattr(e, "line", 1) or 1,
                            getattr(e, "column", 1) or 1, "save it as UTF-8")]
    return []


def _data_text(ctx: CheckContext, relfile: str) -> list[Finding]:
    try:
        read_text((ctx.root / relfile).read_bytes(), relfile)
    except Exception as e:  # noqa: BLE001 - see _data_yaml
        return [ctx.finding("file", str(getattr(e, "message", e)), relfile, getattr(e, "line", 1) or 1,
                            getattr(e, "column", 1) or 1, "save it as UTF-8")]
    return []
