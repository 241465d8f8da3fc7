"""Images in real builds: photos published sized and clean, the feed's plain
images, link previews with a picture on every page, a missing alt text or
file failing the build, and a rebuild that re-encodes nothing."""

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.conftest import (
    copy_sample,
    folder_fingerprint,
    run_pelican,
    write_content,
)
from tests.pictures import (
    TURN_CLOCKWISE,
    drawing_png,
    gif,
    metadata_of,
    photo_jpeg,
)
from workflow.check import html_files

LOCAL = "http://127.0.0.1:8000"
PRODUCTION = "https://leader.example.org"
SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2rem)"
OFFSITE = """\
Title: The offsite
Tags: teams

We spent two days away from the office.

![The team around the whiteboard]({static}/images/offsite.jpg)

Then a chart of the quarter, drawn on a screen:

![A chart of the quarter]({static}/images/chart.png "Quarter")

And the logo of the venue ![The venue's logo]({static}/images/logo.gif).
"""
PORTRAIT = """\
Title: A portrait
Image: {static}/images/portrait.jpg
Image_alt: The whiteboard, photographed upright

No photo in the text: the Image line pictures this entry in link previews.
"""
QA_IMAGE = (
    "![A sketch of the three teams]({static}/images/chart.png)\n\n"
    "## How do you define successful engineering leadership?"
)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory, build_cache):
    """The sample site with a large phone photo (GPS in its EXIF), a PNG, a
    GIF, a portrait photo and a photo no page shows."""
    root = tmp_path_factory.mktemp("photos")
    content = copy_sample(root / "content")
    qa = content / "pages" / "leadership.md"
    qa.write_text(
        qa.read_text().replace(
            "## How do you define successful engineering leadership?", QA_IMAGE, 1
        )
    )
    write_content(
        content,
        {
            "images/offsite.jpg": photo_jpeg(2400, 1600, gps=True),
            "images/chart.png": drawing_png(900, 500),
            "images/logo.gif": gif(60, 30),
            "images/portrait.jpg": photo_jpeg(
                1600, 1200, seed=2, gps=True, orientation=TURN_CLOCKWISE
            ),
            "images/unshown.jpg": photo_jpeg(640, 480, seed=3, gps=True),
            "journal/2024-05-01-offsite.md": OFFSITE,
            "journal/2024-05-02-portrait.md": PORTRAIT,
        },
    )
    return build_cache(content, root / "output")


