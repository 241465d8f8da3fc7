"""The journal's plain decisions: order, link labels, titles and settings."""

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from plugins.journal.entries import has_text, title_for
from plugins.journal.neighbours import (
    EntryLink,
    entry_link,
    offered_in_category,
    relinked,
)
from plugins.journal.settings import DEFAULTS, read_settings
from plugins.shared.contents import journal_order
from plugins.shared.settings import SettingError

PARIS_SUMMER = timezone(timedelta(hours=2))


def day(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- the journal's order ----------------------------------------------------


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        pytest.param(
            (day("2023-08-29"), "journal/2023-08-29.md"),
            (day("2023-08-30"), "journal/2023-08-30.md"),
            id="an earlier day is older",
        ),
        pytest.param(
            (day("2023-09-01T08:00"), "journal/2023-09-01-z.md"),
            (day("2023-09-01T18:30"), "journal/2023-09-01-a.md"),
            id="an earlier time of the same day is older, whatever the file name",
        ),
        pytest.param(
            (day("2023-09-01"), "journal/2023-09-01-a.md"),
            (day("2023-09-01"), "journal/2023-09-01-b.md"),
            id="entries of the same moment follow their file names",
        ),
        pytest.param(
            (day("2024-05-01"), "journal/2024-05-01.md"),
            (day("2024-05-01"), "journal/2024-05-01-2.md"),
            id="the day's first entry comes before the second that invoke new makes",
        ),
        pytest.param(
            (day("2024-05-01"), "journal/2024-05-01-2.md"),
            (day("2024-05-01"), "journal/2024-05-01-10.md"),
            id="numbers in file names are read as numbers",
        ),
        pytest.param(
            (datetime(2023, 9, 1, 10, 0, tzinfo=PARIS_SUMMER), "journal/a.md"),
            (day("2023-09-01T08:00"), "journal/b.md"),
            id="the same moment written in two time zones is a tie",
        ),
    ],
)
def test_journal_order_puts_the_older_entry_first(older, newer):
    assert journal_order(*older) < journal_order(*newer)
    assert sorted([newer, older], key=lambda entry: journal_order(*entry)) == [
        older,
        newer,
    ]


def test_journal_order_is_total_whatever_order_the_entries_come_in():
    entries = [
        (day("2023-09-01"), "journal/2023-09-01-b.md"),
        (day("2023-08-30"), "journal/2023-08-30.md"),
        (day("2023-09-01"), "journal/2023-09-01-a.md"),
        (day("2023-09-01T07:00"), "journal/2023-09-01-0.md"),
        (day("2023-08-29"), "journal/2023-08-29.md"),
    ]
    expected = [entries[4], entries[1], entries[2], entries[0], entries[3]]
    shuffler = random.Random(20230830)
    for _ in range(20):
        shuffled = shuffler.sample(entries, len(entries))
        assert sorted(shuffled, key=lambda e: journal_order(*e)) == expected


# --- the links to older and newer entries -----------------------------------


@pytest.mark.parametrize(
    ("rel", "label"), [("prev", "Older post"), ("next", "Newer post")]
)
def test_a_link_says_older_or_newer_post(rel, label):
    link = entry_link(
        rel,
        url="journal/2023-08-29/",
        date=day("2023-08-29"),
        own_title=None,
        date_format="%Y-%m-%d",
    )
    assert link == EntryLink(
        rel=rel,
        label=label,
        url="journal/2023-08-29/",
        datetime="2023-08-29T00:00:00+00:00",
        date="2023-08-29",
        title=None,
    )


@pytest.mark.parametrize(
    ("own_title", "shown"),
    [
        (
            "A stand-in for the entry of 2023-08-29",
            "A stand-in for the entry of 2023-08-29",
        ),
        ("<b>Less</b> & more", "<b>Less</b> & more"),
        (None, None),
        ("", None),
    ],
)
def test_a_link_shows_the_neighbours_own_title_only(own_title, shown):
    link = entry_link(
        "prev",
        url="journal/x/",
        date=day("2023-08-29"),
        own_title=own_title,
        date_format="%Y-%m-%d",
    )
    assert link.title == shown


@pytest.mark.parametrize(
    ("date", "date_format", "shown", "machine"),
    [
        (day("2023-09-01"), "%Y-%m-%d", "2023-09-01", "2023-09-01T00:00:00+00:00"),
        (
            day("2023-09-01T18:30"),
            "%d %B %Y",
            "01 September 2023",
            "2023-09-01T18:30:00+00:00",
        ),
        (
            datetime(2023, 9, 1, 7, 5, tzinfo=PARIS_SUMMER),
            "%Y-%m-%d %H:%M",
            "2023-09-01 07:05",
            "2023-09-01T07:05:00+02:00",
        ),
    ],
)
def test_a_link_shows_the_date_as_the_journal_writes_it(
    date, date_format, shown, machine
):
    link = entry_link(
        "next", url="journal/x/", date=date, own_title=None, date_format=date_format
    )
    assert link.date == shown
    assert link.datetime == machine


@pytest.mark.parametrize(
    ("rel", "label"),
    [("prev", "Older post in Hiring"), ("next", "Newer post in Hiring")],
)
def test_an_in_category_link_names_the_category(rel, label):
    link = entry_link(
        rel,
        url="journal/x/",
        date=day("2023-09-01"),
        own_title=None,
        date_format="%Y-%m-%d",
        category="Hiring",
    )
    assert link.label == label


