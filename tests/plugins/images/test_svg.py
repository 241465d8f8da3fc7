"""An SVG's size, read from its root element: plain units or its viewBox."""

import pytest

from plugins.images.svg import svg_size

ROOT = "<svg xmlns='http://www.w3.org/2000/svg' {}/>"


@pytest.mark.parametrize(
    ("attributes", "size"),
    [
        ('width="100" height="50"', (100, 50)),
        ("width='100px' height = '50.4px'", (100, 50)),
        ('viewBox="0 0 320 180"', None),  # fitted to the column by the browser
        ('width="30.2" viewBox="-10,-10, 30.2,20"', (30, 20)),
        ('width="1e400" height="50"', None),
        ('width="100" viewBox="0 0 1e-300 1e300"', None),
        ('width="90" viewBox="0 0 30 20"', (90, 60)),
        ('height="60" viewBox="0 0 30 20"', (90, 60)),
        ('width="100" height="50" viewBox="0 0 1 1"', (100, 50)),
        ('width="10cm" height="5cm" viewBox="0 0 100 50"', (378, 189)),
        ('width="210mm" height="297MM"', (794, 1123)),
        ('width="1in" height="72pt"', (96, 96)),
        ('width="2em" height="1em" viewBox="0 0 100 50"', None),
        ('width="100%" viewBox="0 0 100 50"', None),
        ('width="&w;" height="50"', None),
        ('width="100"', None),
        ('viewBox="0 0 0 50"', None),
        ('width="0" height="50"', None),
        ("", None),
    ],
)
def test_the_size_an_svg_says_in_plain_units_or_its_view_box(attributes, size):
    assert svg_size(ROOT.format(attributes).encode()) == size


def test_the_root_is_found_past_a_declaration_comments_and_a_doctype():
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!-- made by hand: <svg width="1" height="1"> -->\n'
        '<!DOCTYPE svg [ <!ENTITY w "7"> <!ENTITY h "8"> ]>\n'
        '<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="40" height="30">'
        "</svg:svg>"
    )
    assert svg_size(svg.encode()) == (40, 30)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><svg width='1' height='1'/></html>",  # not an SVG document
        b"<!-- never closed <svg width='1' height='1'/>",
        b"\x89PNG\r\n\x1a\n",
        b"",
    ],
)
def test_anything_else_has_no_size(data):
    assert svg_size(data) is None
