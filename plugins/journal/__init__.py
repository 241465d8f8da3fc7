"""journal: dated entries, titled by their date when untitled, each linked to its
older and newer entries (pelican-neighbors' linking, in the journal's order)."""

import logging
from functools import partial
from itertools import chain

from pelican import signals
from pelican.plugins.neighbors.neighbors import set_neighbors

from ..shared.contents import journal_order
from ..shared.settings import remember, remembered
from .entries import NO_TEXT, has_text, title_for
from .neighbours import (
    NEWER,
    OLDER,
    EntryLink,
    entry_link,
    link_label,
    offered_in_category,
    relinked,
)
from .settings import PLUGIN, JournalSettings, read_settings

logger = logging.getLogger(__name__)

# Pelican's list orders that the journal refines: is the newest entry first?
LIST_ORDERS = {"reversed-date": True, "date": False}


def read_journal_settings(pelican) -> None:
    """Read the journal's settings once; a wrong one stops the build here."""
    remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def journal_settings(settings) -> JournalSettings:
    """The journal's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def title_untitled_entry(generator, metadata) -> None:
    """Give an entry without `Title:` its date as title, before Pelican checks it."""
    if not metadata.get("date"):
        raise ValueError(
            "this entry has no date: name the file YYYY-MM-DD[-slug].md "
            "or add a line 'Date: YYYY-MM-DD' at its top"
        )
    has_own_title = bool(metadata.get("title"))
    title = title_for(metadata, journal_settings(generator.settings).date_format)
    if title:
        metadata["title"] = title
    metadata["has_own_title"] = has_own_title


def check_entries_have_text(generator) -> None:
    """Log an error for every entry readers would get with nothing in it (a
    file just started, or cut by mistake): strict_build stops the build."""
    for entry in chain(generator.articles, generator.hidden_articles):
        if not has_text(entry._content):
            logger.error("%s: %s", entry.relative_source_path, NO_TEXT)


def order_entries(generator) -> None:
    """List entries of the same moment in the journal's order, before Pelican
    files them under categories, tags, authors and dates."""
    newest_first = LIST_ORDERS.get(generator.settings["ARTICLE_ORDER_BY"])
    if newest_first is not None:
        generator.articles.sort(key=_journal_order, reverse=newest_first)


def link_neighbours(generator) -> None:
    """Link every published entry to its older and newer ones, ready for the theme.

    pelican-neighbors may run before or after this: both link the same lists
    in the same order, since order_entries sorted them already.
    """
    settings = journal_settings(generator.settings)
    set_neighbors(_newest_first(generator.articles), "next_article", "prev_article")
    for _category, entries in generator.categories:
        set_neighbors(
            _newest_first(entries),
            "next_article_in_category",
            "prev_article_in_category",
        )
    links: dict[int, EntryLink] = {}  # each entry's link, worked out once
    for entry in chain(generator.articles, generator.translations):
        _give_links(entry, settings, links)
    for entry in chain(
        generator.drafts,
        generator.drafts_translations,
        generator.hidden_articles,
        generator.hidden_translations,
    ):
        _give_no_links(entry)


def _journal_order(entry) -> tuple:
    # Worked out once per entry: lists are sorted several times a build.
    order = getattr(entry, "_journal_order", None)
    if order is None or order[0] != entry.date:
        order = journal_order(entry.date, entry.relative_source_path)
        entry._journal_order = order
    return order


def _newest_first(entries) -> list:
    return sorted(entries, key=_journal_order, reverse=True)


def _give_links(entry, settings: JournalSettings, links: dict[int, EntryLink]) -> None:
    link = partial(_link, date_format=settings.date_format, links=links)
    _give_no_links(entry)
    entry.older_entry = link(entry.prev_article, OLDER)
    entry.newer_entry = link(entry.next_article, NEWER)
    if settings.category_neighbours:
        category = entry.category.name
        entry.older_entry_in_category = offered_in_category(
            link(entry.prev_article_in_category, OLDER, category=category),
            entry.older_entry,
        )
        entry.newer_entry_in_category = offered_in_category(
            link(entry.next_article_in_category, NEWER, category=category),
            entry.newer_entry,
        )


def _give_no_links(entry) -> None:
    entry.older_entry = entry.newer_entry = None
    entry.older_entry_in_category = entry.newer_entry_in_category = None


def _link(
    neighbour,
    rel: str,
    *,
    date_format: str,
    links: dict[int, EntryLink],
    category: str | None = None,
) -> EntryLink | None:
    if neighbour is None:
        return None
    made = links.get(id(neighbour))
    if made is None:  # Pelican works out an address and a date slowly
        made = links[id(neighbour)] = entry_link(
            rel,
            url=neighbour.url,
            date=neighbour.date,
            own_title=neighbour.title if neighbour.has_own_title else None,
            date_format=date_format,
            category=category,
        )
    if made.rel == rel and made.label == link_label(rel, category):
        return made
    return relinked(made, rel, category)


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_journal_settings)
    signals.article_generator_context.connect(title_untitled_entry)
    signals.article_generator_pretaxonomy.connect(order_entries)
    signals.article_generator_finalized.connect(link_neighbours)
    signals.article_generator_finalized.connect(check_entries_have_text)
