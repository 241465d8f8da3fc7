"""Other entries as an entry page lists them (related entries, on this day):
plain strings, so that an entry's own data says everything its page shows."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class EntryRef:
    """A link to another entry, ready for the theme.

    url: the entry's URL, relative to the site
    datetime: its date and time in ISO 8601, for <time datetime>
    date: its date as the site writes dates
    year: its year, as on "On this day"
    title: its own title, or None when it is titled by its date
    """

    url: str
    datetime: str
    date: str
    year: str
    title: str | None


def entry_ref(
    *, url: str, date: datetime, date_text: str, own_title: str | None
) -> EntryRef:
    """The link to an entry from its address, date and own title (if any)."""
    return EntryRef(
        url=url,
        datetime=date.isoformat(),
        date=date_text,
        year=str(date.year),
        title=own_title or None,
    )
