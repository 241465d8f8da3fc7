"""page_meta's settings: defaults in one place, and their checks.

PAGE_META_DESCRIPTION_LENGTH
    The longest description (meta description, link previews, entry lists) in
    characters; a longer one is cut at a word (default 200, at least 20).

SITEURL (Pelican's) must be the site's absolute address: canonical URLs, link
previews and structured data name pages absolutely. Summaries stay plain text
(no 'summary' in FORMATTED_FIELDS).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from ..shared.settings import (
    absolute_site_url,
    plugin_values,
    require_int,
    require_plain_summaries,
)

PLUGIN = "page_meta"
DEFAULTS = {"PAGE_META_DESCRIPTION_LENGTH": 200}
SHORTEST_DESCRIPTION = 20


@dataclass(frozen=True)
class PageMetaSettings:
    """page_meta's settings, checked."""

    site_url: str
    description_length: int = DEFAULTS["PAGE_META_DESCRIPTION_LENGTH"]


def read_settings(settings: Mapping) -> PageMetaSettings:
    """page_meta's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "PAGE_META_", DEFAULTS, settings)
    require_plain_summaries(PLUGIN, settings)
    return PageMetaSettings(
        site_url=absolute_site_url(PLUGIN, settings),
        description_length=require_int(
            PLUGIN,
            "PAGE_META_DESCRIPTION_LENGTH",
            values["PAGE_META_DESCRIPTION_LENGTH"],
            SHORTEST_DESCRIPTION,
        ),
    )
