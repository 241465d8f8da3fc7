"""The archived feed's documents as kept files: each made once from what it
holds, valid, small, and reached from the subscription document."""

import datetime
import gzip
import itertools
import random
import string

import feedparser
import pytest
from lxml import etree

from plugins.atom_feed import feed_files
from plugins.atom_feed.archives import BUDGET
from plugins.atom_feed.check import InvalidFeed
from plugins.atom_feed.feed_files import archived_feed, feed_entry
from plugins.atom_feed.settings import read_settings
from plugins.shared.contents import EntryFacts
from tests.plugins.atom_feed.test_site import atom_problems

SITE = "https://journal.example.com"
FEED_URL = f"{SITE}/feeds/all.atom.xml"
SETTINGS = {
    "SITEURL": SITE,
    "SITENAME": "Engineering Leadership Journal",
    "AUTHOR": "The Author",
    "DEFAULT_LANG": "en",
    "FAVICON": "theme/favicon.svg",
    "FORMATTED_FIELDS": [],
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "FEED_MAX_ITEMS": 20,
}
HISTORY = "{http://purl.org/syndication/history/1.0}"
FIRST_DAY = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)


def entry(day, text="<p>A day of leading engineers.</p>", title=None):
    """The journal's entry of day `day` after 2023-01-01."""
    date = FIRST_DAY + datetime.timedelta(days=day)
    name = date.strftime("%Y-%m-%d")
    facts = EntryFacts(
        source=f"journal/{name}.md",
        url=f"{SITE}/journal/{name}/",
        title=title or f"Day {day}",
        published=date,
        author="The Author",
        tags=("leadership",),
    )
    return feed_entry(facts, text)


def journal(days):
    return [entry(day) for day in range(days)]


def build(entries, folder, **settings):
    return archived_feed(
        entries, read_settings({**SETTINGS, **settings}), FEED_URL, folder
    )


def kept(folder):
    """Every file kept in the feed's folder."""
    return {path for path in folder.rglob("*") if path.is_file()}


def walk(made):
    """(document, parsed) from the subscription document, following the
    prev-archive links (through the archives' paths in the site)."""
    by_url = {f"{SITE}/{path}": file for path, file in made.archives}
    walked, file = [], made.subscription
    while file is not None:
        document = etree.parse(str(file))
        walked.append((file, document))
        prev = document.xpath(
            "/atom:feed/atom:link[@rel='prev-archive']/@href",
            namespaces={"atom": "http://www.w3.org/2005/Atom"},
        )
        file = by_url[prev[0]] if prev else None
    return walked


def test_following_the_archives_reaches_every_entry_once_in_valid_documents(
    tmp_path,
):
    entries = journal(100)  # 2023-01-01 to 2023-04-10
    made = build(entries, tmp_path)
    walked = walk(made)
    assert len(walked) == 1 + len(made.archives) == 4  # and Jan, Feb, March
    feeds = [feedparser.parse(file.read_bytes()) for file, _ in walked]
    for (file, document), feed in zip(walked, feeds, strict=True):
        assert atom_problems(document) == [], file
        assert feed.bozo == 0, feed.get("bozo_exception")
    marked = [d.getroot().find(HISTORY + "archive") is not None for _, d in walked]
    assert marked == [False, True, True, True]
    links = [{link.rel: link.href for link in feed.feed.links} for feed in feeds]
    assert [rels.get("current") for rels in links] == [None, *[FEED_URL] * 3]
    for newer, older in itertools.pairwise(links[1:]):
        assert older["next-archive"] == newer["self"]
    assert "next-archive" not in links[1]
    reached = [item.link for feed in feeds for item in feed.entries]
    assert sorted(reached) == sorted(e.facts.url for e in entries)
    assert len(set(reached)) == len(reached)
    assert [item.link for item in feeds[0].entries] == [
        e.facts.url for e in reversed(entries[-20:])
    ]


def test_a_build_with_nothing_new_makes_nothing(tmp_path):
    entries = journal(100)
    first = build(entries, tmp_path)
    before = kept(tmp_path)
    again = build(entries, tmp_path)
    assert again == first
    assert kept(tmp_path) == before


def test_editing_an_old_entry_makes_its_month_and_its_document_only(tmp_path):
    entries = journal(100)
    first = build(entries, tmp_path)
    before = kept(tmp_path)
    entries[40] = entry(40, "<p>Edited.</p>")  # 2023-02-10
    again = build(entries, tmp_path)
    made = kept(tmp_path) - before
    assert sorted(path.parent.name for path in made) == ["documents", "months"]
    changed = [
        path
        for (path, file), (_, old) in zip(again.archives, first.archives, strict=True)
        if file != old
    ]
    assert changed == ["feeds/archive/2023-02.atom.xml"]
    assert again.subscription == first.subscription


