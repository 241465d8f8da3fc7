"""The feed's documents as files, each made once from what it holds.

`archived_feed` makes the documents of an archived feed from its entries'
facts and content: the subscription document and the archives (which entries
each holds: archives.py), and returns where they are kept.

Two kinds of files are kept, each under the digest of what it is made from
(plugins.shared.cache, in BUILD_CACHE_PATH/atom_feed/):

- a month's entries, written as <entry> elements, with the gzipped size of
  each (its weight in the partition): made from the entries' facts, content
  and links (and the code that writes them);
- each document: made from its head (title, links, <updated>...) and its
  entries. It is checked as it is made, and never made when invalid.

A build with nothing new writes no entry and makes no document; after one
edit it writes the entries of one month again and makes the one or two
documents that hold them, not the whole history. What no build used for
PRUNE_AFTER is removed.
"""

import functools
import gzip
import importlib.metadata
import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from urllib.parse import urljoin

from feedgenerator.django.utils.encoding import iri_to_uri

from ..shared.cache import Memo, cached_file, cached_path, digest
from ..shared.contents import EntryFacts
from ..shared.parallel import forked_map
from .archives import (
    ARCHIVE_FOLDER,
    BUDGET,
    SizedEntry,
    archive_links,
    archive_path,
    entry_month,
    partition,
    too_big,
)
from .atom import entry_fields, entry_warnings, feed_fields, latest_change
from .check import InvalidFeed, feed_problems
from .documents import document_xml, entry_xml
from .settings import FeedSettings

MONTHS = "months"
DOCUMENTS = "documents"
# What the author hears of each entry's text, by the entry's key (its facts,
# text and address): each build tells every warning again without reading
# every text. One file a feed address (the preview's, the production one).
WARNINGS = "warnings-{}.pickle"
PRUNE_AFTER = 30 * 24 * 3600  # seconds
GZIP_LEVEL = 6  # what web servers use
# Months or documents to make before a worker process is worth its start.
FILES_PER_WORKER = 8


@functools.cache
def code_version() -> str:
    """The digest of the code that writes the feed: when it changes, every
    entry and document is made anew."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    version = importlib.metadata.version("feedgenerator")
    return digest(version, *(path.read_bytes() for path in sources))


def gzipped(data: bytes) -> bytes:
    """The data gzipped as a web server sends it, the same bytes every time."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


@dataclass(frozen=True)
class FeedEntry:
    """An entry as the feed writes it: its facts, its text, its link, and the
    digest of them (with the code that writes them). `content`, the text with
    its links resolved, is worked out only when the entry is written."""

    facts: EntryFacts
    text: str  # the HTML as written: what the key digests, and warnings read
    link: str
    key: str
    resolve: Callable[[], str] = field(compare=False, repr=False)

    @property
    def content(self) -> str:
        return self.resolve()


def feed_entry(
    facts: EntryFacts,
    content: str | Callable[[], str],
    link_suffix: str = "",
    *,
    text: str | None = None,
    link_targets: str = "",
) -> FeedEntry:
    """The entry of these facts and content (HTML, links resolved; or a
    function that resolves them, with `text` the HTML as written and
    `link_targets` a digest of the addresses its links may resolve to)."""
    if isinstance(content, str):
        text, resolve = content, functools.partial(str, content)
    else:
        text, resolve = text or "", content
    link = iri_to_uri(facts.url) + link_suffix
    key = digest(code_version(), repr(facts), text, link_targets, link)
    return FeedEntry(facts, text, link, key, resolve)


def entry_element(entry: FeedEntry) -> str:
    """The <entry> element of an entry (`entry_fields`, with its link)."""
    fields, _ = entry_fields(entry.facts, entry.content)
    return entry_xml({**fields, "link": entry.link})


