"""page_meta: what every page tells search engines and link previews about itself.

Entries and pages get a plain-text `description` (their `Summary:` or first
paragraph), entries their BlogPosting JSON-LD (`structured_data`) and pages
their WebPage (ProfilePage for the page about the author); the home
page gets the site's WebSite JSON-LD (`SITE_STRUCTURED_DATA`). Where they name
the site's author, the author is a full schema.org Person (profiles as
`sameAs`) when the profile plugin put `author_profile` in the context. Templates get two
filters of the file a page is written to: `page_path`, the page's path as the
site links it (`{{ SITEURL }}/{{ output_file|page_path }}`: relative in local
builds, absolute in production ones), and `page_address`, its absolute address
in every build, for link previews and robots.txt.

Control characters a word processor pastes (a soft line break, a page break,
stray bytes), which a browser shows as boxes, are taken out of an entry's or
page's title, summary and text as Pelican makes it, with a warning naming the
file and the line.

pelican-sitemap dates pages that are no entry (home, archives, tags) by the
build's clock; they change when an entry does, so they are dated by the newest
entry instead, and the same content builds the same sitemap.
"""

import logging
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.plugins.sitemap import sitemap

from ..shared.cache import BuildMemo, digest
from ..shared.contents import build_contents, entry_facts
from ..shared.settings import remember, remembered
from ..shared.text import (
    NOT_IN_XML,
    first_line_with,
    pasted_characters_warning,
    without_control_characters,
)
from ..shared.urls import absolute_url, page_address, page_path
from .descriptions import description
from .settings import PLUGIN, PageMetaSettings, read_settings
from .site_files import author_favicon, newest_change, sitemap_date
from .structured_data import blog_posting, person, web_page, web_site

__all__ = ["register"]

logger = logging.getLogger(__name__)


# Descriptions made by earlier builds, by the digest of what they are made of:
# reading an entry's first paragraph is most of what this plugin costs.
_descriptions = BuildMemo(PLUGIN, "descriptions")


def read_page_meta_settings(pelican) -> None:
    """Read page_meta's settings once; a wrong one stops the build here."""
    remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def page_meta_settings(settings) -> PageMetaSettings:
    """page_meta's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def add_filters(generator) -> None:
    """Give this generator's templates the `page_path` and `page_address` filters."""
    site_url = page_meta_settings(generator.settings).site_url
    generator.env.filters["page_path"] = page_path
    generator.env.filters["page_address"] = partial(page_address, site_url)


def describe_site(generators) -> None:
    """Describe every entry and page, and the site for the home page."""
    settings = page_meta_settings(generators[0].settings)
    context = generators[0].context
    site_author = _site_author(context.get("author_profile"), settings.site_url)
    for content in build_contents(generators):
        _give_description(content, settings, site_author)
    context["SITE_STRUCTURED_DATA"] = web_site(
        name=context.get("SITENAME", ""),
        url=page_address(settings.site_url, ""),
        about=context.get("SITESUBTITLE", ""),
        author=context.get("AUTHOR", ""),
        language=context.get("DEFAULT_LANG", "en"),
        image=context.get("SITE_PREVIEW_IMAGE"),
        site_author=site_author,
    )


def use_author_favicon(generators) -> None:
    """Show the author's favicon from content/extra/ instead of the theme's."""
    # The address content/extra/ gives a file (PATH_METADATA's save_as), read
    # from its metadata: asking a static file its save_as would mark it as
    # linked, and an {attach} link could no longer move it beside its entry.
    root_files = [
        static.metadata.get("save_as", "")
        for generator in generators
        for static in getattr(generator, "staticfiles", ())
    ]
    context = generators[0].context
    context["FAVICON"] = author_favicon(root_files, context.get("FAVICON"))


def start_sitemap(pelican) -> None:
    """pelican-sitemap lists the pages of the first build it saw until that
    build finishes: a build that failed would keep every later build of the
    process (the preview's) from writing a sitemap. Each build starts afresh."""
    sitemap.generator._main_pelican = None
    sitemap.generator.page_queue = []


def format_sitemap_dates() -> None:
    """pelican-sitemap formats dates through Pelican's own strftime: it is
    given `sitemap_date`, the same text, faster."""
    sitemap.format_date = sitemap_date


