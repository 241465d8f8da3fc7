"""Which entries and pages readers find by searching, and what narrows a search."""

import pytest

from plugins.search.marks import (
    SearchFilters,
    SearchMarks,
    search_filters,
    search_marks,
)


def test_a_published_entry_is_indexed_with_its_year():
    assert search_marks("published", 2023) == SearchMarks(year="2023")


def test_a_published_page_is_indexed_without_a_year():
    assert search_marks("published", None) == SearchMarks(year=None)


@pytest.mark.parametrize("status", ["hidden", "draft"])
@pytest.mark.parametrize("year", [2023, None])
def test_hidden_and_draft_entries_and_pages_are_never_indexed(status, year):
    assert search_marks(status, year) is None


def test_an_early_year_keeps_four_digits():
    assert search_marks("published", 999) == SearchMarks(year="0999")


def test_filters_offer_each_tag_once_in_alphabetical_order_and_years_newest_first():
    entries = [
        (2021, ["hiring", "Leadership"]),
        (2023, ["career"]),
        (2021, ["hiring"]),
        (2022, []),
    ]

    assert search_filters(entries) == SearchFilters(
        tags=("career", "hiring", "Leadership"), years=("2023", "2022", "2021")
    )


def test_a_journal_without_entries_offers_no_filters():
    assert search_filters([]) == SearchFilters(tags=(), years=())
