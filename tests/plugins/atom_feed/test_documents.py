"""The XML text of the feed's entries and documents: what Atom1Feed writes,
an entry at a time, and RFC 5005's marks and links."""

import datetime
import io

import feedparser

from plugins.atom_feed.atom import (
    EPOCH,
    SiteAtomFeed,
    entry_fields,
    feed_fields,
    latest_change,
)
from plugins.atom_feed.check import feed_problems
from plugins.atom_feed.documents import document_xml, entry_xml
from plugins.atom_feed.settings import read_settings
from tests.plugins.atom_feed.test_atom import MARCH_1, SETTINGS, SITE, TEXT, facts

FEED_URL = f"{SITE}/feeds/all.atom.xml"
ARCHIVE_URL = f"{SITE}/feeds/archive/2024-03.atom.xml"


def head(**more):
    fields, _ = feed_fields(read_settings(SETTINGS))
    return {**fields, "feed_url": FEED_URL, **more}


def test_a_document_made_of_kept_entries_is_what_atom1feed_writes():
    entries = [
        facts(),
        facts(url=f"{SITE}/journal/2024-03-02/", title="Next <day> & more"),
    ]
    feed = SiteAtomFeed(**head(updated=MARCH_1))
    for entry in entries:
        feed.add_item(**entry_fields(entry, TEXT)[0])
    whole = io.StringIO()
    feed.write(whole, "utf-8")

    kept = [entry_xml(entry_fields(entry, TEXT)[0]) for entry in entries]
    assert document_xml(head(updated=MARCH_1), kept) == whole.getvalue()


def test_an_archive_document_is_marked_and_links_its_neighbours():
    links = (
        ("current", FEED_URL),
        ("prev-archive", f"{SITE}/feeds/archive/2024-02.atom.xml"),
    )
    xml = document_xml(
        head(feed_url=ARCHIVE_URL, archive=True, archive_links=links, updated=MARCH_1),
        [entry_xml(entry_fields(facts(), TEXT)[0])],
    )
    assert 'xmlns:fh="http://purl.org/syndication/history/1.0"' in xml
    assert "<fh:archive/>" in xml
    assert feed_problems(xml) == []
    feed = feedparser.parse(xml)
    assert feed.bozo == 0
    assert {link.rel: link.href for link in feed.feed.links} == {
        "alternate": f"{SITE}/",
        "self": ARCHIVE_URL,
        "current": FEED_URL,
        "prev-archive": f"{SITE}/feeds/archive/2024-02.atom.xml",
    }
    assert feed.feed.updated == "2024-03-01T09:30:00+00:00"


def test_the_subscription_document_is_not_marked_as_an_archive():
    xml = document_xml(head(updated=MARCH_1), [])
    assert "fh:" not in xml
    assert feed_problems(xml) == []


def test_a_documents_updated_is_its_newest_change_and_never_the_clock():
    later = MARCH_1 + datetime.timedelta(days=40)
    assert latest_change([facts(), facts(updated=later)]) == later
    assert latest_change([facts(published=datetime.datetime(2024, 3, 1))]) == (
        datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    )
    assert latest_change([]) == EPOCH
