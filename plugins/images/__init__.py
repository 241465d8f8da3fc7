"""images: photos in entries and pages published right, and the picture each
page shows in link previews.

- Every JPEG, PNG and still WebP of the content is published upright, in
  sRGB and without its metadata (EXIF, GPS, XMP, ICC, text), at its own
  address (`photos.py`).
- Each image an entry or page shows gets its width and height, a srcset of a
  few widths with the theme's `sizes`, a smaller WebP in a <picture> when
  there is one, `decoding="async"`, and `loading="lazy"` but for the first
  (`content_images.py`, `markup.py`). An image without alt text, or linking
  a file the content lacks, fails the build naming the file, the line and
  the image.
- Each entry and page gets `preview_image` (`shared.contents.ImageFacts`):
  its `Image:`, else its first photo, else a card (a page's own, titled; an
  entry's the site's); the other pages show `SITE_PREVIEW_IMAGE`, the site's
  card (`previews.py`, `cards.py`).

Every file is made once into the cache (BUILD_CACHE_PATH/images, named by
the digest of what it is made from). Pelican copies each photo's clean file
to the photo's own address (`library.CleanStatic`); the `PublishedImages`
generator copies the files pages show (those the output lacks as they are,
when the build keeps what did not change: `publish_cached`).
"""

import logging
import time
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.contents import Page

from ..shared.cache import cache_folder, prune, publish_cached
from ..shared.contents import generator_contents
from ..shared.settings import remember, remembered
from ..shared.urls import links_base
from .cards import CardColoursMissing
from .content_images import content_images, image_problems, shows_no_image
from .library import ImageLibrary
from .previews import card_words, chosen_preview
from .settings import PLUGIN, ImagesSettings, read_settings

__all__ = ["register"]

logger = logging.getLogger(__name__)

# Where the build's images wait in the context for PublishedImages.
PUBLISHED = "PUBLISHED_IMAGES"
# Cached files no build used for this long are removed.
UNUSED_FOR = 90 * 24 * 3600


def read_images_settings(pelican) -> None:
    """Read the plugin's settings once; a wrong one stops the build here."""
    remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def images_settings(settings) -> ImagesSettings:
    """The plugin's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def check_images(generator) -> None:
    """Log every image without alt text, and every image linking a file the
    content folder lacks, naming the entry; keep Pelican from reading such
    a file (it would stop the build without naming the entry). Have Pelican
    publish each file an image names by a plain path, as a {static} link's."""
    settings = images_settings(generator.settings)
    content_path = Path(generator.path)
    linked = generator.context["static_links"]
    for content in generator_contents(generator):
        problems, missing, named = image_problems(
            content._content or "",
            source=content.relative_source_path,
            source_text=partial(_source_text, content),
            relative_dir=content.relative_dir,
            intrasite_link=settings.intrasite_link,
            exists=lambda path: (content_path / path).is_file(),
        )
        linked.difference_update(missing)
        linked.update(named)  # published, as Pelican publishes what {static} links
        for problem in problems:
            logger.error("%s", problem)


def _source_text(content) -> str:
    return Path(content.source_path).read_text(encoding="utf-8")


def publish_images(static_generator) -> None:
    """Once every entry, page and static file is known: publish the photos,
    each entry's and page's images and their link-preview pictures. Every
    problem is logged as an error naming the file (strict_build fails the
    build on it before anything is written)."""
    settings = images_settings(static_generator.settings)
    context = static_generator.context
    library = ImageLibrary(
        static_generator.path,
        context["static_content"],
        cache_folder(static_generator.settings, PLUGIN),
        settings,
    )
    problems = library.clean_photos()
    try:
        site_card = library.card(
            card_words(None, settings.site_name, settings.site_subtitle), "site"
        )
    except CardColoursMissing as error:
        problems.append(str(error))
        site_card = None
    contents = context["generated_content"]
    for _path, content in sorted(contents.items()):
        # A page the build does not write (a draft, in production) shows no
        # image: none of its own is published, nor its title on a card.
        if content is not None and content.save_as:
            problems += show_images(content, library, settings, site_card)
    context["SITE_PREVIEW_IMAGE"] = site_card
    static_generator.staticfiles[:] = library.clean_statics(
        static_generator.staticfiles
    )
    context[PUBLISHED] = library.files
    for problem in problems:
        logger.error("%s", problem)


def show_images(content, library, settings, site_card) -> list[str]:
    """Publish one entry's or page's images and choose its link preview."""
    html = content._content or ""
    if not isinstance(content, Page) and shows_no_image(
        html, content.metadata.get("image")
    ):
        content.preview_image = site_card  # most entries: nothing to publish
        return []
    source = content.relative_source_path
    shown = content_images(
        html,
        source=source,
        relative_dir=content.relative_dir,
        links_base=links_base(
            settings.site_url, content.save_as, settings.relative_urls
        ),
        sizes=settings.sizes,
        intrasite_link=settings.intrasite_link,
        lookup=library.lookup,
    )
    if content._content and shown.html != content._content:
        content._content = shown.html
    preview, problems = chosen_preview(
        content.metadata.get("image"),
        image_alt=content.metadata.get("image_alt"),
        shown=shown.photos,
        lookup=library.lookup,
        relative_dir=content.relative_dir,
        settings=settings,
        part=library.link_preview,
    )
    problems = [f"{source}: {problem}" for problem in problems]
    if preview is None and isinstance(content, Page):
        try:
            words = card_words(content.title, settings.site_name, "")
            preview = library.card(words, content.slug)
        except CardColoursMissing as error:
            problems.append(str(error))
    content.preview_image = preview or site_card
    return [*shown.problems, *problems]


class PublishedImages:
    """A generator of Pelican's that publishes the files pages show (sized
    photos, cards) from the cache into the output."""

    def __init__(self, context, settings, path, theme, output_path, **_kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_output(self, writer) -> None:
        files: dict[str, str] | None = self.context.get(PUBLISHED)
        if files:
            publish_cached(Path(self.output_path), sorted(files.items()))
        folder = cache_folder(self.settings, PLUGIN)
        unused = list(prune(folder, UNUSED_FOR, time.time()))
        if unused:
            logger.info("images: removed %d cached files no build used", len(unused))


def add_generator(pelican):
    """Pelican's generators, and PublishedImages."""
    return PublishedImages


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_images_settings)
    signals.get_generators.connect(add_generator)
    signals.article_generator_finalized.connect(check_images)
    signals.page_generator_finalized.connect(check_images)
    signals.static_generator_finalized.connect(publish_images)
