"""atom_feed: an Atom feed that every reader accepts and shows well.

`feeds/all.atom.xml` is the subscription document of an RFC 5005 archived
feed: it holds the newest entries (FEED_MAX_ITEMS) in full, and the older
ones are in archive documents, one a month, linked one to the next
(archives.py). Each entry is written as readers need it (plain-text titles
and summaries, absolute links, stable ids, only characters XML can carry),
each document is made only when what it holds changed and checked as it is
made (feed_files.py): a feed that would not be valid fails the build and is
never written. Pelican's writer writes the subscription document; the
archives are copied into the output beside it.

Other Atom feeds a site may ask Pelican for (by tag, by category) are
rewritten and checked the same way, one document each.
"""

import functools
import logging
import time
from pathlib import Path

from feedgenerator import Atom1Feed
from feedgenerator.django.utils.encoding import iri_to_uri
from pelican import signals

from ..shared.cache import cache_folder, prune, publish_cached
from ..shared.contents import (
    entry_facts,
    has_links,
    journal_order,
    link_targets,
    move_attachments,
)
from ..shared.settings import remember, remembered
from ..shared.urls import absolute_url
from .atom import SiteAtomFeed, entry_fields, feed_fields, without_query
from .check import FeedChecker, InvalidFeed
from .feed_files import PRUNE_AFTER, archived_feed, feed_entry
from .settings import PLUGIN, FeedSettings, makes_atom_feeds, read_settings

__all__ = ["InvalidFeed", "register"]

logger = logging.getLogger(__name__)


def read_feed_settings(pelican) -> None:
    """Read the feed's settings once; a wrong one stops the build here."""
    if makes_atom_feeds(pelican.settings):
        remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def feed_settings(context) -> FeedSettings:
    """The feed's settings, as read at `initialized`, with the icon the site's
    pages show (the author's favicon, found in the content since)."""
    settings = remembered(context, PLUGIN, read_settings)
    return settings.with_favicon(context.get("FAVICON"))


def feed_entries(context) -> list:
    """Every entry Pelican may put in a feed, translations included."""
    articles = list(context.get("articles", []))
    for article in list(articles):
        articles.extend(getattr(article, "translations", []))
    return articles


def write_feed(context, feed) -> None:
    """Make the feed Pelican is about to write what readers need."""
    if not isinstance(feed, Atom1Feed):
        return
    settings = feed_settings(context)
    feed_url = feed.feed["feed_url"] or ""
    if settings.subscription_url and is_at(feed_url, settings.subscription_url):
        write_archived_feed(context, feed, settings)
    else:
        rewrite_and_check_feed(context, feed, settings)


def is_at(url: str, path: str) -> bool:
    """Whether the URL Pelican gave a feed is that of the feed at `path`."""
    return url == path or url.endswith("/" + path.lstrip("/"))


class KeptAtomFeed(SiteAtomFeed):
    """A feed whose document was made (and checked) already: writing it
    writes that document, `feed["document"]`."""

    def write(self, outfile, encoding) -> None:
        outfile.write(self.feed["document"])


def write_archived_feed(context, feed, settings: FeedSettings) -> None:
    """Make the subscription document, which Pelican then writes, and copy
    the archive documents beside it."""
    articles = sorted(
        feed_entries(context),
        key=lambda article: journal_order(article.date, article.relative_source_path),
    )
    # Entries are written in worker processes: the files {attach} links move
    # are moved here first, in the feed's order.
    move_attachments(articles, settings.site_url)
    folder = cache_folder(context, PLUGIN)
    targets = link_targets(context)
    entries = [
        feed_entry(
            entry_facts(article, settings.site_url),
            functools.partial(article.get_content, settings.site_url),
            settings.link_suffix,
            text=article._content,
            link_targets=targets if has_links(article._content) else "",
        )
        for article in articles
    ]
    made = archived_feed(entries, settings, feed.feed["feed_url"], folder)
    for warning in made.warnings:
        logger.warning(warning)
    publish_cached(Path(context["OUTPUT_PATH"]), made.archives)
    feed.feed["document"] = made.subscription.read_text(encoding="utf-8")
    feed.__class__ = KeptAtomFeed
    for _ in prune(folder, PRUNE_AFTER, time.time()):
        pass


def rewrite_and_check_feed(context, feed, settings: FeedSettings) -> None:
    """Rewrite one of Pelican's Atom feeds before it is written; refuse an
    invalid one."""
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
        raise InvalidFeed(feed.feed["feed_url"], problems)


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_feed_settings)
    signals.feed_generated.connect(write_feed)
