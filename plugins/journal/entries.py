"""Journal entries: the plain decisions about dated entries."""

from collections.abc import Mapping

from .settings import DEFAULTS

DEFAULT_DATE_FORMAT = DEFAULTS["JOURNAL_DATE_FORMAT"]


def title_for(metadata: Mapping, date_format: str = DEFAULT_DATE_FORMAT) -> str | None:
    """Return the entry's title: its own, or its date when it has none."""
    title = metadata.get("title")
    if title:
        return title
    date = metadata.get("date")
    return date.strftime(date_format) if date else None
