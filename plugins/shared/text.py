"""Text from HTML, and JSON that nothing in a script element can end.

Plain functions: strings in, strings out.
"""

import html as html_entities
import json
import re
from html.parser import HTMLParser

# Elements that end a run of words: their text never runs into the next's.
BLOCK_ELEMENTS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
)

# A tag that ends a run of words, and any tag (or comment): what `word_count`
# drops without parsing the HTML.
BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(BLOCK_ELEMENTS)})\b[^>]*>", re.IGNORECASE)
ANY_TAG = re.compile(r"<[^>]*>")
# An HTML comment: nothing of it is shown.
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

# In a <script> element, "</script" or "<!--" would end or confuse it, and
# older JavaScript parsers refuse the two line separators in strings; JSON
# allows all of them escaped, so none appears as typed.
SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def plain_words(text: str) -> str:
    """The text with every run of white space made one space, trimmed."""
    return " ".join(text.split())


def soup_text(soup) -> str:
    """The words a reader sees in parsed HTML (a BeautifulSoup tree): blocks
    stay apart ("<p>a</p><p>b</p>" is "a b"), inline markup joins
    ("don<em>'</em>t" is "don't")."""
    for block in soup.find_all(BLOCK_ELEMENTS):
        block.insert_before(" ")
        block.insert_after(" ")
    return plain_words(soup.get_text())


def html_text(html: str | None) -> str:
    """The words a reader sees in an HTML fragment, as one line (what
    `soup_text` gives, read with the standard library's parser)."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return plain_words(html)
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    return plain_words("".join(reader.text))


def first_paragraph_text(html: str | None) -> str:
    """The words of the first paragraph of an HTML fragment that has any, or
    '' (what `soup_text` gives of that <p>)."""
    reader = _TextReader(first_paragraph=True)
    try:
        reader.feed(html or "")
        reader.close()
    except _FirstParagraphFound:
        pass  # the rest of the HTML is not read: nothing in it changes this
    return reader.found or plain_words("".join(reader.text) if reader.open else "")


class _FirstParagraphFound(Exception):
    """Stops reading once the first paragraph with words has been read."""


class _TextReader(HTMLParser):
    """Text as BeautifulSoup's get_text() gives it (not that of scripts,
    styles, templates or comments; CDATA's), with a space on each side of a
    block element. With `first_paragraph`, the text of the first <p> (and
    what it holds) that has words, kept in `found`."""

    HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self, first_paragraph: bool = False):
        super().__init__(convert_charrefs=True)
        self.first_paragraph = first_paragraph
        self.text: list[str] = []
        self.hidden = 0
        self.open = 0  # paragraphs open, in first-paragraph mode
        self.found = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        if self.first_paragraph and not self.found and tag == "p":
            if not self.open:
                self.text = []
            self.open += 1
        if tag in BLOCK_ELEMENTS:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in BLOCK_ELEMENTS:
            self.text.append(" ")
        if self.first_paragraph and tag == "p" and self.open:
            self.open -= 1
            if not self.open and not self.found:
                self.found = plain_words("".join(self.text))
                if self.found:
                    raise _FirstParagraphFound

    def handle_data(self, data):
        if not self.hidden and (self.open or not self.first_paragraph):
            self.text.append(data)

    def unknown_decl(self, data):
        if data.startswith("CDATA["):
            self.handle_data(data.removeprefix("CDATA["))


def word_count(html: str | None) -> int:
    """How many words a reader sees in an HTML fragment: the words of
    `html_text`, counted from the HTML as it is (two regular expressions
    instead of a parser, some forty times faster: a journal's every entry is
    counted in a blink)."""
    if not html:
        return 0
    text = ANY_TAG.sub("", BLOCK_TAG.sub(" ", html))
    return len(html_entities.unescape(text).split())


def script_safe_json(data: object) -> str:
    """Data as compact JSON for a <script type="application/ld+json"> element:
    nothing in it can end the element or start markup, and it reads back to
    exactly the same data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(SCRIPT_SAFE)
