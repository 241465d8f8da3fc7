"""A page's description: its `Summary:` or its first paragraph, as plain text.

Plain functions: text and HTML in, plain text out.
"""

import re

from ..images.markup import found_images
from ..shared.text import first_paragraph_text, html_text, plain_words

ELLIPSIS = "…"


def first_paragraph(html: str | None) -> str:
    """The words of the first non-empty paragraph of an HTML fragment, or of the
    whole fragment when it has no paragraph."""
    return first_paragraph_text(html) or html_text(html)


def shortened(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, an
    ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:-1]
    return re.sub(r"[\s,;:.!?-]+$", "", cut) + ELLIPSIS


def pictures_words(html: str | None) -> str:
    """What the images of an HTML fragment show, by their descriptions."""
    alts = (image.get("alt") or "" for image in found_images(html or ""))
    return plain_words(" ".join(alts))


def description(summary: str | None, content_html: str | None, limit: int) -> str:
    """A page's description as plain text: its `Summary:` as typed, else its
    first paragraph, else (a page of photos) what its images show, cut to at
    most `limit` characters."""
    if summary:
        text = plain_words(summary)
    else:
        text = first_paragraph(content_html) or pictures_words(content_html)
    return shortened(text, limit)
