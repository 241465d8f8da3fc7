"""The site's Atom feed: what each entry says, and the feed that says it.

`entry_fields` and `feed_fields` are plain functions: facts in, the fields
feedgenerator writes (and warnings about the author's text) out.
`SiteAtomFeed` is feedgenerator's Atom1Feed with an icon.
"""

import datetime
import html
from urllib.parse import urlsplit, urlunsplit

from feedgenerator import Atom1Feed, get_tag_uri
from feedgenerator.django.utils.encoding import iri_to_uri

from ..shared.contents import EntryFacts
from ..shared.text import without_control_characters
from .settings import FeedSettings
from .text import absolute_links, plain_images

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# RFC 5005's namespace: <fh:archive/> marks an archive document.
HISTORY_NAMESPACE = "http://purl.org/syndication/history/1.0"


def without_query(url: str) -> str:
    """The URL without ?query and #fragment (Pelican may add ?ref=feed)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def entry_id(url: str, published: datetime.datetime, source: str = "") -> str:
    """The entry's Atom id: a tag: URI of its URL and date, as Pelican makes it,
    but with the date its file name carries (`2024-03-01-offsite.md`), when it
    has one, rather than the date it was published on.

    Both come from the file name, not the title nor the `Date:` line, so
    retitling or redating an entry keeps its id, and readers do not show it
    twice."""
    return get_tag_uri(url, file_date(source) or published)


def file_date(source: str) -> datetime.date | None:
    """The date a file's name starts with (YYYY-MM-DD), or None."""
    name = source.rsplit("/", 1)[-1]
    try:
        return datetime.date.fromisoformat(name[:10])
    except ValueError:
        return None


def with_time_zone(moment: datetime.datetime | None) -> datetime.datetime | None:
    """The moment with a time zone (UTC when it has none)."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment


def entry_fields(facts: EntryFacts, content: str) -> tuple[dict, list[str]]:
    """Return (the feedgenerator item fields of this entry, warnings).

    `content` is the entry's HTML, its {filename} and {static} links resolved.
    Titles, summaries and tags are plain text, shown as typed; the content's
    links and images are absolute, each image one plain file; characters XML
    1.0 cannot carry are taken out, each time with a warning naming the file
    (`entry_warnings`)."""

    def safe(text: str) -> str:
        return without_control_characters(text)[0]

    summary = safe(facts.summary) if facts.summary else None
    published = with_time_zone(facts.published)
    fields = {
        "title": safe(facts.title),
        "link": iri_to_uri(facts.url),
        "unique_id": entry_id(facts.url, published, facts.source),
        "pubdate": published,
        "updateddate": with_time_zone(facts.updated) or published,
        "author_name": safe(facts.author) if facts.author else None,
        "content": safe(absolute_links(plain_images(content), facts.url)),
        # Atom1Feed writes the summary as type="html": escaped once, a reader
        # shows the plain text exactly as it was typed.
        "description": html.escape(summary, quote=False) if summary else None,
        "categories": tuple(safe(term) for term in entry_terms(facts)),
    }
    return fields, entry_warnings(facts, content)


def entry_terms(facts: EntryFacts) -> list[str]:
    """The entry's category and tags: the feed's <category> terms."""
    return [facts.category, *facts.tags] if facts.category else list(facts.tags)


def entry_warnings(facts: EntryFacts, content: str) -> list[str]:
    """A warning for each part of the entry that holds characters XML 1.0
    cannot carry (each names the file and the part), in the entry's order."""
    parts = [
        ("title", facts.title),
        ("summary", facts.summary),
        ("text", content),
        *(("tags", term) for term in entry_terms(facts)),
        ("author", facts.author),
    ]
    warnings = []
    for what, text in parts:
        removed = without_control_characters(text)[1]
        if removed:
            warnings.append(removed_warning(facts.source, what, removed))
    return list(dict.fromkeys(warnings))


def latest_change(facts: list[EntryFacts]) -> datetime.datetime:
    """When the newest of these entries was published or updated: a feed
    document's <updated> (the Unix epoch for a feed of no entry, so that
    the same content always makes the same document)."""
    moments = [with_time_zone(entry.updated or entry.published) for entry in facts]
    return max(moments, default=EPOCH)


def feed_fields(options: FeedSettings) -> tuple[dict, list[str]]:
    """Return (the feed-level fields for feedgenerator, warnings)."""
    warnings = []

    def safe(text: str, setting: str) -> str:
        clean, removed = without_control_characters(text)
        if removed:
            warnings.append(removed_warning("pelicanconf.py", setting, removed))
        return clean

    fields = {
        "title": safe(options.title, "SITENAME"),
        "subtitle": safe(options.subtitle, "SITESUBTITLE") or None,
        "description": None,
        "link": iri_to_uri(options.site_url + "/"),
        "id": iri_to_uri(options.site_url + "/"),
        "author_name": safe(options.author, "AUTHOR") or None,
        "language": options.language,
        "icon": iri_to_uri(options.icon_url),
    }
    return fields, warnings


def removed_warning(source: str, what: str, removed: list[str]) -> str:
    """The warning for characters taken out of one part of a file."""
    return (
        f"atom_feed: {source}: left characters that XML 1.0 cannot carry "
        f"({', '.join(removed)}) out of the feed's {what}; delete them from the "
        "file (they often come with text pasted from a word processor)"
    )


class SiteAtomFeed(Atom1Feed):
    """Atom1Feed that also names the feed's icon and, for RFC 5005's archived
    feeds, the links between its documents (`archive_links`: (rel, href)
    pairs) and, in an archive document (`archive`: True), <fh:archive/>.
    Its <updated> is `updated` when given, else its newest entry's."""

    def root_attributes(self) -> dict:
        attributes = super().root_attributes()
        if self.feed.get("archive"):
            attributes["xmlns:fh"] = HISTORY_NAMESPACE
        return attributes

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        if self.feed.get("icon"):
            handler.addQuickElement("icon", self.feed["icon"])
        for rel, href in self.feed.get("archive_links", ()):
            handler.addQuickElement("link", "", {"rel": rel, "href": href})
        if self.feed.get("archive"):
            handler.addQuickElement("fh:archive")

    def latest_post_date(self) -> datetime.datetime:
        return self.feed.get("updated") or super().latest_post_date()
