"""Which entries and pages the search index holds, and what the search page
offers to narrow results by: plain data in, plain data out.

Published entries and pages are searchable; hidden and draft ones never are
(a hidden entry has a page, but a reader finds it only through its address).
An entry is indexed with the other entries of its year, and a page (the Q&A
page, an about page) with the other pages: one index each, so that an edit
indexes one year again, not the whole journal.
"""

from collections.abc import Iterable
from dataclasses import dataclass

SEARCHABLE_STATUS = "published"


@dataclass(frozen=True)
class SearchMarks:
    """How the theme marks a searchable entry or page for the index.

    `year` is an entry's year (its index and its year filter); a page has none.
    """

    year: str | None = None


@dataclass(frozen=True)
class SearchFilters:
    """What the search page offers to narrow results by: the tags of searchable
    entries (in alphabetical order) and their years (newest first)."""

    tags: tuple[str, ...] = ()
    years: tuple[str, ...] = ()


def search_marks(status: str, year: int | None) -> SearchMarks | None:
    """The marks of an entry (`year` given) or a page (`year` None), or None
    when it must never be found by searching (hidden, draft)."""
    if status != SEARCHABLE_STATUS:
        return None
    return SearchMarks(year=None if year is None else f"{year:04d}")


def search_filters(entries: Iterable[tuple[int, Iterable[str]]]) -> SearchFilters:
    """The filters of these searchable entries, each given as (year, tags)."""
    years, tags = set(), set()
    for year, entry_tags in entries:
        years.add(f"{year:04d}")
        tags.update(entry_tags)
    return SearchFilters(
        tags=tuple(sorted(tags, key=lambda tag: (tag.casefold(), tag))),
        years=tuple(sorted(years, reverse=True)),
    )
