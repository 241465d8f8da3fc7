"""Size budgets of the built sites: no JavaScript (but the search page's own
script), one stylesheet, every page within 14 KB gzip-compressed with its CSS,
and nothing from another origin; also for a year of daily entries, each page at
its largest."""

import datetime
import gzip
import random
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import TAGS, VOCABULARY
from tests.conftest import build_site, theme_file, write_content
from workflow.check import html_files

PAGE_BUDGET = 14 * 1024
# Elements and attributes that make the browser fetch something.
RESOURCE_ATTRIBUTES = {
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
}
# <link> relations that only name a page and never load anything.
NAMING_RELATIONS = {"canonical", "alternate", "prev", "next"}


LEAP_YEAR = 2024
EARLIER_YEARS = 27
DAILY_SITE = "https://journal.example.com"


def daily_entry(rng):
    title = " ".join(rng.choices(VOCABULARY, k=rng.randint(3, 7))).capitalize()
    return f"Title: {title}\nTags: {', '.join(rng.sample(TAGS, 6))}\n\n{title}.\n"


@pytest.fixture(scope="module")
def daily_site(tmp_path_factory):
    """A production build of a year of daily entries (a leap year, with a
    second entry every 25th day) and of an entry on 30 August of each of 27
    earlier years: titles of three to seven words, six tags of the
    benchmark's 24 each, as in a journal of 10,000 entries."""
    rng = random.Random(LEAP_YEAR)
    files = {}
    day = datetime.date(LEAP_YEAR, 1, 1)
    while day.year == LEAP_YEAR:
        files[f"journal/{day}.md"] = daily_entry(rng)
        if day.timetuple().tm_yday % 25 == 0:
            files[f"journal/{day}-2.md"] = daily_entry(rng)
        day += datetime.timedelta(days=1)
    for year in range(LEAP_YEAR - EARLIER_YEARS, LEAP_YEAR):
        files[f"journal/{year}-08-30.md"] = daily_entry(rng)
    root = tmp_path_factory.mktemp("daily")
    build = build_site(
        write_content(root / "content", files),
        root / "output",
        production=True,
        env={"SITEURL": DAILY_SITE},
    )
    assert build.returncode == 0, build.messages
    return build


@pytest.fixture(params=["sample_site", "theme_site"])
def site(request):
    return request.getfixturevalue(request.param)


def parsed_pages(site):
    for path in html_files(site.output):
        yield path, BeautifulSoup(path.read_bytes(), "html.parser")


def stylesheets(page):
    return [link["href"] for link in page.find_all("link", rel="stylesheet")]


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=9))


def local_file(site, path, url):
    """The file of the built site a page's relative URL points at."""
    address = urljoin(path.relative_to(site.output).as_posix(), url)
    return site.output / urlsplit(address).path.lstrip("/")


SEARCH_PAGE = "search/index.html"


def test_no_page_but_the_search_page_carries_javascript(site):
    for path, page in parsed_pages(site):
        scripts = page.find_all("script")
        if path.relative_to(site.output).as_posix() == SEARCH_PAGE:
            assert [script.get("type") for script in scripts] == ["module"]
            assert local_file(site, path, scripts[0]["src"]).is_file()
            continue
        for script in scripts:
            assert script.get("type") == "application/ld+json", path
            assert not script.get("src"), path
        for tag in page.find_all(True):
            handlers = [name for name in tag.attrs if name.startswith("on")]
            assert not handlers, (path, tag.name, handlers)
        for link in page.find_all(href=True):
            assert not link["href"].lower().startswith("javascript:"), path


def test_every_page_loads_at_most_one_stylesheet(site):
    for path, page in parsed_pages(site):
        assert len(stylesheets(page)) <= 1, path
        assert not page.find("style"), path


def test_every_page_with_its_css_is_at_most_14_kb_gzipped(site):
    for path, page in parsed_pages(site):
        size = gzip_size(path.read_bytes())
        for href in stylesheets(page):
            size += gzip_size(local_file(site, path, href).read_bytes())
        assert size <= PAGE_BUDGET, f"{path}: {size} bytes gzipped"


def test_no_page_loads_anything_from_another_origin(site):
    for path, page in parsed_pages(site):
        for name, attributes in RESOURCE_ATTRIBUTES.items():
            for tag in page.find_all(name):
                if name == "link" and NAMING_RELATIONS & set(tag.get("rel", [])):
                    continue
                for attribute in attributes:
                    for url in (tag.get(attribute) or "").split(","):
                        parts = urlsplit(url.strip().split(" ")[0])
                        assert not (parts.scheme or parts.netloc), (path, url)


def test_the_stylesheet_uses_nothing_from_another_origin(site):
    css = theme_file(site.output, "css/site.css").read_text()
    assert "@import" not in css
    assert "url(" not in css
    assert "@font-face" not in css


def test_a_year_of_daily_entries_keeps_every_page_within_14_kb(daily_site):
    css = theme_file(daily_site.output, "css/site.css")
    css_size = gzip_size(css.read_bytes())
    css_path = css.relative_to(daily_site.output).as_posix()
    stylesheet = f'<link rel="stylesheet" href="{DAILY_SITE}/{css_path}">'
    for path in html_files(daily_site.output):
        html = path.read_bytes()
        assert html.count(b'rel="stylesheet"') == 1, path
        assert stylesheet.encode() in html, path
        size = gzip_size(html) + css_size
        assert size <= PAGE_BUDGET, f"{path}: {size} bytes gzipped"
    year = daily_site.page(f"journal/{LEAP_YEAR}/index.html")
    assert len(year.select(".calendar a")) == 366
    assert len(year.select(".month-entries li")) == 366 + 14
    entry = daily_site.page(f"journal/{LEAP_YEAR}-08-30/index.html")
    [related, same_day] = entry.select(".entry-links")
    assert len(related.find_all("li")) == 3
    assert len(same_day.find_all("li")) == EARLIER_YEARS
