"""A year's page as plain data: its calendar and its entries month by month."""

from datetime import date

import pytest

from plugins.reading.years import (
    YearEntry,
    journal_year,
    journal_years,
    relative_href,
)

PAGE = "journal/2023/"


def entry(day, title=None, slug=None):
    when = date.fromisoformat(day)
    return YearEntry(when, f"journal/{slug or day}/", title or day)


def days_of(month):
    """{day number: the day} of a calendar month, padding left out."""
    return {day.number: day for week in month.weeks for day in week if day}


def test_the_calendar_has_every_month_and_day_in_weeks_from_monday():
    year = journal_year(2023, [entry("2023-08-30")], PAGE)
    assert [month.name for month in year.calendar][::11] == ["January", "December"]
    assert len(year.calendar) == 12
    assert [(day.name, day.short) for day in year.weekdays[::6]] == [
        ("Monday", "Mo"),
        ("Sunday", "Su"),
    ]
    january = year.calendar[0]
    # 1 January 2023 was a Sunday: the first week holds six empty days.
    assert january.weeks[0] == (None,) * 6 + (january.weeks[0][6],)
    assert january.weeks[0][6].number == 1
    assert all(len(week) == 7 for month in year.calendar for week in month.weeks)
    assert len(days_of(year.calendar[1])) == 28
    assert len(days_of(journal_year(2024, [], "journal/2024/").calendar[1])) == 29


def test_a_day_with_an_entry_links_to_it_and_is_named_by_its_date():
    year = journal_year(2023, [entry("2023-08-30", "Interviewing")], PAGE)
    august = days_of(year.calendar[7])
    assert august[30].href == "../2023-08-30/"
    assert august[30].label == "30 August"
    assert august[30].hidden_words == " August"
    assert august[29].href is None
    assert august[29].label == "29"


def test_a_day_with_several_entries_links_to_their_place_in_the_list():
    entries = [
        entry("2023-09-01", "Morning", "2023-09-01"),
        entry("2023-09-01", "Evening", "2023-09-01-2"),
    ]
    year = journal_year(2023, entries, PAGE)
    september = days_of(year.calendar[8])
    assert september[1].href == "#day-2023-09-01"
    assert september[1].label == "1 September: 2 entries"
    [month] = year.months
    assert [(e.title, e.anchor) for e in month.entries] == [
        ("Evening", "day-2023-09-01"),
        ("Morning", None),
    ]


def test_entries_are_listed_by_month_newest_first_like_the_archives():
    entries = [
        entry("2023-01-05", "Winter"),
        entry("2023-08-29", "Late summer"),
        entry("2023-08-30"),
    ]
    year = journal_year(2023, entries, PAGE)
    assert year.count == 3
    assert [month.name for month in year.months] == ["August", "January"]
    august = year.months[0]
    assert [(e.day, e.title, e.href) for e in august.entries] == [
        (30, "2023-08-30", "../2023-08-30/"),
        (29, "Late summer", "../2023-08-29/"),
    ]
    oldest_first = journal_year(2023, entries, PAGE, newest_first=False)
    assert [month.name for month in oldest_first.months] == ["January", "August"]
    assert [e.day for e in oldest_first.months[1].entries] == [29, 30]


def test_every_year_with_a_page_gets_its_model():
    entries = [entry("2022-12-30"), entry("2023-08-30")]
    years = journal_years(
        entries, {2022: "journal/2022/", 2023: PAGE}, newest_first=True
    )
    assert sorted(years) == [2022, 2023]
    assert years[2022].count == 1
    assert years[2023].months[0].entries[0].title == "2023-08-30"


@pytest.mark.parametrize(
    ("page", "url", "href"),
    [
        ("journal/2023/", "journal/2023-08-30/", "../2023-08-30/"),
        ("journal/2023.html", "journal/2023-08-30.html", "2023-08-30.html"),
        ("archives/2023/", "journal/x/", "../../journal/x/"),
        ("", "journal/x/", "journal/x/"),
    ],
)
def test_links_are_relative_to_the_years_page(page, url, href):
    assert relative_href(page, url) == href


def test_the_same_entries_give_the_same_year():
    entries = [entry(f"2023-03-{day:02d}", f"Day {day}") for day in range(1, 29)]
    assert journal_year(2023, entries, PAGE) == journal_year(2023, entries, PAGE)
