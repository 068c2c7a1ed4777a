"""``docs-renderer init [DIR]``: start a docs site of your own, ready to check, build and serve.

Writes into DIR (default: the current folder), which must be empty or not exist yet (a ``.git`` folder alone
is fine): docs-renderer.yml with your plans and languages, a home page, one product section with two
articles, a reusable, a variables file, data/ui.yml (the header's title), a .gitignore and a GitHub Actions
workflow (.github/workflows/docs.yml: build on push, the rendered diff on pull requests). Anything in the way
is refused before a file is written, and nothing is changed.

On a terminal it asks for what the options do not give; otherwise (a script, CI) it asks nothing and uses the
defaults: plans ``cloud`` and ``server@2.0,1.0``, the language ``en``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from renderer.model.errors import DocsError
from renderer.scaffold import LANGUAGE_NAMES, PlanSpec, SiteSpec, site_files

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
RELEASE = re.compile(r"^\d+(\.\d+){0,2}$")
DEFAULT_PLANS = ("cloud", "server@2.0,1.0")
IGNORED = {".git"}  # what a freshly made repository already holds


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="start a new docs site in an empty folder",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  docs-renderer init my-docs --product Acme\n"
        "  docs-renderer init my-docs --product Acme --plan 'cloud=Acme Cloud' --plan 'server@2.0,1.0=Acme Server'"
        " --language en --language ja",
    )
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), help="folder to create the site in (default: .)")
    p.add_argument("--product", help="the product's name, shown in titles and the header (default: My Product)")
    p.add_argument("--plan", dest="plans", action="append", metavar="NAME[@R1,R2…][=TITLE]",
                   help="a plan, in picker order, the first being the default; releases make it numbered "
                   "(repeatable; default: cloud and server@2.0,1.0)")
    p.add_argument("--language", dest="languages", action="append", metavar="CODE[=NAME]",
                   help="a language, the first being the one the site is written in (repeatable; default: en)")
    p.add_argument("-y", "--yes", action="store_true", help="ask nothing, even on a terminal: use the defaults")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def run(args: argparse.Namespace) -> int:
    ask = _asker() if not args.yes and sys.stdin.isatty() and sys.stderr.isatty() else None
    target = Path(args.dir)
    _refuse_if_in_the_way(target)  # before any question: do not ask for what cannot be written
    product = args.product or (ask("Product name", "My Product") if ask else "My Product")
    plans = args.plans or (ask("Plans, space-separated (NAME[@RELEASES][=TITLE])", " ".join(DEFAULT_PLANS)).split()
                           if ask else list(DEFAULT_PLANS))
    languages = args.languages or (ask("Languages, space-separated (CODE[=NAME]), the first written in", "en").split()
                                   if ask else ["en"])
    spec = SiteSpec(product.strip() or "My Product", _plans(plans, product), _languages(languages))
    files = site_files(spec)
    _refuse_if_in_the_way(target)  # again: the questions took time
    written = _write(target, files)
    if not args.quiet:
        where = "." if target == Path(".") else str(target)
        print(f"wrote {len(written)} files in {target.resolve()}", file=sys.stderr)
        hop = "" if where == "." else f"cd {where} && "
        print(f"next: {hop}docs-renderer serve   (then: docs-renderer check, docs-renderer build)", file=sys.stderr)
    return 0


def _asker() -> Callable[[str, str], str]:
    def ask(question: str, default: str) -> str:
        answer = input(f"{question} [{default}]: ").strip()
        return answer or default

    return ask


def _refuse_if_in_the_way(target: Path) -> None:
    if os.path.lexists(target) and not target.is_dir():
        raise DocsError(f"{target} exists and is not a folder", str(target),
                        hint="give init the name of a new or empty folder")
    if target.is_dir():
        present = sorted(p.name for p in target.iterdir() if p.name not in IGNORED)
        if present:
            shown = ", ".join(present[:5]) + (f" and {len(present) - 5} more" if len(present) > 5 else "")
            raise DocsError(f"{target} is not empty (it holds {shown}); init writes only into an empty folder and "
                            "has changed nothing", str(target),
                            hint="give a new folder (docs-renderer init my-docs), or empty this one")


def _plans(values: list[str], product: str) -> tuple[PlanSpec, ...]:
    """``NAME[@R1,R2…][=TITLE]`` each; releases come out newest first."""
    plans, names = [], set()
    for value in values:
        head, _, title = value.partition("=")
        name, _, releases = head.partition("@")
        name = name.strip()
        if not NAME.match(name):
            raise DocsError(f"--plan {value!r}: the name {name!r} must be letters, digits, '.', '_' or '-'",
                            hint="for example --plan cloud or --plan 'server@2.0,1.0=Acme Server'")
        if name in names:
            raise DocsError(f"--plan {value!r}: a plan named {name!r} is given twice", hint="give each plan once")
        names.add(name)
        numbers = [r.strip() for r in releases.split(",") if r.strip()]
        bad = [r for r in numbers if not RELEASE.match(r)]
        if bad or (releases and not numbers):
            raise DocsError(f"--plan {value!r}: releases must be numbers such as 2.0, not {', '.join(bad) or '-'}",
                            hint="for example --plan server@2.0,1.0; leave @... out for a plan without releases")
        numbers.sort(key=lambda r: tuple(int(x) for x in r.split(".")), reverse=True)
        default_title = f"{product.strip() or 'My Product'} {name.replace('-', ' ').title()}"
        plans.append(PlanSpec(name, title.strip() or default_title, tuple(numbers) or ("latest",)))
    return tuple(plans)


def _languages(values: list[str]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for value in values:
        code, _, name = value.partition("=")
        code, name = code.strip(), name.strip() or LANGUAGE_NAMES.get(code.strip().lower(), "")
        if not NAME.match(code):
            raise DocsError(f"--language {value!r}: the code must be letters, digits and '-' (en, ja, pt-BR)")
        if not name:
            raise DocsError(f"--language {value!r}: init does not know the name of {code!r}",
                            hint=f"give it: --language {code}=Name")
        if code in (c for c, _ in out):
            raise DocsError(f"--language {value!r}: {code!r} is given twice", hint="give each language once")
        out.append((code, name))
    return tuple(out)


def _write(target: Path, files: dict[str, str]) -> list[Path]:
    """Write every file, none over an existing one (``x`` mode); on any failure remove what was written."""
    made_root = not target.exists()
    written: list[Path] = []
    folders: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            path = target / rel
            for parent in reversed(path.relative_to(target).parents[:-1]):
                folder = target / parent
                if not folder.exists():
                    folder.mkdir()
                    folders.append(folder)
            with open(path, "x", encoding="utf-8", newline="\n") as f:
                written.append(path)
                f.write(text)
    except BaseException:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for folder in reversed(folders):
            folder.rmdir()
        if made_root:
            target.rmdir()
        raise
    return written
