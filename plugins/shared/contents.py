"""Every entry and page of a build, the plain facts about an entry, and the
journal's order.

Pelican's generators keep content of each status in lists of their own;
`CONTENT_LISTS` names them all once, `generator_contents` and
`build_contents` walk them. `entry_facts` turns one of Pelican's articles into
`EntryFacts`, the plain data that the feed and the page's structured data
describe. `ImageFacts` is the picture a page shows in link previews (the
images plugin gives each entry and page one, as `preview_image`).

The journal's order (`journal_order`: the older and newer links, the feed's
archives) is total: entries follow their date and time; entries of the same
moment follow their source path (the file name within the content folder, its
numbers read as numbers), so `2023-09-01.md` is older than `2023-09-01-2.md`,
which is older than `2023-09-01-10.md`, and `2023-09-01-a.md` is older than
`2023-09-01-b.md`. Giving an entry a time (`Date: 2023-09-01 18:30`) puts it
where it belongs among the day's.
"""

import datetime
import hashlib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .urls import absolute_url

# What ArticlesGenerator and PagesGenerator hold: published, hidden and draft
# entries and pages, and the translations of each (PagesGenerator also uses
# `translations`, `hidden_translations` and `draft_translations`).
CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def generator_contents(generator) -> Iterator:
    """Every entry or page this generator holds, whatever its status, once."""
    seen = set()
    for name in CONTENT_LISTS:
        for item in getattr(generator, name, ()):
            if id(item) not in seen:
                seen.add(id(item))
                yield item


def build_contents(generators: Iterable) -> Iterator:
    """Every entry and page of the build, whatever its status."""
    for generator in generators:
        yield from generator_contents(generator)


@dataclass(frozen=True)
class ImageFacts:
    """A published image, as link previews and structured data name it."""

    url: str  # absolute
    width: int
    height: int
    alt: str
    media_type: str

    def schema_org(self) -> dict:
        """The image as a schema.org ImageObject, for JSON-LD."""
        return {
            "@type": "ImageObject",
            "url": self.url,
            "width": self.width,
            "height": self.height,
        }


@dataclass(frozen=True)
class EntryFacts:
    """One journal entry as plain data, taken from Pelican's article."""

    source: str  # the file, as the author knows it (journal/2023-08-30.md)
    url: str  # the entry's absolute address
    title: str  # plain text, as typed (or the date, for an untitled entry)
    published: datetime.datetime
    updated: datetime.datetime | None = None
    summary: str | None = None  # plain text, as typed; None when not given
    author: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    image: ImageFacts | None = None  # what link previews show of the entry


def entry_facts(article, site_url: str) -> EntryFacts:
    """The facts of one of Pelican's articles (or pages)."""
    author = getattr(article, "author", None)
    category = getattr(article, "category", None)
    return EntryFacts(
        source=article.relative_source_path,
        url=absolute_url(site_url, article.url),
        title=article.title,
        published=article.date,
        updated=getattr(article, "modified", None),
        summary=article.metadata.get("summary") or None,
        author=str(author) if author else None,
        category=str(category) if category else None,
        tags=tuple(str(tag) for tag in getattr(article, "tags", None) or ()),
        image=getattr(article, "preview_image", None),
    )


def journal_order(date: datetime.datetime, source_path: str) -> tuple:
    """Return the sort key of an entry: oldest first, ties by source path."""
    return (date, natural_key(source_path))


def natural_key(source_path: str) -> tuple:
    """The source path without its extension, its runs of digits as numbers: a
    day's first entry (`2023-09-01.md`) before `-2`, and `-2` before `-10`."""
    stem = posixpath.splitext(source_path)[0]
    return tuple(
        int(part) if index % 2 else part
        for index, part in enumerate(re.split(r"(\d+)", stem))
    )


# Pelican's intra-site link syntax: {filename}..., |static|...
ATTACH_MARKERS = ("{attach}", "|attach|")
LINK_MARKERS = ("{", "|")


def has_links(html: str | None) -> bool:
    """Whether HTML as read may hold intra-site links ({filename}, {static}...),
    whose addresses Pelican fills in when it gives the content."""
    return bool(html) and any(marker in html for marker in LINK_MARKERS)


def has_attachments(html: str | None) -> bool:
    """Whether HTML as read holds an {attach} link: giving its content moves
    the file it names beside it (Pelican does so once, the first time)."""
    return bool(html) and any(marker in html for marker in ATTACH_MARKERS)


def move_attachments(contents: Iterable, site_url: str) -> None:
    """Give once, in this order, the content of those of these entries and
    pages that hold an {attach} link: Pelican moves the file such a link
    names beside its entry the first time it gives that entry's content. Work
    that gives contents elsewhere (a worker process) or not at all (a kept
    page) calls this first, so files move as a clean build moves them."""
    for content in contents:
        if has_attachments(getattr(content, "_content", "")):
            content.get_content(site_url)


def link_targets(context) -> str:
    """A digest of every address an intra-site link of this build can resolve
    to: content given with its links resolved is the same as long as its
    text and this are."""
    from pelican.contents import Content  # noqa: PLC0415 - Pelican's own type

    hasher = hashlib.sha256()
    for kind in ("generated_content", "static_content"):
        for source, item in sorted(context.get(kind, {}).items()):
            # Content.url, not Static.url: asking a static file its address
            # would keep an {attach} link from moving it beside its entry.
            target = Content.url.fget(item) if isinstance(item, Content) else ""
            hasher.update(f"{kind}\0{source}\0{target}\n".encode())
    return hasher.hexdigest()
