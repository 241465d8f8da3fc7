"""Built journals: every entry page leads to its older and newer entries."""

import posixpath

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site, run_pelican, words, write_content
from tests.pictures import photo_jpeg
from workflow.check import broken_links

JOURNAL = {
    "journal/2024-03-01.md": "Untitled; the file name dates it.\n",
    "journal/2024-03-02-a.md": "Title: Morning <notes> & more\n\nMorning.\n",
    "journal/2024-03-02-b.md": "Untitled, the same day.\n",
    "journal/2024-03-03-draft.md": "Title: Unfinished\nStatus: draft\n\nDraft.\n",
    "journal/2024-03-04-hidden.md": "Title: Unlisted\nStatus: hidden\n\nHidden.\n",
    "journal/2024-03-05-late.md": "Title: Late\nDate: 2024-03-05 21:30\n\nLast.\n",
}
PUBLISHED = [
    "journal/2024-03-01/",
    "journal/2024-03-02-a/",
    "journal/2024-03-02-b/",
    "journal/2024-03-05-late/",
]


@pytest.fixture(scope="session")
def journal_site(tmp_path_factory):
    """A small journal: same-day entries, titled and untitled ones, a draft, a
    hidden entry and dates from file names and from a `Date:` line."""
    folder = tmp_path_factory.mktemp("journal")
    build = build_site(write_content(folder / "content", JOURNAL), folder / "output")
    assert build.returncode == 0, build.messages
    return build


def page_of(url):
    return f"{url}index.html"


def target(url, href):
    """The site URL a relative link on the page at `url` leads to."""
    return posixpath.normpath(posixpath.join(url, href)) + "/"


def neighbour(site, url, rel):
    """(anchor, head link) with this rel on the entry page at `url`."""
    page = site.page(page_of(url))
    return page.main.find("a", rel=rel), page.head.find("link", rel=rel)


def walk(site, start, rel):
    """Follow the rel links from the entry at `start`: every URL on the way."""
    visited = [start]
    anchor, _ = neighbour(site, start, rel)
    while anchor is not None:
        visited.append(target(visited[-1], anchor["href"]))
        anchor, _ = neighbour(site, visited[-1], rel)
    return visited


def test_newer_links_walk_every_published_entry_in_order(journal_site):
    assert walk(journal_site, PUBLISHED[0], "next") == PUBLISHED


def test_older_links_walk_back_the_same_way(journal_site):
    assert walk(journal_site, PUBLISHED[-1], "prev") == PUBLISHED[::-1]


@pytest.mark.parametrize("url", PUBLISHED)
@pytest.mark.parametrize("rel", ["prev", "next"])
def test_the_head_links_the_same_pair_as_the_page(journal_site, url, rel):
    anchor, link = neighbour(journal_site, url, rel)
    if anchor is None:
        assert link is None
    else:
        assert link["href"] == anchor["href"]
        assert len(journal_site.page(page_of(url)).find_all(rel=rel)) == 2


@pytest.mark.parametrize(
    ("url", "missing", "present"),
    [
        (PUBLISHED[0], "prev", "next"),
        (PUBLISHED[-1], "next", "prev"),
    ],
)
def test_first_and_last_entries_show_only_the_link_that_exists(
    journal_site, url, missing, present
):
    assert neighbour(journal_site, url, missing) == (None, None)
    anchor, link = neighbour(journal_site, url, present)
    assert anchor is not None
    assert link is not None
    nav = journal_site.page(page_of(url)).find("nav", class_="entry-neighbours")
    assert "·" not in nav.get_text()


