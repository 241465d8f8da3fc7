"""page_meta's settings: names, defaults and checks in one place.

PAGE_META_DESCRIPTION_LENGTH
    The longest description (meta description, link previews, entry lists) in
    characters; a longer one is cut at a word (default 200).

SITEURL (Pelican's) must be the site's absolute address: canonical URLs, link
previews and structured data name pages absolutely.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULTS = {"PAGE_META_DESCRIPTION_LENGTH": 200}


class PageMetaSettingError(ValueError):
    """A setting has a value page_meta cannot use."""

    def __init__(self, name, problem):
        self.name = name
        super().__init__(f"page_meta: setting {name} {problem}")


@dataclass(frozen=True)
class PageMetaSettings:
    """page_meta's settings, checked."""

    site_url: str
    description_length: int
    summary_is_html: bool


def page_meta_settings(settings):
    """Return page_meta's settings from Pelican's; raise PageMetaSettingError
    naming the setting when one is wrong."""
    site_url = str(settings.get("SITEURL") or "").rstrip("/")
    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise PageMetaSettingError(
            "SITEURL",
            f"is {site_url!r}, but canonical URLs and link previews need the "
            "site's absolute address: set it to one like https://journal.example.com",
        )
    length = settings.get(
        "PAGE_META_DESCRIPTION_LENGTH", DEFAULTS["PAGE_META_DESCRIPTION_LENGTH"]
    )
    if isinstance(length, bool) or not isinstance(length, int) or length < 20:
        raise PageMetaSettingError(
            "PAGE_META_DESCRIPTION_LENGTH",
            f"is {length!r}: give a whole number of characters, 20 or more",
        )
    formatted = settings.get("FORMATTED_FIELDS", ["summary"])
    return PageMetaSettings(site_url, length, "summary" in formatted)
