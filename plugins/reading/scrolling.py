"""Code blocks and tables that a keyboard can scroll.

A code block or a table wider than the reader's column scrolls sideways
(theme/static/css/site.css); a reader without a mouse scrolls it only once it
can take the focus, which Safari gives no scrolling element of its own. A
Markdown extension (Python-Markdown's own way to take part in rendering) lets
every <pre> and <table> of an entry's or page's HTML take it
(`tabindex="0"`), fenced code blocks and the author's own HTML included. The
reading plugin adds it to the MARKDOWN setting when a build starts.
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

# The start tag of a code block or a table: its attributes may hold ">" quoted.
SCROLLING_TAG = re.compile(
    r"""<(?P<name>pre|table)(?P<attributes>(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?)>""",
    re.IGNORECASE,
)
TABINDEX = re.compile(r"\stabindex\s*=", re.IGNORECASE)


def focusable(html: str) -> str:
    """The HTML with every <pre> and <table> able to take the focus (one that
    has a tabindex of its own keeps it)."""

    def with_tabindex(tag: re.Match) -> str:
        if TABINDEX.search(tag["attributes"]):
            return tag[0]
        return f'<{tag["name"]}{tag["attributes"]} tabindex="0">'

    return SCROLLING_TAG.sub(with_tabindex, html)


class Focusable(Postprocessor):
    """Lets every code block and table of the finished HTML take the focus."""

    def run(self, text: str) -> str:
        return focusable(text)


class ScrollingExtension(Extension):
    """Code blocks and tables a keyboard can scroll."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 5: once the stashed HTML (fenced code blocks) is back.
        md.postprocessors.register(Focusable(md), "reading_focusable", 5)


def makeExtension(**kwargs) -> ScrollingExtension:
    """The extension, as Python-Markdown loads it by this module's name."""
    return ScrollingExtension(**kwargs)
