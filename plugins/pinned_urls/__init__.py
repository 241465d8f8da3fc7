"""pinned_urls: work out each entry's and page's address once per build."""

from pelican import signals

from .pins import pin_urls


def pin_every_url(generators) -> None:
    """Pin the address of every entry and page, once all plugins have run."""
    for generator in generators:
        pin_urls(generator)


def register():
    """Register the plugin callbacks."""
    signals.all_generators_finalized.connect(pin_every_url)