# The sitemap's date of a site with nothing dated in it (all drafts, say).
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def date_index_pages(generators) -> None:
    """Give the sitemap's index pages (and pages with no date of their own)
    the date of the newest entry; with none, of the newest dated page; with
    none either, a fixed moment: never the clock (two builds of one site
    write one sitemap)."""
    sitemap.generator.now = (
        _newest_change(generators, "articles")
        or _newest_change(generators, "pages")
        or UNDATED
    )


def _newest_change(generators, kind: str) -> datetime | None:
    dated = (
        (getattr(content, "date", None), getattr(content, "modified", None))
        for generator in generators
        for content in getattr(generator, kind, ())
    )
    return newest_change(pair for pair in dated if pair[0] or pair[1])


def _site_author(profile, site_url: str) -> dict | None:
    """The author's schema.org Person, from the profile plugin's
    `author_profile` (None without one)."""
    if profile is None:
        return None
    return person(
        profile.name,
        url=absolute_url(site_url, profile.about_url) if profile.about_url else None,
        description=profile.bio,
        same_as=profile.same_as,
        email=profile.email,
    )


def take_out_pasted_characters(content) -> None:
    """Take out of an entry's or page's title, summary and text the control
    characters a word processor pastes (a browser shows each as a box), with a
    warning naming the file and the line: once, as Pelican makes it (a build
    that finds it made already keeps it as it was made)."""
    if not isinstance(content, Article | Page):
        return
    parts, removed = [], []
    for part, value in (
        ("title", getattr(content, "title", None)),  # none: strict_build says
        ("summary", content.metadata.get("summary")),
        ("text", content._content),
    ):
        clean, found = without_control_characters(value)
        if not found:
            continue
        parts.append(part)
        removed += [code for code in found if code not in removed]
        if part == "title":
            content.title = clean
            if "title" in content.metadata:
                content.metadata["title"] = clean
        elif part == "summary":
            content.metadata["summary"] = content._summary = clean
        else:
            content._content = clean
    if parts:
        try:
            text = Path(content.source_path).read_text(encoding="utf-8")
        except OSError:
            text = ""
        source, line = content.relative_source_path, first_line_with(text, NOT_IN_XML)
        logger.warning(pasted_characters_warning(source, line, parts, removed))


def _give_description(
    content, settings: PageMetaSettings, site_author: dict | None
) -> None:
    # The HTML as read: resolving its {filename} links changes no word of it.
    summary, html = content.metadata.get("summary"), content._content
    limit = settings.description_length
    key = digest(summary or "", html or "", str(limit))
    content.description = _descriptions.get(
        key, lambda: description(summary, html, limit)
    )
    # The Q&A page (its own template) says more of itself: plugins/philosophy.
    if isinstance(content, Article) or content.template == "page":
        content.structured_data = StructuredData(
            content, settings.site_url, site_author
        )


class StructuredData:
    """An entry's BlogPosting JSON-LD, or a page's WebPage, written out when
    its page shows it: a build renders few of its entries' pages, and keeps
    the others as they are. A template shows it as it is
    (`{{ article.structured_data|safe }}`, `{{ page.structured_data|safe }}`)."""

    __slots__ = ("entry", "site_author", "site_url")

    def __init__(self, entry, site_url: str, site_author: dict | None):
        self.entry, self.site_url, self.site_author = entry, site_url, site_author

    def __html__(self) -> str:
        if not isinstance(self.entry, Article):
            return web_page(
                self.entry.title,
                absolute_url(self.site_url, self.entry.url),
                self.entry.description,
                image=getattr(self.entry, "preview_image", None),
                site_author=self.site_author,
            )
        facts = entry_facts(self.entry, self.site_url)
        return blog_posting(facts, self.entry.description, self.site_author)

    __str__ = __html__


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_page_meta_settings)
    signals.initialized.connect(_descriptions.open)
    signals.initialized.connect(start_sitemap)
    format_sitemap_dates()
    signals.content_object_init.connect(take_out_pasted_characters)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(describe_site)
    signals.all_generators_finalized.connect(date_index_pages)
    signals.all_generators_finalized.connect(use_author_favicon)
    signals.finalized.connect(_descriptions.save)