def test_a_link_is_either_older_or_newer():
    with pytest.raises(ValueError, match="rel must be 'prev' or 'next', not 'up'"):
        entry_link(
            "up",
            url="journal/x/",
            date=day("2023-09-01"),
            own_title=None,
            date_format="%Y-%m-%d",
        )


def test_a_link_made_again_for_the_other_side_is_the_one_made_for_it():
    facts = {
        "url": "journal/x/",
        "date": day("2023-09-01"),
        "own_title": "Hiring",
        "date_format": "%d %B %Y",
    }
    older = entry_link("prev", **facts)
    newer_in_category = entry_link("next", **facts, category="Journal")
    assert relinked(older, "next", "Journal") == newer_in_category
    assert relinked(newer_in_category, "prev") == older


def _link(url, category=None):
    return entry_link(
        "prev",
        url=url,
        date=day("2023-09-01"),
        own_title=None,
        date_format="%Y-%m-%d",
        category=category,
    )


@pytest.mark.parametrize(
    ("in_category", "overall", "offered"),
    [
        pytest.param(
            _link("journal/a/", "Hiring"), _link("journal/b/"), True, id="elsewhere"
        ),
        pytest.param(
            _link("journal/a/", "Hiring"), _link("journal/a/"), False, id="same entry"
        ),
        pytest.param(_link("journal/a/", "Hiring"), None, True, id="no overall one"),
        pytest.param(None, _link("journal/a/"), False, id="none in the category"),
    ],
)
def test_an_in_category_link_is_offered_only_when_it_leads_elsewhere(
    in_category, overall, offered
):
    result = offered_in_category(in_category, overall)
    assert result == (in_category if offered else None)


# --- titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "date_format", "title"),
    [
        ({"title": "Own title", "date": day("2023-08-30")}, "%Y-%m-%d", "Own title"),
        ({"date": day("2023-08-30")}, "%Y-%m-%d", "2023-08-30"),
        ({"title": "", "date": day("2023-08-30")}, "%Y-%m-%d", "2023-08-30"),
        ({"date": day("2023-08-30")}, "%d %B %Y", "30 August 2023"),
        ({}, "%Y-%m-%d", None),
    ],
)
def test_an_untitled_entry_is_titled_by_its_date(metadata, date_format, title):
    assert title_for(metadata, date_format) == title


# --- settings -------------------------------------------------------------------


def test_settings_default_to_iso_dates_and_no_category_links():
    settings = read_settings({})
    assert settings.date_format == "%Y-%m-%d" == DEFAULTS["JOURNAL_DATE_FORMAT"]
    assert settings.category_neighbours is False


def test_settings_are_read_from_pelicans():
    settings = read_settings(
        {
            "JOURNAL_DATE_FORMAT": "%d %B %Y",
            "JOURNAL_CATEGORY_NEIGHBOURS": True,
            "SITENAME": "x",
        }
    )
    assert settings.date_format == "%d %B %Y"
    assert settings.category_neighbours is True


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("JOURNAL_DATE_FORMAT", 42, "must be an strftime format such as '%Y-%m-%d'"),
        ("JOURNAL_DATE_FORMAT", None, "not None"),
        ("JOURNAL_DATE_FORMAT", "today", "= 'today' does not show the day"),
        ("JOURNAL_DATE_FORMAT", "%B %Y", "does not show the day"),
        (
            "JOURNAL_DATE_FORMAT",
            "lone surrogate \ud800",
            "is not a valid strftime format",
        ),
        ("JOURNAL_CATEGORY_NEIGHBOURS", "yes", "must be True or False, not 'yes'"),
        ("JOURNAL_CATEGORY_NEIGHBOURS", 1, "must be True or False, not 1"),
        (
            "JOURNAL_CATEGORY_NEIGHBORS",
            True,
            "is not a setting of the plugin: did you mean JOURNAL_CATEGORY_NEIGHBOURS?",
        ),
        (
            "JOURNAL_DATEFORMAT",
            "%Y-%m-%d",
            "is not a setting of the plugin: did you mean JOURNAL_DATE_FORMAT?",
        ),
    ],
)
def test_a_bad_setting_is_an_error_naming_the_setting(name, value, problem):
    with pytest.raises(SettingError) as raised:
        read_settings({name: value})
    message = str(raised.value)
    assert message.startswith(f"journal: setting {name} ")
    assert problem in message
    assert raised.value.name == name


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<p>Words.</p>", True),
        ("Bare words", True),
        ('<p><img alt="The team" src="a.jpg"></p>', True),
        ("<h2>Only a heading</h2>", True),
        ("<p>&amp;</p>", True),
        ("", False),
        (None, False),
        ("  \n ", False),
        ("<p>\n</p>\n<p> </p>", False),
        ("<!-- a comment -->", False),
        ("<!-- outline: intro -> what we learned -->", False),
        ("<p>&nbsp;</p>", False),
        ("<p>&amp;</p>", True),
        ('<video src="talk.mp4" controls></video>', True),
        ('<svg viewBox="0 0 1 1"><rect/></svg>', True),
        ('<iframe src="https://example.org/slides"></iframe>', True),
    ],
)
def test_an_entry_shows_something_when_it_has_words_or_a_picture(html, shown):
    assert has_text(html) is shown