class Month:
    """The kept <entry> elements of one month's entries, and their sizes.

    The file holds one JSON line of the sizes (the gzipped size of each
    element alone), then one JSON line per element: the sizes are read
    without the elements. `make_missing` makes the files."""

    SUFFIX = ".jsonl"

    def __init__(self, folder: Path, entries: Sequence[FeedEntry]):
        self.entries = list(entries)
        self.folder = Path(folder) / MONTHS
        self.key = digest(code_version(), *(entry.key for entry in self.entries))
        self.path = cached_path(self.folder, self.key, self.SUFFIX)

    def make(self) -> Path:
        """The month's file, made unless it is kept already."""
        return cached_file(self.folder, self.key, self.SUFFIX, self._make)

    def _make(self, path: Path) -> None:
        elements = [entry_element(entry) for entry in self.entries]
        sizes = [len(gzipped(element.encode("utf-8"))) for element in elements]
        lines = [json.dumps(sizes), *map(json.dumps, elements)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def sizes(self) -> list[int]:
        with self.path.open(encoding="utf-8") as lines:
            return json.loads(lines.readline())

    @functools.cached_property
    def elements(self) -> dict[str, str]:
        """{entry key: its <entry> element}."""
        with self.path.open(encoding="utf-8") as lines:
            next(lines)
            elements = [json.loads(line) for line in lines]
        return {
            entry.key: element
            for entry, element in zip(self.entries, elements, strict=True)
        }


class Document:
    """A kept feed document: its head and its entries (their keys, newest
    first), made from `elements()` (their <entry> elements) and checked.
    InvalidFeed says what is wrong with a document that would not be valid,
    or too big; nothing is kept then. `make_missing` makes the files."""

    SUFFIX = ".atom.xml"

    def __init__(
        self,
        folder: Path,
        head: Mapping,
        keys: Sequence[str],
        elements: Callable[[], list[str]],
        where: str,
    ):
        self.head, self.elements, self.where = head, elements, where
        self.folder = Path(folder) / DOCUMENTS
        self.key = digest(code_version(), repr(sorted(head.items())), *keys)
        self.path = cached_path(self.folder, self.key, self.SUFFIX)

    def make(self) -> Path:
        """The document's file, made (and checked) unless it is kept already."""
        return cached_file(self.folder, self.key, self.SUFFIX, self._make)

    def _make(self, path: Path) -> None:
        data = document_xml(self.head, self.elements()).encode("utf-8")
        problems = feed_problems(data)
        size = len(gzipped(data))
        if size > BUDGET:
            problems.append(
                f"it would weigh {size:,} bytes gzipped, more than the "
                f"{BUDGET:,} a feed document may"
            )
        if problems:
            raise InvalidFeed(self.where, problems)
        path.write_bytes(data)


def make_missing(files: Sequence[Month | Document]) -> list[Path]:
    """The files of these months or documents: those not kept yet made on
    every core (a first build makes them all), the others marked as used."""
    missing = [file for file in files if not file.path.is_file()]
    forked_map(methodcaller("make"), missing, least=FILES_PER_WORKER)
    return [file.make() for file in files]  # made by a worker: found


@dataclass(frozen=True)
class ArchivedFeed:
    """The documents of an archived feed, as kept files.

    subscription: the subscription document
    archives: (its path in the site, the kept file) of each archive document,
        oldest first
    warnings: what the author should hear about their text
    """

    subscription: Path
    archives: tuple[tuple[str, Path], ...]
    warnings: tuple[str, ...]


def archived_feed(
    entries: Sequence[FeedEntry], settings: FeedSettings, feed_url: str, folder: Path
) -> ArchivedFeed:
    """The documents of the feed of these entries (in the journal's order,
    oldest first) whose subscription document is at `feed_url`, kept in
    `folder`; each made only if it was not kept already. InvalidFeed names an
    entry too big for any document, or a document that would not be valid."""
    for name in (MONTHS, DOCUMENTS):
        (Path(folder) / name).mkdir(parents=True, exist_ok=True)
    months = [
        Month(folder, list(group))
        for _, group in itertools.groupby(
            entries, key=lambda entry: entry_month(entry.facts.published)
        )
    ]
    make_missing(months)
    month_of, sized = {}, []
    for month in months:
        for entry, size in zip(month.entries, month.sizes(), strict=True):
            month_of[entry.key] = month
            sized.append(
                SizedEntry(entry.key, entry_month(entry.facts.published), size)
            )
    by_key = {entry.key: entry for entry in entries}
    refuse_too_big(sized, by_key, feed_url)
    plan = partition(sized, settings.newest)
    head, head_warnings = feed_fields(settings)

    def url_of(name: str | None) -> str:
        if name is None:
            return feed_url
        return urljoin(feed_url, f"{ARCHIVE_FOLDER}/{name}.atom.xml")

    def document(held, links, url, archive) -> Document:
        keys = [entry.key for entry in reversed(held)]  # the newest first
        document_head = {
            **head,
            "feed_url": url,
            "updated": latest_change([by_key[key].facts for key in keys]),
            "archive_links": links,
            "archive": archive,
        }

        def elements():
            return [month_of[key].elements[key] for key in keys]

        return Document(folder, document_head, keys, elements, url)

    documents = [
        document(
            archive.entries,
            archive_links(plan, index, url_of),
            url_of(archive.name),
            True,
        )
        for index, archive in enumerate(plan.archives)
    ]
    documents.append(
        document(plan.subscription, archive_links(plan, None, url_of), feed_url, False)
    )
    *files, subscription = make_missing(documents)
    archives = tuple(
        (archive_path(settings.subscription, archive.name), file)
        for archive, file in zip(plan.archives, files, strict=True)
    )
    told = Memo(Path(folder) / WARNINGS.format(digest(feed_url)[:16]))
    warnings = [
        *(
            warning
            for entry in entries
            for warning in told.get(
                entry.key, functools.partial(entry_warnings, entry.facts, entry.text)
            )
        ),
        *head_warnings,
    ]
    told.save()
    return ArchivedFeed(subscription, archives, tuple(dict.fromkeys(warnings)))


def refuse_too_big(
    sized: list[SizedEntry], by_key: Mapping[str, FeedEntry], where: str
) -> None:
    """Stop on the entries that no feed document could hold."""
    problems = [
        f"{by_key[entry.key].facts.source} weighs {entry.size:,} bytes gzipped "
        f"in the feed, more than a feed document may hold ({BUDGET:,}): split "
        "it into several entries"
        for entry in too_big(sized)
    ]
    if problems:
        raise InvalidFeed(where, problems)
