"""atom_feed: an Atom feed that every reader accepts and shows well.

Pelican's feed writer builds the feed; this plugin rewrites each entry before
the feed is written (plain-text titles and summaries, absolute links, stable
ids, only characters XML can carry), adds the feed's icon, and checks the
result: a feed that would not be valid fails the build and is never written.
"""

import logging

from feedgenerator import Atom1Feed
from feedgenerator.django.utils.encoding import iri_to_uri
from pelican import signals

from .atom import (
    EntryFacts,
    SiteAtomFeed,
    entry_fields,
    entry_url,
    feed_fields,
    without_query,
)
from .check import FeedChecker
from .settings import FeedSettingError, feed_options, makes_atom_feeds

__all__ = ["FeedSettingError", "InvalidFeed", "register"]

logger = logging.getLogger(__name__)


class InvalidFeed(Exception):
    """The feed would not be valid Atom; nothing was written."""


def check_settings(pelican):
    """Stop at once when a setting the feed needs is wrong."""
    if makes_atom_feeds(pelican.settings):
        feed_options(pelican.settings)


def entry_facts(article, site_url):
    """What the feed needs to know about one of Pelican's articles."""
    author = getattr(article, "author", None)
    category = getattr(article, "category", None)
    tags = getattr(article, "tags", None) or []
    return EntryFacts(
        source=article.relative_source_path,
        url=entry_url(site_url, article.url),
        title=article.title,
        content=article.get_content(site_url),
        published=article.date,
        updated=getattr(article, "modified", None),
        summary=article.metadata.get("summary") or None,
        author=str(author) if author else None,
        categories=tuple(str(term) for term in [category, *tags] if term),
    )


def published_entries(context):
    """Every entry Pelican may put in a feed, translations included."""
    articles = list(context.get("articles", []))
    for article in list(articles):
        articles.extend(getattr(article, "translations", []))
    return articles


def improve_feed(context, feed):
    """Rewrite Pelican's Atom feed before it is written; refuse an invalid one."""
    if not isinstance(feed, Atom1Feed):
        return
    options = feed_options(context)
    by_link = {
        iri_to_uri(entry_url(options.site_url, article.url)): article
        for article in published_entries(context)
    }
    warnings = []
    for item in feed.items:
        article = by_link.get(without_query(item["link"]))
        if article is None:
            continue
        fields, found = entry_fields(entry_facts(article, options.site_url))
        fields["link"] = item["link"]
        item.update(fields)
        warnings += found
    fields, found = feed_fields(options)
    feed.feed.update(fields)
    warnings += found
    for warning in dict.fromkeys(warnings):
        logger.warning(warning)
    # Pelican made an Atom1Feed and writes it once this signal returns; as a
    # SiteAtomFeed (an Atom1Feed that also writes <icon>) it names its icon.
    feed.__class__ = SiteAtomFeed
    checker = FeedChecker()
    feed.write(checker, "utf-8")
    problems = checker.close()
    if problems:
        raise InvalidFeed(
            f"atom_feed: the feed {feed.feed['feed_url']} would not be valid "
            "Atom, so it was not written:\n"
            + "\n".join(f"  - {problem}" for problem in problems)
        )


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(check_settings)
    signals.feed_generated.connect(improve_feed)
