"""Every built page has a complete head, marks where the reader is, and shows
titles, summaries and tags as plain text."""

import json
import re
import time
from datetime import datetime
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import write_corpus
from tests.conftest import (
    SAMPLE_CONTENT,
    build_site,
    copy_sample,
    run_pelican,
    theme_path,
    words,
    write_content,
)
from tests.theme.conftest import HOSTILE_SUMMARY, HOSTILE_TAG, HOSTILE_TITLE
from workflow.check import html_files

SITE = "https://leader.example.org"


def pages_of(site):
    """(relative path, parsed page) of every HTML page of a built site."""
    return [
        (str(path.relative_to(site.output)), BeautifulSoup(path.read_bytes(), "lxml"))
        for path in html_files(site.output)
    ]


def meta(page, **attrs):
    tag = page.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def json_ld(page):
    return [
        json.loads(script.string)
        for script in page.find_all("script", type="application/ld+json")
    ]


def test_every_page_has_title_description_canonical_preview_feed_and_icon(
    theme_site,
):
    icon = theme_path(theme_site.output, "favicon.svg")
    for name, page in pages_of(theme_site):
        assert page.title.get_text(strip=True), name
        assert meta(page, name="description"), name
        assert page.find("link", rel="canonical")["href"], name
        for prop in ["og:title", "og:description", "og:url", "og:type", "og:image"]:
            assert meta(page, property=prop), (name, prop)
        for prop in ["twitter:title", "twitter:description", "twitter:image"]:
            assert meta(page, name=prop), (name, prop)
        assert meta(page, name="twitter:card") == "summary_large_image", name
        assert page.find("link", rel="alternate", type="application/atom+xml"), name
        assert page.find("link", rel="icon")["href"].endswith(icon), name
        assert meta(page, name="color-scheme") == "light dark", name


def test_canonical_and_preview_urls_are_the_pages_own_absolute_address(
    production_site,
):
    expected = {
        "index.html": f"{SITE}/",
        "journal/2023-08-30/index.html": f"{SITE}/journal/2023-08-30/",
        "leadership/index.html": f"{SITE}/leadership/",
        "archives/index.html": f"{SITE}/archives/",
        "404.html": f"{SITE}/404.html",
    }
    for relative, address in expected.items():
        page = production_site.page(relative)
        assert page.find("link", rel="canonical")["href"] == address
        assert meta(page, property="og:url") == address


def test_local_builds_link_the_canonical_page_relatively(sample_site):
    """A local build never passes for the published site (`invoke check`), yet
    its link previews name the local address in full, as previews need."""
    page = sample_site.page("journal/2023-08-30/index.html")
    assert page.find("link", rel="canonical")["href"] == "../../journal/2023-08-30/"
    assert meta(page, property="og:url") == (
        "http://127.0.0.1:8000/journal/2023-08-30/"
    )


def test_the_description_is_the_summary_or_the_first_paragraph(sample_site):
    qa = sample_site.page("leadership/index.html")
    assert meta(qa, name="description") == (
        "How I lead, scale and balance engineering organizations."
    )
    entry = sample_site.page("journal/2023-08-30/index.html")
    description = meta(entry, name="description")
    assert description.startswith("Well it is coming up on two business days")
    assert description.endswith("…")
    assert len(description) <= 200
    assert meta(entry, property="og:description") == description


def test_an_entry_is_a_blog_posting_and_the_home_page_a_web_site(production_site):
    entry = production_site.page("journal/2023-08-30/index.html")
    [posting] = json_ld(entry)
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "2023-08-30"
    assert posting["url"] == f"{SITE}/journal/2023-08-30/"
    assert posting["datePublished"].startswith("2023-08-30")
    assert meta(entry, property="og:type") == "article"
    [site] = json_ld(production_site.page("index.html"))
    assert site["@type"] == "WebSite"
    assert site["url"] == f"{SITE}/"
    assert site["name"] == "Engineering Leadership Journal"


