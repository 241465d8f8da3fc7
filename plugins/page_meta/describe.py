"""What a page tells search engines and link previews about itself.

Plain functions: text, HTML and settings in; plain text, URLs and JSON out.
"""

import json
import re

from bs4 import BeautifulSoup

ELLIPSIS = "…"
PARAGRAPH_END = re.compile(r"</p\s*>", re.IGNORECASE)
# In a <script> element, "</script" or "<!--" would end or confuse it; JSON
# allows these characters escaped, so none of them appears as typed.
SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def plain_words(text):
    """The text with every run of white space made one space."""
    return " ".join(text.split())


def html_text(html):
    """The words a reader sees in an HTML fragment."""
    return plain_words(BeautifulSoup(html or "", "html.parser").get_text(" "))


def first_paragraph(html):
    """The words of the first non-empty paragraph of an HTML fragment, or of the
    whole fragment when it has no paragraph."""
    html = html or ""
    # Most often the first paragraph says it: read the HTML up to its end only
    # (an entry's whole text takes a hundred times longer to parse).
    end = PARAGRAPH_END.search(html)
    if end:
        words = first_paragraph_words(BeautifulSoup(html[: end.end()], "html.parser"))
        if words:
            return words
    soup = BeautifulSoup(html, "html.parser")
    return first_paragraph_words(soup) or plain_words(soup.get_text(" "))


def first_paragraph_words(soup):
    """The words of the first non-empty paragraph of parsed HTML, or ''."""
    for paragraph in soup.find_all("p"):
        words = plain_words(paragraph.get_text(" "))
        if words:
            return words
    return ""


def shortened(text, limit):
    """The text cut at a word boundary to at most `limit` characters, an
    ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:-1]
    return re.sub(r"[\s,;:.!?-]+$", "", cut) + ELLIPSIS


def description(summary, content_html, *, summary_is_html, limit):
    """A page's description as plain text: its `Summary:` (as typed, or the text
    of its HTML when summaries are rendered), else its first paragraph."""
    if summary:
        text = html_text(summary) if summary_is_html else plain_words(summary)
    else:
        text = first_paragraph(content_html)
    return shortened(text, limit)


def page_path(save_as):
    """The path of the page written to `save_as`, as the site links it:
    `journal/x/index.html` is `journal/x/`."""
    return re.sub(r"(^|/)index\.html$", r"\1", save_as.lstrip("/"))


def page_address(site_url, save_as):
    """The absolute address of the page written to `save_as` in the site:
    `journal/x/index.html` is `{site_url}/journal/x/`."""
    return f"{site_url.rstrip('/')}/{page_path(save_as)}"


def newest_change(entries):
    """The latest moment any of these entries was written or changed, or None:
    entries are (date, modified or None) pairs."""
    moments = [modified or date for date, modified in entries]
    return max(moments, default=None)


def script_safe_json(data):
    """JSON for a <script type="application/ld+json"> element: nothing in it can
    end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&]", lambda match: SCRIPT_UNSAFE[match.group()], text)


def blog_posting(entry):
    """schema.org BlogPosting for an entry given as a dict of plain facts: url,
    title, description, published, modified (datetimes), author, tags."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": entry["title"],
        "description": entry["description"],
        "url": entry["url"],
        "mainEntityOfPage": entry["url"],
        "datePublished": entry["published"].isoformat(),
        "dateModified": (entry["modified"] or entry["published"]).isoformat(),
    }
    if entry["author"]:
        data["author"] = {"@type": "Person", "name": entry["author"]}
    if entry["tags"]:
        data["keywords"] = list(entry["tags"])
    return script_safe_json(data)


def web_site(name, url, about, author, language):
    """schema.org WebSite for the home page."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": language,
    }
    if about:
        data["description"] = about
    if author:
        data["author"] = {"@type": "Person", "name": author}
    return script_safe_json(data)


# The names a browser looks for at a site's root, the best first.
FAVICON_NAMES = ("favicon.svg", "favicon.png", "favicon.ico")


def author_favicon(root_files, theme_favicon):
    """The icon pages show: the author's own favicon among the files copied to
    the site's root (from content/extra/), or else the theme's."""
    present = set(root_files)
    return next((name for name in FAVICON_NAMES if name in present), theme_favicon)
