"""Features and ``ifversion`` names: a feature file whose ``versions:`` block is not one, a feature nothing
names, and a name in an ``ifversion`` condition that is no plan (long or short) and no feature."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator

from renderer.check.context import CheckContext, Parsed
from renderer.check.findings import WARNING, Finding
from renderer.liquid.version_tags import VersionCondition
from renderer.model.versions import _parse_range, plans_by_name


def check(ctx: CheckContext, texts: list[Parsed], only: set[str] | None) -> list[Finding]:
    plans = plans_by_name(ctx.site.config)
    features = _feature_files(ctx)
    out: list[Finding] = []
    used: set[str] = set()
    for parsed in texts:
        for node in parsed.flat:
            if not isinstance(node, VersionCondition):
                continue
            for name in _names(node.tree):
                used.add(name)
                if name in plans or name in features:
                    continue
                line, column = parsed.position(node.offset)
                close = difflib.get_close_matches(name, [*plans, *features], n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"add data/features/{name}.yml, or name a plan"
                out.append(ctx.finding("feature", f"{name!r} in ifversion is no plan and no feature",
                                       parsed.file, line, column, hint))
    used |= _front_matter_features(ctx)
    for name, relfile in sorted(features.items()):
        out += _feature_file(ctx, name, relfile, plans)
        if name not in used:  # harmless to readers: a warning
            unused = ctx.finding("feature", f"the feature {name!r} is named by no page or condition", relfile, 1, 1,
                                 "remove the file, or use it: {% ifversion " + name + " %}")
            out.append(dataclasses.replace(unused, severity=WARNING))
    return [f for f in out if only is None or f.file in only]


def _names(tree: tuple) -> Iterator[str]:
    if tree[0] in ("name", "compare"):
        yield tree[1]
    else:
        for part in tree[1:]:
            yield from _names(part)


def _feature_files(ctx: CheckContext) -> dict[str, str]:
    folder = ctx.root / "data" / "features"
    if not folder.is_dir():
        return {}
    return {p.stem: p.relative_to(ctx.root).as_posix() for p in sorted(folder.glob("*.y*ml")) if p.is_file()}


def _front_matter_features(ctx: CheckContext) -> set[str]:
    out: set[str] = set()
    for lang in ctx.languages:
        for relfile in ctx.content_files(lang):
            src = ctx.source(relfile)
            spec = src.doc.meta.get("versions") if src is not None and src.doc is not None else None
            wanted = spec.get("feature") if isinstance(spec, dict) else None
            out.update([wanted] if isinstance(wanted, str) else [str(w) for w in wanted or ()])
    return out


def _feature_file(ctx: CheckContext, name: str, relfile: str, plans: dict) -> list[Finding]:
    spec = ctx.site.feature_versions(name)
    if not hasattr(spec, "items"):
        return [ctx.finding("feature", f"the feature {name!r} has no versions: block", relfile, 1, 1,
                            "give it one, as a page's front matter has: versions: {fpt: '*', ghes: '>=3.1'}")]
    out = []
    for plan, rng in spec.items():
        line = next((i for i, text in enumerate(ctx.lines(relfile), 1) if text.lstrip().startswith(f"{plan}:")), 1)
        if plan not in plans:
            out.append(ctx.finding("feature", f"unknown plan {plan!r} in the feature {name!r}", relfile, line, 1,
                                   f"plans: {', '.join(sorted(plans))}"))
        elif str(rng).strip() != "*" and _parse_range(str(rng).strip()) is None:
            out.append(ctx.finding("feature", f"{plan}: {rng!r} is not a version range", relfile, line, 1,
                                   "use '*', a release like '3.0', or comparisons like '>=2.22 <3.1'"))
    return out
