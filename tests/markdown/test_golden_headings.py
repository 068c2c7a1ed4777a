"""Heading ids of the golden English pages follow our slug rule (needs DOCS_GOLDEN)."""

import gzip
import html
import json
import os
import re
from pathlib import Path

import pytest

from renderer.markdown.headings import slugify

HEADING = re.compile(r'<h[1-6] id="([^"]*)"><a href="#[^"]*">(.*?)</a></h[1-6]>', re.S)
TAG = re.compile(r"<[^>]+>")


def golden_headings():
    golden = os.environ.get("DOCS_GOLDEN")
    if not golden:
        pytest.skip("DOCS_GOLDEN (folder of the golden renderings) is not set")
    with gzip.open(Path(golden) / "en.jsonl.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            for anchor, inner in HEADING.findall(json.loads(line)["html"]):
                yield html.unescape(anchor), html.unescape(TAG.sub("", inner))


def test_every_golden_heading_id_is_its_slug_or_a_numbered_repeat():
    wrong = []
    count = 0
    for anchor, text in golden_headings():
        count += 1
        slug = slugify(text)
        if anchor != slug and not re.fullmatch(re.escape(slug) + r"-\d+", anchor):
            wrong.append((anchor, text))
    assert count > 10_000
    assert wrong == []
