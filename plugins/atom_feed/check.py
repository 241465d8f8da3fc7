"""Check a feed before it is written: what would keep a reader from taking it.

`feed_problems` takes the feed's XML text and returns every problem found, as
plain strings; an empty list means the feed is fit to write. It checks what
RFC 4287 requires of this site's feed with the standard library alone: the
XML is well-formed, the required elements are there once, ids, links and the
icon are absolute, dates carry a time zone, and the schema's two Schematron
rules hold. (The tests also validate the feed against the RFC's RELAX NG
schema.)
"""

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)
FEED_ONCE = ("id", "title", "updated")
ENTRY_ONCE = ("id", "title", "updated")
SET_SITEURL = "set SITEURL and FEED_DOMAIN to the site's address, like https://..."


def feed_problems(xml_text):
    """Every reason why this Atom feed would not be valid, or []."""
    try:
        root = ElementTree.fromstring(xml_text.encode("utf-8"))
    except ElementTree.ParseError as error:
        return [f"the feed is not well-formed XML ({error})"]
    if root.tag != ATOM + "feed":
        return [f"the document is <{root.tag}>, not an Atom <feed>"]
    problems = element_problems(root, "the feed", FEED_ONCE)
    entries = root.findall(ATOM + "entry")
    for number, entry in enumerate(entries, start=1):
        title = entry.findtext(ATOM + "title") or ""
        where = f"entry {number} ({title!r})"
        problems += element_problems(entry, where, ENTRY_ONCE)
        if not has_alternate_link_or_content(entry):
            problems.append(f"{where} has neither a rel='alternate' link nor content")
        if root.find(ATOM + "author") is None and entry.find(ATOM + "author") is None:
            problems.append(f"{where} has no author, and neither has the feed")
    return problems


def element_problems(element, where, once):
    """Problems of a feed or entry element: its required children, its
    absolute ids, links and icon, and its dates."""
    problems = [
        f"{where} needs exactly one <{name}>, it has {count}"
        for name in once
        if (count := len(element.findall(ATOM + name))) != 1
    ]
    for name in ("id", "icon", "logo"):
        for child in element.findall(ATOM + name):
            if not is_absolute_iri(child.text):
                problems.append(
                    f"{where}: <{name}> {child.text!r} is not absolute; {SET_SITEURL}"
                )
    for link in element.findall(ATOM + "link"):
        href = link.get("href")
        if not is_absolute_iri(href):
            rel = link.get("rel", "alternate")
            problems.append(
                f"{where}: the {rel} link {href!r} is not absolute; {SET_SITEURL}"
            )
    for name in ("updated", "published"):
        for child in element.findall(ATOM + name):
            if not RFC3339.fullmatch((child.text or "").strip()):
                problems.append(
                    f"{where}: <{name}> {child.text!r} is no date and time "
                    "with a time zone (RFC 3339)"
                )
    return problems


def has_alternate_link_or_content(entry):
    """RFC 4287's rule: an entry has a rel='alternate' link or content."""
    links = entry.findall(ATOM + "link")
    return entry.find(ATOM + "content") is not None or any(
        link.get("rel", "alternate") == "alternate" for link in links
    )


def is_absolute_iri(value):
    """True when the IRI has a scheme (and a host, for http and https)."""
    parts = urlsplit((value or "").strip())
    if not parts.scheme:
        return False
    return bool(parts.netloc) or parts.scheme not in {"http", "https"}
