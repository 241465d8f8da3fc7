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

from ..shared.contents import entry_facts
from ..shared.settings import remember, remembered
from ..shared.urls import absolute_url
from .atom import SiteAtomFeed, entry_fields, feed_fields, without_query
from .check import FeedChecker
from .settings import PLUGIN, FeedSettings, makes_atom_feeds, read_settings

__all__ = ["InvalidFeed", "register"]

logger = logging.getLogger(__name__)


class InvalidFeed(Exception):
    """The feed would not be valid Atom; nothing was written."""


def read_feed_settings(pelican) -> None:
    """Read the feed's settings once; a wrong one stops the build here."""
    if makes_atom_feeds(pelican.settings):
        remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def feed_settings(settings) -> FeedSettings:
    """The feed's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def feed_entries(context) -> list:
    """Every entry Pelican may put in a feed, translations included."""
    articles = list(context.get("articles", []))
    for article in list(articles):
        articles.extend(getattr(article, "translations", []))
    return articles


def rewrite_and_check_feed(context, feed) -> None:
    """Rewrite Pelican's Atom feed before it is written; refuse an invalid one."""
    if not isinstance(feed, Atom1Feed):
        return
    settings = feed_settings(context)
    by_link = {
        iri_to_uri(absolute_url(settings.site_url, article.url)): article
        for article in feed_entries(context)
    }
    warnings = []
    for item in feed.items:
        article = by_link.get(without_query(item["link"]))
        if article is None:
            continue
        facts = entry_facts(article, settings.site_url)
        fields, found = entry_fields(facts, article.get_content(settings.site_url))
        fields["link"] = item["link"]
        item.update(fields)
        warnings += found
    fields, found = feed_fields(settings)
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
    signals.initialized.connect(read_feed_settings)
    signals.feed_generated.connect(rewrite_and_check_feed)
