"""Older and newer entries: the journal's order and the links between entries.

The journal's order is total: entries follow their date and time; entries of
the same moment follow their source path (the file name within the content
folder, its numbers read as numbers), so `2023-09-01.md` is older than
`2023-09-01-2.md`, which is older than `2023-09-01-10.md`, and `2023-09-01-a.md`
is older than `2023-09-01-b.md`. Giving an entry a time (`Date: 2023-09-01
18:30`) puts it where it belongs among the day's.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

OLDER = "prev"
NEWER = "next"
LABELS = {OLDER: "Older post", NEWER: "Newer post"}


def journal_order(date: datetime, source_path: str) -> tuple:
    """Return the sort key of an entry: oldest first, ties by source path."""
    return (date, natural_key(source_path))


def natural_key(source_path: str) -> tuple:
    """The source path without its extension, its runs of digits as numbers: a
    day's first entry (`2023-09-01.md`) before `-2`, and `-2` before `-10`."""
    stem = str(PurePosixPath(source_path).with_suffix(""))
    return tuple(
        int(part) if index % 2 else part
        for index, part in enumerate(re.split(r"(\d+)", stem))
    )


@dataclass(frozen=True)
class EntryLink:
    """A link to a neighbouring entry, ready for the theme.

    rel: "prev" (the older entry) or "next" (the newer one)
    label: the visible words, "Older post" or "Newer post"
    url: the entry's URL, relative to the site
    datetime: the entry's date and time in ISO 8601, for <time datetime>
    date: the entry's date as the journal writes it
    title: the entry's own title, or None when it is titled by its date
    """

    rel: str
    label: str
    url: str
    datetime: str
    date: str
    title: str | None


def entry_link(
    rel: str,
    *,
    url: str,
    date: datetime,
    own_title: str | None,
    date_format: str,
    category: str | None = None,
) -> EntryLink:
    """Return the link to the entry that is older ("prev") or newer ("next");
    with a category, the link to the older or newer entry of that category."""
    if rel not in LABELS:
        raise ValueError(f"rel must be {OLDER!r} or {NEWER!r}, not {rel!r}")
    label = LABELS[rel] if category is None else f"{LABELS[rel]} in {category}"
    return EntryLink(
        rel=rel,
        label=label,
        url=url,
        datetime=date.isoformat(),
        date=date.strftime(date_format),
        title=own_title or None,
    )


def offered_in_category(
    in_category: EntryLink | None, overall: EntryLink | None
) -> EntryLink | None:
    """Return the in-category link unless it leads where the overall one does."""
    if in_category is None or (overall is not None and in_category.url == overall.url):
        return None
    return in_category
