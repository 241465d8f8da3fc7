"""The picture a link to a page shows when it is shared: Open Graph, Twitter
card and the page's structured data all name it. Plain functions.

An entry shows its `Image:` if it has one, else its first photo, else the
site's card (its name and subtitle); a page shows its `Image:` or first photo
too, else a card of its own title; every other page (the journal, archives,
tags) the site's card.
"""

import re
from collections.abc import Callable
from functools import partial

from ..shared.contents import ImageFacts
from ..shared.urls import absolute_url, is_absolute_url
from .markup import linked_path
from .photos import PREVIEW_WIDTH, Photo, Rendition

# Link previews show a picture PREVIEW_WIDTH pixels wide at most (Open
# Graph's advice); Twitter's large card needs 300 x 157, Facebook 200 x 200.
SMALLEST = (300, 200)


def photo_preview(
    photo: Photo,
    alt: str,
    site_url: str,
    part: Callable[[], Rendition | None] | None = None,
) -> ImageFacts | None:
    """The photo in a link preview: its widest sized file up to 1200 pixels,
    in its own format (every link-preview maker reads JPEG and PNG), or the
    file of the part previews show of a taller photo that `part()` gives
    (`PhotoSource.link_preview`); None when the photo is too small to be
    shown large."""
    fitting = [r for r in photo.sized if r.width <= PREVIEW_WIDTH]
    rendition = fitting[-1] if fitting else photo.sized[0]
    if too_small_to_show(rendition):
        return None
    cut = part() if part else None
    if cut is not None and not too_small_to_show(cut):
        rendition = cut
    return ImageFacts(
        url=absolute_url(site_url, rendition.path),
        width=rendition.width,
        height=rendition.height,
        alt=alt,
        media_type=rendition.media_type,
    )


def too_small_to_show(rendition: Rendition) -> bool:
    return rendition.width < SMALLEST[0] or rendition.height < SMALLEST[1]


def too_small(photo: Photo) -> str:
    """Why the photo cannot be a link preview."""
    return (
        f"is {photo.width} x {photo.height} pixels; a link preview needs at "
        f"least {SMALLEST[0]} x {SMALLEST[1]}: choose a larger picture"
    )


def metadata_image_paths(
    value: str, relative_dir: str, intrasite_link: str
) -> list[str] | None:
    """Where the file named by an `Image:` line may be in the content folder,
    the likeliest first; None when it names no file of the content (a web
    address). `{static}/images/a.jpg` is read as in a Markdown image; a bare
    `images/a.jpg` from the entry's folder, then from the content folder."""
    value = value.strip()
    if re.match(intrasite_link, value):
        path = linked_path(value, relative_dir, intrasite_link)
        return [path] if path else None
    if not value or is_absolute_url(value) or "://" in value:
        return None
    paths = [
        linked_path("{static}" + what, relative_dir, "{(?P<what>static)}")
        for what in (value, "/" + value.lstrip("/"))
    ]
    return list(dict.fromkeys(path for path in paths if path))


def card_words(title: str | None, site_name: str, subtitle: str) -> tuple[str, str]:
    """What a card says, large then small: a page's title over the site's
    name, or the site's name over its subtitle."""
    if title:
        return title, site_name
    return site_name, subtitle


def card_alt(words: tuple[str, str]) -> str:
    """The card's alt text: its words."""
    return ": ".join(word for word in words if word)


def chosen_preview(
    image: str | None,
    *,
    image_alt: str | None,
    shown: tuple,
    lookup,
    relative_dir: str,
    settings,
    part=None,
) -> tuple[ImageFacts | None, list[str]]:
    """The picture of an entry or page in link previews, and the problems of
    its `Image:` line: the photo that line names (with `Image_alt:` or the
    alt text the entry gives it), else the first photo the entry shows that
    is large enough, else None (a card then). `shown` are the entry's
    `ShownPhoto`s, `lookup` what the site publishes of a content file,
    `part(path)` the file of the part previews show of a tall photo, if any."""
    part = part or (lambda path: None)
    if image:
        return metadata_preview(
            str(image),
            image_alt=image_alt,
            shown=shown,
            lookup=lookup,
            relative_dir=relative_dir,
            settings=settings,
            part=part,
        )
    for photo in shown:
        preview = photo_preview(
            photo.photo, photo.alt, settings.site_url, partial(part, photo.path)
        )
        if preview:
            return preview, []
    return None, []


def metadata_preview(
    image: str, *, image_alt, shown, lookup, relative_dir, settings, part
) -> tuple[ImageFacts | None, list[str]]:
    """The photo an `Image:` line names, as a link preview, or the problem."""
    where = f"Image: {image}"
    paths = metadata_image_paths(image, relative_dir, settings.intrasite_link)
    if not paths:
        return None, [
            f"{where} names no file of the content folder; give one like "
            "{static}/images/photo.jpg"
        ]
    found = next(((path, hit) for path in paths if (hit := lookup(path))), None)
    if found is None:
        return None, [
            f"{where}: the content folder has no {' or '.join(paths)}; put the "
            "photo there or correct the line"
        ]
    path, photo = found
    if not isinstance(photo, Photo):
        return None, [f"{where} is no JPEG, PNG or WebP photo; link previews need one"]
    alt = (image_alt or "").strip() or next(
        (item.alt for item in shown if item.path == path and item.alt), ""
    )
    if not alt:
        return None, [
            f"{where} has no alt text; add a line 'Image_alt: what the picture shows'"
        ]
    preview = photo_preview(photo, alt, settings.site_url, partial(part, path))
    if preview is None:
        return None, [f"{where} {too_small(photo)}"]
    return preview, []
