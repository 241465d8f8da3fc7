"""reading: what helps a reader go on from an entry, and see a journal of years.

Every entry gets its `reading_minutes` ("N min read"), and every published
entry its `related_entries` (the entries sharing the most tags with it) and
`on_this_day` (the entries of its month and day in other years), as plain
`EntryRef`s: an entry's own data says all that its page shows of the others.
The context gets `journal_years`, each year's page (journal/YYYY/) as a
frozen model: a calendar of its days and its entries month by month.

Code blocks and tables take the keyboard's focus, so that a reader without a
mouse may scroll a wide one (`scrolling.py`, a Markdown extension this plugin
adds to MARKDOWN when the build starts). Words are counted once per entry, as
Markdown renders it (`words.py`, another):
Pelican's content cache keeps the count with the HTML, so an unchanged entry
is never counted again. An entry from another reader is counted from its HTML
when the entries are finalized. Relies on the journal plugin (listed before
it) for the journal's order and untitled entries.
"""

from pelican import signals

from ..journal import LIST_ORDERS
from ..shared.contents import journal_order
from ..shared.settings import remember, remembered
from ..shared.text import word_count
from .entry_refs import EntryRef, entry_ref
from .on_this_day import on_this_day
from .reading_time import reading_minutes
from .related import related_entries
from .settings import PLUGIN, ReadingSettings, read_settings
from .words import FIELD as WORD_COUNT
from .years import YearEntry, journal_years

# The Markdown extensions that count words and let a keyboard scroll code
# blocks and tables, by the names Markdown imports.
MARKDOWN_EXTENSIONS = (f"{__name__}.words", f"{__name__}.scrolling")

__all__ = ["register"]


def read_reading_settings(pelican) -> None:
    """Read reading's settings once (a wrong one stops the build here), and
    have Markdown count every entry's words as it renders it and let a
    keyboard scroll its code blocks and tables."""
    remember(pelican.settings, PLUGIN, read_settings(pelican.settings))
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    for extension in MARKDOWN_EXTENSIONS:
        markdown.setdefault("extension_configs", {}).setdefault(extension, {})


def reading_settings(settings) -> ReadingSettings:
    """reading's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def give_reading(generator) -> None:
    """Give every entry its reading time, related entries and entries of the
    same day, and the theme every year's page."""
    settings = reading_settings(generator.settings)
    entries = _oldest_first(generator)
    refs = [_ref(entry) for entry in entries]
    related = related_entries(
        [entry.date.timestamp() for entry in entries],
        [[tag.slug for tag in getattr(entry, "tags", None) or ()] for entry in entries],
        settings.related_entries,
    )
    same_days = on_this_day([entry.date.date() for entry in entries])
    for entry, related_to, same_day in zip(entries, related, same_days, strict=True):
        entry.related_entries = tuple(refs[other] for other in related_to)
        entry.on_this_day = tuple(refs[other] for other in same_day)
    unlisted = _unlisted(generator)
    for entry in unlisted:
        entry.related_entries = entry.on_this_day = ()
    for entry in (*entries, *unlisted):
        entry.reading_minutes = reading_minutes(
            _words(entry), settings.words_per_minute
        )
    generator.context["journal_years"] = journal_years(
        (
            YearEntry(date=entry.date.date(), url=ref.url, title=entry.title)
            for entry, ref in zip(entries, refs, strict=True)
        ),
        year_urls={
            archive["period_num"][0]: archive["url"]
            for archive in generator.period_archives.get("year", ())
        },
        newest_first=bool(generator.settings.get("NEWEST_FIRST_ARCHIVES", True)),
    )


def _oldest_first(generator) -> list:
    """The published entries in the journal's order, oldest first. The
    journal plugin sorted them so already when the list orders are by date
    (its order keys cost a quarter of a second on 10,000 entries)."""
    newest_first = LIST_ORDERS.get(generator.settings.get("ARTICLE_ORDER_BY"))
    if newest_first is None:
        return sorted(generator.articles, key=_journal_order)
    return generator.articles[::-1] if newest_first else list(generator.articles)


def _journal_order(entry) -> tuple:
    # The source's full path orders entries as its path in the content folder
    # does (the same folder leads every one), without working that path out.
    return journal_order(entry.date, entry.source_path)


def _ref(entry) -> EntryRef:
    return entry_ref(
        url=entry.url,
        date=entry.date,
        date_text=entry.locale_date,
        own_title=entry.title if getattr(entry, "has_own_title", True) else None,
    )


def _unlisted(generator) -> tuple:
    """Entries with a page of their own but in no list: hidden ones, drafts and
    translations."""
    return (
        *generator.translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
        *generator.drafts,
        *generator.drafts_translations,
    )


def _words(entry) -> int:
    """The entry's words: counted by Markdown, or else now, from the reader's
    HTML (its links not yet resolved: the same words)."""
    counted = str(entry.metadata.get(WORD_COUNT, ""))
    words = int(counted) if counted.isdigit() else word_count(entry._content)
    entry.word_count = words
    return words


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_reading_settings)
    signals.article_generator_finalized.connect(give_reading)
