"""Journal entries: the plain decisions about dated entries."""

DEFAULT_DATE_FORMAT = "%Y-%m-%d"


def title_for(metadata, date_format=DEFAULT_DATE_FORMAT):
    """Return the entry's title: its own, or its date when it has none."""
    title = metadata.get("title")
    if title:
        return title
    date = metadata.get("date")
    return date.strftime(date_format) if date else None
