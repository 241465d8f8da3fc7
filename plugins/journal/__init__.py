"""journal: dated entries; an untitled entry is titled by its date."""

from pelican import signals

from .entries import DEFAULT_DATE_FORMAT, title_for


def title_untitled_entry(generator, metadata):
    """Give an entry without `Title:` its date as title, before Pelican checks it."""
    if not metadata.get("date"):
        raise ValueError(
            "this entry has no date: name the file YYYY-MM-DD[-slug].md "
            "or add a line 'Date: YYYY-MM-DD' at its top"
        )
    has_own_title = bool(metadata.get("title"))
    date_format = generator.settings.get("JOURNAL_DATE_FORMAT", DEFAULT_DATE_FORMAT)
    title = title_for(metadata, date_format)
    if title:
        metadata["title"] = title
    metadata["has_own_title"] = has_own_title


def register():
    """Register the plugin callbacks."""
    signals.article_generator_context.connect(title_untitled_entry)
