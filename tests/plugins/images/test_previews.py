"""The picture a shared link shows: the entry's Image:, else its first large
enough photo, else a card."""

import pytest

from plugins.images.content_images import AsIs, ShownPhoto
from plugins.images.previews import (
    card_alt,
    card_words,
    chosen_preview,
    metadata_image_paths,
    photo_preview,
)
from plugins.images.settings import read_settings
from plugins.shared.contents import ImageFacts
from tests.plugins.images.test_content_images import photo, rendition

SETTINGS = read_settings({"SITEURL": "https://x.org", "THEME": "/t"})
INTRASITE = SETTINGS.intrasite_link
TEAM = photo("team", (480, 800, 1200, 1600))
BOARD = photo("board", (480, 640))
ICON = photo("icon", (120,))
LIBRARY = {
    "images/team.jpg": TEAM,
    "images/board.jpg": BOARD,
    "images/icon.jpg": ICON,
    "images/logo.gif": AsIs((40, 20)),
}


def chosen(image=None, alt=None, shown=()):
    return chosen_preview(
        image,
        image_alt=alt,
        shown=shown,
        lookup=LIBRARY.get,
        relative_dir="journal",
        settings=SETTINGS,
    )


def test_a_photo_shows_its_file_closest_to_1200_pixels_wide():
    assert photo_preview(TEAM, "The team", "https://x.org") == ImageFacts(
        url="https://x.org/images/team-1200w.k.jpg",
        width=1200,
        height=600,
        alt="The team",
        media_type="image/jpeg",
    )
    assert photo_preview(BOARD, "B", "https://x.org").width == 640


def test_a_photo_too_small_for_a_large_card_shows_none():
    assert photo_preview(ICON, "Icon", "https://x.org") is None


def test_a_tall_photo_shows_the_part_previews_show_when_it_is_large_enough():
    part = rendition("images/team-1200x628.k.jpg", 1200, 628)
    assert photo_preview(TEAM, "T", "https://x.org", lambda: part) == ImageFacts(
        url="https://x.org/images/team-1200x628.k.jpg",
        width=1200,
        height=628,
        alt="T",
        media_type="image/jpeg",
    )
    sliver = rendition("images/team-300x157.k.jpg", 300, 157)
    assert photo_preview(TEAM, "T", "https://x.org", lambda: sliver).height == 600
    assert photo_preview(ICON, "I", "https://x.org", lambda: part) is None
    parts = {"images/board.jpg": rendition("images/board-640x335.k.jpg", 640, 335)}
    preview, _ = chosen_preview(
        None,
        image_alt=None,
        shown=(ShownPhoto("images/board.jpg", BOARD, "The board"),),
        lookup=LIBRARY.get,
        relative_dir="journal",
        settings=SETTINGS,
        part=parts.get,
    )
    assert preview.url == "https://x.org/images/board-640x335.k.jpg"
    preview, _ = chosen_preview(
        "{static}/images/board.jpg",
        image_alt="The board",
        shown=(),
        lookup=LIBRARY.get,
        relative_dir="journal",
        settings=SETTINGS,
        part=parts.get,
    )
    assert preview.url == "https://x.org/images/board-640x335.k.jpg"


def test_the_first_large_enough_photo_pictures_the_entry():
    shown = (
        ShownPhoto("images/icon.jpg", ICON, "Icon"),
        ShownPhoto("images/board.jpg", BOARD, "The board"),
    )
    preview, problems = chosen(shown=shown)
    assert (preview.url, preview.alt) == (
        "https://x.org/images/board-640w.k.jpg",
        "The board",
    )
    assert problems == []


def test_an_entry_without_photos_leaves_it_to_a_card():
    assert chosen() == (None, [])


@pytest.mark.parametrize(
    "image",
    ["{static}/images/team.jpg", "images/team.jpg", "/images/team.jpg"],
)
def test_the_image_line_wins_over_the_entrys_photos(image):
    shown = (ShownPhoto("images/board.jpg", BOARD, "The board"),)
    preview, problems = chosen(image, alt="The team at the offsite", shown=shown)
    assert preview.url == "https://x.org/images/team-1200w.k.jpg"
    assert preview.alt == "The team at the offsite"
    assert problems == []


def test_the_image_line_takes_the_alt_text_the_entry_gives_the_photo():
    shown = (ShownPhoto("images/team.jpg", TEAM, "The team"),)
    preview, _ = chosen("{static}/images/team.jpg", shown=shown)
    assert preview.alt == "The team"


@pytest.mark.parametrize(
    ("image", "alt", "problem"),
    [
        ("https://cdn.example.org/a.jpg", "A", "names no file of the content folder"),
        ("images/nope.jpg", "A", "the content folder has no journal/images/nope.jpg"),
        ("{static}/images/logo.gif", "A", "is no JPEG, PNG or WebP photo"),
        ("{static}/images/team.jpg", None, "has no alt text; add a line 'Image_alt:"),
        ("{static}/images/icon.jpg", "I", "is 120 x 60 pixels; a link preview needs"),
    ],
)
def test_a_wrong_image_line_is_a_problem_saying_how_to_fix_it(image, alt, problem):
    preview, problems = chosen(image, alt=alt)
    assert preview is None
    assert len(problems) == 1
    assert problems[0].startswith(f"Image: {image}")
    assert problem in problems[0]


@pytest.mark.parametrize(
    ("value", "paths"),
    [
        ("{static}/images/a.jpg", ["images/a.jpg"]),
        ("images/a.jpg", ["journal/images/a.jpg", "images/a.jpg"]),
        ("/images/a.jpg", ["images/a.jpg"]),
        ("https://x.org/a.jpg", None),
    ],
)
def test_an_image_line_names_a_file_as_a_static_link_would(value, paths):
    assert metadata_image_paths(value, "journal", INTRASITE) == paths


def test_cards_say_the_pages_title_or_the_sites_name_and_subtitle():
    assert card_words("Leadership", "Journal", "About") == ("Leadership", "Journal")
    assert card_words(None, "Journal", "About") == ("Journal", "About")
    assert card_alt(("Journal", "About")) == "Journal: About"
    assert card_alt(("Journal", "")) == "Journal"
