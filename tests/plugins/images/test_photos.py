"""Photos as published: sized, upright, in sRGB, without metadata, WebP when
smaller, made once and the same bytes every time."""

import io

import pytest
from PIL import Image

from plugins.images.photos import (
    PhotoSource,
    UnreadableImage,
    image_size,
    preview_box,
    published_widths,
    sized_name,
)
from tests.pictures import (
    GPS,
    TURN_CLOCKWISE,
    drawing_png,
    gif,
    metadata_of,
    noise,
    photo_jpeg,
)

WIDTHS = (480, 800, 1200)
ENCODER = "Pillow test"


def published(data, folder, source="images/photo.jpg", widths=WIDTHS):
    source = PhotoSource(data, source, folder, widths, ENCODER)
    return source, source.photo()


def opened(rendition):
    with open(rendition.cached, "rb") as file:
        data = file.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, data


@pytest.fixture(scope="module")
def phone_photo():
    """A large photo from a phone: EXIF with where it was taken."""
    return photo_jpeg(1500, 1000, gps=True)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def phone_published(phone_photo, cache):
    return published(phone_photo, cache)[1]


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (3000, (480, 800, 1200)),
        (1200, (480, 800, 1200)),
        (1000, (480, 800, 1000)),
        (480, (480,)),
        (300, (300,)),
    ],
)
def test_a_photo_is_published_at_the_widths_narrower_than_itself(width, widths):
    assert published_widths(width, WIDTHS) == widths


def test_sized_files_are_named_by_photo_width_and_key():
    name = sized_name("images/trip/photo.jpg", 800, "0123456789abcdef", ".webp")
    assert name == "images/trip/photo-800w.01234567.webp"


def test_a_large_photo_gets_jpegs_and_smaller_webps_at_each_width(phone_published):
    photo = phone_published
    assert (photo.width, photo.height, photo.media_type) == (1500, 1000, "image/jpeg")
    assert [(r.width, r.height) for r in photo.sized] == [
        (480, 320),
        (800, 533),
        (1200, 800),
    ]
    assert [r.width for r in photo.modern] == [480, 800, 1200]
    for rendition in photo.sized:
        image, _ = opened(rendition)
        assert image.format == "JPEG"
        assert image.size == (rendition.width, rendition.height)
        assert rendition.path.startswith("images/photo-")
        assert rendition.path.endswith(".jpg")
    for rendition in photo.modern:
        image, _ = opened(rendition)
        assert image.format == "WEBP"
        assert image.size == (rendition.width, rendition.height)
    assert sum(r.size for r in photo.modern) < sum(r.size for r in photo.sized)


def test_no_published_file_tells_where_the_photo_was_taken(
    phone_photo, phone_published
):
    assert metadata_of(phone_photo)["gps"] == GPS
    for rendition in phone_published.files:
        data = opened(rendition)[1]
        assert metadata_of(data) == {}, rendition.path
        assert b"PhoneCo" not in data


def test_the_photo_at_its_own_address_is_full_size_and_clean(phone_published):
    image, data = opened(phone_published.original)
    assert image.size == (1500, 1000)
    assert metadata_of(data) == {}
    assert phone_published.original.path == "images/photo.jpg"


def test_a_portrait_photo_is_published_upright(tmp_path):
    stored = photo_jpeg(1000, 750, orientation=TURN_CLOCKWISE)
    assert image_size(stored) == (750, 1000)
    _, photo = published(stored, tmp_path)
    assert (photo.width, photo.height) == (750, 1000)
    assert [(r.width, r.height) for r in photo.sized] == [(480, 640), (750, 1000)]
    for rendition in photo.files:
        image, data = opened(rendition)
        assert image.size == (rendition.width, rendition.height)
        assert image.height > image.width
        assert metadata_of(data) == {}


@pytest.mark.parametrize(
    ("size", "box"),
    [
        ((1000, 2000), (0, 492, 1000, 1016)),  # a portrait: a third of the way down
        ((1200, 1200), (0, 190, 1200, 818)),
        ((1200, 900), (0, 90, 1200, 718)),  # 4:3
        ((1500, 1000), None),  # 3:2 and wider: shown whole
        ((3000, 1000), None),
    ],
)
def test_a_photo_taller_than_link_previews_show_is_cut_a_third_down(size, box):
    assert preview_box(*size) == box


