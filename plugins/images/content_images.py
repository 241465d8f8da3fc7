"""The images an entry or page shows, published right.

`image_problems` finds what is wrong with an entry's images as the author
wrote them (no alt text, a link to a missing file). An image may name its
file with `{static}` (Pelican's link) or with a plain path, as the author's
editor previews it (`/images/x.jpg` from the site's root, `../images/x.jpg`
from the entry's file): either way it is published right. `content_images` takes
the entry's HTML and returns it with each image's markup (`markup.py`), and
the photos it shows, in order (the first may picture the entry in link
previews). It asks `lookup(path)` what the site publishes of the file at
`path` in the content folder: a `Photo` (re-encoded and sized), an `AsIs`
image (a GIF, an SVG: published as it is), or None when there is no such
file. Plain data in, plain data out; `lookup` may raise UnreadableImage.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from .markup import (
    FoundImage,
    Source,
    found_images,
    linked_path,
    picture_markup,
    plain_markup,
    plain_path,
    rewritten,
    source_lines,
)
from .photos import FORMATS, MODERN, Photo, UnreadableImage

# The file a browser without srcset, or a feed reader, gets: about the width
# of the theme's column.
PLAIN_WIDTH = 800


@dataclass(frozen=True)
class AsIs:
    """An image published as it is (a GIF, an SVG), with its size if known,
    at `url` (from the site's root)."""

    size: tuple[int, int] | None = None
    url: str | None = None


@dataclass(frozen=True)
class ShownPhoto:
    """A photo an entry shows, and what its alt text says of it."""

    path: str  # in the content folder
    photo: Photo
    alt: str


@dataclass(frozen=True)
class ContentImages:
    html: str
    problems: tuple[str, ...]
    photos: tuple[ShownPhoto, ...]


Lookup = Callable[[str], "Photo | AsIs | None"]


def image_problems(
    html: str,
    *,
    source: str,
    source_text: Callable[[], str],
    relative_dir: str,
    intrasite_link: str,
    exists: Callable[[str], bool],
) -> tuple[list[str], set[str], set[str]]:
    """What is wrong with an entry's images, each problem naming the file,
    the line and the image, and how to fix it: an image without alt text, a
    link to a file the content folder lacks (`exists(path)` says). Return
    the problems, the paths of the missing files, and those of the content
    files the images name by a plain path (published as if linked).

    `source` names the entry's file (journal/2024-05-01.md), `source_text()`
    gives its text (read only to tell the line of a problem) and
    `relative_dir` is its folder, from which its links are read."""
    images = found_images(html)
    problems, missing, named = [], set(), set()
    lines = []

    def place(image: FoundImage) -> str:
        if not lines:
            lines.extend(source_lines(source_text(), [i.src for i in images]))
        at_line = f"line {lines[image.number - 1]}: " if lines[image.number - 1] else ""
        return f"{source}: {at_line}image {image.number} ({image.src})"

    for image in images:
        if not image.has_alt_text:
            problems.append(
                f"{place(image)} has no alt text; say what it shows between the "
                f"brackets: ![what the picture shows]({image.src})"
            )
        path = linked_path(image.src, relative_dir, intrasite_link)
        if path is not None and not exists(path):
            missing.add(path)
            problems.append(
                f"{place(image)} links {path}, which is not in the content "
                "folder; put the file there or correct the link"
            )
        plain = plain_path(image.src, relative_dir) if path is None else None
        if plain is not None and exists(plain):
            named.add(plain)
    return problems, missing, named


def content_images(
    html: str,
    *,
    source: str,
    relative_dir: str,
    links_base: str,
    sizes: str,
    intrasite_link: str,
    lookup: Lookup,
) -> ContentImages:
    """The entry's HTML with its images published right; see the module.

    `relative_dir` is the folder of the entry's file `source`, from which its
    links are read; `links_base` is what the site's paths are joined to on
    its page (`../..`, or the site's address). A file that cannot be read as
    an image is a problem; a missing one is left to `image_problems`, and a
    plain path that names no file of the content is left as it is."""
    markup, problems, photos = {}, [], []
    for image in found_images(html):
        path = linked_path(image.src, relative_dir, intrasite_link)
        plain = path is None
        if plain:
            path = plain_path(image.src, relative_dir)
        if path is None or image.hand_made:
            continue
        try:
            published = lookup(path)
        except UnreadableImage as error:
            problems.append(f"{source}: image {image.number} ({image.src}): {error}")
            continue
        first = image.number == 1
        if isinstance(published, AsIs):
            # A {static} link is Pelican's to resolve; a plain path is ours.
            src = site_link(links_base, published.url) if plain else None
            markup[image] = plain_markup(image, published.size, first, src)
        elif published is not None:
            markup[image] = photo_markup(image, published, links_base, sizes, first)
            alt = (image.get("alt") or "").strip()
            photos.append(ShownPhoto(path, published, alt))
    return ContentImages(rewritten(html, markup), tuple(problems), tuple(photos))


def shows_no_image(html: str, image_line: str | None) -> bool:
    """Whether an entry shows no image and names none for link previews:
    nothing of it to publish, and the site's card is its preview."""
    return not image_line and not found_images(html)


def site_link(links_base: str, path: str) -> str:
    """The link to a file of the site from a page whose links start at
    `links_base` (spaces and commas quoted: a srcset splits on them)."""
    return f"{links_base.rstrip('/')}/{quote(path)}"


def photo_markup(
    image: FoundImage, photo: Photo, links_base: str, sizes: str, first: bool
) -> str:
    """The markup of one published photo."""

    def sources(renditions):
        return [
            Source(site_link(links_base, r.path), r.width, r.height) for r in renditions
        ]

    fallback = sources(photo.sized)
    plain = [source for source in fallback if source.width <= PLAIN_WIDTH]
    src = plain[-1] if plain else fallback[0]
    modern_type = FORMATS[MODERN][0]
    return picture_markup(
        image,
        fallback=fallback,
        modern=sources(photo.modern),
        modern_type=modern_type,
        src=src,
        sizes=sizes,
        first=first,
    )