@pytest.mark.parametrize(
    ("url", "rel", "text", "datetime"),
    [
        pytest.param(
            "journal/2024-03-02-b/",
            "prev",
            "Older post 2024-03-02 Morning <notes> & more",
            "2024-03-02T00:00:00",
            id="titled neighbour: label, date and its title as typed",
        ),
        pytest.param(
            "journal/2024-03-02-a/",
            "next",
            "Newer post 2024-03-02",
            "2024-03-02T00:00:00",
            id="untitled neighbour: label and date only",
        ),
        pytest.param(
            "journal/2024-03-02-b/",
            "next",
            "Newer post 2024-03-05 Late",
            "2024-03-05T21:30:00",
            id="a Date line with a time",
        ),
        pytest.param(
            "journal/2024-03-02-a/",
            "prev",
            "Older post 2024-03-01",
            "2024-03-01T00:00:00",
            id="date from the file name",
        ),
    ],
)
def test_a_link_shows_older_or_newer_the_date_and_the_own_title(
    journal_site, url, rel, text, datetime
):
    anchor, _ = neighbour(journal_site, url, rel)
    assert words(anchor.get_text(" ")) == text
    time = anchor.find("time")
    assert time["datetime"].startswith(datetime)
    assert time.get_text() == text.split()[2]


def test_two_entries_of_one_day_have_their_own_pages_and_link_each_other(
    journal_site,
):
    morning, afternoon = "journal/2024-03-02-a/", "journal/2024-03-02-b/"
    for url in (morning, afternoon):
        assert (journal_site.output / page_of(url)).is_file()
    newer, _ = neighbour(journal_site, morning, "next")
    older, _ = neighbour(journal_site, afternoon, "prev")
    assert target(morning, newer["href"]) == afternoon
    assert target(afternoon, older["href"]) == morning


def test_an_untitled_entry_is_titled_by_its_date_everywhere(journal_site):
    page = journal_site.page("journal/2024-03-01/index.html")
    assert page.h1.get_text(strip=True) == "2024-03-01"
    assert page.title.get_text().startswith("2024-03-01 · ")

    index = journal_site.page("index.html")
    listed = [a.get_text(strip=True) for a in index.main.select("h2 a")]
    assert listed == ["Late", "2024-03-02", "Morning <notes> & more", "2024-03-01"]

    feed = feedparser.parse(journal_site.output / "feeds" / "all.atom.xml")
    titles = {
        entry.link.rsplit("/journal/", 1)[1]: entry.title for entry in feed.entries
    }
    assert titles["2024-03-01/"] == "2024-03-01"
    assert titles["2024-03-02-b/"] == "2024-03-02"

    anchor, _ = neighbour(journal_site, "journal/2024-03-02-a/", "prev")
    assert anchor.find("time").get_text() == "2024-03-01"


def test_drafts_and_hidden_entries_are_never_neighbours(journal_site):
    for url in PUBLISHED:
        nav = journal_site.page(page_of(url)).find("nav", class_="entry-neighbours")
        hrefs = " ".join(a["href"] for a in nav.find_all("a"))
        assert "draft" not in hrefs
        assert "hidden" not in hrefs
    hidden = journal_site.page("journal/2024-03-04-hidden/index.html")
    assert hidden.find("nav", class_="entry-neighbours") is None
    assert hidden.find(rel=["prev", "next"]) is None


def test_the_journal_is_link_clean(journal_site):
    assert broken_links(journal_site.output) == []


def test_a_single_entry_links_nowhere(build, tmp_path):
    content = write_content(tmp_path / "content", {"journal/2024-01-02.md": "Alone.\n"})
    result = build(content)
    assert result.returncode == 0, result.messages
    page = result.page("journal/2024-01-02/index.html")
    assert page.find("nav", class_="entry-neighbours") is None
    assert page.find_all(rel=["prev", "next"]) == []


def test_the_authors_entry_ends_with_older_and_newer_posts(sample_site):
    page = sample_site.page("journal/2023-08-30/index.html")
    nav = page.find("nav", class_="entry-neighbours")
    assert words(nav.get_text(" ")) == (
        "Older post 2023-08-29 A stand-in for the entry of 2023-08-29"
        " · Newer post 2023-09-01 A stand-in for the entry of 2023-09-01"
    )
    newer_of_older = sample_site.page("journal/2023-08-29/index.html")
    anchor = newer_of_older.main.find("a", rel="next")
    assert words(anchor.get_text(" ")) == "Newer post 2023-08-30"


