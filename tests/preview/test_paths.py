import os

import pytest

from renderer.preview.paths import clean_segments, inside, static_file


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("/", []),
        ("/en/guide/tides", ["en", "guide", "tides"]),
        ("/en/guide/tides/", ["en", "guide", "tides"]),
        ("/en/enterprise-server@3.0/x?q=1#f", ["en", "enterprise-server@3.0", "x"]),
        ("/cn/%E6%BD%AE", ["cn", "潮"]),
    ],
)
def test_ordinary_paths(raw, expected):
    assert clean_segments(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "/../etc/passwd",
        "/assets/../content/index.md",
        "/assets/./x",
        "/assets//x",
        "/%2e%2e/etc/passwd",
        "/assets/%2E%2E/%2e%2e/etc/passwd",
        "/assets/..%2fcontent",
        "/assets/%2fetc%2fpasswd",
        "/assets/..%5ccontent",
        "/assets/a\\..\\b",
        "/assets/%00",
        "/assets/%ff",
        "//etc/passwd",
        "http://example.com/etc/passwd",
        "etc/passwd",
    ],
)
def test_traversal_and_absolute_paths_are_refused(raw):
    assert clean_segments(raw) is None


def test_static_files_stay_inside_their_root(tmp_path):
    root = tmp_path / "assets"
    (root / "images").mkdir(parents=True)
    (root / "images" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("no")
    os.symlink(tmp_path / "secret.txt", root / "images" / "out.txt")
    os.symlink(tmp_path, root / "up")
    os.symlink(root / "images" / "a.png", root / "images" / "in.png")
    assert static_file(root, ["images", "a.png"]) == (root / "images" / "a.png").resolve()
    assert static_file(root, ["images", "in.png"]) is not None  # a link that stays inside is fine
    assert static_file(root, ["images", "out.txt"]) is None
    assert static_file(root, ["up", "secret.txt"]) is None
    assert static_file(root, ["images"]) is None  # folders are not files
    assert static_file(root, ["images", "nope.png"]) is None
    assert static_file(root, []) is None
    assert inside(tmp_path, "assets/images/a.png") is not None
    assert inside(root, str(tmp_path / "secret.txt")) is None
    assert inside(root, "../secret.txt") is None
