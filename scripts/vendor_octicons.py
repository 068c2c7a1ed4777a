"""Regenerate the vendored octicon data from the @primer/octicons npm package.

The reference renderer drew `{% octicon %}` tags with @primer/octicons 14.1.0, so the exact SVG paths of that
release are vendored into ``renderer/octicons/octicons.json`` (only what rendering needs: each icon's natural
heights with their width and SVG body) together with the package's MIT ``LICENSE``.

    python scripts/vendor_octicons.py                       # runs `npm pack @primer/octicons@14.1.0`
    python scripts/vendor_octicons.py --tarball pkg.tgz     # uses a tarball you already have
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@primer/octicons"
VERSION = "14.1.0"
OUT_DIR = Path(__file__).resolve().parent.parent / "renderer" / "octicons"


def npm_pack(dest: Path, version: str = VERSION) -> Path:
    """Download the package tarball with the ordinary npm client and return its path."""
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}"], cwd=dest, check=True, capture_output=True, text=True
    )
    # npm prints the tarball's file name as the last line of stdout.
    name = result.stdout.strip().splitlines()[-1]
    return dest / name


def _member_text(tar: tarfile.TarFile, name: str) -> str:
    member = tar.extractfile(f"package/{name}")
    if member is None:
        raise SystemExit(f"{name} missing from the tarball")
    return member.read().decode("utf-8")


def compact_icons(data: dict) -> dict[str, dict[str, list]]:
    """Keep, per icon, ``{height: [width, svg_body]}`` with heights in ascending numeric order."""
    icons: dict[str, dict[str, list]] = {}
    for name in sorted(data):
        heights = data[name]["heights"]
        icons[name] = {h: [heights[h]["width"], heights[h]["path"]] for h in sorted(heights, key=int)}
    return icons


def vendor(tarball: Path, out_dir: Path = OUT_DIR, version: str = VERSION) -> int:
    """Write octicons.json and LICENSE from ``tarball``; return the number of icons written."""
    with tarfile.open(tarball, "r:gz") as tar:
        package = json.loads(_member_text(tar, "package.json"))
        if package.get("name") != PACKAGE or package.get("version") != version:
            found = f"{package.get('name')}@{package.get('version')}"
            raise SystemExit(f"expected {PACKAGE}@{version}, the tarball holds {found}")
        data = json.loads(_member_text(tar, "build/data.json"))
        license_text = _member_text(tar, "LICENSE")
    payload = {"package": PACKAGE, "version": version, "license": "MIT", "icons": compact_icons(data)}
    out_dir.mkdir(parents=True, exist_ok=True)
    # One icon per line: compact, yet a version bump gives a readable diff.
    compact = {"separators": (",", ":")}
    lines = [f"{json.dumps(name)}:{json.dumps(sizes, **compact)}" for name, sizes in payload["icons"].items()]
    header = ",".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in payload.items() if k != "icons")
    text = "{" + header + ',"icons":{\n' + ",\n".join(lines) + "\n}}\n"
    (out_dir / "octicons.json").write_text(text, encoding="utf-8")
    (out_dir / "LICENSE").write_text(license_text, encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="an existing npm tarball of the package (default: npm pack)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: renderer/octicons)")
    args = parser.parse_args(argv)
    if args.tarball:
        count = vendor(args.tarball, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            count = vendor(npm_pack(Path(tmp)), args.out)
    print(f"wrote {count} icons of {PACKAGE}@{VERSION} to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
