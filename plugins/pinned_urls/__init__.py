"""pinned_urls: work out each entry's and page's address once per build."""

from pelican import signals

from .pins import pin_urls


def pin_entry_urls(generator) -> None:
    """Pin the address of every entry once Pelican has sorted out languages
    (which decide an address) and before anything lists or links entries."""
    pin_urls(generator)


def pin_page_urls(generator) -> None:
    """Pin the address of every page once the pages are read."""
    pin_urls(generator)


def register():
    """Register the plugin callbacks."""
    signals.article_generator_pretaxonomy.connect(pin_entry_urls)
    signals.page_generator_finalized.connect(pin_page_urls)
