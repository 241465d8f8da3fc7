"""Every kind of page in Debian's Chromium, on a phone and a desktop, light and
dark: no console error, no failed request, nothing from another origin, no
sideways scrolling on a phone, and no axe-core violation. A screenshot of each
view goes to tests/screenshots/ for a person to look at."""

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.theme.conftest import PAGE_TYPES, settled

SCREENSHOTS = ROOT / "tests" / "screenshots"
VIEWS = [(375, "light"), (375, "dark"), (1280, "light"), (1280, "dark")]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@dataclass
class Visit:
    """What the browser saw on one page in one view."""

    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    other_origins: list = field(default_factory=list)
    scroll_width: int = 0
    viewport_width: int = 0
    background: str = ""
    violations: list = field(default_factory=list)


class Recorder:
    """Listens to a browser page and notes what goes wrong in the current visit;
    requests to another origin are noted and never sent."""

    def __init__(self, origin):
        self.origin = origin
        self.visit = Visit()

    def route(self, route):
        if urlsplit(route.request.url).netloc == self.origin:
            route.continue_()
        else:
            self.visit.other_origins.append(route.request.url)
            route.abort()

    def console(self, message):
        if message.type == "error":
            self.visit.console_errors.append(message.text)

    def page_error(self, error):
        self.visit.console_errors.append(str(error))

    def request_failed(self, request):
        self.visit.failed_requests.append(f"{request.failure} {request.url}")

    def response(self, response):
        if response.status >= 400:
            self.visit.failed_requests.append(f"{response.status} {response.url}")

    def listen(self, context):
        """Listen to this browser context; return a page of it to visit with."""
        context.route("**/*", self.route)
        page = context.new_page()
        page.on("console", self.console)
        page.on("pageerror", self.page_error)
        page.on("requestfailed", self.request_failed)
        page.on("response", self.response)
        return page


def visit_id(key):
    name, width, scheme = key
    return f"{name}-{width}-{scheme}"


@pytest.fixture(scope="module")
def visits(browser, theme_url):
    """Visit every kind of page in every view once; return what was seen."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    axe = Axe()
    SCREENSHOTS.mkdir(exist_ok=True)
    recorder = Recorder(urlsplit(theme_url).netloc)
    seen = {}
    for width, scheme in VIEWS:
        context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme
        )
        page = recorder.listen(context)
        for name, path in PAGE_TYPES.items():
            visit = recorder.visit = Visit()
            page.goto(theme_url + path, wait_until="load")
            settled(page)
            visit.viewport_width, visit.scroll_width = page.evaluate(
                "[window.innerWidth, document.documentElement.scrollWidth]"
            )
            visit.background = page.evaluate(
                "getComputedStyle(document.body).backgroundColor"
            )
            result = axe.run(page, options=AXE_OPTIONS)
            visit.violations = [
                (v["id"], v["help"], [n["target"] for n in v["nodes"]])
                for v in result.response["violations"]
            ]
            page.screenshot(
                path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True
            )
            seen[(name, width, scheme)] = visit
        context.close()
    return seen


KEYS = [(name, w, s) for name in PAGE_TYPES for w, s in VIEWS]


@pytest.mark.parametrize("key", KEYS, ids=visit_id)
def test_no_console_error_and_no_failed_request(visits, key):
    visit = visits[key]
    assert visit.console_errors == []
    assert visit.failed_requests == []


@pytest.mark.parametrize("key", KEYS, ids=visit_id)
def test_nothing_is_requested_from_another_origin(visits, key):
    assert visits[key].other_origins == []


@pytest.mark.parametrize("key", [k for k in KEYS if k[1] == 375], ids=visit_id)
def test_no_horizontal_scrolling_on_a_phone(visits, key):
    visit = visits[key]
    assert visit.scroll_width <= visit.viewport_width


@pytest.mark.parametrize("key", KEYS, ids=visit_id)
def test_axe_core_finds_no_accessibility_violation(visits, key):
    assert visits[key].violations == []


def luminance(css_color):
    red, green, blue = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("key", KEYS, ids=visit_id)
def test_colours_follow_the_readers_light_or_dark_setting(visits, key):
    """The stylesheet alone sets the scheme, so the first paint is right."""
    brightness = luminance(visits[key].background)
    if key[2] == "dark":
        assert brightness < 0.2
    else:
        assert brightness > 0.9


def test_every_kind_of_page_has_a_screenshot(visits):
    for name, width, scheme in visits:
        assert (SCREENSHOTS / f"{name}-{width}-{scheme}.png").stat().st_size > 0


@pytest.fixture
def phone(browser, theme_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def test_the_first_tab_shows_a_skip_link_that_leads_to_the_content(phone, theme_url):
    phone.goto(theme_url + PAGE_TYPES["entry"])
    phone.keyboard.press("Tab")
    focused = phone.evaluate(
        """() => {
          const element = document.activeElement;
          const box = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          return {text: element.textContent, top: box.top, bottom: box.bottom,
                  outline: style.outlineStyle, width: style.outlineWidth};
        }"""
    )
    assert focused["text"] == "Skip to content"
    assert focused["top"] >= 0
    assert focused["bottom"] <= 640
    assert focused["outline"] != "none"
    assert focused["width"] != "0px"
    phone.keyboard.press("Enter")
    assert phone.evaluate("location.hash") == "#main"


def test_keyboard_focus_is_visible_on_every_link_of_a_page(phone, theme_url):
    phone.goto(theme_url + PAGE_TYPES["home"])
    links = phone.evaluate("document.querySelectorAll('a[href]').length")
    for _ in range(links):
        phone.keyboard.press("Tab")
        outline = phone.evaluate(
            "[getComputedStyle(document.activeElement).outlineStyle,"
            " getComputedStyle(document.activeElement).outlineWidth]"
        )
        assert outline[0] != "none"
        assert outline[1] != "0px"


def test_a_320_px_screen_needs_no_sideways_scrolling(phone, theme_url):
    for path in PAGE_TYPES.values():
        phone.goto(theme_url + path)
        settled(phone)
        assert phone.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        ), path


# The reader's text twice as large, as a browser's text size setting makes it.
LARGE_TEXT = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "html { font-size: 200% !important; }";
  document.head.append(style);
});"""


