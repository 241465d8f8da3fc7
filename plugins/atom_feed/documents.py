"""The XML text of the feed's entries and documents.

A document is its head (what feedgenerator writes before the first entry)
followed by its entries' XML, each made once and kept (`entry_xml`), then
`</feed>`: `document_xml(head, entries)` writes exactly what Atom1Feed would
write for the same feed and items, without serializing any entry again.
Plain functions: fields in, text out.
"""

from collections.abc import Iterable, Mapping
from io import StringIO

from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator

from .atom import SiteAtomFeed


def _handler(out: StringIO) -> SimplerXMLGenerator:
    return SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)


def entry_xml(fields: Mapping) -> str:
    """The <entry> element of an entry of these fields (`entry_fields`)."""
    feed = SiteAtomFeed(title="", link="", description="")
    feed.add_item(**fields)
    item = feed.items[0]
    out = StringIO()
    handler = _handler(out)
    handler.startElement("entry", feed.item_attributes(item))
    feed.add_item_elements(handler, item)
    handler.endElement("entry")
    return out.getvalue()


def document_xml(head: Mapping, entries: Iterable[str]) -> str:
    """The feed document of this head (SiteAtomFeed's fields: `feed_fields`,
    feed_url, updated, archive_links, archive) and entries (`entry_xml`)."""
    feed = SiteAtomFeed(**head)
    out = StringIO()
    handler = _handler(out)
    handler.startDocument()
    handler.startElement("feed", feed.root_attributes())
    feed.add_root_elements(handler)
    for entry in entries:
        out.write(entry)
    handler.endElement("feed")
    return out.getvalue()
