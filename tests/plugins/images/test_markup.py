"""Images found in an entry's HTML, and the markup they are published with."""

import pytest
from bs4 import BeautifulSoup

from plugins.images.markup import (
    Source,
    found_images,
    linked_path,
    picture_markup,
    plain_markup,
    plain_path,
    rewritten,
    source_lines,
)

INTRASITE = "[{|](?P<what>.*?)[|}]"
SIZES = "(min-width: 44rem) 40rem, 100vw"


def test_every_image_is_found_as_written_but_none_in_a_comment():
    html = (
        '<p><img alt="A &quot;big&quot; &gt; day" src="{static}/a.jpg"></p>'
        "<!-- <img src='old.jpg'> -->"
        "<p>x <IMG SRC='b.png' alt='B'/></p>"
        '<picture><source srcset="c.webp"><img src="c.jpg" alt="C"></picture>'
    )
    images = found_images(html)
    assert [image.src for image in images] == ["{static}/a.jpg", "b.png", "c.jpg"]
    assert images[0].get("alt") == 'A "big" > day'
    assert [image.number for image in images] == [1, 2, 3]
    assert [image.hand_made for image in images] == [False, False, True]
    assert html[images[1].start : images[1].end] == "<IMG SRC='b.png' alt='B'/>"


@pytest.mark.parametrize(
    ("alt", "has_text"), [(None, False), ("", False), ("  ", False), ("A", True)]
)
def test_alt_text_is_words(alt, has_text):
    tag = '<img src="a.jpg">' if alt is None else f'<img alt="{alt}" src="a.jpg">'
    assert found_images(tag)[0].has_alt_text is has_text


def test_rewriting_changes_the_images_and_nothing_else():
    html = "<p>&nbsp;<b>x</b><img src='a'><br>é<img src='b'></p>"
    first, second = found_images(html)
    changed = rewritten(html, {second: "[B]", first: "[A]"})
    assert changed == "<p>&nbsp;<b>x</b>[A]<br>é[B]</p>"


@pytest.mark.parametrize(
    ("src", "folder", "path"),
    [
        ("{static}/images/a.jpg", "journal", "images/a.jpg"),
        ("{static}../images/a.jpg", "journal", "images/a.jpg"),
        ("{attach}a b.jpg", "journal", "journal/a b.jpg"),
        ("{static}/images/a%20b.jpg", "", "images/a b.jpg"),
        ("|static|/images/a.jpg", "pages", "images/a.jpg"),
        ("{filename}/images/a.jpg", "pages", "images/a.jpg"),
        ("/images/a.jpg", "journal", None),
        ("https://example.org/a.jpg", "journal", None),
        ("{tag}leadership", "journal", None),
    ],
)
def test_a_link_names_a_content_file_as_pelican_reads_it(src, folder, path):
    assert linked_path(src, folder, INTRASITE) == path


def srcset_of(*widths, kind="jpg"):
    return [Source(f"../../p-{w}w.{kind}", w, w // 2) for w in widths]


def test_a_photo_with_a_smaller_webp_is_a_picture():
    image = found_images('<img alt="Team" src="{static}/p.jpg" title="T">')[0]
    markup = picture_markup(
        image,
        fallback=srcset_of(480, 800, 1200),
        modern=srcset_of(480, 800, 1200, kind="webp"),
        modern_type="image/webp",
        src=srcset_of(800)[0],
        sizes=SIZES,
        first=False,
    )
    picture = BeautifulSoup(markup, "html.parser").picture
    source, img = picture.find_all(["source", "img"])
    assert source["type"] == "image/webp"
    assert source["srcset"] == (
        "../../p-480w.webp 480w, ../../p-800w.webp 800w, ../../p-1200w.webp 1200w"
    )
    assert source["sizes"] == img["sizes"] == SIZES
    assert img["srcset"].startswith("../../p-480w.jpg 480w, ")
    assert img["src"] == "../../p-800w.jpg"
    assert (img["width"], img["height"]) == ("800", "400")
    assert (img["alt"], img["title"]) == ("Team", "T")
    assert (img["decoding"], img["loading"]) == ("async", "lazy")


def test_the_first_image_loads_at_once_and_a_lone_file_needs_no_srcset():
    image = found_images('<img alt="Team" src="{static}/p.jpg">')[0]
    markup = picture_markup(
        image,
        fallback=srcset_of(300),
        modern=[],
        modern_type="image/webp",
        src=srcset_of(300)[0],
        sizes=SIZES,
        first=True,
    )
    assert markup == (
        '<img alt="Team" src="../../p-300w.jpg" width="300" height="150"'
        ' decoding="async">'
    )


def test_the_authors_own_width_is_kept_with_the_photos_proportions():
    image = found_images('<img alt="A" src="p.jpg" width="400">')[0]
    markup = picture_markup(
        image,
        fallback=srcset_of(800),
        modern=[],
        modern_type="image/webp",
        src=Source("p.jpg", 800, 600),
        sizes=SIZES,
        first=True,
    )
    assert 'width="400" height="300"' in markup


def test_an_image_published_as_it_is_gets_its_size_and_loads_lazily():
    image = found_images('<img alt="Logo" src="{static}/logo.gif" loading="eager">')[0]
    assert plain_markup(image, (20, 10), first=False) == (
        '<img alt="Logo" src="{static}/logo.gif" width="20" height="10"'
        ' decoding="async" loading="lazy">'
    )
    svg = found_images('<img alt="Icon" src="{static}/icon.svg" width="32">')[0]
    assert plain_markup(svg, None, first=True) == (
        '<img alt="Icon" src="{static}/icon.svg" width="32" decoding="async">'
    )


def test_each_image_is_found_on_its_line_of_the_source():
    text = "Title: T\n\n![a](x.jpg)\n\nText ![b](y.jpg) ![c](x.jpg)\n"
    assert source_lines(text, ["x.jpg", "y.jpg", "x.jpg", "z.jpg"]) == [3, 5, 5, None]


@pytest.mark.parametrize(
    ("src", "path"),
    [
        # As an editor's preview of journal/x.md reads it (its page, two
        # folders down, would look for ../images/ in journal/).
        ("../images/board.jpg", "images/board.jpg"),
        ("board%20one.jpg", "journal/board one.jpg"),
        ("./photos/board.jpg?v=2#top", "journal/photos/board.jpg"),
        ("/images/board.jpg", "images/board.jpg"),  # from the site's root
        ("../../images/board.jpg", None),  # out of the content folder
        ("..", None),
        ("/", None),
        ("{static}/images/board.jpg", None),  # Pelican's link: linked_path
        ("https://example.org/board.jpg", None),
        ("//example.org/board.jpg", None),
        ("data:image/png;base64,AAAA", None),
        ("", None),
    ],
)
def test_a_plain_path_names_a_content_file_as_an_editor_reads_it(src, path):
    assert plain_path(src, "journal") == path
