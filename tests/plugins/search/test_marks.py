"""Which entries and pages readers find by searching, and what narrows a search."""

import pytest

from plugins.search.marks import (
    SearchFilters,
    SearchMarks,
    SearchTag,
    search_filters,
    search_marks,
    tag_key,
)


def test_a_published_entry_is_indexed_with_its_year_and_its_tags_keys():
    assert search_marks("published", 2023, ["hiring", "career"]) == SearchMarks(
        year="2023", tag_keys=f"{tag_key('hiring')} {tag_key('career')}"
    )


def test_a_tags_key_is_one_word_no_text_holds_and_no_other_key_starts():
    keys = {tag_key(tag) for tag in ["hiring", "Hiring", "hiring-x", "<b>&"]}

    assert len(keys) == 4
    assert all(key.isalnum() and key.startswith("zq") for key in keys)
    assert len({len(key) for key in keys}) == 1
    assert tag_key("hiring") == tag_key("hiring")


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
        tags=tuple(
            SearchTag(tag, tag_key(tag)) for tag in ["career", "hiring", "Leadership"]
        ),
        years=("2023", "2022", "2021"),
    )


def test_a_journal_without_entries_offers_no_filters():
    assert search_filters([]) == SearchFilters(tags=(), years=())
