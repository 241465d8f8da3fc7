"""Built journals: reading time, related entries, on this day and each year's
page with its calendar."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site, run_pelican, words, write_content
from workflow.check import broken_links


def text_of(count):
    """A body of `count` words, in paragraphs of 50."""
    paragraphs = [" ".join(["word"] * 50) for _ in range(count // 50)]
    return "\n\n".join([*paragraphs, " ".join(["word"] * (count % 50))]) + "\n"


JOURNAL = {
    "journal/2021-08-30.md": "Title: Hiring in summer\nTags: hiring\n\nText.\n",
    "journal/2022-08-30.md": "Tags: hiring, leadership\n\nUntitled.\n",
    "journal/2023-08-29.md": (
        "Title: Leading <teams> & more\nTags: leadership, hiring, culture\n\nText.\n"
    ),
    "journal/2023-08-30.md": (
        "Title: The entry\nTags: culture, hiring, leadership\n\n" + text_of(460)
    ),
    "journal/2023-09-01.md": "Title: Morning\nTags: culture\n\nText.\n",
    "journal/2023-09-01-2.md": "Tags: remote\n\nUntitled, the same day.\n",
    "journal/2023-08-31-draft.md": (
        "Title: Draft\nStatus: draft\nTags: culture, hiring, leadership\n\nText.\n"
    ),
    "journal/2020-08-30-hidden.md": (
        "Title: Hidden\nStatus: hidden\nTags: culture, hiring, leadership\n\nText.\n"
    ),
    "journal/2020-02-29.md": "Title: Leap day\n\nText.\n",
    "journal/2023-02-28.md": "Title: Not a leap day\n\nText.\n",
    "journal/2024-02-29.md": "Title: Leap day again\n\nText.\n",
}


@pytest.fixture(scope="session")
def reading_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reading")
    build = build_site(write_content(folder / "content", JOURNAL), folder / "output")
    assert build.returncode == 0, build.messages
    return build


def entry_page(site, slug):
    return site.page(f"journal/{slug}/index.html")


def section(page, heading):
    """The items of the section headed `heading`: (the date or year before
    the link, or None; the link's text; its href)."""
    title = page.find("h2", string=heading)
    if title is None:
        return None
    items = title.find_parent("section").find_all("li")
    return [
        (
            words(label.get_text())
            if (label := item.find("time", recursive=False))
            else None,
            words(item.a.get_text()),
            item.a["href"],
        )
        for item in items
    ]


def test_an_entry_page_says_how_long_it_takes_to_read(reading_site):
    meta = entry_page(reading_site, "2023-08-30").select_one(".entry-header")
    assert "2 min read" in words(meta.get_text(" "))
    short = entry_page(reading_site, "2023-09-01-2").select_one(".entry-header")
    assert "1 min read" in words(short.get_text(" "))


def test_entry_lists_say_how_long_each_entry_takes_to_read(reading_site):
    cards = reading_site.page("index.html").select(".entry-card")
    times = {
        words(card.h2.get_text()): words(card.select_one(".entry-meta").get_text())
        for card in cards
    }
    assert times["The entry"] == "2023-08-30 · 2 min read"
    assert times["Morning"] == "2023-09-01 · 1 min read"


def test_related_entries_share_the_most_tags_then_are_nearest(reading_site):
    related = section(entry_page(reading_site, "2023-08-30"), "Related entries")
    assert related == [
        ("2023-08-29", "Leading <teams> & more", "../../journal/2023-08-29/"),
        (None, "2022-08-30", "../../journal/2022-08-30/"),
        ("2023-09-01", "Morning", "../../journal/2023-09-01/"),
    ]


def test_an_entry_sharing_no_tag_has_no_related_entries(reading_site):
    page = entry_page(reading_site, "2023-09-01-2")
    assert section(page, "Related entries") is None
    assert "Related entries" not in page.get_text()


def test_on_this_day_lists_the_same_day_of_other_years_by_year(reading_site):
    same_day = section(entry_page(reading_site, "2023-08-30"), "On this day")
    assert same_day == [
        ("2021", "Hiring in summer", "../../journal/2021-08-30/"),
        (None, "2022-08-30", "../../journal/2022-08-30/"),  # untitled: its date
    ]


def test_29_february_is_matched_only_with_29_february(reading_site):
    same_day = section(entry_page(reading_site, "2024-02-29"), "On this day")
    assert same_day == [("2020", "Leap day", "../../journal/2020-02-29/")]
    alone = entry_page(reading_site, "2023-02-28")
    assert section(alone, "On this day") is None
    assert "On this day" not in alone.get_text()


def test_drafts_and_hidden_entries_are_never_related_nor_on_this_day(reading_site):
    hidden_page = reading_site.output / "journal/2020-08-30-hidden/index.html"
    for page in reading_site.output.glob("journal/*/index.html"):
        html = page.read_text(encoding="utf-8")
        assert "2023-08-31-draft" not in html, page
        if page != hidden_page:
            assert "2020-08-30-hidden" not in html, page
    hidden = entry_page(reading_site, "2020-08-30-hidden")
    assert "1 min read" in hidden.get_text()
    assert section(hidden, "Related entries") is None
    assert section(hidden, "On this day") is None


def test_a_years_page_lists_its_entries_by_month_with_counts(reading_site):
    page = reading_site.page("journal/2023/index.html")
    months = [words(h2.get_text(" ")) for h2 in page.main.find_all("h2")][1:]
    assert months == ["September 2 entries", "August 2 entries", "February 1 entry"]
    august = next(h2 for h2 in page.main.find_all("h2") if "August" in h2.text)
    listed = august.find_next("ul").find_all("li")
    assert [words(li.get_text(" ")) for li in listed] == [
        "30 The entry",
        "29 Leading <teams> & more",
    ]
    assert listed[0].a["href"] == "../2023-08-30/"


def test_a_years_calendar_is_a_table_a_month_whose_days_link_their_entries(
    reading_site,
):
    page = reading_site.page("journal/2023/index.html")
    tables = page.select(".calendar table")
    assert [table.caption.get_text() for table in tables][::11] == [
        "January",
        "December",
    ]
    august = tables[7]
    headers = august.thead.find_all("th")
    assert [(th["scope"], th["abbr"], th.get_text()) for th in headers[::6]] == [
        ("col", "Monday", "Mo"),
        ("col", "Sunday", "Su"),
    ]
    links = {words(a.get_text(" ")): a["href"] for a in august.find_all("a")}
    assert links == {"29 August": "../2023-08-29/", "30 August": "../2023-08-30/"}
    cells = [td.get_text() for td in august.find_all("td")]
    assert cells[:3] == ["", "1", "2"]  # 1 August 2023 was a Tuesday


def test_a_day_of_several_entries_leads_to_them_in_the_list(reading_site):
    page = reading_site.page("journal/2023/index.html")
    link = page.select(".calendar table")[8].find("a")
    assert words(link.get_text(" ")) == "1 September: 2 entries"
    assert link["href"] == "#day-2023-09-01"
    listed = page.find(id="day-2023-09-01")
    assert listed.name == "li"
    assert len(listed.find_parent("ul").find_all("li")) == 2
    assert broken_links(reading_site.output) == []


def test_a_changed_tag_or_text_shows_in_the_next_build(tmp_path):
    content = write_content(tmp_path / "content", JOURNAL)
    assert build_site(content, tmp_path / "output").returncode == 0
    write_content(
        content,
        {
            "journal/2023-09-01-2.md": "Tags: culture, hiring, leadership\n\n"
            + text_of(700)
        },
    )

    build = build_site(content, tmp_path / "output")

    assert build.returncode == 0, build.messages
    changed = entry_page(build, "2023-09-01-2")
    assert "3 min read" in changed.get_text()
    unchanged = entry_page(build, "2023-08-30")  # its count kept with its HTML
    assert "2 min read" in unchanged.select_one(".entry-header").get_text()
    related = section(entry_page(build, "2023-08-30"), "Related entries")
    assert [text for _, text, _ in related] == [
        "Leading <teams> & more",
        "2023-09-01",
        "2022-08-30",
    ]


def test_a_bad_reading_setting_fails_the_build_naming_it(tmp_path):
    content = write_content(tmp_path / "content", JOURNAL)
    result = run_pelican(
        content, tmp_path / "out", extra_settings="READING_WORDS_PER_MINUTE = 0"
    )
    assert result.returncode != 0
    assert "reading: setting READING_WORDS_PER_MINUTE is 0" in (
        result.stdout + result.stderr
    )
    assert not (tmp_path / "out" / "index.html").exists()


def test_entries_listed_by_title_keep_the_same_related_entries_and_days(
    reading_site, tmp_path
):
    content = write_content(tmp_path / "content", JOURNAL)
    result = run_pelican(
        content, tmp_path / "out", extra_settings='ARTICLE_ORDER_BY = "title"'
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in ["2023-08-30", "2023-09-01", "2024-02-29"]:
        by_title = BeautifulSoup(
            (tmp_path / "out" / "journal" / slug / "index.html").read_bytes(),
            "html.parser",
        )
        by_date = entry_page(reading_site, slug)
        for heading in ["Related entries", "On this day"]:
            assert section(by_title, heading) == section(by_date, heading), slug