@pytest.fixture(scope="module")
def build_cache(tmp_path_factory):
    """Build with the project's settings and a cache of the test's own (the
    repository's .cache/derived is the author's)."""

    def build(content, output, settings="pelicanconf.py", cache=None):
        cache = cache or tmp_path_factory.mktemp("cache")
        result = run_pelican(
            content,
            output,
            settings=settings,
            extra_settings=f"BUILD_CACHE_PATH = {str(cache)!r}",
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return Path(output)

    return build


def page(output, relative):
    return BeautifulSoup((output / relative).read_text(encoding="utf-8"), "html.parser")


def linked_file(output, page_path, url):
    """The built file a URL of a page points at."""
    address = urljoin(f"{LOCAL}/{page_path}", url)
    assert address.startswith(LOCAL + "/"), url
    return output / urlsplit(address).path.lstrip("/")


def image_of(path):
    with Image.open(path) as image:
        return image.format, image.size


def candidates(srcset):
    """[(url, width)] of a srcset."""
    return [
        (url, int(width.rstrip("w")))
        for url, width in (item.split() for item in srcset.split(","))
    ]


ENTRY = "journal/2024-05-01-offsite/index.html"


def test_an_entrys_photos_are_sized_for_the_column_with_a_smaller_webp(photo_site):
    offsite, chart, logo = page(photo_site, ENTRY).select(".prose img")
    for img, original_width, ext in [(offsite, 2400, "jpg"), (chart, 900, "png")]:
        widths = [w for _, w in candidates(img["srcset"])]
        assert widths == sorted(widths)
        assert max(widths) <= original_width
        assert img["sizes"] == SIZES
        assert img["decoding"] == "async"
        for url, width in candidates(img["srcset"]):
            assert url.endswith("." + ext)
            _, (file_width, file_height) = image_of(linked_file(photo_site, ENTRY, url))
            assert file_width == width
            # width and height give the file's proportions: no jump on load
            ratio = int(img["height"]) / int(img["width"])
            assert abs(file_height / file_width - ratio) < 0.01
        src = linked_file(photo_site, ENTRY, img["src"])
        assert image_of(src)[1] == (int(img["width"]), int(img["height"]))
    assert [w for _, w in candidates(offsite["srcset"])] == [480, 800, 1200]
    assert [w for _, w in candidates(chart["srcset"])] == [480, 800, 900]
    webp = offsite.find_previous_sibling("source")
    assert offsite.parent.name == "picture"
    assert webp["type"] == "image/webp"
    assert webp["sizes"] == SIZES
    for url, width in candidates(webp["srcset"]):
        assert image_of(linked_file(photo_site, ENTRY, url)) == (
            "WEBP",
            (width, round(width * 2 / 3)),
        )
    assert (logo["width"], logo["height"]) == ("60", "30")  # a GIF, as it is
    assert image_of(linked_file(photo_site, ENTRY, logo["src"])) == ("GIF", (60, 30))


def test_only_the_first_image_of_an_entry_loads_at_once(photo_site):
    images = page(photo_site, ENTRY).select(".prose img")
    assert [img.get("loading") for img in images] == [None, "lazy", "lazy"]


def test_no_published_image_says_where_it_was_taken(photo_site):
    published = [
        path
        for path in photo_site.rglob("*")
        if path.suffix in {".jpg", ".png", ".webp"}
    ]
    assert len(published) > 15
    for path in published:
        data = path.read_bytes()
        assert metadata_of(data) == {}, path
        assert b"PhoneCo" not in data, path
    # Each photo at its own address: full size, clean, even one no page shows.
    assert image_of(photo_site / "images/offsite.jpg") == ("JPEG", (2400, 1600))
    assert image_of(photo_site / "images/unshown.jpg") == ("JPEG", (640, 480))


def test_a_portrait_photo_is_published_upright(photo_site):
    assert image_of(photo_site / "images/portrait.jpg") == ("JPEG", (1200, 1600))
    for path in photo_site.glob("images/portrait-*w.*"):
        width, height = image_of(path)[1]
        assert height > width, path


def test_the_qa_page_shows_its_image_sized_and_keeps_its_questions(photo_site):
    qa = page(photo_site, "leadership/index.html")
    img = qa.select_one(".qa-introduction img")
    assert img["alt"] == "A sketch of the three teams"
    assert "srcset" in img.attrs
    assert (img["width"], img["height"]) == ("800", "444")
    assert len(qa.select(".qa-question")) == 3
    (faq,) = [
        data
        for data in map(json.loads, (s.string for s in qa.select("script")))
        if data["@type"] == "FAQPage"
    ]
    assert len(faq["mainEntity"]) == 3


def test_the_feed_gets_one_plain_absolute_sized_image(photo_site):
    feed = feedparser.parse(str(photo_site / "feeds" / "all.atom.xml"))
    (entry,) = [e for e in feed.entries if e.link.endswith("/2024-05-01-offsite/")]
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert not content.find(["picture", "source"])
    images = content.find_all("img")
    assert len(images) == 3
    for img in images:
        assert not {"srcset", "sizes", "loading", "decoding"} & set(img.attrs)
        assert img["src"].startswith(LOCAL + "/images/")
        path = photo_site / urlsplit(img["src"]).path.lstrip("/")
        assert image_of(path)[1] == (int(img["width"]), int(img["height"]))
    assert images[0]["width"] == "800"


def meta(soup, **attributes):
    tag = soup.find("meta", attrs=attributes)
    return tag["content"] if tag else None


def link_preview(soup):
    """What a page tells link previews of its picture."""
    image = {
        name: meta(soup, property=f"og:image{name}")
        for name in ("", ":width", ":height", ":alt", ":type")
    }
    image["twitter"] = meta(soup, name="twitter:image")
    image["card"] = meta(soup, name="twitter:card")
    return image


def json_ld_images(soup):
    return [
        data["image"]
        for data in map(
            json.loads,
            (s.string for s in soup.select('script[type="application/ld+json"]')),
        )
        if "image" in data
    ]


def test_every_page_has_a_link_preview_with_an_absolute_sized_picture(photo_site):
    output, address = photo_site, LOCAL
    pages = html_files(output)
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_bytes(), "lxml")
        image = link_preview(soup)
        name = path.relative_to(output)
        assert image[""].startswith(address + "/"), name
        assert image["twitter"] == image[""], name
        assert image["card"] == "summary_large_image", name
        assert image[":alt"], name
        for words in ("og:title", "og:description"):
            assert meta(soup, property=words), (name, words)
        for words in ("twitter:title", "twitter:description"):
            assert meta(soup, name=words), (name, words)
        picture = output / urlsplit(image[""]).path.lstrip("/")
        file_format, size = image_of(picture)
        assert size == (int(image[":width"]), int(image[":height"])), name
        assert image[":type"] == f"image/{file_format.lower()}", name
        for data in json_ld_images(soup):
            assert data == {
                "@type": "ImageObject",
                "url": image[""],
                "width": size[0],
                "height": size[1],
            }, name


