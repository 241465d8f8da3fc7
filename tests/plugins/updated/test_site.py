"""A journal kept in git: the feed, the sitemap, the structured data and the
page agree on when each entry and page was last updated."""

import json
import re

import feedparser
import pytest

from tests.conftest import build_site, folder_fingerprint, write_content
from tests.plugins.updated.test_git_history import git

LOCAL = "http://127.0.0.1:8000"
FILES = {
    # Added, then changed twice; readers see the last change.
    "journal/2024-01-01-edited.md": "Title: Edited\n\nFirst words.\n",
    # Committed once: its date is its last update.
    "journal/2024-01-02-once.md": "Title: Once\n\nNever changed.\n",
    # Its Modified: line wins over the commit that changed it.
    "journal/2024-01-03-stated.md": (
        "Title: Stated\nModified: 2024-01-20 08:00\n\nThe author's own date.\n"
    ),
    # Changed the evening of its day: an update, but no note for readers.
    "journal/2024-03-04-evening.md": (
        "Title: Evening\nDate: 2024-03-04 09:00\n\nMorning words.\n"
    ),
    "pages/about.md": "Title: About\n\nWho I am.\n",
}


@pytest.fixture(scope="module")
def kept_in_git(tmp_path_factory):
    """A content folder in a git repository, with commits of known times, and
    a file not committed at all; built once."""
    root = tmp_path_factory.mktemp("kept-in-git")
    content = write_content(root / "content", FILES)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Add", when="2024-03-04T09:00:00+00:00")
    edits = {
        "journal/2024-01-01-edited.md": "Title: Edited\n\nBetter words.\n",
        "journal/2024-01-03-stated.md": FILES["journal/2024-01-03-stated.md"] + "+",
        "journal/2024-03-04-evening.md": FILES["journal/2024-03-04-evening.md"] + "+",
    }
    write_content(content, edits)
    git(root, "commit", "-qam", "Edit", when="2024-03-04T20:00:00+00:00")
    write_content(content, {"journal/2024-01-01-edited.md": "Title: Edited\n\nBest.\n"})
    write_content(content, {"pages/about.md": "Title: About\n\nWho I am, now.\n"})
    git(root, "commit", "-qam", "Again", when="2024-05-06T07:08:09+00:00")
    write_content(
        content, {"journal/2024-05-07-uncommitted.md": "Title: New\n\nNot in git.\n"}
    )
    site = build_site(content, root / "output")
    assert site.returncode == 0, site.messages
    return site


def updates(site):
    """{page URL: (feed's updated, sitemap's lastmod, JSON-LD's dateModified,
    the 'Updated' note's datetime)} of every entry and page."""
    feed = feedparser.parse(str(site.output / "feeds/all.atom.xml"))
    feed_updated = {entry.link: entry.updated for entry in feed.entries}
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = dict(re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>", sitemap))
    found = {}
    for url in [*feed_updated, f"{LOCAL}/about/"]:
        page = site.page(url.removeprefix(LOCAL + "/") + "index.html")
        scripts = page.find_all("script", type="application/ld+json")
        data = json.loads(scripts[0].string) if scripts else {}
        note = page.find(class_="update-note")
        found[url] = (
            feed_updated.get(url),
            lastmods[url],
            data.get("dateModified"),
            note.time["datetime"] if note else None,
        )
    return found


def test_feed_sitemap_structured_data_and_page_agree_on_each_update(kept_in_git):
    assert updates(kept_in_git) == {
        f"{LOCAL}/journal/2024-01-01-edited/": ("2024-05-06T07:08:09+00:00",) * 4,
        f"{LOCAL}/journal/2024-01-02-once/": (
            "2024-01-02T00:00:00+00:00",
            "2024-01-02T00:00:00+00:00",
            "2024-01-02T00:00:00+00:00",
            None,
        ),
        f"{LOCAL}/journal/2024-01-03-stated/": ("2024-01-20T08:00:00+00:00",) * 4,
        f"{LOCAL}/journal/2024-03-04-evening/": (
            "2024-03-04T20:00:00+00:00",
            "2024-03-04T20:00:00+00:00",
            "2024-03-04T20:00:00+00:00",
            None,
        ),
        f"{LOCAL}/journal/2024-05-07-uncommitted/": (
            "2024-05-07T00:00:00+00:00",
            "2024-05-07T00:00:00+00:00",
            "2024-05-07T00:00:00+00:00",
            None,
        ),
        # A page is in no feed and has no BlogPosting.
        f"{LOCAL}/about/": (
            None,
            "2024-05-06T07:08:09+00:00",
            None,
            "2024-05-06T07:08:09+00:00",
        ),
    }


def test_the_note_reads_updated_and_the_day_under_the_entrys_date(kept_in_git):
    header = kept_in_git.page("journal/2024-01-01-edited/index.html").find(
        "header", class_="entry-header"
    )
    lines = [" ".join(p.get_text().split()) for p in header.find_all("p")]
    assert lines == ["2024-01-01 · 1 min read", "Updated 2024-05-06"]
    about = kept_in_git.page("about/index.html")
    assert about.h1.find_next_sibling().get_text(" ", strip=True) == (
        "Updated 2024-05-06"
    )


def test_the_same_history_builds_the_same_site(kept_in_git, tmp_path):
    again = build_site(kept_in_git.output.parent / "content", tmp_path / "again")
    assert again.returncode == 0, again.messages
    assert folder_fingerprint(again.output) == folder_fingerprint(kept_in_git.output)


def test_a_modified_line_before_the_date_stops_the_build_naming_it(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-05-03-typo.md": (
                "Title: Typo\nModified: 2023-05-04\n\nThe year is wrong.\n"
            ),
            "journal/2024-05-04.md": "Title: Fine\nModified: 2024-05-09\n\nFine.\n",
        },
    )
    result = build_site(content, tmp_path / "output")
    assert result.returncode != 0
    assert (
        "journal/2024-05-03-typo.md: Modified: 2023-05-04 00:00 comes before its "
        "date, 2024-05-03 00:00: correct the Modified: line, or remove it"
    ) in result.messages
    assert "2024-05-04.md" not in result.messages
    assert not (tmp_path / "output").exists()
