"""The images of one build: every photo of the content read once, what the
site publishes of each, the link-preview cards, and the files to copy into
the output.

`ImageLibrary` answers `lookup(path)` for `content_images` and makes cards;
its `files` are what the output gets from the cache (`publish_cached`
copies them there), and `clean_statics` has Pelican publish each photo at its
own address from its clean copy.
"""

from collections.abc import Mapping
from pathlib import Path

from ..shared.cache import cached_file, digest
from ..shared.contents import ImageFacts
from ..shared.urls import absolute_url
from .cards import DRAWING, HEIGHT, WIDTH, CardColours, card_colours, draw_card
from .content_images import AsIs
from .photos import Photo, PhotoSource, Rendition, UnreadableImage, image_size
from .previews import card_alt, too_small_to_show
from .settings import ImagesSettings
from .svg import svg_size

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
CARDS = "images/cards"


class CleanStatic:
    """One of Pelican's static files, published from its clean copy: Pelican
    copies `source_path` (the clean file in the cache) to the static file's
    own address (`save_as`, known once the pages are written: an {attach}
    link may move it). Everything else is the static file's."""

    def __init__(self, static, clean: str):
        self._static = static
        self.source_path = clean

    def __getattr__(self, name):
        return getattr(self._static, name)


class ImageLibrary:
    """The images of the content folder `content_path`: `statics` maps each
    static file's path in the content folder to Pelican's Static (or None)."""

    def __init__(
        self,
        content_path: str,
        statics: Mapping[str, object],
        folder: Path,
        settings: ImagesSettings,
    ):
        self.content_path = Path(content_path)
        self.statics = statics
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.sources: dict[str, PhotoSource] = {}
        self.photos: dict[int, PhotoSource] = {}  # by id of the static file
        # What the output gets from the cache besides the photos at their own
        # address: the files pages show, and the cards, by their path.
        self.files: dict[str, str] = {}
        self._colours: CardColours | None = None

    def clean_photos(self) -> list[str]:
        """Read every photo of the content, to be published at its own
        address without its metadata (shown on a page or not: nothing the
        site publishes tells where a photo was taken). Return the problems."""
        problems = []
        for path, static in sorted(self.statics.items()):
            if static is None or Path(path).suffix.lower() not in PHOTO_SUFFIXES:
                continue
            try:
                source = self._source(path)
            except UnreadableImage as error:
                problems.append(str(error))
                continue
            if source is not None:
                self.photos[id(static)] = source
        return problems

    def clean_statics(self, statics: list) -> list:
        """Pelican's static files, each photo among them published from its
        clean copy (made now when no page showed the photo)."""
        return [
            CleanStatic(static, self.photos[id(static)].original().cached)
            if id(static) in self.photos
            else static
            for static in statics
        ]

    def lookup(self, path: str) -> Photo | AsIs | None:
        """What the site publishes of the file `path` of the content folder;
        None when there is no such file."""
        static = self.statics.get(path)
        if static is None:
            return None
        source = self._source(path)
        if source is None:
            data = self._bytes(path)
            return AsIs(image_size(data) or svg_size(data), static.url)
        photo = source.photo()
        for rendition in (*photo.sized, *photo.modern):
            self.files[rendition.path] = rendition.cached
        return photo

    def link_preview(self, path: str) -> Rendition | None:
        """The file of the part link previews show of the photo at `path`
        when it is taller than they show (published then), or None (when
        that part would be too small for them too)."""
        source = self._source(path)
        rendition = source.link_preview() if source is not None else None
        if rendition is None or too_small_to_show(rendition):
            return None
        self.files[rendition.path] = rendition.cached
        return rendition

    def card(self, words: tuple[str, str], slug: str) -> ImageFacts:
        """The link-preview card saying these words, published under a name
        made of `slug`. Raise CardColoursMissing when the theme's stylesheet
        lacks a colour."""
        colours = self.colours()
        key = digest(DRAWING, *words, repr(colours), self.settings.encoder)
        cached = cached_file(
            self.folder,
            f"card-{key}",
            ".png",
            lambda path: draw_card(*words, colours, path),
        )
        path = f"{CARDS}/{slug}.{key[:8]}.png"
        self.files[path] = str(cached)
        return ImageFacts(
            url=absolute_url(self.settings.site_url, path),
            width=WIDTH,
            height=HEIGHT,
            alt=card_alt(words),
            media_type="image/png",
        )

    def colours(self) -> CardColours:
        if self._colours is None:
            stylesheet = Path(self.settings.stylesheet)
            try:
                css = stylesheet.read_text(encoding="utf-8")
            except OSError:
                css = ""
            self._colours = card_colours(css, str(stylesheet))
        return self._colours

    def _bytes(self, path: str) -> bytes:
        return (self.content_path / path).read_bytes()

    def _source(self, path: str) -> PhotoSource | None:
        """The photo at `path`, or None when the file is no photo that is
        re-encoded (a GIF, an SVG, an animation: published as it is)."""
        if path not in self.sources:
            if Path(path).suffix.lower() not in PHOTO_SUFFIXES:
                return None
            source = PhotoSource(
                self._bytes(path),
                path,
                self.folder,
                self.settings.widths,
                self.settings.encoder,
            )
            if source.animated:
                return None
            self.sources[path] = source
        return self.sources[path]
