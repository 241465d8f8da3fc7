"""In a real browser, pages show readers a Subscribe link that leads to the feed."""

import re

import pytest
from playwright.sync_api import expect

PAGES = ["index.html", "journal/2023-08-30/index.html", "leadership/index.html"]
SCREENS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}


@pytest.mark.parametrize("screen", SCREENS)
def test_subscribe_link_is_visible_and_leads_to_the_feed(sample_site, browser, screen):
    feed = (sample_site.output / "feeds" / "all.atom.xml").as_uri()
    page = browser.new_page(viewport=SCREENS[screen])
    try:
        for relative in PAGES:
            page.goto((sample_site.output / relative).as_uri())
            subscribe = page.get_by_role("link", name=re.compile("Subscribe"))
            expect(subscribe).to_have_count(1)
            subscribe.scroll_into_view_if_needed()
            expect(subscribe).to_be_visible()
            box = subscribe.bounding_box()
            assert box["width"] > 0
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= SCREENS[screen]["width"], relative
            assert subscribe.evaluate("a => a.href") == feed, relative
            discovery = page.locator('head link[type="application/atom+xml"]')
            assert discovery.evaluate("link => link.href") == feed, relative
    finally:
        page.close()
