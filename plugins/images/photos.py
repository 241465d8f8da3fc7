"""Photos as the site publishes them: upright, in sRGB, without metadata, at a
few widths, in their own format and in WebP when WebP is smaller.

Pillow does the image work. Every file made here is kept in the plugin's
cache folder under the digest of the photo's bytes and of how it is encoded
(`plugins.shared.cache`), so a photo is decoded and encoded once: a later
build finds the files and only reads the photo's header for its size.

- `PhotoSource(data, source, folder, widths, encoder)` is one photo of the
  content: `original()` is the file published at the photo's own address
  (the same photo, without metadata), `photo()` the `Photo` with its sized
  `Rendition`s as well.
- `image_size(data)` is the size a browser shows an image at (any format
  Pillow reads, EXIF orientation applied), or None.
"""

import io
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..shared.cache import cached_file, digest

# The formats re-encoded here, with their media type and file suffix. Any
# other image (GIF, SVG...) is published as it is.
FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
MODERN = "WEBP"
# How each file is written: fixed settings, so that the same photo always
# gives the same bytes. Sized files favour small; the file at the photo's own
# address (what a link to the photo opens) favours fidelity, and speed.
SIZED = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}
# A PNG is most often a screenshot or a drawing: its WebP stays lossless.
WEBP_OF_PNG = {"lossless": True, "quality": 80, "method": 4}
ORIGINAL = {
    "JPEG": {"quality": 88},
    "PNG": {"compress_level": 6},
    "WEBP": {"quality": 88, "method": 4},
}
# EXIF orientations that turn the stored picture a quarter.
QUARTER_TURNS = frozenset({5, 6, 7, 8})
ORIENTATION = 0x0112
# Link previews show a picture 1.91 times as wide as it is high, 1200 pixels
# wide at most (Open Graph's advice), cutting a taller one through its middle:
# a portrait's face is lost. A photo taller than 3:2 gets a file of its own
# for them, cut a third of the way down (where faces and whiteboards are).
PREVIEW_RATIO = 1.91
PREVIEW_WIDTH = 1200
CUT_TALLER_THAN = 1.5  # width / height


class UnreadableImage(ValueError):
    """An image file Pillow cannot read; the message says why."""


@dataclass(frozen=True)
class Rendition:
    """One published file of a photo."""

    path: str  # where the site publishes it (images/photo-800w.1a2b3c4d.jpg)
    width: int
    height: int
    media_type: str
    cached: str  # the file in the cache that is copied there
    size: int  # bytes


@dataclass(frozen=True)
class Photo:
    """A photo as published: the file at its own address, and sized files."""

    width: int  # upright, as shown
    height: int
    media_type: str
    original: Rendition  # at the photo's own address, full size
    sized: tuple[Rendition, ...]  # its own format, narrowest first
    modern: tuple[Rendition, ...]  # WebP at the same widths, or () if larger

    @property
    def files(self) -> tuple[Rendition, ...]:
        return (self.original, *self.sized, *self.modern)


