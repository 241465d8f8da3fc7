"""The feed's settings: defaults in one place, and what is wrong with them.

ATOM_FEED_ICON
    The feed's icon, a path inside the site or an absolute URL; None (the
    default) uses FAVICON, the icon the site's pages show: the author's own
    (content/extra/favicon.*, found once the content is read: `with_favicon`)
    or the theme's.

The feed also needs Pelican's SITEURL to be the site's absolute address (ids
and links are absolute), DEFAULT_LANG to be a language tag, and summaries to
stay plain text (no 'summary' in FORMATTED_FIELDS). Pelican's FEED_MAX_ITEMS,
how many entries a feed holds, is how many of the newest entries the
subscription document (FEED_ALL_ATOM) holds in full; the older ones are in its
archives (archives.py), so it must be a number.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from pelican.settings import DEFAULT_CONFIG

from ..shared.settings import (
    SettingError,
    absolute_site_url,
    plugin_values,
    require_int,
    require_plain_summaries,
)

PLUGIN = "atom_feed"
DEFAULTS = {"ATOM_FEED_ICON": None}

# RFC 4287's atomLanguageTag.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
FEED_SETTINGS = ("FEED_ATOM", "FEED_ALL_ATOM", "CATEGORY_FEED_ATOM", "TAG_FEED_ATOM")


@dataclass(frozen=True)
class FeedSettings:
    """What the feed takes from the site's settings."""

    site_url: str
    title: str
    subtitle: str
    author: str
    language: str | None
    icon_url: str | None
    newest: int  # entries in the subscription document (FEED_MAX_ITEMS)
    subscription: str | None  # its path in the site (FEED_ALL_ATOM)
    subscription_url: str | None  # its address's path (FEED_ALL_ATOM_URL)
    link_suffix: str = ""  # "?ref=feed" after each entry's link (FEED_APPEND_REF)
    feed_icon: str | None = None  # ATOM_FEED_ICON, which wins over FAVICON

    def with_favicon(self, favicon: str | None) -> "FeedSettings":
        """These settings with the icon the site's pages show, FAVICON as the
        build left it (the author's own favicon replaces the theme's once the
        content is read), unless ATOM_FEED_ICON names one."""
        return replace(self, icon_url=icon_url(self.site_url, self.feed_icon, favicon))


def read_settings(settings: Mapping) -> FeedSettings:
    """The feed's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "ATOM_FEED_", DEFAULTS, settings)
    site_url = absolute_site_url(PLUGIN, settings)
    require_plain_summaries(PLUGIN, settings)
    language = settings.get("DEFAULT_LANG") or None
    if language is not None and not LANGUAGE_TAG.fullmatch(str(language)):
        raise SettingError(
            PLUGIN,
            "DEFAULT_LANG",
            f"is {language!r}, which is no language tag a feed can carry: write "
            "it like 'en' or 'en-GB'",
        )
    feed_icon = values["ATOM_FEED_ICON"]
    title = str(settings.get("SITENAME") or "")
    subscription = settings.get("FEED_ALL_ATOM") or None
    return FeedSettings(
        site_url=site_url,
        title=title,
        subtitle=str(settings.get("SITESUBTITLE") or ""),
        author=str(settings.get("AUTHOR") or title),
        language=language,
        icon_url=icon_url(site_url, feed_icon, settings.get("FAVICON")),
        newest=newest_entries(settings),
        subscription=subscription,
        subscription_url=settings.get("FEED_ALL_ATOM_URL") or subscription,
        link_suffix="?ref=feed" if settings.get("FEED_APPEND_REF") else "",
        feed_icon=feed_icon,
    )


def icon_url(site_url: str, feed_icon, favicon) -> str | None:
    """The feed's icon's address: ATOM_FEED_ICON, else FAVICON."""
    icon = feed_icon or favicon
    if icon is not None and not isinstance(icon, str):
        raise SettingError(
            PLUGIN,
            "ATOM_FEED_ICON",
            f"is {icon!r}: give a path inside the site (like 'favicon.ico') or an "
            "absolute URL",
        )
    return urljoin(site_url + "/", icon) if icon else None


def newest_entries(settings: Mapping) -> int:
    """FEED_MAX_ITEMS: how many entries the subscription document holds."""
    value = settings.get("FEED_MAX_ITEMS", DEFAULT_CONFIG["FEED_MAX_ITEMS"])
    if value is None:
        raise SettingError(
            PLUGIN,
            "FEED_MAX_ITEMS",
            "is None, but feeds/all.atom.xml holds the newest entries only (the "
            "older ones are in its archives): give how many, like 20",
        )
    return require_int(PLUGIN, "FEED_MAX_ITEMS", value, 1)


def makes_atom_feeds(settings: Mapping) -> bool:
    """True when the settings ask Pelican for at least one Atom feed."""
    return any(settings.get(name) for name in FEED_SETTINGS)
