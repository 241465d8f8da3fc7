"""Search, in Chromium over HTTP (Pagefind does not work from file://): what a
reader finds on the search page, with the filters, the keyboard, and without
JavaScript."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import build_site, copy_sample, write_content
from tests.theme.conftest import HOSTILE_TITLE, serve, settled

GUARDRAIL_QUESTION = "How do you balance high-growth velocity with technical stability?"

SEARCH_FILES = {
    "journal/2022-05-03-offsite.md": (
        "Title: Planning the offsite\nTags: planning\n\n"
        "We drew the roadmap for the year and met a family of quokkas.\n"
    ),
    "journal/2023-02-14.md": (
        "Title: Hiring in winter\nTags: hiring\n\n"
        "A zeppelin of candidates arrived; the roadmap waited.\n"
    ),
    "journal/2023-03-01-draft.md": (
        "Title: Not ready\nStatus: draft\n\nA marzipan of half thoughts.\n"
    ),
    "journal/2023-03-02-hidden.md": (
        "Title: Only by address\nStatus: hidden\n\nA xylophone in the hallway.\n"
    ),
    "pages/about.md": "Title: About\n\nWritten by someone who likes aardvarks.\n",
    "journal/2023-04-01-fish.md": (
        f"Title: {HOSTILE_TITLE}\n\nA gnu wrote 1 &lt; 2 &amp; <i>this</i>.\n"
    ),
}


@pytest.fixture(scope="module")
def search_url(tmp_path_factory):
    """The sample site with entries of two years, a draft, a hidden entry and an
    about page, built with `invoke build` and served over HTTP."""
    root = tmp_path_factory.mktemp("search")
    content = write_content(copy_sample(root / "content"), SEARCH_FILES)
    build = build_site(content, root / "output")
    assert build.returncode == 0, build.messages
    server, url = serve(root / "output")
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else 0)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def search(page, url, query):
    page.goto(f"{url}search/?{query}")
    settled(page)


def results(page):
    """(title, link relative to the site, meta line) of each result shown."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.search-result')].map(item => [
             item.querySelector('h2').textContent,
             item.querySelector('h2 a').getAttribute('href'),
             item.querySelector('.entry-meta')?.textContent ?? null])"""
    )


def status(page):
    return page.inner_text("#search-status")


def test_a_word_from_one_entry_finds_that_entry_with_its_date(reader, search_url):
    search(reader, search_url, "q=zeppelin")

    assert results(reader) == [
        ["Hiring in winter", "/journal/2023-02-14/", "2023-02-14"]
    ]
    assert reader.inner_html(".search-result-excerpt").count("<mark>zeppelin</mark>")
    assert status(reader) == "1 page found for “zeppelin”."


def test_the_words_asked_in_the_address_are_searched_on_load(reader, search_url):
    search(reader, search_url, "q=quokkas")

    assert reader.input_value("#search-words") == "quokkas"
    assert [title for title, _, _ in results(reader)] == ["Planning the offsite"]


def test_a_strategys_words_find_its_question_at_its_anchor(reader, search_url):
    search(reader, search_url, "q=guardrail")

    assert results(reader) == [
        [
            GUARDRAIL_QUESTION,
            "/leadership/#how-do-you-balance-high-growth-velocity-with-technical-stability",
            "In Leadership",
        ]
    ]
    reader.click(".search-result a")
    assert reader.evaluate("location.hash") == (
        "#how-do-you-balance-high-growth-velocity-with-technical-stability"
    )
    assert reader.evaluate("document.querySelector(':target h2').textContent") == (
        GUARDRAIL_QUESTION
    )


def test_a_page_found_holds_every_word_asked(reader, search_url):
    """The entry of 2022 has the roadmap but not the zeppelin, which its year's
    index does not know at all: it is not found."""
    search(reader, search_url, "q=roadmap+zeppelin")

    assert [title for title, _, _ in results(reader)] == ["Hiring in winter"]


def test_a_page_is_found_by_its_words(reader, search_url):
    search(reader, search_url, "q=aardvarks")

    assert results(reader) == [["About", "/about/", None]]


def test_titles_and_words_found_show_as_typed_and_inject_nothing(reader, search_url):
    search(reader, search_url, "q=gnu")

    assert results(reader) == [
        [HOSTILE_TITLE, "/journal/2023-04-01-fish/", "2023-04-01"]
    ]
    excerpt = reader.inner_text(".search-result-excerpt")
    assert excerpt == f"{HOSTILE_TITLE} A gnu wrote 1 < 2 & this."
    assert (
        reader.eval_on_selector_all(
            "#search-list *",
            "all => all.map(e => e.tagName).filter(t => "
            "!['LI', 'H2', 'A', 'P', 'TIME', 'MARK'].includes(t))",
        )
        == []
    )


@pytest.mark.parametrize("word", ["marzipan", "xylophone"])
def test_the_words_of_a_draft_or_a_hidden_entry_find_nothing(reader, search_url, word):
    search(reader, search_url, f"q={word}")

    assert results(reader) == []
    assert status(reader).startswith(f"Nothing found for “{word}”.")


def test_navigation_footers_and_lists_are_not_searched(reader, search_url):
    search(reader, search_url, "q=subscribe")

    assert results(reader) == []


def test_results_come_as_the_reader_types_and_on_enter(reader, search_url):
    search(reader, search_url, "")
    assert status(reader).startswith("Type a word or two")

    reader.locator("#search-words").press_sequentially("zeppel")
    reader.wait_for_selector(".search-result")
    assert [title for title, _, _ in results(reader)] == ["Hiring in winter"]

    reader.fill("#search-words", "quokkas")
    reader.press("#search-words", "Enter")
    reader.wait_for_function(
        "document.querySelector('.search-result h2')?.textContent"
        " === 'Planning the offsite'"
    )
    settled(reader)
    assert parse_qs(urlsplit(reader.url).query) == {"q": ["quokkas"]}


def test_words_typed_while_the_index_loads_are_told_the_search_is_under_way(
    browser, search_url
):
    """On a slow network the index takes seconds: the page that asked for words
    does not go on asking once they are typed."""
    context = browser.new_context()
    held = []

    def hold(route):  # answered once the page is looked at
        if held is None:
            route.continue_()
        else:
            held.append(route)

    context.route("**/pagefind/**", hold)
    page = context.new_page()
    page.goto(search_url + "search/")
    assert status(page).startswith("Type a word or two")

    page.locator("#search-words").press_sequentially("zeppel")
    page.wait_for_function(
        "document.getElementById('search-status').textContent === 'Searching…'",
        timeout=5000,
    )
    assert held

    routes, held = held, None
    for route in routes:
        route.continue_()
    page.wait_for_selector(".search-result")
    settled(page)
    assert status(page) == "1 page found for “zeppel”."
    context.close()


def test_a_tag_narrows_the_results(reader, search_url):
    search(reader, search_url, "q=roadmap")
    assert len(results(reader)) == 2

    reader.select_option("#search-tag", "hiring")
    reader.wait_for_function("document.querySelectorAll('.search-result').length === 1")
    settled(reader)

    assert [title for title, _, _ in results(reader)] == ["Hiring in winter"]
    assert status(reader) == "1 page found for “roadmap” tagged hiring."
    assert parse_qs(urlsplit(reader.url).query)["tag"] == ["hiring"]


def test_a_year_narrows_the_results(reader, search_url):
    search(reader, search_url, "q=roadmap&year=2022")

    assert reader.input_value("#search-year") == "2022"
    assert [title for title, _, _ in results(reader)] == ["Planning the offsite"]


def test_a_tag_alone_lists_its_entries(reader, search_url):
    search(reader, search_url, "tag=planning")

    assert [title for title, _, _ in results(reader)] == ["Planning the offsite"]


def test_the_search_page_offers_the_tags_and_years_of_published_entries(
    reader, search_url
):
    search(reader, search_url, "")

    tags = reader.eval_on_selector_all("#search-tag option", "o => o.map(x => x.value)")
    years = reader.eval_on_selector_all(
        "#search-year option", "o => o.map(x => x.value)"
    )
    assert tags == ["", "hiring", "planning"]
    assert years == ["", "2023", "2022"]


def test_only_the_search_page_loads_a_script(browser, search_url):
    context = browser.new_context()
    page = context.new_page()
    scripts = []
    page.on(
        "request",
        lambda r: scripts.append(r.url) if r.resource_type == "script" else None,
    )
    for path in ["", "journal/2023-02-14/", "leadership/", "about/", "tags/"]:
        page.goto(search_url + path)
    assert scripts == []
    search(page, search_url, "q=roadmap")
    assert scripts
    assert all(url.startswith(search_url) for url in scripts)
    context.close()


def test_without_javascript_the_page_says_so_and_links_archives_and_tags(
    browser, search_url
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_url + "search/?q=roadmap")

    assert "needs JavaScript" in page.inner_text("#search-needs-script")
    assert not page.is_visible("#search-form")  # which would find nothing
    links = page.eval_on_selector_all(
        "#search-needs-script a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert links == ["../archives/", "../tags/"]
    context.close()


def test_a_keyboard_alone_searches_from_any_page_and_opens_a_result(reader, search_url):
    reader.goto(search_url + "journal/2022-05-03-offsite/")
    focused = ""
    for _ in range(12):
        reader.keyboard.press("Tab")
        focused = reader.evaluate("document.activeElement.name")
        if focused == "q":
            break
    assert focused == "q"

    reader.keyboard.type("zeppelin")
    reader.keyboard.press("Enter")
    reader.wait_for_url(re.compile(r"/search/\?q=zeppelin$"))
    settled(reader)
    for _ in range(12):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.closest('.search-result')"):
            break
    reader.keyboard.press("Enter")

    reader.wait_for_url(search_url + "journal/2023-02-14/")