def test_each_kind_of_page_shows_its_own_picture(photo_site):
    def preview(relative):
        return link_preview(page(photo_site, relative))

    offsite = preview(ENTRY)
    assert re.fullmatch(rf"{LOCAL}/images/offsite-1200w\.\w{{8}}\.jpg", offsite[""])
    assert offsite[":alt"] == "The team around the whiteboard"
    portrait = preview("journal/2024-05-02-portrait/index.html")
    # Taller than previews show: the part they show, a third of the way down.
    assert re.fullmatch(
        rf"{LOCAL}/images/portrait-1200x628\.\w{{8}}\.jpg", portrait[""]
    )
    assert (portrait[":width"], portrait[":height"]) == ("1200", "628")
    assert portrait[":alt"] == "The whiteboard, photographed upright"
    site_card = preview("index.html")
    assert re.fullmatch(rf"{LOCAL}/images/cards/site\.\w{{8}}\.png", site_card[""])
    assert site_card[":alt"] == (
        "Engineering Leadership Journal: A journal and a leadership Q&A from an "
        "engineering leader."
    )
    for relative in ["journal/2023-08-30/index.html", "archives/index.html"]:
        assert preview(relative)[""] == site_card[""], relative
    chart = preview("leadership/index.html")  # the Q&A page's own photo
    assert re.fullmatch(rf"{LOCAL}/images/chart-900w\.\w{{8}}\.png", chart[""])


def test_the_sample_qa_page_has_a_card_of_its_own_title(sample_site):
    soup = sample_site.page("leadership/index.html")
    image = link_preview(soup)
    assert re.fullmatch(rf"{LOCAL}/images/cards/leadership\.\w{{8}}\.png", image[""])
    assert image[":alt"] == "Leadership: Engineering Leadership Journal"
    path = sample_site.output / urlsplit(image[""]).path.lstrip("/")
    assert image_of(path) == ("PNG", (1200, 630))


def test_production_link_previews_name_the_public_address(production_site):
    for path in html_files(production_site.output):
        soup = BeautifulSoup(path.read_bytes(), "lxml")
        assert link_preview(soup)[""].startswith(PRODUCTION + "/images/"), path
    entry = production_site.page("journal/2023-09-01/index.html")
    for url, _ in candidates(entry.select_one(".prose img")["srcset"]):
        assert url.startswith(PRODUCTION + "/images/whiteboard-")


def test_the_sample_shows_its_photo(sample_site):
    img = sample_site.page("journal/2023-09-01/index.html").select_one(".prose img")
    assert img["alt"].startswith("A whiteboard sketch of three teams")
    assert img.parent.name == "picture"
    assert "{static}" not in str(img.parent)


def test_images_the_author_must_fix_fail_the_build_naming_each(build, tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "images/chart.png": drawing_png(400, 300),
            "journal/2024-01-02.md": (
                "Title: T\nImage: images/chart.png\n\nWords.\n\n"
                "![]({static}/images/chart.png)\n\n"
                "![A chart]({static}/images/nope.png)\n"
            ),
        },
    )
    result = build(content)
    assert result.returncode != 0
    for message in [
        "journal/2024-01-02.md: line 6: image 1 ({static}/images/chart.png) has no "
        "alt text; say what it shows between the brackets: "
        "![what the picture shows]({static}/images/chart.png)",
        "journal/2024-01-02.md: line 8: image 2 ({static}/images/nope.png) links "
        "images/nope.png, which is not in the content folder; put the file there "
        "or correct the link",
        "journal/2024-01-02.md: Image: images/chart.png has no alt text; add a "
        "line 'Image_alt: what the picture shows'",
    ]:
        assert message in result.messages
    assert not result.output.exists()


