"""An entry's images: what is wrong with them, and the entry's HTML with each
one published right."""

from bs4 import BeautifulSoup

from plugins.images.content_images import (
    AsIs,
    content_images,
    image_problems,
    shows_no_image,
    site_link,
)
from plugins.images.photos import Photo, Rendition, UnreadableImage

INTRASITE = "[{|](?P<what>.*?)[|}]"
SIZES = "(min-width: 44rem) 40rem, 100vw"
SOURCE_TEXT = """Title: Offsite

![The team]({static}/images/team.jpg)

![]({static}/images/board.jpg)

![A map](../images/missing.png)
"""


def rendition(path, width, height, media_type="image/jpeg"):
    return Rendition(path, width, height, media_type, "/cache/x", 100)


def photo(name, widths, modern=True):
    sized = tuple(rendition(f"images/{name}-{w}w.k.jpg", w, w // 2) for w in widths)
    webp = tuple(
        rendition(f"images/{name}-{w}w.k.webp", w, w // 2, "image/webp") for w in widths
    )
    original = rendition(f"images/{name}.jpg", widths[-1], widths[-1] // 2)
    return Photo(
        widths[-1],
        widths[-1] // 2,
        "image/jpeg",
        original,
        sized,
        webp if modern else (),
    )


LIBRARY = {
    "images/team.jpg": photo("team", (480, 800, 1200)),
    "images/board.jpg": photo("board", (480, 640), modern=False),
    "images/logo.gif": AsIs((40, 20), "images/logo.gif"),
}


def lookup(path):
    if path == "images/broken.jpg":
        raise UnreadableImage("images/broken.jpg: cannot be read as an image")
    return LIBRARY.get(path)


def published(html, relative_dir="journal"):
    return content_images(
        html,
        source="journal/2024-05-01.md",
        relative_dir=relative_dir,
        links_base="../..",
        sizes=SIZES,
        intrasite_link=INTRASITE,
        lookup=lookup,
    )


def test_images_without_alt_text_or_file_are_named_with_their_line():
    html = (
        '<p><img alt="The team" src="{static}/images/team.jpg"></p>'
        '<p><img alt="" src="{static}/images/board.jpg"></p>'
        '<p><img alt="A map" src="{static}../images/missing.png"></p>'
    )
    problems, missing, named = image_problems(
        html,
        source="journal/2024-05-01.md",
        source_text=lambda: SOURCE_TEXT.replace("](../", "]({static}../"),
        relative_dir="journal",
        intrasite_link=INTRASITE,
        exists=lambda path: path != "images/missing.png",
    )
    assert problems == [
        "journal/2024-05-01.md: line 5: image 2 ({static}/images/board.jpg) has no "
        "alt text; say what it shows between the brackets: "
        "![what the picture shows]({static}/images/board.jpg)",
        "journal/2024-05-01.md: line 7: image 3 ({static}../images/missing.png) links "
        "images/missing.png, which is not in the content folder; put the file there "
        "or correct the link",
    ]
    assert missing == {"images/missing.png"}
    assert named == set()


def test_an_entry_without_problems_is_not_read_again():
    def unread():
        raise AssertionError("the source was read")

    html = '<p><img alt="The team" src="{static}/images/team.jpg"></p>'
    problems, missing, named = image_problems(
        html,
        source="journal/x.md",
        source_text=unread,
        relative_dir="journal",
        intrasite_link=INTRASITE,
        exists=lambda path: True,
    )
    assert (problems, missing, named) == ([], set(), set())


def test_files_named_by_a_plain_path_are_told_for_publishing():
    html = (
        '<img alt="Team" src="../images/team.jpg">'
        '<img alt="Logo" src="/images/logo.gif">'
        '<img alt="Gone" src="../images/gone.jpg">'
        '<img alt="Far" src="https://example.org/far.jpg">'
    )
    problems, missing, named = image_problems(
        html,
        source="journal/x.md",
        source_text=lambda: html,
        relative_dir="journal",
        intrasite_link=INTRASITE,
        exists=lambda path: path in LIBRARY,
    )
    assert (problems, missing) == ([], set())
    assert named == {"images/team.jpg", "images/logo.gif"}


def test_each_photo_is_published_sized_and_the_first_loads_at_once():
    html = (
        "<p>Words.</p>"
        '<p><img alt="The team" src="{static}/images/team.jpg"></p>'
        '<p><img alt="The board" src="{static}/images/board.jpg"></p>'
    )
    result = published(html)
    soup = BeautifulSoup(result.html, "html.parser")
    assert soup.p.get_text() == "Words."
    team, board = soup.find_all("img")
    assert team.parent.name == "picture"
    assert team.parent.source["srcset"] == (
        "../../images/team-480w.k.webp 480w, ../../images/team-800w.k.webp 800w, "
        "../../images/team-1200w.k.webp 1200w"
    )
    assert (team["src"], team["width"], team["height"]) == (
        "../../images/team-800w.k.jpg",
        "800",
        "400",
    )
    assert "loading" not in team.attrs
    assert board.parent.name == "p"  # no WebP smaller: a plain sized <img>
    assert board["src"] == "../../images/board-640w.k.jpg"
    assert board["srcset"] == (
        "../../images/board-480w.k.jpg 480w, ../../images/board-640w.k.jpg 640w"
    )
    assert board["loading"] == "lazy"
    assert [(shown.path, shown.alt) for shown in result.photos] == [
        ("images/team.jpg", "The team"),
        ("images/board.jpg", "The board"),
    ]
    assert result.problems == ()


def test_other_images_are_left_to_pelican_with_their_size():
    html = (
        '<img alt="Logo" src="{static}/images/logo.gif">'
        '<img alt="Far" src="https://example.org/far.jpg">'
        '<img alt="Own" src="{static}/images/team.jpg" srcset="a.jpg 2x">'
        '<img alt="Gone" src="{static}/images/gone.jpg">'
    )
    result = published(html)
    logo, far, own, gone = BeautifulSoup(result.html, "html.parser").find_all("img")
    assert (logo["src"], logo["width"], logo["height"]) == (
        "{static}/images/logo.gif",
        "40",
        "20",
    )
    assert far.attrs == {"alt": "Far", "src": "https://example.org/far.jpg"}
    assert own["srcset"] == "a.jpg 2x"  # the author's own: left as written
    assert gone["src"] == "{static}/images/gone.jpg"
    assert result.photos == ()


def test_an_image_named_by_a_plain_path_is_published_as_a_linked_one():
    """As an editor's preview reads them: from the entry's file, or from the
    site's root; its page, two folders down, gets addresses that work."""
    linked = published(
        '<img alt="Team" src="{static}/images/team.jpg">'
        '<img alt="Logo" src="{static}/images/logo.gif">'
    )
    for team, logo in [
        (
            '<img alt="Team" src="../images/team.jpg">',
            '<img alt="Logo" src="../images/logo.gif">',
        ),
        (
            '<img alt="Team" src="/images/team.jpg">',
            '<img alt="Logo" src="/images/logo.gif">',
        ),
    ]:
        result = published(team + logo)
        assert result.photos == linked.photos
        shown = BeautifulSoup(result.html, "html.parser").find_all("img")
        expected = BeautifulSoup(linked.html, "html.parser").find_all("img")
        assert shown[0].attrs == expected[0].attrs
        assert shown[1]["src"] == "../../images/logo.gif"
        assert (shown[1]["width"], shown[1]["height"]) == ("40", "20")


def test_a_plain_path_to_no_file_of_the_content_is_left_as_it_is():
    html = '<img alt="Theme" src="/theme/images/mark.png"><img alt="X" src="x.jpg">'
    result = published(html)
    assert result.html == html
    assert result.photos == ()


def test_a_file_that_is_no_image_is_a_problem():
    result = published('<img alt="B" src="{static}/images/broken.jpg">')
    assert result.problems == (
        "journal/2024-05-01.md: image 1 ({static}/images/broken.jpg): "
        "images/broken.jpg: cannot be read as an image",
    )


def test_links_to_files_of_the_site_are_quoted_for_srcset():
    assert (
        site_link("../..", "images/my photo,1.jpg") == "../../images/my%20photo%2C1.jpg"
    )
    assert site_link("https://x.org/", "images/a.jpg") == "https://x.org/images/a.jpg"


def test_an_entry_without_images_or_an_image_line_shows_none():
    assert shows_no_image("<p>Words only.</p>", None)
    assert not shows_no_image('<p><img src="{static}/a.jpg" alt="A"></p>', None)
    assert not shows_no_image("<p>Words only.</p>", "{static}/images/team.jpg")
    assert shows_no_image("<!-- <img src='x.jpg'> --><p>Words.</p>", "")
