"""A journal's whole history in its feed (RFC 5005 archived feed), built by
Pelican: following prev-archive links from feeds/all.atom.xml reaches every
published entry once, in small valid documents that stay as they are when the
journal grows.
"""

import gzip
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

from benchmarks.corpus import corpus_files, entry_name
from tests.conftest import folder_fingerprint, run_pelican, write_content
from tests.plugins.atom_feed.test_site import atom_problems
from workflow.check import check_site

LOCAL = "http://127.0.0.1:8000"
FEED = "feeds/all.atom.xml"
HISTORY = "{http://purl.org/syndication/history/1.0}"
ENTRIES = 100  # 2019-01-07 to 2019-04-12: January to March archived
NOT_PUBLISHED = {
    "journal/2019-03-03-draft.md": "Title: Not yet\nStatus: draft\n\nA draft.\n",
    "journal/2019-03-04-hidden.md": "Title: Unlisted\nStatus: hidden\n\nHidden.\n",
    "journal/2999-01-01-future.md": "Title: Ahead\n\nWritten for a later day.\n",
}
# Entries dated in the future are left out, as the README says, when
# WITH_FUTURE_DATES = False.
SETTINGS = "WITH_FUTURE_DATES = False"
NEW_ENTRY = {"journal/2019-04-13.md": "Title: The newest\n\nJust written.\n"}
EDITED = "journal/2019-02-14.md"


def build(content, output, settings=SETTINGS):
    result = run_pelican(content, output, extra_settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def journals(tmp_path_factory):
    """The generated journal built three times: as it is; with a new entry;
    then with an old entry edited."""
    root = tmp_path_factory.mktemp("archived")
    content = write_content(
        root / "content", {**corpus_files(ENTRIES), **NOT_PUBLISHED}
    )
    first = build(content, root / "first")
    write_content(content, NEW_ENTRY)
    grown = build(content, root / "grown")
    text = (content / EDITED).read_text(encoding="utf-8")
    write_content(content, {EDITED: text + "\nA line added a year later.\n"})
    edited = build(content, root / "edited")
    return first, grown, edited


def walk(output):
    """[(path in the site, parsed XML)] from the subscription document along
    the prev-archive links, the newest first."""
    walked, path = [], FEED
    while path:
        assert path not in [seen for seen, _ in walked], f"{path} is reached twice"
        document = etree.parse(str(output / path))
        walked.append((path, document))
        prev = links(document).get("prev-archive")
        assert prev is None or prev.startswith(LOCAL + "/"), prev
        path = urlsplit(prev).path.lstrip("/") if prev else None
    return walked


def links(document):
    return {
        link.get("rel"): link.get("href")
        for link in document.getroot().findall("{http://www.w3.org/2005/Atom}link")
    }


def documents(output):
    """{path in the site: bytes} of every feed document."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted((output / "feeds").rglob("*.xml"))
    }


def test_following_the_archives_reaches_every_published_entry_exactly_once(journals):
    first, _, _ = journals
    walked = walk(first)
    reached = [
        item.link
        for path, _ in walked
        for item in feedparser.parse(str(first / path)).entries
    ]
    expected = [
        f"{LOCAL}/journal/{name.removeprefix('journal/')[:-3]}/"
        for name in corpus_files(ENTRIES)
        if name.startswith("journal/")
    ]
    assert len(reached) == len(set(reached)) == ENTRIES
    assert sorted(reached) == sorted(expected)
    for name in ("draft", "hidden", "future"):
        assert not any(name in link for link in reached), name
    assert [path for path, _ in walked] == [
        FEED,
        *(f"feeds/archive/2019-{month:02d}.atom.xml" for month in (3, 2, 1)),
    ]
    assert set(documents(first)) == {path for path, _ in walked}


def test_the_subscription_document_holds_the_newest_twenty(journals):
    first, _, _ = journals
    entries = feedparser.parse(str(first / FEED)).entries
    assert len(entries) == 20
    newest = entry_name(ENTRIES - 1).removesuffix(".md")
    assert entries[0].link == f"{LOCAL}/journal/{newest}/"
    assert entries[0].published > entries[-1].published


def test_every_document_is_valid_atom_and_read_by_feedparser(journals):
    first, _, _ = journals
    for path, document in walk(first):
        assert atom_problems(document) == [], path
        feed = feedparser.parse((first / path).read_bytes())
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.version == "atom10"


def test_archive_documents_are_marked_and_linked_both_ways(journals):
    first, _, _ = journals
    walked = walk(first)
    assert walked[0][1].getroot().find(HISTORY + "archive") is None
    for index, (path, document) in enumerate(walked[1:], start=1):
        root = document.getroot()
        assert root.find(HISTORY + "archive") is not None, path
        assert root.nsmap["fh"] == HISTORY.strip("{}")
        found = links(document)
        assert found["current"] == f"{LOCAL}/{FEED}", path
        assert found["self"] == f"{LOCAL}/{path}"
        newer = walked[index - 1][0]
        if index > 1:
            assert found["next-archive"] == f"{LOCAL}/{newer}", path
        else:
            assert "next-archive" not in found
    assert check_site(first) == []


def test_no_document_is_heavy_and_the_subscription_document_is_light(journals):
    first, _, _ = journals
    sizes = {path: len(gzip.compress(data)) for path, data in documents(first).items()}
    assert sizes[FEED] < 100_000
    assert max(sizes.values()) <= 200_000, sizes


def test_a_new_entry_leaves_every_older_archive_byte_identical(journals):
    first, grown, _ = journals
    before, after = documents(first), documents(grown)
    changed = {path for path in after if before.get(path) != after[path]}
    archives = sorted(path for path in after if path != FEED)
    assert FEED in changed
    assert changed - {FEED} <= set(archives[-2:])
    for path in archives[:-2]:
        assert after[path] == before[path], path
    newest = feedparser.parse(str(grown / FEED)).entries[0]
    assert newest.link == f"{LOCAL}/journal/2019-04-13/"


def test_editing_an_old_entry_changes_only_its_own_document(journals):
    _, grown, edited = journals
    before, after = documents(grown), documents(edited)
    assert {path for path in after if before.get(path) != after[path]} == {
        "feeds/archive/2019-02.atom.xml"
    }
    assert set(before) == set(after)


def test_documents_made_afresh_are_the_ones_found_kept(journals, tmp_path):
    """The third build found most documents kept from the first two; made
    afresh, in a cache of their own, they are the same bytes."""
    _, _, edited = journals
    fresh = f"{SETTINGS}\nBUILD_CACHE_PATH = {str(tmp_path / 'cache')!r}"
    again = build(edited.parent / "content", tmp_path / "again", fresh)
    assert (tmp_path / "cache" / "atom_feed").is_dir()
    assert folder_fingerprint(again / "feeds") == folder_fingerprint(edited / "feeds")