# --- settings, through the plain `pelican` command ---------------------------


def pelican(tmp_path, content, settings):
    """Build `content` with the site's settings and these lines on top."""
    output = tmp_path / "output"
    return run_pelican(content, output, extra_settings=settings), output


def test_the_date_format_and_category_neighbours_are_settings(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-03-01.md": "Category: Hiring\n\nText.\n",
            "journal/2024-03-02.md": "Category: Scaling\n\nText.\n",
            "journal/2024-03-03.md": "Category: Hiring\n\nText.\n",
        },
    )
    result, output = pelican(
        tmp_path,
        content,
        'JOURNAL_DATE_FORMAT = "%d %B %Y"\nJOURNAL_CATEGORY_NEIGHBOURS = True',
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = (output / "journal" / "2024-03-03" / "index.html").read_text()
    page = BeautifulSoup(html, "html.parser")
    assert page.h1.get_text(strip=True) == "03 March 2024"
    nav = page.find("nav", class_="entry-neighbours")
    assert [words(a.get_text(" ")) for a in nav.find_all("a")] == [
        "Older post 02 March 2024",
        "Older post in Hiring 01 March 2024",
    ]
    assert len(page.find_all(rel="prev")) == 2  # the <a> and the <link>, once


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ('JOURNAL_DATE_FORMAT = "today"', "JOURNAL_DATE_FORMAT"),
        ('JOURNAL_CATEGORY_NEIGHBOURS = "yes"', "JOURNAL_CATEGORY_NEIGHBOURS"),
        ("JOURNAL_CATEGORY_NEIGHBORS = True", "JOURNAL_CATEGORY_NEIGHBORS"),
    ],
)
def test_a_bad_setting_fails_the_build_naming_the_setting(tmp_path, settings, named):
    content = write_content(tmp_path / "content", {"journal/2024-03-01.md": "Text.\n"})
    result, output = pelican(tmp_path, content, settings)
    messages = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert f"journal: setting {named} " in messages
    assert not (output / "journal").exists()


def test_an_untitled_entry_shows_its_date_once_as_its_heading(sample_site):
    page = sample_site.page("journal/2023-08-30/index.html")
    heading = page.main.h1
    assert heading.time["datetime"].startswith("2023-08-30")
    assert words(page.main.get_text(" ")).count("2023-08-30") == 1


@pytest.mark.parametrize(
    "text",
    ["", "Title: Half an idea\n\n", "Title: Offsite\nTags: teams\n", "<!-- soon -->\n"],
)
def test_an_entry_with_nothing_in_it_stops_the_build(tmp_path, text):
    content = write_content(
        tmp_path / "content", {**JOURNAL, "journal/2024-03-06-started.md": text}
    )
    build = build_site(content, tmp_path / "output")
    assert build.returncode != 0
    assert (
        "journal/2024-03-06-started.md: this entry has no text yet: write it"
        in build.messages
    )
    assert "'Status: draft'" in build.messages
    assert not (tmp_path / "output").exists()


def test_an_entry_of_a_photo_alone_is_published_described_by_it(tmp_path):
    photo = "![The team at the offsite]({static}/images/offsite.jpg)\n"
    content = write_content(
        tmp_path / "content",
        {
            **JOURNAL,
            "journal/2024-03-06-offsite.md": f"Title: Offsite\n\n{photo}",
            "images/offsite.jpg": photo_jpeg(800, 600),
        },
    )
    build = build_site(content, tmp_path / "output")
    assert build.returncode == 0, build.messages
    head = build.page("journal/2024-03-06-offsite/index.html").head
    description = head.find("meta", attrs={"name": "description"})
    assert description["content"] == "The team at the offsite"
