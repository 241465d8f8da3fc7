"""A page's description: its `Summary:` or its first paragraph, as plain text.

Plain functions: text and HTML in, plain text out.
"""

import re

from ..shared.text import plain_words, soup_text

ELLIPSIS = "…"
PARAGRAPH_END = re.compile(r"</p\s*>", re.IGNORECASE)


def first_paragraph(html: str | None) -> str:
    """The words of the first non-empty paragraph of an HTML fragment, or of the
    whole fragment when it has no paragraph."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 - descriptions are kept between builds

    html = html or ""
    # Most often the first paragraph says it: read the HTML up to its end only
    # (an entry's whole text takes a hundred times longer to parse).
    end = PARAGRAPH_END.search(html)
    if end:
        words = first_paragraph_words(BeautifulSoup(html[: end.end()], "html.parser"))
        if words:
            return words
    soup = BeautifulSoup(html, "html.parser")
    return first_paragraph_words(soup) or soup_text(soup)


def first_paragraph_words(soup) -> str:
    """The words of the first non-empty paragraph of parsed HTML, or ''."""
    for paragraph in soup.find_all("p"):
        words = soup_text(paragraph)
        if words:
            return words
    return ""


def shortened(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, an
    ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:-1]
    return re.sub(r"[\s,;:.!?-]+$", "", cut) + ELLIPSIS


def description(summary: str | None, content_html: str | None, limit: int) -> str:
    """A page's description as plain text: its `Summary:` as typed, else its
    first paragraph, cut to at most `limit` characters."""
    text = plain_words(summary) if summary else first_paragraph(content_html)
    return shortened(text, limit)