def published_widths(width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths a photo `width` pixels wide is published at: each of
    `widths` narrower than the photo, and the photo's own width when it is no
    wider than the widest of them."""
    narrower = tuple(w for w in sorted(widths) if w < width)
    return (*narrower, width) if width <= max(widths) else narrower


def scaled_height(width: int, height: int, new_width: int) -> int:
    """The height of a photo `width` x `height` scaled to `new_width`."""
    return max(1, round(height * new_width / width))


def preview_box(width: int, height: int) -> tuple[int, int, int, int] | None:
    """The part of an upright photo `width` x `height` that link previews
    show (left, top, right, bottom): all of its width, a third of the way
    down; None when the photo is wide enough to be shown whole."""
    if width / height >= CUT_TALLER_THAN:
        return None
    kept = max(1, round(width / PREVIEW_RATIO))
    top = (height - kept) // 3
    return 0, top, width, top + kept


def preview_name(source: str, size: tuple[int, int], key: str, suffix: str) -> str:
    """Where a photo's link-preview file is published, beside its sized files."""
    return published_name(source, f"{size[0]}x{size[1]}", key, suffix)


def sized_name(source: str, width: int, key: str, suffix: str) -> str:
    """Where a sized file of the photo `source` (its path in the content
    folder) is published: beside it, named by the photo, the width and its
    key (a changed photo gets new names, which no browser or link-preview
    cache has seen)."""
    return published_name(source, f"{width}w", key, suffix)


def published_name(source: str, label: str, key: str, suffix: str) -> str:
    """A file made of the photo `source`, beside it: `photo-<label>.<key>`."""
    folder, name = posixpath.split(source)
    stem = posixpath.splitext(name)[0]
    return posixpath.join(folder, f"{stem}-{label}.{key[:8]}{suffix}")


def encoding_text(widths: tuple[int, ...], encoder: str) -> str:
    """Everything besides the photo that decides the bytes made from it."""
    spec = {
        "widths": widths,
        "sized": SIZED,
        "webp_of_png": WEBP_OF_PNG,
        "original": ORIGINAL,
        "encoder": encoder,
    }
    return json.dumps(spec, sort_keys=True)


def image_size(data: bytes) -> tuple[int, int] | None:
    """The width and height a browser shows the image at, or None when Pillow
    cannot read it (an SVG, say)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return upright_size(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The image's size once turned by its EXIF orientation (read from the
    header alone, without decoding the picture)."""
    width, height = image.size
    if image.getexif().get(ORIENTATION) in QUARTER_TURNS:
        return height, width
    return width, height


class PhotoSource:
    """A photo of the content, and the files the site publishes of it.

    `data` is the file's bytes, `source` its path in the content folder;
    the cache `folder` keeps every file made, under a key of the photo's bytes
    and of `encoding` (see `encoding_text`)."""

    def __init__(
        self,
        data: bytes,
        source: str,
        folder: Path,
        widths: tuple[int, ...],
        encoder: str,
    ):
        self.decoded = DecodedPhoto(data, source)
        self.source = source
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.widths = widths
        self.key = digest(data, encoding_text(widths, encoder))
        self._photo = None

    @property
    def format(self) -> str:
        return self.decoded.format

    @property
    def animated(self) -> bool:
        """An animation is published as it is (its frames would be lost)."""
        return self.decoded.animated

    def original(self) -> Rendition:
        """The file published at the photo's own address: the same photo at
        its full size, upright, without metadata."""
        try:
            return self._original()
        finally:
            self.decoded.forget()

    def photo(self) -> Photo:
        """The photo with its sized files (made once)."""
        if self._photo is None:
            try:
                self._photo = self._published()
            finally:
                self.decoded.forget()
        return self._photo

    def link_preview(self) -> Rendition | None:
        """The photo's file for link previews, when it is taller than they
        show (`preview_box`): that part of it, at most PREVIEW_WIDTH wide, in
        its own format (made once); None when the photo is shown whole."""
        width, height = self.decoded.size
        box = preview_box(width, height)
        if box is None:
            return None
        shown_width = min(PREVIEW_WIDTH, width)
        size = (shown_width, scaled_height(width, box[3] - box[1], shown_width))
        fmt = self.format
        media_type, suffix = FORMATS[fmt]
        try:
            cached = cached_file(
                self.folder,
                f"{self.key}-preview-{size[0]}x{size[1]}-{box[1]}",
                suffix,
                lambda target: self.decoded.save_part(
                    target, fmt, box, size, SIZED[fmt]
                ),
            )
        finally:
            self.decoded.forget()
        return Rendition(
            path=preview_name(self.source, size, self.key, suffix),
            width=size[0],
            height=size[1],
            media_type=media_type,
            cached=str(cached),
            size=cached.stat().st_size,
        )

    def _original(self) -> Rendition:
        width, _ = self.decoded.size
        fmt = self.format
        return self._made("original", fmt, width, self.source, ORIGINAL[fmt])

    def _published(self) -> Photo:
        fmt = self.format
        media_type, suffix = FORMATS[fmt]
        width, height = self.decoded.size
        modern_options = WEBP_OF_PNG if fmt == "PNG" else SIZED[MODERN]
        sized, modern = [], []
        # The widest first: each narrower file is made from the one before.
        for w in reversed(published_widths(width, self.widths)):
            sized.insert(
                0, self._made(f"{w}w", fmt, w, self._name(w, suffix), SIZED[fmt])
            )
            if fmt != MODERN:
                webp = self._name(w, FORMATS[MODERN][1])
                modern.insert(0, self._made(f"{w}w", MODERN, w, webp, modern_options))
        if sum(r.size for r in modern) >= sum(r.size for r in sized):
            modern = []
        return Photo(
            width, height, media_type, self._original(), tuple(sized), tuple(modern)
        )

    def _name(self, width: int, suffix: str) -> str:
        return sized_name(self.source, width, self.key, suffix)

    def _made(self, label: str, fmt: str, width: int, path: str, options) -> Rendition:
        full_width, full_height = self.decoded.size
        height = scaled_height(full_width, full_height, width)
        cached = cached_file(
            self.folder,
            f"{self.key}-{label}",
            FORMATS[fmt][1],
            lambda target: self.decoded.save(target, fmt, width, height, options),
        )
        return Rendition(
            path=path,
            width=width,
            height=height,
            media_type=FORMATS[fmt][0],
            cached=str(cached),
            size=cached.stat().st_size,
        )


class DecodedPhoto:
    """A photo's header read at once, its picture decoded when first needed
    (a later build, whose files are all cached, never decodes it)."""

    def __init__(self, data: bytes, source: str):
        self.data = data
        self.source = source
        try:
            with Image.open(io.BytesIO(data)) as image:
                self.format = image.format
                self.size = upright_size(image)
                self.animated = bool(getattr(image, "is_animated", False))
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
            why = "no image format" if isinstance(e, UnidentifiedImageError) else e
            raise UnreadableImage(
                f"{source}: cannot be read as an image ({why}); replace it with a "
                "JPEG, PNG or WebP file"
            ) from None
        if self.format not in FORMATS:
            raise UnreadableImage(
                f"{source}: is {self.format}, not a JPEG, PNG or WebP photo"
            )
        self._picture = None
        self._sized: dict[int, Image.Image] = {}
        self.decodes = 0

    @property
    def picture(self) -> Image.Image:
        if self._picture is None:
            with Image.open(io.BytesIO(self.data)) as image:
                self._picture = clean_picture(image)
            self.decodes += 1
        return self._picture

    def forget(self) -> None:
        """Let the decoded picture go: a build holds one at a time."""
        self._picture = None
        self._sized = {}

    def picture_at(self, width: int, height: int) -> Image.Image:
        """The picture at this size, made from the narrowest one made so far
        that is wider (Lanczos, after a quick halving of a much larger one:
        the same to the eye, several times faster)."""
        if (width, height) == self.picture.size:
            return self.picture
        if width not in self._sized:
            wider = [w for w in self._sized if w > width]
            source = self._sized[min(wider)] if wider else self.picture
            self._sized[width] = source.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=1.5
            )
        return self._sized[width]

    def save(self, target: Path, fmt: str, width: int, height: int, options) -> None:
        write_picture(self.picture_at(width, height), target, fmt, options)

    def save_part(self, target: Path, fmt: str, box, size, options) -> None:
        """Save the part `box` of the picture, scaled to `size`."""
        part = self.picture.crop(box)
        if part.size != size:
            part = part.resize(size, Image.Resampling.LANCZOS, reducing_gap=1.5)
        write_picture(part, target, fmt, options)


def write_picture(picture: Image.Image, target: Path, fmt: str, options) -> None:
    """Write the picture as `fmt`, with nothing of its source."""
    if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    # Nothing of the source travels on: no EXIF, GPS, XMP, ICC or text.
    picture.info = {}
    with open(target, "wb") as file:
        picture.save(file, fmt, **options)


def clean_picture(image: Image.Image) -> Image.Image:
    """The picture alone: decoded, turned upright by its EXIF orientation,
    its colours in sRGB (what browsers assume of an untagged image), in a
    mode every format here writes, and no metadata."""
    image.load()
    picture = ImageOps.exif_transpose(image)
    profile = picture.info.get("icc_profile")
    if picture.mode in ("P", "PA") or "transparency" in picture.info:
        picture = picture.convert("RGBA")
    if profile and picture.mode in ("RGB", "RGBA", "CMYK"):
        picture = in_srgb(picture, profile)
    if picture.mode not in ("L", "LA", "RGB", "RGBA"):
        picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
    picture.info = {}
    return picture


def in_srgb(picture: Image.Image, profile: bytes) -> Image.Image:
    """The picture's colours converted from its ICC profile to sRGB (left as
    they are when the profile cannot be read)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if picture.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(
            picture, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError):
        return picture
