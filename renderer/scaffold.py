"""The files of a new docs site (``docs-renderer init``): small, but each shows one thing the renderer does.

``site_files(spec)`` returns every file's path and text for a product name, its plans and its languages: the
configuration, a home page, one product section with two articles (one versioned per plan), a reusable, a
variables file, the chrome's words (``data/ui.yml``), a translated home page per extra language, a
``.gitignore`` and a GitHub Actions workflow. Writing them is ``commands/init.py``'s job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from renderer import __version__

# Names of a few languages, so that `--language ja` is enough; any other needs `--language xx=Name`.
LANGUAGE_NAMES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "nl": "Dutch", "pt": "Portuguese", "ru": "Russian", "zh": "Chinese", "cn": "Chinese",
}
SECTION = "get-started"  # the product section's folder under content/


@dataclass(frozen=True)
class PlanSpec:
    name: str
    title: str
    releases: tuple[str, ...]  # newest first; ("latest",) for a plan without numbered releases

    @property
    def numbered(self) -> bool:
        return self.releases != ("latest",)


@dataclass(frozen=True)
class SiteSpec:
    product: str
    plans: tuple[PlanSpec, ...]
    languages: tuple[tuple[str, str], ...]  # (code, name); the first is the language the site is written in


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def site_files(spec: SiteSpec) -> dict[str, str]:
    files = {
        "docs-renderer.yml": _config(spec),
        "content/index.md": _home(spec),
        f"content/{SECTION}/index.md": _section(spec),
        f"content/{SECTION}/introduction.md": _introduction(spec),
        f"content/{SECTION}/installing.md": _installing(spec),
        f"data/reusables/{SECTION}/support-note.md": (
            "If something here does not work for you, tell us: {% data variables.product.support %}.\n"
        ),
        "data/variables/product.yml": _variables(spec),
        "data/ui.yml": _ui(spec),
        ".gitignore": "# what docs-renderer build writes: the site, and its cache beside it\n_site/\n._site.cache/\n",
        ".github/workflows/docs.yml": _workflow(),
    }
    for code, name in spec.languages[1:]:
        files[f"translations/{code}/content/index.md"] = _home(spec, translated=name)
    return files


def _config(spec: SiteSpec) -> str:
    lines = [
        f"# The plans and languages of the {spec.product} docs. Every key: docs/configuration.md of docs-renderer;",
        "# `docs-renderer config` prints what the commands use, defaults included.",
        "plans:  # in the order the version picker shows them",
    ]
    for i, plan in enumerate(spec.plans):
        releases = ", ".join(_q(r) for r in plan.releases) if plan.numbered else "latest"
        lines += [f"  - name: {plan.name}", f"    title: {_q(plan.title)}", f"    releases: [{releases}]"]
        if i == 0:
            lines.append("    default: true  # its URLs carry no version: /en/<page>")
    lines.append("languages:")
    for code, name in spec.languages:
        folder = "." if code == spec.languages[0][0] else f"translations/{code}"
        lines.append(f"  - {{code: {code}, dir: {_q(folder)}, name: {_q(name)}}}")
    return "\n".join(lines) + "\n"


def _front(title: str, intro: str | None = None, versions: str = "'*'", extra: str = "") -> str:
    head = f"---\ntitle: {_q(title)}\n"
    if intro:
        head += f"intro: {_q(intro)}\n"
    return head + f"versions: {versions}\n{extra}---\n"


def _home(spec: SiteSpec, translated: str | None = None) -> str:
    note = f"\n(This is the {translated} home page: translate it, and add more pages under this folder.)\n"
    return _front(
        "{% data variables.product.name %} Documentation",
        "Everything about {% data variables.product.name %}, for every plan and release.",
        extra=f"children:\n  - {SECTION}\n",
    ) + (note if translated else "\nStart with [Getting started](/get-started).\n")


def _section(spec: SiteSpec) -> str:
    return _front(
        "Getting started",
        "Install {% data variables.product.name %} and learn what it does.",
        extra="children:\n  - /introduction\n  - /installing\n",
    )


def _introduction(spec: SiteSpec) -> str:
    return _front("Introduction", "What {% data variables.product.name %} is for.") + (
        "\n{% data variables.product.name %} is documented here for every plan. Pick yours in the version "
        "picker: pages change to say what applies to it.\n\n"
        "## Next steps\n\n"
        "- [Install {% data variables.product.name %}](/get-started/installing).\n"
    )


def _installing(spec: SiteSpec) -> str:
    numbered = next((p for p in spec.plans if p.numbered), None)
    body = ["", "## Requirements", "", "You need an account on the plan you use.", ""]
    for plan in spec.plans:
        body += [f'{{% if currentPlan == "{plan.name}" %}}', f"On {plan.title}, follow these steps.", "{% endif %}"]
    if numbered is not None:
        body += [
            "",
            f"{{% if numberedVersions contains currentVersion %}}You read the docs of {numbered.title} "
            "{{ currentRelease }}; the newest release is {{ numberedReleases.latest }}.{% endif %}",
        ]
    body += ["", "## Install", "", "1. Download the installer.", "2. Run it.", "",
             f"{{% data reusables.{SECTION}.support-note %}}", ""]
    return _front("Installing {% data variables.product.name %}",
                  "Install it in a few minutes.") + "\n".join(body)


def _variables(spec: SiteSpec) -> str:
    return (
        "# Names used across pages: change them here, once.\n"
        f"name: {_q(spec.product)}\n"
        f"support: {_q('support@' + (_slug(spec.product) or 'example') + '.example')}\n"
    )


def _ui(spec: SiteSpec) -> str:
    return (
        "# Words of the site's own chrome (header, footer, pickers), kept apart from the articles. The keys a\n"
        "# layout reads are in docs/site.md of docs-renderer; what is not given here keeps its default.\n"
        f"header:\n  docs_title: {_q(spec.product + ' Docs')}\n"
        "footer:\n  all_rights_reserved: All rights reserved\n"
    )


def _workflow() -> str:
    return f"""# Build the docs on every push; on a pull request, also show what readers will see change.
name: docs
on:
  push:
  pull_request:
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the diff compares with the base branch
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "docs-renderer=={__version__}"
      - run: docs-renderer check
      - run: docs-renderer build --out _site
      - name: What readers will see change
        if: github.event_name == 'pull_request'
        # exit 1 means "something changed", which a docs pull request is for; 2 means the diff could not run
        run: docs-renderer diff --base origin/${{{{ github.base_ref }}}} --stat || [ $? -eq 1 ]
"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