def test_a_new_entry_changes_the_subscription_and_at_most_two_archives(tmp_path):
    entries = journal(100)
    before = dict(build(entries, tmp_path).archives)
    for day in range(100, 140):
        entries.append(entry(day))
        after = dict(build(entries, tmp_path).archives)
        changed = {path for path in after if before.get(path) != after[path]}
        assert changed <= set(sorted(after)[-2:]), (day, changed)
        before = after


def test_every_document_stays_within_the_budget_even_for_long_entries(tmp_path):
    rng = random.Random(13)
    words = ["".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(4000)]
    long_entries = [
        entry(day, "<p>" + " ".join(words[day * 100 :] + words[: day * 100]) + "</p>")
        for day in range(31)
    ]
    made = build([*long_entries, *[entry(day) for day in range(31, 40)]], tmp_path)
    names = [path.rsplit("/", 1)[1] for path, _ in made.archives]
    assert names[:2] == ["2023-01.atom.xml", "2023-01-2.atom.xml"]
    for file in [made.subscription, *(file for _, file in made.archives)]:
        assert len(gzip.compress(file.read_bytes())) <= BUDGET, file
    assert (
        sum(len(feedparser.parse(f).entries) for _, f in made.archives)
        + len(feedparser.parse(made.subscription).entries)
        == 40
    )


def test_an_entry_no_document_could_hold_stops_the_build_naming_it(tmp_path):
    rng = random.Random(5)
    huge = "".join(rng.choices(string.ascii_letters + string.digits, k=300_000))
    with pytest.raises(InvalidFeed) as error:
        build([*journal(3), entry(3, f"<p>{huge}</p>")], tmp_path)
    assert "journal/2023-01-04.md weighs" in str(error.value)
    assert "split it into several entries" in str(error.value)


def test_an_invalid_document_is_refused_and_never_kept(tmp_path):
    relative = "feeds/all.atom.xml"  # Pelican's with FEED_DOMAIN = ""
    with pytest.raises(InvalidFeed) as error:
        archived_feed(journal(30), read_settings(SETTINGS), relative, tmp_path)
    assert "would not be valid Atom, so it was not written" in str(error.value)
    assert "link 'feeds/archive/2023-01.atom.xml' is not absolute" in str(error.value)
    assert not list((tmp_path / "documents").iterdir())


def test_characters_xml_cannot_carry_are_named_in_warnings(tmp_path):
    made = build([entry(0, title="Pasted\x0btitle"), *journal(3)[1:]], tmp_path)
    assert len(made.warnings) == 1
    assert made.warnings[0].startswith("atom_feed: journal/2023-01-01.md: ")
    assert "feed's title" in made.warnings[0]
    titles = [item.title for item in feedparser.parse(made.subscription).entries]
    assert "Pasted title" in titles
    # Told again by every build, kept or not; no more once the title is mended.
    again = build([entry(0, title="Pasted\x0btitle"), *journal(3)[1:]], tmp_path)
    assert again.warnings == made.warnings
    assert build(journal(3), tmp_path).warnings == ()


def test_entry_links_carry_the_ref_when_the_site_asks(tmp_path):
    suffix = read_settings({**SETTINGS, "FEED_APPEND_REF": True}).link_suffix
    facts = entry(0).facts
    made = build([feed_entry(facts, "<p>Hi.</p>", suffix)], tmp_path)
    (item,) = feedparser.parse(made.subscription).entries
    assert item.link == f"{SITE}/journal/2023-01-01/?ref=feed"
    assert item.id == "tag:journal.example.com,2023-01-01:/journal/2023-01-01/"


def test_months_and_documents_made_on_every_core_are_those_made_in_one_process(
    tmp_path, monkeypatch
):
    # 20 months of daily entries: enough for worker processes to make them.
    entries = journal(600)
    forked = build(entries, tmp_path / "forked")
    monkeypatch.setattr(feed_files, "FILES_PER_WORKER", 10_000)
    serial = build(entries, tmp_path / "serial")

    def files(folder):
        return {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in kept(folder)
        }

    assert files(tmp_path / "forked") == files(tmp_path / "serial")
    assert len(forked.archives) == len(serial.archives) > 15
