"""Which entries each document of the feed holds: RFC 5005's archived feed.

`feeds/all.atom.xml`, the subscription document, holds the newest entries;
every older entry is in exactly one archive document, and each archive links
the one before (prev-archive) and after it (next-archive), so that following
the links from the subscription document reaches every entry once.

Readers and caches may keep an archive document for good, so the partition
keeps them stable:

- an archive holds the entries of one calendar month (their dates in UTC), so
  a new entry, or a late one dated in the past, changes one month only;
- the subscription document holds the newest entries (FEED_MAX_ITEMS), so a
  new entry moves the oldest of them into the newest month's archive: only
  that document changes, or, when it starts a new month, the new archive and
  the one before it (which gains a next-archive link);
- editing an old entry changes its own month's document only.

Documents stay small: no document is over BUDGET bytes once gzipped. Each
entry's size is the gzipped size of its <entry> alone, which is more than it
adds to a gzipped document holding it with others (their words compress
together); a month whose entries add up to more than the budget is cut, in
the journal's order, into parts (`2024-05`, `2024-05-2`, ...), and the
subscription document holds fewer entries when the newest would not fit. An
entry too big for any document is named by `too_big`.

Plain data in, plain data out: entries oldest first, in the journal's order.
"""

import datetime
import itertools
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

# The most a feed document may weigh, gzipped; and an allowance for the parts
# of a document that are not entries (title, links, author...).
BUDGET = 200_000
HEAD = 2_000
ARCHIVE_FOLDER = "archive"


@dataclass(frozen=True)
class SizedEntry:
    """An entry as the partition sees it: which one, its month, its weight.

    key: what names the entry (its cache key)
    month: "YYYY-MM" of its date, in UTC
    size: its <entry> element alone, gzipped, in bytes
    """

    key: str
    month: str
    size: int


@dataclass(frozen=True)
class Archive:
    """One archive document: its name (`2024-05`, `2024-05-2`) and entries,
    oldest first."""

    name: str
    entries: tuple[SizedEntry, ...]


@dataclass(frozen=True)
class Partition:
    """The entries of the subscription document and of each archive document,
    oldest first."""

    subscription: tuple[SizedEntry, ...]
    archives: tuple[Archive, ...]


def entry_month(published: datetime.datetime) -> str:
    """The month an entry is archived under: its date's, in UTC (a naive date
    is read as UTC), so that months follow the journal's order."""
    if published.tzinfo is None:
        published = published.replace(tzinfo=datetime.UTC)
    moment = published.astimezone(datetime.UTC)
    return f"{moment.year:04d}-{moment.month:02d}"


def fits(entries: Sequence[SizedEntry], budget: int = BUDGET) -> bool:
    """Whether a document of these entries stays within the budget."""
    return HEAD + sum(entry.size for entry in entries) <= budget


def too_big(entries: Sequence[SizedEntry], budget: int = BUDGET) -> list[SizedEntry]:
    """The entries that would not fit in a document even alone."""
    return [entry for entry in entries if not fits([entry], budget)]


def partition(
    entries: Sequence[SizedEntry], newest: int, budget: int = BUDGET
) -> Partition:
    """The documents of a feed of these entries (oldest first): the newest
    `newest` entries (fewer when they would not fit) in the subscription
    document, the others in monthly archives, cut to fit the budget."""
    count = 0
    while count < min(newest, len(entries)) and (
        count == 0 or fits(entries[len(entries) - count - 1 :], budget)
    ):
        count += 1
    archived = entries[: len(entries) - count]
    subscription = tuple(entries[len(entries) - count :])
    archives = []
    for month, group in itertools.groupby(archived, key=lambda entry: entry.month):
        for number, part in enumerate(_parts(list(group), budget), start=1):
            name = month if number == 1 else f"{month}-{number}"
            archives.append(Archive(name=name, entries=tuple(part)))
    return Partition(subscription=subscription, archives=tuple(archives))


def _parts(entries: list[SizedEntry], budget: int) -> list[list[SizedEntry]]:
    """The entries in order, cut into runs that each fit the budget."""
    parts = [[]]
    for entry in entries:
        if parts[-1] and not fits([*parts[-1], entry], budget):
            parts.append([])
        parts[-1].append(entry)
    return parts


def archive_path(subscription_path: str, name: str) -> str:
    """Where the archive document `name` is, beside the subscription document:
    `feeds/all.atom.xml` has its archives in `feeds/archive/NAME.atom.xml`."""
    folder = posixpath.dirname(subscription_path)
    return posixpath.join(folder, ARCHIVE_FOLDER, f"{name}.atom.xml")


def archive_links(
    partition: Partition, index: int | None, url_of
) -> tuple[tuple[str, str], ...]:
    """RFC 5005's links of one document: of the subscription document when
    `index` is None (prev-archive: the newest archive), else of archive
    `index` (current: the subscription document; prev-archive and
    next-archive: its neighbours). `url_of(name)` is an archive's address;
    `url_of(None)` the subscription document's."""
    archives = partition.archives
    if index is None:
        return (("prev-archive", url_of(archives[-1].name)),) if archives else ()
    links = [("current", url_of(None))]
    if index > 0:
        links.append(("prev-archive", url_of(archives[index - 1].name)))
    if index + 1 < len(archives):
        links.append(("next-archive", url_of(archives[index + 1].name)))
    return tuple(links)
