"""Absolute URLs, and the address of a page: plain functions on strings."""

import re
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def is_absolute_url(url: str | None) -> bool:
    """True for a web address a reader can follow from anywhere: http(s) and a
    host."""
    parts = urlsplit((url or "").strip())
    return parts.scheme in WEB_SCHEMES and bool(parts.netloc)


def is_absolute_iri(value: str | None) -> bool:
    """True for an IRI that names one thing wherever it is read: a scheme, a
    host for http(s), and for a tag: URI a real authority (an empty SITEURL
    makes Pelican write `tag:None,...`)."""
    parts = urlsplit((value or "").strip())
    if not parts.scheme:
        return False
    if parts.scheme in WEB_SCHEMES:
        return bool(parts.netloc)
    if parts.scheme == "tag":
        authority = parts.path.split(",", 1)[0]
        return bool(authority) and authority != "None"
    return True


def page_path(save_as: str) -> str:
    """The path of the page written to `save_as`, as the site links it:
    `journal/x/index.html` is `journal/x/`."""
    return re.sub(r"(^|/)index\.html$", r"\1", save_as.lstrip("/"))


def absolute_url(site_url: str, url: str) -> str:
    """The absolute address of `url`, a path inside the site (`journal/x/`)."""
    return f"{site_url.rstrip('/')}/{url.lstrip('/')}"


def page_address(site_url: str, save_as: str) -> str:
    """The absolute address of the page written to `save_as`:
    `journal/x/index.html` is `{site_url}/journal/x/`."""
    return absolute_url(site_url, page_path(save_as))


def links_base(site_url: str, save_as: str, relative: bool) -> str:
    """What the links of the page written to `save_as` start with, as Pelican
    writes them: the way back to the site's root (`../..` for
    `journal/x/index.html`, `.` at the root) when URLs are relative, else the
    site's address."""
    if not relative:
        return site_url.rstrip("/")
    depth = save_as.lstrip("/").count("/")
    return "/".join([".."] * depth) or "."
