"""The size an SVG is shown at, read from its root element alone.

`svg_size(data)` reads the `width` and `height` of the root `<svg>` when they
are lengths (`100`, `100px`, or absolute units: `10cm` is 378 pixels), and
its `viewBox` for the one they leave out: `width="100" height="50"` and
`width="100" viewBox="0 0 200 100"` are both 100 x 50; a viewBox alone says
no size. A relative unit (`2em`, `100%`) or a value that is not written out
(an entity) makes the size unknown: None, and the page shows the image
without one. A few regular expressions over the start of the file: no XML
parser, so nothing is fetched and no entity is expanded.
"""

import re

# A size past this many pixels is a mistake (or 1e400), not a drawing's.
LARGEST = 100_000
# The root element comes after an XML declaration, comments and a doctype:
# within the first few kilobytes of any SVG an editor writes.
HEAD_BYTES = 64 * 1024

ROOT = re.compile(
    r"""<(?:[\w.-]+:)?svg(?P<attributes>(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)"""
    r"\s*/?>"
)
ATTRIBUTE = re.compile(r"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
PLAIN_LENGTH = re.compile(
    r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(px|in|cm|mm|pt|pc)?\s*", re.IGNORECASE
)
# Pixels a unit of absolute length is (CSS: 96 a inch). Drawing programs
# often write millimetres (Inkscape) or points.
PIXELS = {"px": 1, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96 / 72, "pc": 16}
NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
VIEW_BOX = re.compile(rf"\s*{NUMBER}[\s,]+{NUMBER}[\s,]+({NUMBER})[\s,]+({NUMBER})\s*")


def svg_size(data: bytes) -> tuple[int, int] | None:
    """The width and height, in pixels, a browser shows this SVG at, or None
    when its root element does not say so in plain units or a viewBox."""
    attributes = root_attributes(data[:HEAD_BYTES].decode("utf-8", errors="replace"))
    if attributes is None:
        return None
    given = [attributes.get("width"), attributes.get("height")]
    width, height = (plain_length(value) for value in given)
    if (given[0] is not None and width is None) or (
        given[1] is not None and height is None
    ):
        return None  # another unit: its size in pixels is the browser's to say
    box = view_box_size(attributes.get("viewBox"))
    if box and width is None and height is not None:
        width = height * box[0] / box[1]
    elif box and height is None and width is not None:
        height = width * box[1] / box[0]
    # A viewBox alone gives no size: the browser fits such a drawing to the
    # column (its 320 x 180 would show a full-width diagram at 320 pixels).
    if not width or not height or max(width, height) > LARGEST:
        return None
    return max(1, round(width)), max(1, round(height))


def root_attributes(text: str) -> dict[str, str] | None:
    """The attributes of the document's root element when it is an <svg>,
    found past the XML declaration, comments and a doctype (each skipped
    whole: one pass over the text)."""
    position = text.find("<")
    while position != -1:
        if text.startswith("<!--", position):
            end = text.find("-->", position + 4)
        elif text.startswith(("<?", "<!"), position):
            end = text.find(">", position)  # a doctype's entities come one by one
        else:
            root = ROOT.match(text, position)
            if root is None:
                return None
            return {
                found[1]: found[2] if found[3] is None else found[3]
                for found in ATTRIBUTE.finditer(root["attributes"])
            }
        if end == -1:
            return None
        position = text.find("<", end + 1)
    return None


def plain_length(value: str | None) -> float | None:
    """A length in pixels (`100`, `100px`, or in an absolute unit: `10cm`),
    or None when it is written otherwise (`2em`, `100%`) or not at all."""
    match = PLAIN_LENGTH.fullmatch(value or "")
    return float(match[1]) * PIXELS[(match[2] or "px").lower()] if match else None


def view_box_size(value: str | None) -> tuple[float, float] | None:
    """The width and height of a viewBox (`0 0 100 50`), when both are over 0."""
    match = VIEW_BOX.fullmatch(value or "")
    if match is None:
        return None
    width, height = float(match[1]), float(match[2])
    return (width, height) if width > 0 and height > 0 else None
