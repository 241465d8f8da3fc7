"""Which entries and pages the search index holds, and what the search page
offers to narrow results by: plain data in, plain data out.

Published entries and pages are searchable; hidden and draft ones never are
(a hidden entry has a page, but a reader finds it only through its address).
An entry is indexed with the other entries of its year, and a page (the Q&A
page, an about page) with the other pages: one index each, so that an edit
indexes one year again, not the whole journal.

A tag narrows a search through a word of its own: each tag has a key, a word
that no text holds (`tag_key`), given to the index with the entry's
metadata; the search page adds the chosen tag's key to the words searched.
(Pagefind 1.5.2 writes its own filters in no fixed order, and the site's
files must be the same bytes for the same content.) A year is an index.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

SEARCHABLE_STATUS = "published"
# A tag's key: these letters, then hex digits of the tag's digest. No word of
# a text starts with them, and every key is as long as every other, so no key
# is the start of another.
TAG_KEY_PREFIX = "zq"
TAG_KEY_DIGITS = 12


@dataclass(frozen=True)
class SearchMarks:
    """How the theme marks a searchable entry or page for the index.

    `year` is an entry's year (its index and its year filter); a page has none.
    `tag_keys` are the keys of an entry's tags, separated by spaces.
    """

    year: str | None = None
    tag_keys: str = ""


@dataclass(frozen=True)
class SearchTag:
    """A tag the search page offers: its name, and the key that finds it."""

    name: str
    key: str


@dataclass(frozen=True)
class SearchFilters:
    """What the search page offers to narrow results by: the tags of searchable
    entries (in alphabetical order) and their years (newest first)."""

    tags: tuple[SearchTag, ...] = ()
    years: tuple[str, ...] = ()


def tag_key(tag: str) -> str:
    """The word that stands for a tag in the index."""
    digest = hashlib.sha256(tag.encode("utf-8")).hexdigest()
    return TAG_KEY_PREFIX + digest[:TAG_KEY_DIGITS]


def search_marks(
    status: str, year: int | None, tags: Iterable[str] = ()
) -> SearchMarks | None:
    """The marks of an entry (`year` given) or a page (`year` None), or None
    when it must never be found by searching (hidden, draft)."""
    if status != SEARCHABLE_STATUS:
        return None
    return SearchMarks(
        year=None if year is None else f"{year:04d}",
        tag_keys=" ".join(tag_key(tag) for tag in tags),
    )


def search_filters(entries: Iterable[tuple[int, Iterable[str]]]) -> SearchFilters:
    """The filters of these searchable entries, each given as (year, tags)."""
    years, tags = set(), set()
    for year, entry_tags in entries:
        years.add(f"{year:04d}")
        tags.update(entry_tags)
    return SearchFilters(
        tags=tuple(
            SearchTag(tag, tag_key(tag))
            for tag in sorted(tags, key=lambda tag: (tag.casefold(), tag))
        ),
        years=tuple(sorted(years, reverse=True)),
    )
