"""The compile cache and the cheap paths of compiling: plain text, cached code, and what must not be reused.

The cache's own tests force the compiled tier (every template compiled when made); the tiered tests at the end
check what reaches the cache by default: hot templates only."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.liquid import Environment, LiquidError
from renderer.liquid.compile_cache import COMPILER_VERSION, CompileCache
from renderer.liquid.environment import PlainTemplate

PAGE = "Intro for {{ who }}.\n{% if n > 1 %}many{% else %}one{% endif %}\n{% for i in (1..n) %}[{{ i }}]{% endfor %}"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("pack-*.bin"))


def test_text_without_liquid_is_a_plain_template() -> None:
    env = Environment(compat="standard")
    text = "Curly { braces } and % signs stay, so do }} and %} alone.\r\n"
    tmpl = env.from_string(text)
    assert isinstance(tmpl, PlainTemplate) and tmpl.tier == "plain"
    assert tmpl.render({"x": 1}) == text
    # the same text through an include, which renders a partial in the caller's scope
    env = Environment(compat="standard", partials={"p": text}.get)
    assert env.from_string("<{% include 'p' %}>").render({}) == f"<{text}>"


def test_second_environment_reads_compiled_code_from_the_folder(tmp_path: Path) -> None:
    first = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
    assert first.from_string(PAGE).render({"who": "you", "n": 2}) == "Intro for you.\nmany\n[1][2]"
    assert first.compile_cache.misses == 1 and len(entries(tmp_path)) == 1  # one pack, one record

    second = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
    tmpl = second.from_string(PAGE, "page.md")
    assert second.compile_cache.hits == 1
    assert tmpl.render({"who": "me", "n": 1}) == "Intro for me.\none\n[1]"


def test_cached_code_still_locates_render_errors(tmp_path: Path) -> None:
    source = "line one\n\n  {{ 1 | divided_by: n }}"
    Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(source)
    env = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
    tmpl = env.from_string(source, "other.md", line_offset=4)  # filename and offset are not part of the code
    assert env.compile_cache.hits == 1
    with pytest.raises(LiquidError) as err:
        tmpl.render({"n": 0})
    assert (err.value.filename, err.value.line, err.value.column) == ("other.md", 7, 3)


def test_settings_that_change_the_code_are_part_of_the_key(tmp_path: Path) -> None:
    source = "{{ 'a' | no_such_filter }}"
    # liquidjs lets an unknown filter pass its input on; strict mode and standard Liquid refuse it
    assert Environment(compat="liquidjs", cache_dir=tmp_path, tier="compiled").from_string(source).render({}) == "a"
    with pytest.raises(LiquidError):
        Environment(compat="liquidjs", strict=True, cache_dir=tmp_path, tier="compiled").from_string(source)
    with pytest.raises(LiquidError):
        Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(source)
    assert len(entries(tmp_path)) == 1  # templates that fail to compile are not stored


def _only_pack(folder: Path, data: bytes) -> None:
    """Leave ``folder`` holding one pack (of the current compiler version) with ``data``."""
    for pack in entries(folder):
        pack.unlink()
    (folder / f"pack-{COMPILER_VERSION[:16]}-1-test.bin").write_bytes(data)


def test_corrupt_or_foreign_entries_are_ignored(tmp_path: Path) -> None:
    Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(PAGE)
    [pack] = entries(tmp_path)
    good = pack.read_bytes()
    header = 4 + 40 + 4
    for junk in (b"", b"not a pack at all", good[:-7], good[:header] + b"\x00" * (len(good) - header)):
        _only_pack(tmp_path, junk)
        env = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
        assert env.from_string(PAGE).render({"who": "x", "n": 1}) == "Intro for x.\none\n[1]"
        assert env.compile_cache.hits == 0
    # a record filed under one key holding another source's code is not taken for the first source
    other = "Other {{ who }}"
    _only_pack(tmp_path, b"")
    Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(other)
    other_pack = max(entries(tmp_path), key=lambda p: p.stat().st_size).read_bytes()
    page_key = CompileCache(tmp_path).key(PAGE, Environment(compat="standard")._settings)
    _only_pack(tmp_path, other_pack[:4] + page_key.encode() + other_pack[44:])
    env = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
    assert env.from_string(PAGE).render({"who": "y", "n": 1}) == "Intro for y.\none\n[1]"
    assert env.compile_cache.hits == 0


def test_records_of_several_writers_and_builds_are_all_found(tmp_path: Path) -> None:
    sources = [f"Page {i}: {{{{ n | plus: {i} }}}}" for i in range(5)]
    for source in sources[:3]:  # three environments (processes), three packs
        Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(source)
    env = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
    for source in sources:
        env.from_string(source)
    env.compile_cache.close()
    assert (env.compile_cache.hits, env.compile_cache.misses) == (3, 2)
    env = Environment(compat="standard", cache_dir=tmp_path, tier="compiled")
    assert [env.from_string(s).render({"n": 1}) for s in sources] == [f"Page {i}: {i + 1}" for i in range(5)]
    assert env.compile_cache.hits == 5


def test_packs_of_another_compiler_version_are_removed(tmp_path: Path) -> None:
    Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(PAGE)
    assert len(entries(tmp_path)) == 1
    CompileCache(tmp_path, version="some other compiler")
    assert entries(tmp_path) == []


def test_a_compiler_version_change_misses(tmp_path: Path) -> None:
    cache = CompileCache(tmp_path)
    assert cache.key("{{ a }}", "s") != CompileCache(tmp_path, version="other").key("{{ a }}", "s")
    assert cache.key("{{ a }}", "s") != cache.key("{{ a }}", "t")


def test_an_unwritable_folder_only_costs_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = Environment(compat="standard", cache_dir=blocker / "cache", tier="compiled")  # cannot be a folder
    assert env.from_string("{{ 1 | plus: 1 }}").render({}) == "2"


def test_cached_code_asks_the_octicon_hook_when_rendering(tmp_path: Path) -> None:
    source = 'Icon: {% octicon "check" width="8" %}'

    def old_icons(name: str, attrs: dict[str, str]) -> str:
        return f"<old {name} {attrs['width']}>"

    def new_icons(name: str, attrs: dict[str, str]) -> str:
        return f"<new {name} {attrs['width']}>"

    env = Environment(octicon=old_icons, cache_dir=tmp_path, tier="compiled")
    assert env.from_string(source).render({}) == "Icon: <old check 8>"
    env = Environment(octicon=new_icons, cache_dir=tmp_path, tier="compiled")
    assert env.from_string(source).render({}) == "Icon: <new check 8>"  # the icon set changed, the code did not
    assert env.compile_cache.hits == 1


@pytest.mark.parametrize(
    ("control", "expected"),
    [("break", "1a!"), ("continue", "1a2a3a!")],
)
@pytest.mark.parametrize("tier", ["tree", "compiled"])
def test_output_before_a_loop_signal_from_an_include_is_kept(control: str, expected: str, tier: str) -> None:
    # the generated code appends to a list as it goes: what an include rendered before its break stays
    env = Environment(compat="standard", partials={"p": "a{% " + control + " %}b"}.get, tier=tier)
    source = "{% for i in (1..3) %}{{ i }}{% include 'p' %}x{% endfor %}!"
    assert env.from_string(source).render({}) == expected


# --- tiers: what reaches the cache -----------------------------------------------------------------


def test_a_template_is_compiled_and_cached_once_it_is_hot(tmp_path: Path) -> None:
    env = Environment(compat="standard", cache_dir=tmp_path, hot_after=2, tier="tiered")
    tmpl = env.from_string(PAGE)
    for n in (1, 2):
        assert tmpl.render({"who": "you", "n": n}).startswith("Intro for you.")
        assert tmpl.tier == "tree" and entries(tmp_path) == []  # cold: rendered from its tree, nothing stored
    assert tmpl.render({"who": "you", "n": 3}) == "Intro for you.\nmany\n[1][2][3]"  # the third render compiles
    assert tmpl.tier == "compiled" and len(entries(tmp_path)) == 1
    env.compile_cache.close()
    # the next build starts it compiled, from the cache; a template that stayed cold is parsed, not looked for
    second = Environment(compat="standard", cache_dir=tmp_path, hot_after=2, tier="tiered")
    assert second.from_string(PAGE).tier == "compiled" and second.compile_cache.hits == 1
    assert second.from_string("{{ who }} once").tier == "tree"


def test_the_tree_tier_alone_never_compiles_nor_reads_the_cache(tmp_path: Path) -> None:
    Environment(compat="standard", cache_dir=tmp_path, tier="compiled").from_string(PAGE).render({"n": 1})
    env = Environment(compat="standard", cache_dir=tmp_path, tier="tree", hot_after=0)
    tmpl = env.from_string(PAGE)
    for _ in range(3):
        assert tmpl.render({"who": "x", "n": 1}) == "Intro for x.\none\n[1]"
    assert tmpl.tier == "tree" and env.compile_cache.hits == 0


def test_a_template_turning_hot_keeps_its_output_and_its_error_places() -> None:
    env = Environment(compat="standard", hot_after=2, tier="tiered")
    tmpl = env.from_string("a\n{% for i in (1..2) %}{{ 6 | divided_by: i | divided_by: n }}{% endfor %}", "t.md")
    places = []
    for _ in range(2):  # renders 1 and 2 from the tree, 3 and 4 compiled
        assert tmpl.render({"n": 1}) == "a\n63"
        with pytest.raises(LiquidError) as err:
            tmpl.render({"n": 0})
        places.append((tmpl.tier, str(err.value)))
    assert places == [("tree", "t.md:2:22: divided by 0"), ("compiled", "t.md:2:22: divided by 0")]


@pytest.mark.parametrize("tier", ["tree", "compiled", "tiered"])
def test_what_python_cannot_compile_is_refused_in_every_tier(tier: str) -> None:
    deep = "{% for i in (1..1) %}" * 21 + "x" + "{% endfor %}" * 21
    with pytest.raises(LiquidError, match="nested too deeply"):
        Environment(tier=tier).from_string(deep)
    deep_ifs = "{% if true %}" * 99 + "x" + "{% endif %}" * 99
    with pytest.raises(LiquidError, match="nested too deeply"):
        Environment(tier=tier).from_string(deep_ifs)
    loops = "{% for i in (1..1) %}" * 20 + "x" + "{% endfor %}" * 20
    assert Environment(tier=tier).from_string(loops).render({}) == "x"
    ifs = "{% if true %}" * 40 + "x" + "{% endif %}" * 40  # deep enough to be tried, compiled at once when tiered
    tmpl = Environment(tier=tier).from_string(ifs)
    assert tmpl.render({}) == "x" and tmpl.tier == ("tree" if tier == "tree" else "compiled")
