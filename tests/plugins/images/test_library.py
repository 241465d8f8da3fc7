"""A build's images: every photo of the content cleaned, what a page shows
published once, cards made once, and all of it copied into the output."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from plugins.images.cards import CardColoursMissing
from plugins.images.content_images import AsIs
from plugins.images.library import ImageLibrary
from plugins.images.photos import Photo
from plugins.images.settings import read_settings
from plugins.shared.cache import copy_into
from tests.conftest import ROOT, write_content
from tests.pictures import drawing_png, gif, metadata_of, photo_jpeg

THEME = str(ROOT / "theme")


@pytest.fixture
def library(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "images/team.jpg": photo_jpeg(900, 600, gps=True),
            "images/chart.png": drawing_png(300, 200),
            "images/logo.gif": gif(40, 20),
            "extra/robots.txt": "User-agent: *\n",
            "images/unlinked.jpg": photo_jpeg(500, 400, gps=True),
        },
    )
    statics = {
        str(path.relative_to(content)): SimpleNamespace(
            url=str(path.relative_to(content))
        )
        for path in content.rglob("*")
        if path.is_file()
    }
    settings = read_settings({"SITEURL": "https://x.org", "THEME": THEME})
    return ImageLibrary(str(content), statics, tmp_path / "cache", settings)


def test_every_photo_of_the_content_is_published_clean_shown_or_not(library):
    assert library.clean_photos() == []
    statics = sorted(library.statics.items())
    published = library.clean_statics([static for _, static in statics])
    cleaned = {
        path: published_static.source_path
        for (path, static), published_static in zip(statics, published, strict=True)
        if published_static is not static
    }
    assert sorted(cleaned) == [
        "images/chart.png",
        "images/team.jpg",
        "images/unlinked.jpg",
    ]
    for clean in cleaned.values():
        assert metadata_of(Path(clean).read_bytes()) == {}


def test_pelican_copies_the_clean_file_to_the_photos_own_address(library):
    class Static:
        save_as = "images/team.jpg"
        relative_source_path = "images/team.jpg"

    static = Static()
    library.statics = {"images/team.jpg": static}
    assert library.clean_photos() == []
    (clean,) = library.clean_statics([static])
    assert clean.source_path.startswith(str(library.folder))
    Static.save_as = "journal/trip/team.jpg"  # moved by an {attach} link
    assert clean.save_as == "journal/trip/team.jpg"
    assert clean.relative_source_path == "images/team.jpg"


def test_a_page_shows_photos_sized_and_other_images_as_they_are(library):
    photo = library.lookup("images/team.jpg")
    assert isinstance(photo, Photo)
    assert [r.width for r in photo.sized] == [480, 800, 900]
    assert library.lookup("images/logo.gif") == AsIs((40, 20), "images/logo.gif")
    assert library.lookup("images/none.jpg") is None
    # What the output gets: the sized files of the photos pages show.
    shown = {r.path: r.cached for r in (*photo.sized, *photo.modern)}
    assert library.files == shown


def test_the_part_link_previews_show_of_a_tall_photo_is_published_if_large_enough(
    tmp_path,
):
    content = write_content(
        tmp_path / "content",
        {
            "images/tall.jpg": photo_jpeg(900, 1200),
            "images/narrow.jpg": photo_jpeg(350, 500),  # its part: 350 x 183
        },
    )
    statics = {
        path: SimpleNamespace(url=path)
        for path in ("images/tall.jpg", "images/narrow.jpg")
    }
    settings = read_settings({"SITEURL": "https://x.org", "THEME": THEME})
    library = ImageLibrary(str(content), statics, tmp_path / "cache", settings)
    part = library.link_preview("images/tall.jpg")
    assert (part.width, part.height) == (900, 471)
    assert library.files == {part.path: part.cached}
    assert library.link_preview("images/narrow.jpg") is None
    assert list(library.files) == [part.path]


def test_a_card_is_made_once_and_published_under_its_slug(library):
    card = library.card(("Leadership", "Journal"), "leadership")
    again = library.card(("Leadership", "Journal"), "leadership")
    assert card == again
    assert card.url.startswith("https://x.org/images/cards/leadership.")
    assert (card.width, card.height, card.alt) == (1200, 630, "Leadership: Journal")
    assert len(list(library.folder.glob("card-*.png"))) == 1


def test_a_theme_without_the_tokens_cannot_make_cards(tmp_path):
    settings = read_settings({"SITEURL": "https://x.org", "THEME": str(tmp_path)})
    library = ImageLibrary(str(tmp_path), {}, tmp_path / "cache", settings)
    with pytest.raises(CardColoursMissing, match=r"static/css/site\.css"):
        library.card(("Journal", ""), "site")


def test_copies_replace_the_file_in_the_output_never_write_through_it(tmp_path):
    cached = tmp_path / "cached.jpg"
    cached.write_bytes(b"clean")
    author = tmp_path / "author.jpg"
    author.write_bytes(b"the author's own photo")
    output = tmp_path / "output"
    (output / "images").mkdir(parents=True)
    os.link(author, output / "images" / "photo.jpg")  # STATIC_CREATE_LINKS
    copy_into(output, [("images/photo.jpg", str(cached)), ("a/b.jpg", str(cached))])
    assert (output / "images" / "photo.jpg").read_bytes() == b"clean"
    assert (output / "a" / "b.jpg").read_bytes() == b"clean"
    assert author.read_bytes() == b"the author's own photo"
    assert sorted(p.name for p in (output / "images").iterdir()) == ["photo.jpg"]


def test_an_unreadable_photo_is_named(tmp_path):
    content = write_content(tmp_path / "content", {"images/a.jpg": b"\xff\xd8 bad"})
    settings = read_settings({"SITEURL": "https://x.org", "THEME": THEME})
    library = ImageLibrary(str(content), {"images/a.jpg": object()}, tmp_path, settings)
    (problem,) = library.clean_photos()
    assert problem.startswith("images/a.jpg: cannot be read as an image")
