"""The plugin's settings: defaults in one place, and what is wrong with them."""

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# ATOM_FEED_ICON: the feed's icon, a path inside the site or an absolute URL;
# None uses FAVICON, the icon the site's pages show.
DEFAULTS = {"ATOM_FEED_ICON": None}

# RFC 4287's atomLanguageTag.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
FEED_SETTINGS = ("FEED_ATOM", "FEED_ALL_ATOM", "CATEGORY_FEED_ATOM", "TAG_FEED_ATOM")


class FeedSettingError(ValueError):
    """A setting the feed needs is missing or wrong; the message names it."""


@dataclass(frozen=True)
class FeedOptions:
    """What the feed takes from the site's settings."""

    site_url: str
    title: str
    subtitle: str
    author: str
    language: str | None
    icon_url: str | None


def is_absolute_url(url):
    """True for a URL a reader can follow from anywhere: scheme and host."""
    parts = urlsplit(url or "")
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def feed_options(settings):
    """Read the feed's options from Pelican settings (a mapping); raise
    FeedSettingError naming the setting when one is wrong."""
    settings = {**DEFAULTS, **settings}
    site_url = str(settings.get("SITEURL") or "").rstrip("/")
    if not is_absolute_url(site_url):
        raise FeedSettingError(
            f"atom_feed: SITEURL is {site_url!r}, but the Atom feed needs the "
            "site's absolute address for its ids and links: set SITEURL to "
            "something like 'https://journal.example.com' (the environment "
            "variable SITEURL does this for production builds)"
        )
    language = settings.get("DEFAULT_LANG") or None
    if language is not None and not LANGUAGE_TAG.fullmatch(str(language)):
        raise FeedSettingError(
            f"atom_feed: DEFAULT_LANG is {language!r}, which is no language tag "
            "a feed can carry: write it like 'en' or 'en-GB'"
        )
    if "summary" in (settings.get("FORMATTED_FIELDS") or ()):
        raise FeedSettingError(
            "atom_feed: FORMATTED_FIELDS holds 'summary', so Pelican turns the "
            "author's plain-text summaries into HTML; the feed shows them as "
            "typed: set FORMATTED_FIELDS = []"
        )
    icon = settings["ATOM_FEED_ICON"] or settings.get("FAVICON")
    if icon is not None and not isinstance(icon, str):
        raise FeedSettingError(
            f"atom_feed: ATOM_FEED_ICON is {icon!r}: give a path inside the site "
            "(like 'favicon.ico') or an absolute URL"
        )
    title = str(settings.get("SITENAME") or "")
    return FeedOptions(
        site_url=site_url,
        title=title,
        subtitle=str(settings.get("SITESUBTITLE") or ""),
        author=str(settings.get("AUTHOR") or title),
        language=language,
        icon_url=urljoin(site_url + "/", icon) if icon else None,
    )


def makes_atom_feeds(settings):
    """True when the settings ask Pelican for at least one Atom feed."""
    return any(settings.get(name) for name in FEED_SETTINGS)