def test_the_link_preview_of_a_tall_photo_is_the_part_previews_show(tmp_path):
    """Three bands, top to bottom: what is cut a third of the way down is the
    middle one, at most 1200 pixels wide, clean, made once."""
    bands = Image.new("RGB", (1000, 2000), (200, 0, 0))
    bands.paste((0, 200, 0), (0, 492, 1000, 1016))
    bands.paste((0, 0, 200), (0, 1016, 1000, 2000))
    data = io.BytesIO()
    bands.save(data, "PNG")
    source, _ = published(data.getvalue(), tmp_path, source="images/tall.png")
    part = source.link_preview()
    image, stored = opened(part)
    assert (part.width, part.height) == image.size == (1000, 524)
    assert part.path.startswith("images/tall-1000x524.") and part.path.endswith(".png")
    assert image.convert("RGB").getcolors() == [(1000 * 524, (0, 200, 0))]
    assert metadata_of(stored) == {}
    assert source.link_preview() == part
    wide = PhotoSource(
        photo_jpeg(1500, 1000), "images/w.jpg", tmp_path, WIDTHS, ENCODER
    )
    assert wide.link_preview() is None
    huge = PhotoSource(
        photo_jpeg(2400, 3200), "images/h.jpg", tmp_path, WIDTHS, ENCODER
    )
    assert (huge.link_preview().width, huge.link_preview().height) == (1200, 628)


def test_colours_are_converted_to_srgb_and_the_profile_dropped(tmp_path):
    data = photo_jpeg(600, 400, icc=True)
    assert "icc_profile" in metadata_of(data)
    _, photo = published(data, tmp_path)
    for rendition in photo.files:
        assert metadata_of(opened(rendition)[1]) == {}


def test_a_png_stays_a_png_with_its_transparency_and_without_its_text(tmp_path):
    data = drawing_png(600, 360)
    assert metadata_of(data)["text"] == {"Software": "Screenshot Tool 3.1"}
    _, photo = published(data, tmp_path, source="images/chart.png")
    assert photo.media_type == "image/png"
    assert [r.width for r in photo.sized] == [480, 600]
    for rendition in (photo.original, *photo.sized):
        image, data = opened(rendition)
        assert (image.format, image.mode) == ("PNG", "RGBA")
        assert image.getpixel((2, 2))[3] == 0  # still transparent
        assert metadata_of(data) == {}
    if photo.modern:
        assert sum(r.size for r in photo.modern) < sum(r.size for r in photo.sized)


def test_webp_is_offered_only_when_it_is_smaller(tmp_path):
    _, photo = published(noise(600, 400), tmp_path)
    webps = list(tmp_path.glob("*.webp"))
    assert webps  # made and weighed...
    assert photo.modern == ()  # ...but larger than the JPEGs: not offered


def test_a_small_photo_is_published_at_its_own_width_only(tmp_path):
    _, photo = published(photo_jpeg(300, 200), tmp_path)
    assert [(r.width, r.height) for r in photo.sized] == [(300, 200)]


def test_files_are_made_once_and_a_later_build_decodes_nothing(
    phone_photo, phone_published, cache
):
    made = {path.name: path.stat().st_ino for path in cache.iterdir()}
    source, again = published(phone_photo, cache)
    assert again == phone_published
    assert {path.name: path.stat().st_ino for path in cache.iterdir()} == made
    assert source.decoded.decodes == 0  # read its header only


def test_the_same_photo_gives_the_same_bytes_every_time(tmp_path):
    data = photo_jpeg(900, 600)
    _, one = published(data, tmp_path / "one")
    _, two = published(data, tmp_path / "two")
    for a, b in zip(one.files, two.files, strict=True):
        assert opened(a)[1] == opened(b)[1]


def test_other_widths_or_another_encoder_make_other_files(phone_photo, tmp_path):
    keys = {
        PhotoSource(phone_photo, "p.jpg", tmp_path, widths, encoder).key
        for widths, encoder in [(WIDTHS, ENCODER), ((400,), ENCODER), (WIDTHS, "x")]
    }
    assert len(keys) == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a photo at all", r"cannot be read as an image \(no image format\);"),
        (gif(20, 10), "is GIF, not a JPEG, PNG or WebP photo"),
    ],
)
def test_a_file_that_is_no_photo_is_named(data, message, tmp_path):
    with pytest.raises(UnreadableImage, match=f"^images/bad.jpg: {message}"):
        PhotoSource(data, "images/bad.jpg", tmp_path, WIDTHS, ENCODER)


def test_the_size_of_any_image_pillow_reads():
    assert image_size(gif(20, 10)) == (20, 10)
    assert image_size(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
