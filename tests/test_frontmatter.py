import pytest

from renderer.model.errors import FrontMatterError
from renderer.model.frontmatter import parse, read_text


def test_splits_meta_and_body_and_counts_lines():
    doc = parse("---\ntitle: Hello\nversions: '*'\n---\n\nBody text\n", "a.md")
    assert doc.meta == {"title": "Hello", "versions": "*"}
    assert doc.body == "\nBody text\n"
    assert doc.body_line == 4


def test_no_front_matter():
    doc = parse("Just text\n", "a.md")
    assert doc.meta == {} and doc.body == "Just text\n"


def test_crlf_and_bom():
    text = read_text("\ufeff---\r\ntitle: X\r\n---\r\nBody\r\n".encode(), "a.md")
    doc = parse(text, "a.md")
    assert doc.meta == {"title": "X"}
    assert doc.body == "Body\r\n"


def test_yaml_error_points_into_the_file():
    with pytest.raises(FrontMatterError) as e:
        parse("---\ntitle: ok\nintro: 'unclosed\nversions: '*'\n---\n", "page.md")
    assert e.value.filename == "page.md"
    assert e.value.line >= 3
    assert "page.md:" in str(e.value)


def test_non_utf8_is_reported_with_position():
    with pytest.raises(FrontMatterError) as e:
        read_text(b"ok\nbad \xff here", "x.md")
    assert (e.value.line, e.value.column) == (2, 5)


def test_front_matter_must_be_a_mapping():
    with pytest.raises(FrontMatterError, match="mapping"):
        parse("---\n- a\n- b\n---\n", "x.md")