def test_the_sitemap_lists_every_page_absolutely_and_robots_txt_names_it(
    production_site,
):
    sitemap = BeautifulSoup(
        (production_site.output / "sitemap.xml").read_bytes(), "xml"
    )
    locations = {loc.get_text() for loc in sitemap.find_all("loc")}
    for address in ["/", "/journal/2023-08-30/", "/leadership/", "/archives/"]:
        assert SITE + address in locations
    assert f"{SITE}/404.html" not in locations
    robots = (production_site.output / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()


def test_an_authors_robots_txt_replaces_the_themes(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(content, {"extra/robots.txt": "User-agent: *\nDisallow: /\n"})
    result = build(content)
    assert result.returncode == 0, result.messages
    robots = (result.output / "robots.txt").read_text()
    assert robots == "User-agent: *\nDisallow: /\n"


@pytest.mark.parametrize(
    ("relative", "current"),
    [
        ("index.html", "Journal"),
        ("leadership/index.html", "Leadership"),
        ("about/index.html", "About"),
        ("archives/index.html", "Archives"),
        ("tags/index.html", "Tags"),
        ("journal/2023-08-30/index.html", None),
    ],
)
def test_site_navigation_marks_the_current_page(theme_site, relative, current):
    nav = theme_site.page(relative).find("nav", attrs={"aria-label": "Site"})
    marked = [
        a.get_text(strip=True) for a in nav.find_all(attrs={"aria-current": True})
    ]
    assert marked == ([current] if current else [])
    for link in nav.find_all("a", attrs={"aria-current": True}):
        assert link["aria-current"] == "page"


def test_the_home_page_pages_with_rel_prev_and_next(theme_site):
    first = theme_site.page("index.html")
    second = theme_site.page("page/2/index.html")
    assert first.find("a", rel="next")["href"].rstrip("/").endswith("page/2")
    assert first.find("link", rel="next")["href"].rstrip("/").endswith("page/2")
    assert not first.find(rel="prev")
    assert second.find("a", rel="prev")["href"] == "../../"
    assert second.find("link", rel="prev")["href"] == "../../"
    assert second.find("link", rel="canonical")["href"].endswith("/page/2/")
    entries = len(first.select(".entry-list > li")) + len(
        second.select(".entry-list > li")
    )
    assert entries == 15


def address_linked(page_address, href):
    """The address in the site (`page/2/`, `""` for the home page) that `href`
    leads to from the page at `page_address`."""
    root = "https://site.invalid/"
    return urljoin(root + page_address, href).removeprefix(root)


def test_every_page_of_a_list_links_its_neighbours_by_their_own_address(tmp_path):
    """Page 2 of the home page links back to the home page's one address,
    `./` (not `index.html`, a second address for it), as a tag's page 2 links
    `tag/x/`: with rel="prev" and "next", in the page and in its head; each
    page after the first says its number in its title."""
    content = write_corpus(tmp_path / "content", 25)
    for entry in (content / "journal").glob("*.md"):
        text = entry.read_text(encoding="utf-8")
        entry.write_text(text.replace("Tags: ", "Tags: weekly, ", 1), encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    assert site.returncode == 0, site.messages
    for first in ["", "tag/weekly/", "category/journal/"]:
        addresses = [first, f"{first}page/2/", f"{first}page/3/"]
        assert not (site.output / first / "page" / "4").exists()
        for number, address in enumerate(addresses):
            page = site.page(f"{address}index.html")
            neighbours = {
                "prev": addresses[number - 1] if number > 0 else None,
                "next": addresses[number + 1] if number + 1 < len(addresses) else None,
            }
            if number:
                assert f" · page {number + 1}" in page.title.get_text(), address
            for rel, neighbour in neighbours.items():
                for element in ["a", "link"]:
                    found = page.find(element, rel=rel)
                    where = (address, element, rel)
                    if neighbour is None:
                        assert found is None, where
                    else:
                        linked = address_linked(address, found["href"])
                        assert linked == neighbour, where


def test_every_page_has_a_skip_link_to_main_and_one_h1(theme_site):
    for name, page in pages_of(theme_site):
        skip = page.body.find("a")
        assert skip["href"] == "#main", name
        assert page.find("main", id="main"), name
        assert len(page.find_all("h1")) == 1, name


def test_a_hostile_title_summary_and_tag_show_as_typed_and_inject_nothing(
    theme_site,
):
    entry = theme_site.page("journal/2023-09-05-fish/index.html")
    assert entry.h1.get_text() == HOSTILE_TITLE
    assert entry.title.get_text() == f"{HOSTILE_TITLE} · Engineering Leadership Journal"
    assert meta(entry, property="og:title") == HOSTILE_TITLE
    assert meta(entry, name="description") == HOSTILE_SUMMARY
    assert meta(entry, property="og:description") == HOSTILE_SUMMARY
    [posting] = json_ld(entry)
    assert posting["headline"] == HOSTILE_TITLE
    assert posting["description"] == HOSTILE_SUMMARY
    assert HOSTILE_TAG in posting["keywords"]
    tags = [a.get_text() for a in entry.select(".entry-tags a")]
    assert HOSTILE_TAG in tags
    home = theme_site.page("index.html")
    card = home.select_one(".entry-list > li")
    assert card.h2.get_text(strip=True) == HOSTILE_TITLE
    assert card.select_one(".entry-summary").get_text() == HOSTILE_SUMMARY
    search = theme_site.page("search/index.html")
    assert HOSTILE_TAG in [option.get_text() for option in search.select("option")]
    assert HOSTILE_TAG in [option["value"] for option in search.select("option")]
    for name, page in pages_of(theme_site):
        # Markup typed in a title, a summary or a tag never becomes an element.
        assert not page.find(["b", "i"]), name
        # Every page but the home page is shared by a title of its own.
        if name != "index.html":
            assert (
                meta(page, property="og:title") != "Engineering Leadership Journal"
            ), name
        scripts = page.find_all("script", src=False)
        assert all(s.get("type") == "application/ld+json" for s in scripts), name
        for script in scripts:
            json.loads(script.string)
        # The only script loaded is the search page's own.
        for script in page.find_all("script", src=True):
            assert re.search(r"/theme/js/search\.[0-9a-f]{8}\.js$", script["src"]), name


def test_the_archives_list_every_year_newest_first_and_each_year_its_entries(
    theme_site,
):
    archives = theme_site.page("archives/index.html")
    years = archives.select(".archive-years li")
    assert [words(year.get_text(" ")) for year in years] == [
        "2023 13 entries",
        "2022 2 entries",
    ]
    assert [year.a["href"] for year in years] == [
        "../journal/2023/",
        "../journal/2022/",
    ]
    newest = theme_site.page("journal/2023/index.html")
    assert len(newest.select("main li a")) == 13
    last = theme_site.page("journal/2022/index.html")
    assert [a.get_text() for a in last.select("main li a")] == [
        "2022-12-30",
        "Hiring, a year earlier",
    ]


def test_the_sitemap_dates_index_pages_by_the_newest_entry(sample_site):
    sitemap = BeautifulSoup((sample_site.output / "sitemap.xml").read_bytes(), "xml")
    dates = {
        url.loc.get_text(): url.lastmod.get_text() for url in sitemap.find_all("url")
    }
    entries = [date for url, date in dates.items() if "/journal/20" in url]
    # The newest change to an entry: its date, or its last commit (the
    # stand-in entry of 2023-09-01 was edited after it was dated).
    newest = max(entries, key=datetime.fromisoformat)
    assert dates["http://127.0.0.1:8000/"] == newest
    assert dates["http://127.0.0.1:8000/archives/"] == newest
    assert dates["http://127.0.0.1:8000/journal/2023-08-30/"].startswith("2023-08-30T")


def test_a_site_with_nothing_dated_writes_one_sitemap_at_any_time(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-05-01.md": "Title: Soon\nStatus: draft\n\nNot yet.\n",
            "pages/about.md": "Title: About\n\nMe.\n",
        },
    )
    first = build_site(content, tmp_path / "first")
    time.sleep(1.1)  # the clock's second has changed
    second = build_site(content, tmp_path / "second")

    assert first.returncode == second.returncode == 0, first.messages
    sitemap = (first.output / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap == (second.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>1970-01-01T00:00:00+00:00</lastmod>" in sitemap


def test_a_relative_siteurl_fails_the_build_naming_the_setting(tmp_path):
    result = run_pelican(
        SAMPLE_CONTENT,
        tmp_path / "out",
        extra_settings='SITEURL = "/journal"\nFEED_ALL_ATOM = None',
    )
    assert result.returncode != 0
    assert "page_meta: setting SITEURL" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_description_length_is_a_setting(tmp_path):
    result = run_pelican(
        SAMPLE_CONTENT,
        tmp_path / "out",
        extra_settings="PAGE_META_DESCRIPTION_LENGTH = 60",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup(
        (tmp_path / "out" / "journal" / "2023-08-30" / "index.html").read_bytes(),
        "html.parser",
    )
    description = meta(page, name="description")
    assert description.endswith("…")
    assert len(description) <= 60