@pytest.mark.parametrize(
    "name",
    [
        "entry",
        "photo-entry",
        "entry-reading-on",
        "hostile-entry",
        "qa",
        "year",
    ],
)
def test_large_text_on_a_phone_needs_no_sideways_scrolling(browser, theme_url, name):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(LARGE_TEXT)
    page = context.new_page()
    page.goto(theme_url + PAGE_TYPES[name])
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > 30
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize(
    ("motion", "behaviour"), [("reduce", "auto"), ("no-preference", "smooth")]
)
def test_scrolling_is_animated_only_for_readers_who_accept_motion(
    browser, theme_url, motion, behaviour
):
    context = browser.new_context(reduced_motion=motion)
    page = context.new_page()
    page.goto(theme_url + PAGE_TYPES["qa"])
    assert (
        page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        == behaviour
    )
    context.close()


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_qa_page_prints_as_a_clean_one_pager(browser, theme_url, paper):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(theme_url + PAGE_TYPES["qa"])
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-header nav', '.site-footer', '.skip-link']
             .map(s => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none", "none", "none"]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in {
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    }
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert pdf_pages(page.pdf(format=paper)) == 1
    context.close()


# -- photos ------------------------------------------------------------------

PHOTO = ".prose img"
LAYOUT_SHIFT = """new Promise(resolve => {
  new PerformanceObserver(list => {
    resolve(list.getEntries().reduce((sum, shift) => sum + shift.value, 0));
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(0), 500);
})"""


def photo_box(page):
    return page.eval_on_selector(
        PHOTO, "img => [img.getBoundingClientRect().width, img.offsetHeight]"
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_a_photo_has_its_place_before_it_arrives(browser, theme_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    held = []

    def hold(route):  # answered once the page is measured
        held.append(route)

    context.route("**/*.{jpg,webp}", hold)
    page = context.new_page()
    page.goto(theme_url + PAGE_TYPES["photo-entry"], wait_until="domcontentloaded")
    page.wait_for_function(f"document.querySelector({PHOTO!r}).complete === false")
    # The stylesheet applied (a page is laid out without it until it comes,
    # which can be after DOMContentLoaded on a busy machine): its column.
    page.wait_for_function(
        "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
    )
    waiting = photo_box(page)
    assert held
    released = 0
    while released < len(held):  # a route may come while one is released
        held[released].continue_()
        released += 1
    context.unroute("**/*.{jpg,webp}")
    page.wait_for_function(f"document.querySelector({PHOTO!r}).naturalWidth > 0")
    shown = photo_box(page)
    context.close()
    assert waiting == shown
    assert shown[1] == pytest.approx(shown[0] * 500 / 800, abs=1)


def slow_photos(route):
    """Hold a photo back, as a phone's network would: the text shows first."""
    time.sleep(0.4)
    route.continue_()


def without_sizes(route):
    """The entry as it would be without width and height on its photo."""
    response = route.fetch()
    html = re.sub(r' (width|height)="\d+"', "", response.text())
    route.fulfill(response=response, body=html)


@pytest.mark.parametrize(("sized", "shifts"), [(True, False), (False, True)])
def test_nothing_moves_while_the_photo_arrives(browser, theme_url, sized, shifts):
    """The layout-shift score is 0 as built; the same page without the
    photo's width and height would jump (so the measure can tell)."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.route("**/*.{jpg,webp}", slow_photos)
    url = theme_url + PAGE_TYPES["photo-entry"]
    if not sized:
        context.route(url, without_sizes)
    page = context.new_page()
    page.goto(url, wait_until="load")
    shift = page.evaluate(LAYOUT_SHIFT)
    context.close()
    assert (shift > 0) is shifts


@pytest.mark.parametrize(
    ("width", "scale", "column"), [(375, 2, 343), (600, 1, 552), (1280, 1, 640)]
)
def test_the_browser_picks_a_file_as_wide_as_the_column_needs(
    browser, theme_url, width, scale, column
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale
    )
    page = context.new_page()
    page.goto(theme_url + PAGE_TYPES["photo-entry"], wait_until="load")
    shown, chosen, sizes = page.eval_on_selector(
        PHOTO,
        "img => [img.getBoundingClientRect().width, img.currentSrc, img.sizes]",
    )
    context.close()
    assert shown == pytest.approx(column, abs=1)
    # `sizes` says the column's width (never less, at most a gutter more)
    said = 640 if width >= 704 else width - 32
    assert column <= said <= column + 32, sizes
    chosen_width = int(re.search(r"-(\d+)w\.", chosen).group(1))
    assert chosen_width >= column * scale
    assert chosen.endswith(".webp")
