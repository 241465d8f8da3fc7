"""When an entry or page was last updated, and whether readers are told so.

Plain decisions: dates in, a date (or a note for the theme) out.
"""

import datetime
from dataclasses import dataclass

# A change within this time of the date is part of writing, not an update.
NOTED_AFTER = datetime.timedelta(days=1)


@dataclass(frozen=True)
class UpdateNote:
    """The "Updated YYYY-MM-DD" under an entry's or page's date, for the theme.

    datetime: the moment of the update in ISO 8601, for <time datetime>
    date: the day of the update as the site writes dates
    """

    datetime: str
    date: str


def git_updated(
    date: datetime.datetime | None, changed: int | None, zone: datetime.tzinfo
) -> datetime.datetime | None:
    """The update time that the git history gives a file without `Modified:`:
    the last change (a Unix time) in the content's time zone, when it came
    after the file's date (a change made before the date it carries, to an
    entry written ahead, is part of writing it); else None."""
    if changed is None:
        return None
    moment = datetime.datetime.fromtimestamp(changed, zone)
    if date is not None and moment <= date:
        return None
    return moment


def update_note(
    date: datetime.datetime | None,
    modified: datetime.datetime | None,
    date_format: str,
) -> UpdateNote | None:
    """The note for content changed a day or more after its date, or for a
    page without a date that changed at all; None otherwise."""
    if modified is None:
        return None
    if date is not None and modified - date < NOTED_AFTER:
        return None
    return UpdateNote(
        datetime=modified.isoformat(), date=modified.strftime(date_format)
    )


def modified_problem(
    date: datetime.datetime | None, modified: datetime.datetime | None
) -> str | None:
    """What is wrong with a `Modified:` line that comes before the date of the
    entry or page it is in (a mistyped year, most often), or None."""
    if date is None or modified is None or modified >= date:
        return None
    return (
        f"Modified: {modified:%Y-%m-%d %H:%M} comes before its date, "
        f"{date:%Y-%m-%d %H:%M}: correct the Modified: line, or remove it"
    )
