"""How the build's cost grows with the site: the corpus at 1x, 2x and 4x its size.

    python benchmarks/scale.py [--root CORPUS] [--jobs N] [--sizes 1 2 4]

A site of size k is made in a temporary folder from the (read-only) corpus:
  - 1x: the corpus as it is (English and Simplified Chinese);
  - 2x: two more languages, each a copy of the Simplified Chinese tree under its own code (four languages);
  - 4x: as 2x, and every product copied under a new name (``actions`` -> ``actions-copy``), listed on the
    home page: twice the English pages, in four languages.
For each size it prints the page-versions, the full build's wall time, the peak memory of all its processes
together, the output's size, a rebuild with no change, and a rebuild after editing one reusable used by at
most 50 pages of the corpus (each rebuild the median of ``--repeat``, a new edit each time). The copied products
use a copy of that reusable under another name, so the edit reaches the same page-versions at every size. The
sites of all sizes are kept until the end, and their rebuilds take turns. Ratios to 1x are printed from the same
run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from build_speed import reusable_with_at_most, watch_memory

REPO = Path(__file__).resolve().parents[1]
EXTRA_LANGUAGES = [("xa", "translations/xa-XA", "Copy A"), ("xb", "translations/xb-XB", "Copy B")]


def make_site(corpus: Path, dest: Path, size: int, edited: str | None = None) -> Path:
    """The site of ``size``; ``edited``: a reusable the copied products use under a name of their own, so that
    an edit of it reaches the same page-versions at every size."""
    shutil.copytree(corpus, dest)
    config = yaml.safe_load((REPO / "renderer" / "model" / "defaults.yml").read_text(encoding="utf-8"))
    if size >= 2:
        for code, folder, name in EXTRA_LANGUAGES:
            shutil.copytree(dest / "translations" / "zh-CN", dest / folder)
            config["languages"].append({"code": code, "dir": folder, "name": name})
    if size >= 4:
        index = dest / "content" / "index.md"
        lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
        start = lines.index("children:\n") + 1
        end = start
        while end < len(lines) and lines[end].startswith("  - "):
            end += 1
        copies = []
        for line in lines[start:end]:
            product = line.strip()[2:].strip("/")
            if (dest / "content" / product).is_dir():
                shutil.copytree(dest / "content" / product, dest / "content" / f"{product}-copy")
                if edited:
                    _rename_reusable(dest, dest / "content" / f"{product}-copy", edited)
                copies.append(f"  - {product}-copy\n")
        index.write_text("".join(lines[:end] + copies + lines[end:]), encoding="utf-8")
    (dest / "docs-renderer.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return dest


def _rename_reusable(site: Path, folder: Path, name: str) -> None:
    """The pages under ``folder`` use reusables.<name>-copy, a copy of reusables.<name>, instead of it."""
    source = site / "data" / "reusables" / (name.replace(".", "/") + ".md")
    copy = source.with_name(source.stem + "-copy.md")
    if not copy.exists():
        shutil.copyfile(source, copy)
    use = re.compile(r"(reusables\." + re.escape(name) + r")(?![\w.\-])")
    for page in folder.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if name in text:
            page.write_text(use.sub(r"\1-copy", text), encoding="utf-8")


def build(root: Path, out: Path, cache: Path, jobs: int) -> tuple[float, int, str]:
    os.sync()  # what the copy left to write back to disk is written outside the timing
    cmd = [sys.executable, "-m", "renderer", "build", "--root", str(root), "--out", str(out), "--cache", str(cache)]
    cmd += ["--jobs", str(jobs)] if jobs else []
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    peak = watch_memory(proc)
    out_text, err = proc.communicate()
    took = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"build failed ({proc.returncode}):\n{err[-2000:]}")
    return took, peak(), out_text + err  # the summary table, wherever the build prints it


def _page_versions(summary: str) -> str:
    """The first figure of the build's summary table: the row after its header."""
    lines = summary.splitlines()
    for header, row in zip(lines, lines[1:]):
        if header.lstrip().startswith("page-versions"):
            return row.split("|")[0].strip()
    return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.environ.get("DOCS_CORPUS", "../shared/corpus/github-docs-2021-06"))
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--repeat", type=int, default=3, help="rebuilds of each kind timed (their median is printed)")
    args = ap.parse_args()
    # The commands timed run as an installed tool runs, from compiled bytecode: with PYTHONDONTWRITEBYTECODE
    # set (as on some CI machines) every run would compile the renderer's modules again (0.1-0.2 s).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    # One reusable for every size, used by at most 50 pages of the corpus: the copied products of the larger
    # sizes use a copy of it, so its edit rebuilds the same page-versions at every size.
    name, pages = reusable_with_at_most(Path(args.root), 50)
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        sites = {}
        for size in args.sizes:
            root = make_site(Path(args.root), Path(tmp) / f"{size}x" / "docs", size, name)
            out, cache = root.parent / "site", root.parent / "cache"
            full, peak, table = build(root, out, cache, args.jobs)
            size_mb = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6
            target = root / "data" / "reusables" / (name.replace(".", "/") + ".md")
            sites[size] = {"root": root, "out": out, "cache": cache, "target": target,
                           "versions": _page_versions(table), "full": full, "peak": peak, "size": size_mb,
                           "same": [], "edited": [], "rebuilt": "?"}
        # The rebuilds of all sizes take turns, round after round: this machine's speed drifts by a fifth over
        # minutes, and a size timed only after the others would carry that drift into its ratio.
        for n in range(args.repeat):
            for site in sites.values():
                site["same"].append(build(site["root"], site["out"], site["cache"], args.jobs)[0])
                text = site["target"].read_text(encoding="utf-8")  # a new edit each round
                site["target"].write_text(f"{text}\n\nEdited for the benchmark ({n}).\n", encoding="utf-8")
                took, _, said = build(site["root"], site["out"], site["cache"], args.jobs)
                site["edited"].append(took)
                rebuilt = re.search(r"incremental build: (\d+) page-versions", said)
                site["rebuilt"] = rebuilt.group(1) if rebuilt else "?"
        first: dict[str, float] = {}
        for size, site in sites.items():
            figures = {key: site[key] for key in ("full", "peak", "size")}
            figures |= {key: statistics.median(site[key]) for key in ("same", "edited")}
            first = first or figures
            ratio = " ".join(f"{k} {v / first[k]:.2f}x" for k, v in figures.items() if first[k])
            print(
                f"{size}x: {site['versions']} page-versions; full build {figures['full']:.1f} s, peak memory "
                f"{figures['peak'] / 2**20:.0f} MiB (all processes), output {figures['size']:.0f} MB; no-change "
                f"rebuild {figures['same']:.2f} s; rebuild after editing reusables.{name} ({pages} "
                f"pages, {site['rebuilt']} page-versions built again) {figures['edited']:.2f} s  [to 1x: {ratio}]",
                flush=True,
            )


if __name__ == "__main__":
    main()
