"""``docs-renderer migrate short-versions``: the 2021 version conditions rewritten into ``ifversion``, proved.

Every Liquid source (pages, reusables, variables; English and translations) is rewritten by
``migrate_tags.rewrite``. Nothing is written to the sources until the rewrite is proved: the docs root is
copied into a temporary folder, rewritten there, and both are built whole; every file of the two sites must be
the same, byte for byte, or the sources are left untouched and the first page that would change is named.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from renderer.build.builder import Builder, Options
from renderer.liquid import Environment
from renderer.model.frontmatter import versions_lines
from renderer.model.impact import Kind, classify, is_feature
from renderer.model.site import Site
from renderer.model.versions import short_name
from renderer.rewrite.migrate_tags import rewrite


@dataclass
class Migration:
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # relfile -> (old text, new text)
    converted: int = 0
    names: int = 0  # front-matter plan names shortened
    kept: list[tuple[str, int, str]] = field(default_factory=list)  # (relfile, line, why)
    proof: str = ""  # what was compared, once proved
    first_difference: str | None = None  # the first built file that differed, when the proof failed

    def patch(self) -> str:
        out = []
        for rel, (old, new) in sorted(self.files.items()):
            out += difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{rel}", f"b/{rel}"
            )
        return "".join(out)


def plan(root: Path, config_file: Path | None = None) -> Migration:
    """What the rewrite would change, written nowhere."""
    site = Site(root, config_file=config_file)
    env = Environment()
    out = Migration()
    for rel in liquid_sources(site):
        raw = (site.root / rel).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            out.kept.append((rel, 1, "not UTF-8: left as it is"))
            continue
        result = rewrite(text, rel, site.config, env)
        out.converted += result.converted
        out.kept += [(rel, line, why) for line, why in result.kept]
        new = result.text
        feature = is_feature(rel, site.config)
        if classify(rel, site.config, None) is Kind.PAGE or feature:
            new = _short_plan_names(new, site, whole_file=feature, out=out)
        if new != text:
            out.files[rel] = (text, new)
    return out


def prove(root: Path, migration: Migration, config_file: Path | None = None, jobs: int = 0) -> bool:
    """Build the site as it is and as rewritten, in a temporary folder; whether every built file is the same."""
    with tempfile.TemporaryDirectory(prefix="docs-renderer-migrate-") as tmp:
        copy = Path(tmp) / "docs"
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        for rel, (_, new) in migration.files.items():
            (copy / rel).write_text(new, encoding="utf-8", newline="")
        before, after = Path(tmp) / "before", Path(tmp) / "after"
        Builder(Site(root, config_file=config_file), Options(jobs=jobs)).build(before)
        moved = copy / config_file.relative_to(root) if config_file and config_file.is_relative_to(root) else None
        Builder(Site(copy, config_file=moved or config_file), Options(jobs=jobs)).build(after)
        files = 0
        for path in sorted(before.rglob("*")):
            if path.is_dir():
                continue
            rel = path.relative_to(before)
            other = after / rel
            if not other.is_file() or other.read_bytes() != path.read_bytes():
                migration.first_difference = rel.as_posix()
                return False
            files += 1
        extra = sorted(p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()
                       and not (before / p.relative_to(after)).is_file())
        if extra:
            migration.first_difference = extra[0]
            return False
        migration.proof = f"{files} built files the same, byte for byte, before and after"
        return True


def _short_plan_names(text: str, site: Site, whole_file: bool, out: Migration) -> str:
    """``versions:`` keys written with the plans' short names (``free-pro-team:`` -> ``fpt:``)."""
    lines = text.splitlines(keepends=True)
    changed = False
    for i, m in versions_lines(lines, whole_file):
        plan = site.config.plan(m.group("plan"))
        short = short_name(plan) if plan is not None else None
        if short and short != m.group("plan"):
            start, end = m.span("plan")
            lines[i] = lines[i][:start] + short + lines[i][end:]
            out.names += 1
            changed = True
    return "".join(lines) if changed else text


def apply(root: Path, migration: Migration) -> None:
    for rel, (_, new) in migration.files.items():
        (root / rel).write_text(new, encoding="utf-8", newline="")


def liquid_sources(site: Site) -> list[str]:
    """Every page and data file of every language, root-relative: what holds Liquid."""
    out = []
    for lang in site.config.languages:
        base = site.root if lang.is_source else site.root / lang.dir
        for kind in ("content", "data"):
            folder = base / kind
            if folder.is_dir():
                out += [
                    p.relative_to(site.root).as_posix()
                    for p in sorted(folder.rglob("*"))
                    if p.suffix in (".md", ".yml", ".yaml") and p.is_file() and not p.is_symlink()
                ]
    return out
