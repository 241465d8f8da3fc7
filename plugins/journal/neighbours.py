"""Older and newer entries: the journal's order and the links between entries.

The journal's order (`journal_order`, in plugins/shared/contents.py since the
feed's archives follow it too) is total: entries follow their date and time;
entries of the same moment follow their file names, numbers read as numbers.
"""

from dataclasses import dataclass, replace
from datetime import datetime

OLDER = "prev"
NEWER = "next"
LABELS = {OLDER: "Older post", NEWER: "Newer post"}


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
    return EntryLink(
        rel=rel,
        label=link_label(rel, category),
        url=url,
        datetime=date.isoformat(),
        date=date.strftime(date_format),
        title=own_title or None,
    )


def link_label(rel: str, category: str | None = None) -> str:
    """The words of a link to the older or newer entry (of a category)."""
    if rel not in LABELS:
        raise ValueError(f"rel must be {OLDER!r} or {NEWER!r}, not {rel!r}")
    return LABELS[rel] if category is None else f"{LABELS[rel]} in {category}"


def relinked(link: EntryLink, rel: str, category: str | None = None) -> EntryLink:
    """The same entry's link as the older or newer one (of a category): an
    entry is the newer one of its older neighbour and the older one of its
    newer neighbour, its date written once."""
    return replace(link, rel=rel, label=link_label(rel, category))


def offered_in_category(
    in_category: EntryLink | None, overall: EntryLink | None
) -> EntryLink | None:
    """Return the in-category link unless it leads where the overall one does."""
    if in_category is None or (overall is not None and in_category.url == overall.url):
        return None
    return in_category
