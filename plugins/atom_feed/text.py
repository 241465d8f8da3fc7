"""HTML whose every link and image works in a reader.

Plain functions: strings in, strings (and what was changed) out.
"""

import re
from html import unescape
from urllib.parse import urljoin

# Attributes that hold one URL, by element; srcset holds a list of them.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "audio": ("src",),
    "blockquote": ("cite",),
    "del": ("cite",),
    "embed": ("src",),
    "iframe": ("src",),
    "img": ("src",),
    "input": ("src",),
    "ins": ("cite",),
    "link": ("href",),
    "object": ("data",),
    "q": ("cite",),
    "source": ("src",),
    "track": ("src",),
    "video": ("src", "poster"),
}
SRCSET_ELEMENTS = ("img", "source")
# What a page's image offers a browser beyond one file: a reader wants none.
RESPONSIVE_ATTRIBUTES = ("srcset", "sizes", "loading", "decoding", "fetchpriority")
URL_ATTRIBUTE_VALUE = re.compile(
    r"""\s(?P<name>href|src|cite|data|poster|srcset)\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE,
)


def absolute_links(html: str, base_url: str) -> str:
    """Return the HTML with every link and image URL made absolute against
    base_url (the page the HTML belongs to), as a feed reader needs them."""
    if not html or links_already_absolute(html, base_url):
        return html
    from bs4 import BeautifulSoup  # noqa: PLC0415 - most entries need no parsing

    soup = BeautifulSoup(html, "html.parser")
    for name, attributes in URL_ATTRIBUTES.items():
        for tag in soup.find_all(name):
            for attribute in attributes:
                if tag.get(attribute) is not None:
                    tag[attribute] = urljoin(base_url, tag[attribute].strip())
    for name in SRCSET_ELEMENTS:
        for tag in soup.find_all(name, srcset=True):
            tag["srcset"] = absolute_srcset(tag["srcset"], base_url)
    return str(soup)


def plain_images(html: str) -> str:
    """Return the HTML with each <picture> replaced by its <img>, and no
    image offering several files: a feed reader shows one plain image, the
    file the page gives browsers without srcset, with its width and height."""
    if not html or ("<picture" not in html and "srcset" not in html):
        return html
    from bs4 import BeautifulSoup  # noqa: PLC0415 - most entries need no parsing

    soup = BeautifulSoup(html, "html.parser")
    for picture in soup.find_all("picture"):
        image = picture.find("img")
        if image:
            picture.replace_with(image)
        else:
            picture.decompose()
    for image in soup.find_all("img"):
        for attribute in RESPONSIVE_ATTRIBUTES:
            del image[attribute]
    return str(soup)


def links_already_absolute(html: str, base_url: str) -> bool:
    """Whether no URL in the HTML would change: then it needs no parsing (a
    production build's entries link with absolute addresses already).

    The pattern finds every attribute that may hold a URL, and more (the same
    words in the text): anything it finds that would change means parsing."""
    for match in URL_ATTRIBUTE_VALUE.finditer(html):
        if match.group("name").lower() == "srcset":
            return False
        value = unescape(
            next(part for part in match.group(2, 3, 4) if part is not None)
        )
        if urljoin(base_url, value.strip()) != value:
            return False
    return True


def absolute_srcset(srcset: str, base_url: str) -> str:
    """Make every URL of a srcset ("a.png 1x, b.png 2x") absolute."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            parts[0] = urljoin(base_url, parts[0])
            candidates.append(" ".join(parts))
    return ", ".join(candidates)
