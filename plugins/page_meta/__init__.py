"""page_meta: what every page tells search engines and link previews about itself.

Entries and pages get a plain-text `description` (their `Summary:` or first
paragraph) and entries their BlogPosting JSON-LD (`structured_data`); the home
page gets the site's WebSite JSON-LD (`SITE_STRUCTURED_DATA`). Templates get two
filters of the file a page is written to: `page_path`, the page's path as the
site links it (`{{ SITEURL }}/{{ output_file|page_path }}`: relative in local
builds, absolute in production ones), and `page_address`, its absolute address
in every build, for link previews and robots.txt.

pelican-sitemap dates pages that are no entry (home, archives, tags) by the
build's clock; they change when an entry does, so they are dated by the newest
entry instead, and the same content builds the same sitemap.
"""

from datetime import datetime
from functools import partial
from itertools import chain

from pelican import signals
from pelican.contents import Article
from pelican.plugins.sitemap import sitemap

from .describe import (
    author_favicon,
    blog_posting,
    description,
    newest_change,
    page_address,
    page_path,
    web_site,
)
from .settings import PageMetaSettingError, page_meta_settings

__all__ = ["PageMetaSettingError", "register"]

# The lists of Pelican's generators that hold entries and pages of every status.
CONTENT_LISTS = (
    "articles",
    "pages",
    "translations",
    "drafts",
    "drafts_translations",
    "draft_pages",
    "draft_translations",
    "hidden_articles",
    "hidden_pages",
    "hidden_translations",
)


def check_settings(pelican):
    """Stop at once when a setting page_meta needs is wrong."""
    page_meta_settings(pelican.settings)


def add_filters(generator):
    """Give this generator's templates the `page_path` and `page_address` filters."""
    site_url = page_meta_settings(generator.settings).site_url
    generator.env.filters["page_path"] = page_path
    generator.env.filters["page_address"] = partial(page_address, site_url)


def describe_site(generators):
    """Describe every entry and page, and the site for the home page."""
    settings = page_meta_settings(generators[0].settings)
    contents = chain.from_iterable(
        getattr(generator, name, ())
        for generator in generators
        for name in CONTENT_LISTS
    )
    for content in contents:
        _describe(content, settings)
    context = generators[0].context
    context["SITE_STRUCTURED_DATA"] = web_site(
        name=context.get("SITENAME", ""),
        url=page_address(settings.site_url, ""),
        about=context.get("SITESUBTITLE", ""),
        author=context.get("AUTHOR", ""),
        language=context.get("DEFAULT_LANG", "en"),
    )


def use_author_favicon(generators):
    """Show the author's favicon from content/extra/ instead of the theme's."""
    root_files = [
        static.save_as
        for generator in generators
        for static in getattr(generator, "staticfiles", ())
    ]
    context = generators[0].context
    context["FAVICON"] = author_favicon(root_files, context.get("FAVICON"))


def date_index_pages(generators):
    """Give the sitemap's index pages the date of the newest entry."""
    entries = chain.from_iterable(
        getattr(generator, "articles", ()) for generator in generators
    )
    newest = newest_change(
        (entry.date, getattr(entry, "modified", None)) for entry in entries
    )
    sitemap.generator.now = newest or datetime.now()


def _describe(content, settings):
    content.description = description(
        content.metadata.get("summary"),
        content.content,
        summary_is_html=settings.summary_is_html,
        limit=settings.description_length,
    )
    if not isinstance(content, Article):
        return
    content.structured_data = blog_posting(
        {
            "title": content.title,
            "description": content.description,
            "url": page_address(settings.site_url, content.save_as),
            "published": content.date,
            "modified": getattr(content, "modified", None),
            "author": str(getattr(content, "author", "") or ""),
            "tags": [str(tag) for tag in getattr(content, "tags", None) or []],
        }
    )


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(describe_site)
    signals.all_generators_finalized.connect(date_index_pages)
    signals.all_generators_finalized.connect(use_author_favicon)
