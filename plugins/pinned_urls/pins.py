"""Pin content addresses: the same URLs, worked out once instead of per link.

Pelican works out `content.url` from the URL settings each time a template
asks for it (about 60 microseconds). A journal of a thousand entries asks
some ten thousand times per build (every list of entries, every neighbour
link): a tenth of a warm build. Once Pelican has told translations apart
(which decides an address), an entry's address no longer changes, so it is
pinned with Pelican's own `override_url` (what an entry's `URL:` metadata
sets), and the path it is written to with `override_save_as`: the site is
byte for byte the same.

Static files are left alone: Pelican may still move them for `{attach}` links
while it writes pages.
"""

from ..shared.contents import generator_contents


def pin_urls(generator) -> None:
    """Pin the URL of every entry and page this generator holds, and the path
    it is written to (`override_save_as`, what a `Save_as:` line sets)."""
    for item in generator_contents(generator):
        if not hasattr(item, "override_url"):
            item.override_url = item.url
        if not hasattr(item, "override_save_as"):
            item.override_save_as = item.save_as
