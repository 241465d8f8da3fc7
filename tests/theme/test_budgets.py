"""Size budgets of the built sites: no JavaScript (but the search page's own
script), one stylesheet, every page within 14 KB gzip-compressed with its CSS,
and nothing from another origin."""

import gzip
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import theme_file
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
