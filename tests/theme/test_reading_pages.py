"""Reading on, in Chromium: an entry's related entries and entries of the same
day, and a year's calendar that a screen reader can read, that tells days with
an entry apart without colour, and that prints."""

import pytest

from tests.theme.conftest import PAGE_TYPES


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def test_an_entry_offers_related_entries_and_the_same_day_a_year_earlier(
    phone, theme_url
):
    phone.goto(theme_url + PAGE_TYPES["entry-reading-on"])
    related = phone.get_by_role("region", name="Related entries")
    assert related.get_by_role("link").count() == 3
    same_day = phone.get_by_role("region", name="On this day")
    link = same_day.get_by_role("link", name="Hiring, a year earlier")
    assert link.get_attribute("href") == "../../journal/2022-07-04/"
    assert same_day.locator("li").inner_text().startswith("2022")
    assert "min read" in phone.locator(".entry-header").inner_text()


def test_a_screen_reader_hears_each_calendar_day_with_its_month(phone, theme_url):
    phone.goto(theme_url + PAGE_TYPES["year"])
    july = phone.get_by_role("table", name="July")
    assert july.get_by_role("columnheader").count() == 7
    day = july.get_by_role("link", name="4 July", exact=True)
    assert day.get_attribute("href") == "../2023-07-04/"
    # The month is for the ear only: its words take no room on the screen.
    unseen = day.locator(".visually-hidden").bounding_box()
    assert max(unseen["width"], unseen["height"]) <= 1
    assert july.get_by_role("link").count() == 9
    assert phone.get_by_role("table", name="June").get_by_role("link").count() == 0


def linked_and_plain_day(page):
    """The computed look of a day with an entry and of one without."""
    return page.evaluate(
        """() => {
          const look = (element) => {
            const style = getComputedStyle(element);
            return {weight: style.fontWeight, border: style.borderTopWidth,
                    borderStyle: style.borderTopStyle, display: style.display};
          };
          const july = [...document.querySelectorAll('.calendar table')][6];
          const linked = july.querySelector('a');
          const plain = [...july.querySelectorAll('td')]
            .find((cell) => cell.textContent && !cell.querySelector('a'));
          return [look(linked), look(plain), look(july)];
        }"""
    )


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_day_with_an_entry_is_told_apart_without_colour(phone, theme_url, media):
    phone.goto(theme_url + PAGE_TYPES["year"])
    phone.emulate_media(media=media)
    linked, plain, table = linked_and_plain_day(phone)
    assert (linked["weight"], linked["border"], linked["borderStyle"]) == (
        "700",
        "1px",
        "solid",
    )
    assert (plain["weight"], plain["border"]) == ("400", "0px")
    assert table["display"] == "table"


def test_the_calendar_fits_a_320_px_screen_and_prints_a_month_unbroken(
    phone, theme_url
):
    phone.goto(theme_url + PAGE_TYPES["year"])
    widths = phone.evaluate(
        "[...document.querySelectorAll('.calendar table')]"
        ".map((table) => table.getBoundingClientRect().right)"
    )
    assert len(widths) == 12
    assert max(widths) <= 320
    phone.emulate_media(media="print")
    assert phone.evaluate(
        "[...document.querySelectorAll('.calendar table')]"
        ".every((table) => getComputedStyle(table).breakInside === 'avoid')"
    )


def test_an_entry_prints_at_its_size_with_its_links_addresses_and_all_its_code(
    phone, theme_url
):
    phone.goto(theme_url + PAGE_TYPES["hostile-entry"])
    text_size = "getComputedStyle(document.querySelector('.prose p')).fontSize"
    on_screen = phone.evaluate(text_size)
    phone.emulate_media(media="print")
    assert phone.evaluate(text_size) == on_screen  # only the Q&A page is compact
    link = phone.evaluate(
        """() => {
          const link = document.querySelector('.prose a[href^="http"]');
          return [getComputedStyle(link).textDecorationLine,
                  getComputedStyle(link, '::after').content];
        }"""
    )
    assert link == ["underline", '" (https://essays.example.org/leading-engineers)"']
    assert (
        phone.evaluate(
            "getComputedStyle(document.querySelector('.prose pre')).whiteSpace"
        )
        == "pre-wrap"
    )
