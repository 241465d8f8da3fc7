"""Which entries each document of the archived feed holds (RFC 5005): plain
decisions on plain data, entries oldest first."""

import datetime

import pytest

from plugins.atom_feed.archives import (
    BUDGET,
    HEAD,
    SizedEntry,
    archive_links,
    archive_path,
    entry_month,
    partition,
    too_big,
)

UTC = datetime.UTC
FIRST_DAY = datetime.date(2023, 1, 1)


def journal(days, size=1_500, start=FIRST_DAY):
    """One entry a day for `days` days, each `size` bytes gzipped."""
    return [
        SizedEntry(
            key=f"entry-{day}", month=entry_month(_midnight(start, day)), size=size
        )
        for day in range(days)
    ]


def _midnight(start, day):
    moment = start + datetime.timedelta(days=day)
    return datetime.datetime(moment.year, moment.month, moment.day, tzinfo=UTC)


def documents(plan):
    """{name: keys} of every document; the subscription document is ''."""
    found = {"": [entry.key for entry in plan.subscription]}
    for archive in plan.archives:
        found[archive.name] = [entry.key for entry in archive.entries]
    return found


def test_the_newest_entries_are_subscribed_to_and_the_others_archived_by_month():
    entries = journal(100)  # 2023-01-01 to 2023-04-10
    plan = partition(entries, newest=20)
    assert [entry.key for entry in plan.subscription] == [
        f"entry-{day}" for day in range(80, 100)
    ]
    assert [(archive.name, len(archive.entries)) for archive in plan.archives] == [
        ("2023-01", 31),
        ("2023-02", 28),
        ("2023-03", 21),  # the rest of March is in the subscription document
    ]


def test_every_entry_is_in_exactly_one_document_in_the_journals_order():
    entries = journal(400)
    plan = partition(entries, newest=20)
    held = [
        *(entry for archive in plan.archives for entry in archive.entries),
        *plan.subscription,
    ]
    assert held == entries


def test_a_small_journal_has_no_archive():
    entries = journal(5)
    assert partition(entries, newest=20).subscription == tuple(entries)
    assert partition(entries, newest=20).archives == ()
    assert partition([], newest=20).subscription == ()


def test_a_new_entry_changes_at_most_the_two_newest_archives():
    entries = journal(300)
    before = documents(partition(entries, newest=20))
    for day in range(300, 400):
        entries.append(journal(day + 1)[-1])
        after = documents(partition(entries, newest=20))
        older = [name for name in before if name][:-2]
        assert older, "the journal has archives to keep"
        for name in older:
            assert after[name] == before[name], (day, name)
        changed = [n for n in after if n and before.get(n) != after[n]]
        assert len(changed) <= 2, (day, changed)
        before = after


def test_editing_an_old_entry_changes_only_its_own_month():
    entries = journal(200)
    before = documents(partition(entries, newest=20))
    edited = entries[40]  # 2023-02-10
    entries[40] = SizedEntry("entry-40-edited", edited.month, edited.size + 700)
    after = documents(partition(entries, newest=20))
    assert {name for name in after if after[name] != before[name]} == {"2023-02"}


def test_a_late_entry_dated_in_the_past_changes_only_its_month():
    entries = journal(200)
    before = documents(partition(entries, newest=20))
    late = SizedEntry("late", "2023-03", 1_500)
    entries.insert(70, late)  # among March's entries
    after = documents(partition(entries, newest=20))
    assert {name for name in after if after[name] != before[name]} == {"2023-03"}


def test_a_month_too_heavy_for_one_document_is_cut_into_parts_that_fit():
    entries = journal(31, size=15_000)  # 465 KB of January
    entries += journal(5, start=datetime.date(2023, 2, 1))
    plan = partition(entries, newest=5)
    names = [archive.name for archive in plan.archives]
    assert names == ["2023-01", "2023-01-2", "2023-01-3"]
    for archive in plan.archives:
        assert HEAD + sum(entry.size for entry in archive.entries) <= BUDGET
    assert [len(archive.entries) for archive in plan.archives] == [13, 13, 5]


def test_appending_to_a_heavy_month_keeps_its_full_parts():
    entries = journal(20, size=15_000)
    before = documents(partition(entries, newest=3))
    entries.append(journal(21, size=15_000)[-1])
    after = documents(partition(entries, newest=3))
    assert after["2023-01"] == before["2023-01"]


def test_the_subscription_document_holds_fewer_entries_when_they_are_heavy():
    entries = journal(30, size=40_000)
    plan = partition(entries, newest=20)
    assert len(plan.subscription) == 4  # 4 x 40 KB and the head fit in 200 KB
    assert HEAD + sum(entry.size for entry in plan.subscription) <= BUDGET


def test_an_entry_too_big_for_any_document_is_named():
    entries = journal(3)
    giant = SizedEntry("giant", "2023-01", BUDGET)
    assert too_big([*entries, giant]) == [giant]
    assert too_big(entries) == []


def test_months_follow_the_utc_date_of_the_entry():
    new_york = datetime.timezone(datetime.timedelta(hours=-5))
    assert entry_month(datetime.datetime(2023, 1, 31, 21, 0, tzinfo=new_york)) == (
        "2023-02"
    )
    assert entry_month(datetime.datetime(2023, 1, 31, 21, 0)) == "2023-01"


def test_archives_sit_beside_the_subscription_document():
    assert archive_path("feeds/all.atom.xml", "2023-01") == (
        "feeds/archive/2023-01.atom.xml"
    )
    assert archive_path("all.atom.xml", "2023-01-2") == "archive/2023-01-2.atom.xml"


def url_of(name):
    return f"https://j.example/feeds/{'all' if name is None else name}.atom.xml"


def test_the_subscription_document_links_the_newest_archive():
    plan = partition(journal(100), newest=20)
    assert archive_links(plan, None, url_of) == (
        ("prev-archive", "https://j.example/feeds/2023-03.atom.xml"),
    )
    assert archive_links(partition(journal(5), newest=20), None, url_of) == ()


@pytest.mark.parametrize(
    ("index", "links"),
    [
        (
            0,
            (
                ("current", "https://j.example/feeds/all.atom.xml"),
                ("next-archive", "https://j.example/feeds/2023-02.atom.xml"),
            ),
        ),
        (
            1,
            (
                ("current", "https://j.example/feeds/all.atom.xml"),
                ("prev-archive", "https://j.example/feeds/2023-01.atom.xml"),
                ("next-archive", "https://j.example/feeds/2023-03.atom.xml"),
            ),
        ),
        (
            2,
            (
                ("current", "https://j.example/feeds/all.atom.xml"),
                ("prev-archive", "https://j.example/feeds/2023-02.atom.xml"),
            ),
        ),
    ],
)
def test_each_archive_links_the_current_document_and_its_neighbours(index, links):
    plan = partition(journal(100), newest=20)
    assert archive_links(plan, index, url_of) == links
