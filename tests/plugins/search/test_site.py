"""The search plugin in a real build: which articles the theme marks for the
index, with what, and the filters the search page offers."""

import pytest

from plugins.search.marks import tag_key
from tests.conftest import build_site, write_content

FILES = {
    "journal/2022-05-03.md": "Title: Offsite\nTags: planning, Career\n\nWords.\n",
    "journal/2023-02-14.md": "Untitled words.\n",
    "journal/2023-03-01.md": "Title: Draft\nStatus: draft\nTags: secret\n\nNot yet.\n",
    "journal/2024-03-02.md": "Title: Hidden\nStatus: hidden\nTags: quiet\n\nShh.\n",
    "pages/about.md": "Title: About\n\nWho writes.\n",
    "pages/unlisted.md": "Title: Unlisted\nStatus: hidden\n\nAway.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-plugin")
    built = build_site(write_content(root / "content", FILES), root / "output")
    assert built.returncode == 0, built.messages
    return built


def marked(page):
    return page.find(attrs={"data-pagefind-body": True})


def test_a_published_entry_is_marked_with_its_year_date_and_tags(site):
    page = site.page("journal/2022-05-03/index.html")

    article = marked(page)
    assert article.name == "article"
    assert article["data-pagefind-filter"] == "year:2022"
    date = article.find(attrs={"data-pagefind-meta": True})
    assert date["data-pagefind-meta"] == "date[datetime], date_text"
    assert date["datetime"].startswith("2022-05-03")
    assert article["data-pagefind-meta"] == (
        f"tags:{tag_key('planning')} {tag_key('Career')}"
    )
    assert page.select_one(".entry-tags").has_attr("data-pagefind-ignore")


def test_an_untitled_entry_has_its_date_as_title_and_metadata(site):
    article = marked(site.page("journal/2023-02-14/index.html"))

    heading_time = article.h1.time
    assert heading_time["data-pagefind-meta"] == "date[datetime]"


def test_pages_are_marked_without_a_year(site):
    article = marked(site.page("about/index.html"))

    assert article is not None
    assert not article.has_attr("data-pagefind-filter")


@pytest.mark.parametrize(
    "path",
    [
        "drafts/2023-03-01.html",
        "journal/2024-03-02/index.html",
        "unlisted/index.html",
        "index.html",
        "tags/index.html",
        "journal/2022/index.html",
    ],
)
def test_drafts_hidden_content_and_lists_are_not_marked(site, path):
    files = list(site.output.glob(path))
    assert files, f"{path} was not written"
    assert marked(site.page(path)) is None


def test_the_search_page_offers_the_tags_and_years_of_searchable_entries(site):
    page = site.page("search/index.html")

    options = page.select("#search-tag option")
    tags = [(option["value"], option.get("data-search-key")) for option in options]
    years = [option["value"] for option in page.select("#search-year option")]
    assert tags == [
        ("", None),
        ("Career", tag_key("Career")),
        ("planning", tag_key("planning")),
    ]
    assert years == ["", "2023", "2022"]