SVG = "<svg xmlns='http://www.w3.org/2000/svg' {}><rect width='9' height='9'/></svg>"


def test_an_svg_is_published_as_it_is_with_its_size_when_it_can_be_read(
    build, tmp_path
):
    """Its width and height (one of them with its viewBox) size its <img>
    (the page does not jump as it loads); a size in a relative unit, or a
    viewBox alone, is left to the browser."""
    svgs = {
        "images/sized.svg": SVG.format('width="100" height="50"'),
        "images/boxed.svg": SVG.format('viewBox="0 0 320 180"'),
        "images/half.svg": SVG.format('width="90px" viewBox="0 0 30 20"'),
        "images/printed.svg": SVG.format('width="10cm" height="5cm"'),
        "images/fluid.svg": SVG.format('width="100%" viewBox="0 0 10 5"'),
    }
    shown = "\n\n".join(f"![A diagram]({{static}}/{name})" for name in svgs)
    content = write_content(
        tmp_path / "content",
        {**svgs, "journal/2024-01-02.md": f"Title: Diagrams\n\n{shown}\n"},
    )
    result = build(content)
    assert result.returncode == 0, result.messages
    entry = "journal/2024-01-02/index.html"
    images = page(result.output, entry).select(".prose img")
    sizes = [(img.get("width"), img.get("height")) for img in images]
    assert sizes == [
        ("100", "50"),
        (None, None),
        ("90", "60"),
        ("378", "189"),
        (None, None),
    ]
    for img, text in zip(images, svgs.values(), strict=True):
        assert linked_file(result.output, entry, img["src"]).read_text() == text


def test_a_rebuild_re_encodes_nothing_and_writes_the_same_bytes(tmp_path, build_cache):
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-05-01.md": "Title: P\n\n![A photo]({static}/images/p.jpg)\n",
            "images/p.jpg": photo_jpeg(1300, 800, gps=True),
            "pages/about.md": "Title: About\n\nAbout me.\n",
        },
    )
    cache = tmp_path / "cache"
    first = build_cache(content, tmp_path / "first", cache=cache)
    made = {path: path.stat().st_ino for path in (cache / "images").iterdir()}
    assert len([p for p in made if p.suffix in {".jpg", ".webp"}]) == 7
    assert len([p for p in made if p.name.startswith("card-")]) == 2
    second = build_cache(content, tmp_path / "second", cache=cache)
    assert {path: path.stat().st_ino for path in (cache / "images").iterdir()} == made
    assert folder_fingerprint(second) == folder_fingerprint(first)


def test_an_image_written_as_an_editor_previews_it_is_published_right(
    build_cache, tmp_path
):
    """`../images/board.jpg` is what an editor's preview of journal/x.md shows,
    `/images/board.jpg` a path from the site's root: each is published as a
    `{static}` link is (the entry's page, two folders down, would look for
    the first in journal/images/), a file beside the entry too."""
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-05-06.md": "Title: Board\n\n"
            "![The board](../images/board.jpg)\n\n"
            "![The logo](logo.gif)\n",
            "journal/logo.gif": gif(60, 30),
            "pages/about.md": "Title: About\n\n![The board](/images/board.jpg)\n",
            "images/board.jpg": photo_jpeg(1300, 900, gps=True),
        },
    )
    output = build_cache(content, tmp_path / "output")
    linked = write_content(
        tmp_path / "linked",
        {
            **{
                path: (content / path).read_bytes()
                for path in ("journal/logo.gif", "images/board.jpg")
            },
            "journal/2024-05-06.md": "Title: Board\n\n"
            "![The board]({static}/images/board.jpg)\n\n"
            "![The logo]({static}logo.gif)\n",
            "pages/about.md": "Title: About\n\n"
            "![The board]({static}/images/board.jpg)\n",
        },
    )
    expected = build_cache(linked, tmp_path / "expected")
    for shown in ("journal/2024-05-06/index.html", "about/index.html"):
        images = page(output, shown).select(".prose img")
        assert images == page(expected, shown).select(".prose img")
        for img in images:
            assert linked_file(output, shown, img["src"]).is_file()
        board = images[0]
        assert board.parent.name == "picture" and board["srcset"]
    assert (
        page(output, "journal/2024-05-06/index.html")
        .select(".prose img")[1]["src"]
        .endswith("journal/logo.gif")
    )
    assert metadata_of((output / "images" / "board.jpg").read_bytes()) == {}
