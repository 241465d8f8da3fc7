"""The feed's settings: defaults in one place, and what is wrong with them.

ATOM_FEED_ICON
    The feed's icon, a path inside the site or an absolute URL; None (the
    default) uses FAVICON, the icon the site's pages show.

The feed also needs Pelican's SITEURL to be the site's absolute address (ids
and links are absolute), DEFAULT_LANG to be a language tag, and summaries to
stay plain text (no 'summary' in FORMATTED_FIELDS).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from ..shared.settings import (
    SettingError,
    absolute_site_url,
    plugin_values,
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
    icon = values["ATOM_FEED_ICON"] or settings.get("FAVICON")
    if icon is not None and not isinstance(icon, str):
        raise SettingError(
            PLUGIN,
            "ATOM_FEED_ICON",
            f"is {icon!r}: give a path inside the site (like 'favicon.ico') or an "
            "absolute URL",
        )
    title = str(settings.get("SITENAME") or "")
    return FeedSettings(
        site_url=site_url,
        title=title,
        subtitle=str(settings.get("SITESUBTITLE") or ""),
        author=str(settings.get("AUTHOR") or title),
        language=language,
        icon_url=urljoin(site_url + "/", icon) if icon else None,
    )


def makes_atom_feeds(settings: Mapping) -> bool:
    """True when the settings ask Pelican for at least one Atom feed."""
    return any(settings.get(name) for name in FEED_SETTINGS)
