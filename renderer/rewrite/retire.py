"""``docs-renderer retire VERSION``: a release taken out of the site, its conditions rewritten, with proof.

What is rewritten, in place and byte for byte elsewhere:
- the configuration: the release leaves the plan's ``releases`` for the front of its ``deprecated`` (a site
  without a configuration file gets one, holding the plans);
- the ``versions:`` ranges of pages' front matter and of features (``data/features/*.yml``), made as simple as
  they are for the releases left (``'>=2.21'`` → ``'*'``; a plan whose range kept only the retired release is
  removed from the page);
- every version condition in pages, reusables, variables and translations, in both syntaxes
  (``retire_tags.py``).

The proof: every page-version that remains, in every language, and the plan's ``next`` release (so that a later
release renders as it would have), renders and lays out from the rewritten sources exactly as from the sources
as they were — the article, title, intro, callouts, navigation, version picker, field by field — both under the
configuration after the retirement (what the configuration changes by itself, the releases a page lists, is
the retirement, not the rewrite).
Nothing is written until the proof holds; when it fails, the first page-version that would change is named.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from renderer import workers
from renderer.layout.document import Layout
from renderer.liquid import Environment
from renderer.model.config import CONFIG_NAME, Plan, SiteConfig
from renderer.model.errors import DocsError
from renderer.model.frontmatter import versions_lines
from renderer.model.impact import Kind, classify, is_feature
from renderer.model.site import Site
from renderer.model.versions import plans_by_name
from renderer.page.render import Renderer
from renderer.rewrite.migrate import liquid_sources
from renderer.rewrite.retire_conditions import Retiring
from renderer.rewrite.retire_tags import retire_text


@dataclass
class Retirement:
    version: str
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # relfile -> (old, new)
    removed: int = 0
    rewritten: int = 0
    ranges: int = 0  # front-matter ranges rewritten
    kept: list[tuple[str, int, str]] = field(default_factory=list)
    left_plan: list[str] = field(default_factory=list)  # pages whose range held for the retired release only
    proof: str = ""
    first_difference: str | None = None


def plan(root: Path, version: str, config_file: Path | None = None) -> tuple[Retirement, SiteConfig]:
    """What retiring ``version`` changes (written nowhere), and the configuration after it."""
    site = Site(root, config_file=config_file)
    retiring = Retiring(site.config, version)
    env = Environment()
    out = Retirement(version)
    for rel in liquid_sources(site):
        try:
            text = (site.root / rel).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        new = text
        if classify(rel, site.config, None) is Kind.PAGE or is_feature(rel, site.config):
            new = _ranges(new, retiring, out, rel, whole_file=is_feature(rel, site.config))
        done = retire_text(new, rel, retiring, env.tags, set(env.filter_names))
        out.removed += done.removed
        out.rewritten += done.rewritten
        out.kept += [(rel, line, why) for line, why in done.kept]
        if done.text != text:
            out.files[rel] = (text, done.text)
    after = _config_after(site.config, retiring)
    config_rel = CONFIG_NAME if config_file is None else Path(config_file).resolve().relative_to(site.root).as_posix()
    config_path = site.root / config_rel
    old = config_path.read_text(encoding="utf-8") if config_path.is_file() else ""
    out.files[config_rel] = (old, _config_text(old, after, retiring))
    return out, after


def prove(
    root: Path, retirement: Retirement, after: SiteConfig, config_file: Path | None = None, jobs: int = 0
) -> bool:
    """Whether every remaining page-version (and the plan's next release) renders from the rewritten sources as
    from the sources as they are, both with the configuration after (what the configuration itself changes —
    the release lists a page may show — is the retirement, not the rewrite)."""
    retiring = Retiring(Site(root, config_file=config_file).config, retirement.version)
    with tempfile.TemporaryDirectory(prefix="docs-renderer-retire-") as tmp:
        copy = Path(tmp) / "docs"
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        for rel, (_, new) in retirement.files.items():
            (copy / rel).write_text(new, encoding="utf-8", newline="")
        old = Site(root, config=_with_next(after, retiring.plan.name))
        new = Site(copy, config=_with_next(after, retiring.plan.name))
        old_side, new_side = _Side(old), _Side(new)
        tasks = [
            (lang.code, page.path, v)
            for lang in old.config.languages
            for page in old.pages(lang)
            for v in page.versions
            if v != retirement.version
        ]

        def compare(task: tuple[str, str, str]) -> str | None:
            lang, path, version = task
            page = new.page(lang, path)
            if page is None or version not in page.versions:
                return f"{lang} {path} {version}: no longer served"
            if old_side.fields(old.page(lang, path), version) != new_side.fields(page, version):
                return f"{lang} {path} {version}"
            return None

        for difference in workers.run(tasks, compare, jobs, group=lambda t: t[:2]):
            if difference is not None:
                retirement.first_difference = difference
                return False
        retirement.proof = (
            f"{len(tasks)} page-versions (the next release {retiring.plan.name}@{retiring.plan.next} among them) "
            "render and lay out as before"
        )
        return True


def apply(root: Path, retirement: Retirement) -> None:
    for rel, (_, new) in retirement.files.items():
        (root / rel).write_text(new, encoding="utf-8", newline="")


class _Side:
    def __init__(self, site: Site) -> None:
        self.renderer = Renderer(site)
        self.layout = Layout(site, self.renderer)

    def fields(self, page, version: str) -> dict[str, str]:
        r = self.renderer.render(page, version)
        if r.error:
            return {"error": r.error}
        return dict(self.layout.laid_out(page, r).fields)


def _with_next(config: SiteConfig, plan_name: str) -> SiteConfig:
    """The configuration with the plan's next release among its releases, to render it."""
    plans = []
    for p in config.plans:
        if p.name == plan_name and p.next and p.next not in p.releases:
            p = dataclasses.replace(p, releases=(p.next, *p.releases))
        plans.append(p)
    return dataclasses.replace(config, plans=tuple(plans))


def _config_after(config: SiteConfig, retiring: Retiring) -> SiteConfig:
    plans = []
    for p in config.plans:
        if p.name == retiring.plan.name:
            p = dataclasses.replace(
                p,
                releases=tuple(r for r in p.releases if r != retiring.release),
                deprecated=(retiring.release, *p.deprecated),
            )
        plans.append(p)
    return dataclasses.replace(config, plans=tuple(plans))


def _config_text(old: str, after: SiteConfig, retiring: Retiring) -> str:
    """The configuration file after: the release moved in its own text when the file lists it, else a file
    that sets the plans (the rest stays as the built-in defaults have it)."""
    release = re.escape(retiring.release)
    quoted = rf"""(?:"{release}"|'{release}'|{release})"""
    if old:
        moved = re.sub(rf"(releases:\s*\[[^\]]*?),\s*{quoted}\s*\]", r"\1]", old, count=1)
        if moved == old:
            raise DocsError(
                f"the configuration does not list {retiring.release} last in a releases: [...] list",
                CONFIG_NAME,
                hint=f"move {retiring.release} from releases: to deprecated: by hand, then run retire again",
            )
        with_deprecated = re.sub(r"(deprecated:\s*\[)", rf'\1"{retiring.release}", ', moved, count=1)
        return with_deprecated if with_deprecated != moved else moved
    return yaml.safe_dump({"plans": [_plan_dict(p) for p in after.plans]}, sort_keys=False, allow_unicode=True)


def _plan_dict(p: Plan) -> dict:
    out = {"name": p.name, "title": p.title, "releases": list(p.releases)}
    if p.default:
        out["default"] = True
    if p.deprecated:
        out["deprecated"] = list(p.deprecated)
    if p.next:
        out["next"] = p.next
    for key, value in (p.lists or {}).items():
        out.setdefault("lists", {})[key] = list(value)
    short = getattr(p, "short", None)
    if short:
        out["short"] = short
    return out


def _ranges(text: str, retiring: Retiring, out: Retirement, rel: str, whole_file: bool) -> str:
    """The ``versions:`` block's range of the retired plan, for the releases left (front matter, feature file)."""
    lines = text.splitlines(keepends=True)
    names = {n for n, p in plans_by_name(retiring.config).items() if p.name == retiring.plan.name}
    changed = False
    for i, m in versions_lines(lines, whole_file):
        if m.group("plan") not in names:
            continue
        simpler = retiring.range(m.group("range"))
        ending = lines[i][len(lines[i].rstrip("\r\n")) :]
        if simpler is None:
            lines[i] = ""
            out.left_plan.append(rel)
        elif simpler != m.group("range"):
            q = m.group("q") or "'"
            lines[i] = f"{m.group('lead')}{m.group('plan')}{m.group('colon')}{q}{simpler}{q}{m.group('tail')}{ending}"
        else:
            continue
        out.ranges += 1
        changed = True
    return "".join(lines) if changed else text
