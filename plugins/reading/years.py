"""A year of the journal as its page shows it: the year at a glance (a
calendar of its twelve months, where a day with an entry links to it) and its
entries month by month. Plain data in (dates, addresses, titles), a frozen
model out; the theme only writes it down.

A year of daily entries links every entry twice: the page's links are
relative to the page (`../2023-08-30/`, in production builds too), which
keeps such a year within 14 KB compressed.

Month and weekday names are English, as the theme's words are, and do not
depend on the machine's locale: the same journal gives the same page
anywhere. Weeks start on Monday (ISO 8601).
"""

import calendar
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
_WEEKS = calendar.Calendar(firstweekday=calendar.MONDAY)


@dataclass(frozen=True)
class YearEntry:
    """An entry as a year's page needs it: date, address (relative to the
    site) and title (its own, or its date)."""

    date: date
    url: str
    title: str


@dataclass(frozen=True)
class Weekday:
    """A column of the calendar: its full name and the two letters shown."""

    name: str
    short: str


@dataclass(frozen=True)
class CalendarDay:
    """A day of the calendar. A day with entries is a link (`href`): to its
    entry, or, when it has several, to their place in the list on the same
    page (`#day-2023-09-01`). Its name is its number followed by
    `hidden_words`, which only a screen reader says: "30 August", "1 May:
    2 entries" (words on the page rather than an aria-label: a year of daily
    entries would pay three times as many bytes for them)."""

    number: int
    href: str | None = None
    hidden_words: str = ""

    @property
    def label(self) -> str:
        """The day's whole name, as a screen reader says it."""
        return f"{self.number}{self.hidden_words}"


@dataclass(frozen=True)
class CalendarMonth:
    """A month of the calendar: weeks of seven days, None outside the month."""

    name: str
    weeks: tuple[tuple[CalendarDay | None, ...], ...]


@dataclass(frozen=True)
class ListedEntry:
    """An entry in its month's list: month and day, link (relative to the
    year's page) and title; the first of a day's several entries carries the
    `anchor` the calendar links."""

    month: int
    day: int
    href: str
    title: str
    anchor: str | None = None


@dataclass(frozen=True)
class MonthEntries:
    """A month's entries, in the archives' order."""

    name: str
    entries: tuple[ListedEntry, ...]


@dataclass(frozen=True)
class JournalYear:
    """A year's page: its calendar (twelve months, January first) and its
    months with entries (in the archives' order)."""

    year: int
    count: int
    weekdays: tuple[Weekday, ...]
    calendar: tuple[CalendarMonth, ...]
    months: tuple[MonthEntries, ...]


def journal_years(
    entries: Iterable[YearEntry], year_urls: Mapping[int, str], newest_first: bool
) -> dict[int, JournalYear]:
    """The page of every year in `year_urls` (year: the page's URL), by year.
    `entries` come in the journal's order (oldest first); `newest_first`
    orders the lists of entries the way the archives do (Pelican's
    NEWEST_FIRST_ARCHIVES)."""
    by_year: dict[int, list[YearEntry]] = defaultdict(list)
    for entry in entries:
        by_year[entry.date.year].append(entry)
    return {
        year: journal_year(year, by_year[year], year_urls[year], newest_first)
        for year in sorted(year_urls)
    }


def journal_year(
    year: int, entries: list[YearEntry], page_url: str, newest_first: bool = True
) -> JournalYear:
    """One year's page, at `page_url`, from its entries in the journal's order."""
    by_day: dict[date, list[YearEntry]] = defaultdict(list)
    for entry in entries:
        by_day[entry.date].append(entry)
    hrefs = {entry.url: relative_href(page_url, entry.url) for entry in entries}
    listed = _listed(entries[::-1] if newest_first else entries, by_day, hrefs)
    months = [
        MonthEntries(
            name=MONTHS[month - 1],
            entries=tuple(entry for entry in listed if entry.month == month),
        )
        for month in range(1, 13)
    ]
    with_entries = [month for month in months if month.entries]
    return JournalYear(
        year=year,
        count=len(entries),
        weekdays=tuple(Weekday(name, name[:2]) for name in WEEKDAYS),
        calendar=tuple(
            _calendar_month(year, month, by_day, hrefs) for month in range(1, 13)
        ),
        months=tuple(with_entries[::-1] if newest_first else with_entries),
    )


def day_anchor(day: date) -> str:
    """The id of a day's entries in its month's list: `day-2023-09-01`."""
    return f"day-{day.isoformat()}"


def relative_href(page_url: str, url: str) -> str:
    """The link from the page at `page_url` to `url`, both relative to the
    site: from `journal/2023/` to `journal/2023-08-30/` is `../2023-08-30/`."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    here = [part for part in folder.split("/") if part]
    there = url.split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"


def _listed(
    entries: list[YearEntry],
    by_day: dict[date, list[YearEntry]],
    hrefs: Mapping[str, str],
) -> list[ListedEntry]:
    """The entries as listed, in this order; the first listed of a day with
    several entries carries the anchor the calendar links that day to."""
    listed = []
    anchored: set[date] = set()
    for entry in entries:
        anchor = None
        if len(by_day[entry.date]) > 1 and entry.date not in anchored:
            anchored.add(entry.date)
            anchor = day_anchor(entry.date)
        listed.append(
            ListedEntry(
                month=entry.date.month,
                day=entry.date.day,
                href=hrefs[entry.url],
                title=entry.title,
                anchor=anchor,
            )
        )
    return listed


def _calendar_month(
    year: int,
    month: int,
    by_day: dict[date, list[YearEntry]],
    hrefs: Mapping[str, str],
) -> CalendarMonth:
    name = MONTHS[month - 1]
    weeks = tuple(
        tuple(
            _calendar_day(date(year, month, number), name, by_day, hrefs)
            if number
            else None
            for number in week
        )
        for week in _WEEKS.monthdayscalendar(year, month)
    )
    return CalendarMonth(name=name, weeks=weeks)


def _calendar_day(
    day: date,
    month_name: str,
    by_day: dict[date, list[YearEntry]],
    hrefs: Mapping[str, str],
) -> CalendarDay:
    of_the_day = by_day.get(day, ())
    if not of_the_day:
        return CalendarDay(day.day)
    if len(of_the_day) == 1:
        return CalendarDay(
            day.day, href=hrefs[of_the_day[0].url], hidden_words=f" {month_name}"
        )
    return CalendarDay(
        day.day,
        href=f"#{day_anchor(day)}",
        hidden_words=f" {month_name}: {len(of_the_day)} entries",
    )
