"""The data keys a text refers to, found without rendering it (``model/data_refs.py``): what the diff's scan of
every page and data file relies on to find the pages a changed reusable or variable reaches."""

from __future__ import annotations

import pytest

from renderer.model.data_refs import referenced_keys, related


@pytest.mark.parametrize(
    "text,keys",
    [
        ("{% data reusables.a.b %}", {"reusables.a.b"}),
        ("{%- data variables.product.name -%}", {"variables.product.name"}),
        ("{% indented_data_reference reusables.x spaces=3 %}", {"reusables.x"}),
        ("{% data glossaries.external[forloop.index0].term %}", {"glossaries.external"}),  # cut at the index
        ('{% data "quoted" %}', {""}),  # not a plain name: stands for all of site.data
        ("{{ site.data.variables.a }}", {"variables.a"}),
        ("{{ site . data . reusables.b }}", {""}),  # spaced out: read as all of site.data (over, never under)
        ("{% for x in site.data.learning-tracks %}", {"learning-tracks"}),
        ("website.data.x, my_site.data.y, résite.data.z", set()),  # "site" must begin a word
        ("(site.data.ok)", {"ok"}),
        ("{% ifversion fpt or ghes > 3.0 %}", {"features.fpt", "features.or", "features.ghes"}),
        ("plain text, no tags", set()),
    ],
)
def test_referenced_keys(text, keys):
    assert referenced_keys(text) == keys


def test_related_holds_either_way_and_the_empty_key_holds_everything():
    assert related("reusables.a", "reusables.a.b") and related("reusables.a.b", "reusables.a")
    assert related("", "variables.x") and not related("reusables.ab", "reusables.a")
