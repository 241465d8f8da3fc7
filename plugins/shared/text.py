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

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 on,
# except surrogates and U+FFFE/U+FFFF; it discourages the other control
# characters (U+007F-U+009F), which HTML forbids too (a browser shows each as a
# box). A word processor pastes them as page breaks, soft line breaks or stray
# bytes: none means anything to a reader.
NOT_IN_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)
# Breaks between words (vertical tab, form feed, next line) become a space so
# that the words either side stay apart; the rest is dropped.
WORD_BREAKS = {"\x0b": " ", "\x0c": " ", "\x85": " "}

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


def without_control_characters(text: str | None) -> tuple[str | None, list[str]]:
    """Return (text without the characters XML 1.0 cannot carry nor a page
    show, the code points that were taken out, as U+XXXX in order of first
    appearance)."""
    if not text:
        return text, []
    found = list(dict.fromkeys(NOT_IN_XML.findall(text)))
    if not found:
        return text, []
    clean = NOT_IN_XML.sub(lambda m: WORD_BREAKS.get(m.group(), ""), text)
    return clean, [f"U+{ord(char):04X}" for char in found]


def pasted_characters_warning(
    source: str, line: int | None, parts: list[str], removed: list[str]
) -> str:
    """The warning for characters no reader sees, taken out of these parts
    (title, summary, text) of the file `source`, first met on `line`."""
    at_line = f"line {line}: " if line else ""
    named = " and ".join([", ".join(parts[:-1]), parts[-1]] if parts[1:] else parts)
    return (
        f"{source}: {at_line}left characters no reader sees ({', '.join(removed)}) "
        f"out of its {named}; delete them from the file (they often come with "
        "text pasted from a word processor)"
    )


def first_line_with(text: str, pattern: re.Pattern) -> int | None:
    """The number of the first line of `text` where `pattern` is found."""
    found = pattern.search(text)
    return line_at(text, found.start()) if found else None


def line_at(text: str, position: int) -> int:
    """The number of the line of `text` that holds `position`."""
    return text.count("\n", 0, position) + 1
