from pathlib import Path

import pytest

from renderer.model.config import load_config
from renderer.model.versions import page_versions, release_key, satisfies

CONFIG = load_config(Path("/nonexistent"))


@pytest.mark.parametrize(
    "spec,release,expected",
    [
        ("*", "2.21", True),
        (">=2.22", "2.22", True),
        (">=2.22", "2.21", False),
        (">2.21", "2.22", True),
        ("2.22", "2.22", True),
        ("2.22", "3.0", False),
        ("<=2.22", "2.21", True),
        (">=2.22 <3.1", "3.0", True),
        (">=2.22 <3.1", "3.1", False),
        ("> 2.21", "3.0", True),  # a space after the operator is allowed
        ("next", "3.1", False),  # not a range: matches nothing
        ("~3.0", "3.0", True),
        ("^2.0", "2.22", True),
        ("^2.0", "3.0", False),
    ],
)
def test_ranges(spec, release, expected):
    assert satisfies(release_key(release), spec) is expected


def test_page_versions_in_site_order():
    spec = {"free-pro-team": "*", "enterprise-server": ">=3.0", "github-ae": "*"}
    assert page_versions(spec, CONFIG) == (
        "free-pro-team@latest",
        "enterprise-server@3.1",
        "enterprise-server@3.0",
        "github-ae@latest",
    )


def test_unnumbered_plans_are_tested_as_1_0():
    assert page_versions({"github-ae": "next"}, CONFIG) == ()
    assert page_versions({"github-ae": ">=1.0"}, CONFIG) == ("github-ae@latest",)
    assert page_versions({"github-ae": ">=2"}, CONFIG) == ()


def test_star_means_every_version_and_nonsense_none():
    assert page_versions("*", CONFIG) == CONFIG.versions
    assert len(CONFIG.versions) == 6
    assert page_versions(None, CONFIG) == ()
    assert page_versions({"enterprise-server": 2.22}, CONFIG) == ("enterprise-server@2.22",)
