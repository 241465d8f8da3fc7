"""The images of an entry's or page's HTML, and the markup they are published
with. Plain functions: HTML and plain data in, HTML and problems out.

`found_images(html)` lists every `<img>` as the author wrote it (its place in
the HTML and its attributes); `rewritten(html, {image: markup})` puts new
markup in their place and leaves every other character as it was. The markup
of a published photo comes from `picture_markup` (a `<picture>` when a
smaller WebP is offered, else a sized `<img>`), that of any other image from
`plain_markup`.
"""

import html
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from ..shared.text import COMMENT, line_at

# An <img> tag: quoted attribute values may hold ">".
IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
PICTURE_OPEN = re.compile(r"<picture\b", re.IGNORECASE)
PICTURE_CLOSE = re.compile(r"</picture\s*>", re.IGNORECASE)
# What the markup adds, and so never copies from the author's tag.
OWN_ATTRIBUTES = ("src", "srcset", "sizes", "decoding", "loading", "fetchpriority")


@dataclass(frozen=True)
class FoundImage:
    """One <img> of an HTML fragment, as written."""

    number: int  # 1 for the first image of the fragment
    start: int
    end: int
    attributes: tuple[tuple[str, str], ...]  # as written, entities decoded
    in_picture: bool = False  # inside a <picture> the author wrote

    def get(self, name: str, default: str | None = None) -> str | None:
        return next((value for key, value in self.attributes if key == name), default)

    @property
    def src(self) -> str:
        return self.get("src") or ""

    @property
    def has_alt_text(self) -> bool:
        return bool((self.get("alt") or "").strip())

    @property
    def hand_made(self) -> bool:
        """Responsive markup the author wrote: left as it is."""
        return self.in_picture or self.get("srcset") is not None


@dataclass(frozen=True)
class Source:
    """One file of an image: its URL and its size in pixels."""

    url: str
    width: int
    height: int


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes = ()

    def handle_starttag(self, tag, attrs):
        self.attributes = tuple((name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> tuple[tuple[str, str], ...]:
    """The attributes of one start tag, names lower case, entities decoded."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def found_images(fragment: str) -> list[FoundImage]:
    """Every <img> of an HTML fragment, in order (none inside a comment)."""
    comments = [match.span() for match in COMMENT.finditer(fragment)]
    images = []
    for match in IMG_TAG.finditer(fragment):
        if any(start <= match.start() < end for start, end in comments):
            continue
        before = fragment[: match.start()]
        opened = len(PICTURE_OPEN.findall(before)) > len(PICTURE_CLOSE.findall(before))
        images.append(
            FoundImage(
                number=len(images) + 1,
                start=match.start(),
                end=match.end(),
                attributes=tag_attributes(match.group()),
                in_picture=opened,
            )
        )
    return images


def rewritten(fragment: str, markup: dict[FoundImage, str]) -> str:
    """The fragment with each of these images replaced by its markup."""
    parts, position = [], 0
    for image in sorted(markup, key=lambda image: image.start):
        parts += [fragment[position : image.start], markup[image]]
        position = image.end
    parts.append(fragment[position:])
    return "".join(parts)


def attributes_html(attributes) -> str:
    """Attributes written out, values quoted and escaped."""
    return "".join(
        f' {name}="{html.escape(str(value), quote=True)}"' for name, value in attributes
    )


def srcset(sources: list[Source]) -> str:
    return ", ".join(f"{source.url} {source.width}w" for source in sources)


def loading(first: bool) -> tuple[tuple[str, str], ...]:
    """How the browser loads an image: an entry's first image is likely seen
    at once, the others load as the reader nears them."""
    lazy = () if first else (("loading", "lazy"),)
    return (("decoding", "async"), *lazy)


def shown_size(
    image: FoundImage, width: int, height: int
) -> tuple[tuple[str, str], tuple[str, str]]:
    """The width and height attributes: the file's, or the author's own when
    given (a missing one keeps the file's proportions)."""
    own_width, own_height = image.get("width"), image.get("height")
    if own_width and own_width.isdigit() and not own_height:
        own_height = str(round(int(own_width) * height / width))
    if own_height and own_height.isdigit() and not own_width:
        own_width = str(round(int(own_height) * width / height))
    if own_width and own_height:
        return ("width", own_width), ("height", own_height)
    return ("width", str(width)), ("height", str(height))


def authors_attributes(image: FoundImage) -> list[tuple[str, str]]:
    kept = (*OWN_ATTRIBUTES, "width", "height")
    return [(name, value) for name, value in image.attributes if name not in kept]


def picture_markup(
    image: FoundImage,
    *,
    fallback: list[Source],
    modern: list[Source],
    modern_type: str,
    src: Source,
    sizes: str,
    first: bool,
) -> str:
    """The markup of a published photo: its <img> sized, with a srcset of its
    own format, inside a <picture> that offers the modern format first when
    there is one. `src` is the file for a browser that knows no srcset (and a
    feed reader), whose size the width and height attributes give."""
    attributes = authors_attributes(image)
    attributes.insert(
        1 if attributes and attributes[0][0] == "alt" else 0, ("src", src.url)
    )
    if len(fallback) > 1:
        attributes += [("srcset", srcset(fallback)), ("sizes", sizes)]
    attributes += [*shown_size(image, src.width, src.height), *loading(first)]
    img = f"<img{attributes_html(attributes)}>"
    if not modern:
        return img
    source = [("type", modern_type), ("srcset", srcset(modern)), ("sizes", sizes)]
    return f"<picture><source{attributes_html(source)}>{img}</picture>"


def plain_markup(
    image: FoundImage, size: tuple[int, int] | None, first: bool, src: str | None = None
) -> str:
    """The markup of an image published as it is (a GIF, an SVG): its size
    when known, and how it loads; its address `src` when given."""
    attributes = [
        (name, src if name == "src" and src else value)
        for name, value in image.attributes
        if name not in ("decoding", "loading", "width", "height")
    ]
    if size:
        attributes += list(shown_size(image, *size))
    else:
        attributes += [
            (name, value)
            for name, value in image.attributes
            if name in ("width", "height")
        ]
    attributes += list(loading(first))
    return f"<img{attributes_html(attributes)}>"


def source_lines(text: str, needles: list[str]) -> list[int | None]:
    """The line of the source text where each needle appears, in order: the
    nth needle is looked for after the line of the one before it (None when
    the text does not hold it)."""
    lines, start = [], 0
    for needle in needles:
        found = text.find(needle, start) if needle else -1
        if found < 0:
            lines.append(None)
            continue
        lines.append(line_at(text, found))
        start = found + len(needle)
    return lines


def linked_path(src: str, relative_dir: str, intrasite_link: str) -> str | None:
    """The content file an image's `{static}` (or `{attach}`, `{filename}`)
    link names, as a path from the content folder, the way Pelican reads it:
    from the content folder when it starts with "/", else from the folder of
    the file that links it. None for any other address."""
    match = re.match(intrasite_link, src)
    if not match or match.group("what") not in ("static", "attach", "filename"):
        return None
    path = unquote(urlsplit(src[match.end() :]).path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(relative_dir, path))


def plain_path(src: str, relative_dir: str) -> str | None:
    """The content file a plain image address names, as the author's editor
    reads it: from the content folder when it starts with "/"
    (`/images/x.jpg`), else from the folder of the entry's file
    (`../images/x.jpg`). None for any other address, and for a path out of
    the content folder."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or src.startswith("{"):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        found = posixpath.normpath(path.lstrip("/"))
    else:
        found = posixpath.normpath(posixpath.join(relative_dir, path))
    return None if found.startswith("..") or found == "." else found
