"""The site's search index: one Pagefind index per year of entries and one for
the pages, each made once from the words it holds and kept between builds.

`index_site(site_folder, cache_root)` takes a complete built site and writes
its index into `pagefind/`, or brings an index already there up to date:

- every page whose article the theme marked `data-pagefind-body` (published
  entries and pages; never hidden ones or drafts, see plugins/search) is read
  for what Pagefind indexes: the marked element and the page's language, and
  nothing else (navigation, footers, list pages and the page head stay out);
- an entry goes to the index of its year (its `year:` filter), a page to the
  `pages` index; each index is named in the cache by the digest of what it
  holds, so editing one entry indexes that entry's year again and nothing
  else, and an edit that changes no indexed word indexes nothing;
- each index is kept in `cache_root` as a zip archive, unpacked into
  `pagefind/<name>/`; `pagefind/indexes.json` lists the indexes (the search
  page merges them in the browser) with their digests, so an index already in
  place is left alone and one no longer wanted is removed.

A build that must change the output all at once makes the indexes first
(`prepare_index`, from the pages the build leaves, before the output
changes) and puts them in place with the pages (`install_index`).

The functions on top decide (what a page gives the index, which index it
belongs to, what changes); the ones below run Pagefind and move files.
"""

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
import time
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from plugins.shared.cache import (
    Memo,
    cached_file,
    cached_path,
    digest,
    remove_stale_folders,
    unwritable,
    write_whole,
)
from workflow.manifest import output_state

INDEX_FOLDER = "pagefind"
MANIFEST = "indexes.json"
PAGES_INDEX = "pages"
MARK = "data-pagefind-body"
# What the search page uses of a Pagefind bundle; its default user interfaces
# (pagefind-ui.js, pagefind-component-ui.js...) are left out.
BUNDLE_FILES = re.compile(
    r"(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind"
    r"|pagefind\.[\w-]+\.pf_meta|(fragment|index|filter)/[^/]+)"
)
# Archives of an index kept in the cache besides the one in use: a reverted
# edit, or a production build between two local ones, finds its index there.
KEPT_ARCHIVES = 8
# Pagefind writes hundreds of small files an index, zipped at once: in memory
# where the system has a folder there (Linux), on disk elsewhere.
MEMORY = "/dev/shm" if os.access("/dev/shm", os.W_OK | os.X_OK) else None
# A run's scratch folder, named so that what a build killed outright (SIGKILL,
# a power cut) left there is known, and swept away once a day old.
RUN_PREFIX = "search-index-"
# Bumped when what an index is made from changes in another way than by the
# pages' words (the document below, the Pagefind options, the bundle's files).
LAYOUT = "2"
# Pagefind cuts an index into chunks of about this many word positions (its
# own default is 20,000); a query fetches the chunk that holds its word from
# every index, so with one index a year smaller chunks keep a first query
# small (1,000 entries: about 76 KB of chunks at 20,000, 25 KB at 4,000).
CHUNK_POSTINGS = 4000

_MARKED_START = re.compile(rf"<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*\s{MARK}(?=[\s=/>])[^>]*>")
_YEAR_FILTER = re.compile(r'data-pagefind-filter="[^"]*\byear:(?P<year>\d{4})"')
_LANGUAGE = re.compile(r"<html\b[^>]*\slang=\"(?P<lang>[^\"]*)\"")
# Markup whose text may hold anything, even what looks like a tag.
_OPAQUE = r"<!--.*?-->|<(?P<raw>script|style|textarea)\b.*?</(?P=raw)\s*>"


class SearchIndexError(Exception):
    """The search index could not be made; the message says why and what to do."""


class PagefindStopped(SearchIndexError):
    """Pagefind was stopped by a signal (the build is being stopped)."""


@dataclass(frozen=True)
class IndexedPage:
    """What Pagefind reads of one page of the site."""

    path: str  # the page's file in the site: journal/2023-08-30/index.html
    index: str  # the index it belongs to: its year, or "pages"
    document: str  # the page's language and its marked element, as a document

    @functools.cached_property
    def digest(self) -> str:
        """The digest of the document: what the index key is made from."""
        return digest(self.document)


@dataclass(frozen=True)
class KnownPage:
    """A page read by an earlier build, known by its file's digest: its index
    and the digest of its document, which is read again from `file` only if
    its index must be made."""

    path: str
    index: str
    digest: str
    file: Path | str

    @property
    def document(self) -> str:
        page = page_reading(self.path, Path(self.file).read_text(encoding="utf-8"))
        if page is None or page.digest != self.digest:
            raise SearchIndexError(
                f"{self.path}: changed while the build indexed it; build again"
            )
        return page.document


@dataclass(frozen=True)
class SearchIndex:
    """One index: its name, the digest of what it holds, and its pages."""

    name: str
    key: str
    pages: tuple[IndexedPage, ...]


# Plain decisions ----------------------------------------------------------------


def marked_element(html: str) -> tuple[int, int, str] | None:
    """(start, end, start tag) of the element marked `data-pagefind-body`, or
    None when the page has none. Elements of the same name inside it are
    counted to find its end; comments and script text are passed over. Raise
    ValueError when it is never closed."""
    start = _MARKED_START.search(html)
    if start is None:
        return None
    tag = re.escape(start["tag"])
    tokens = re.compile(rf"{_OPAQUE}|<(?P<end>/?){tag}\b[^>]*>", re.I | re.S)
    depth = 0
    for token in tokens.finditer(html, start.start()):
        if token["raw"] is not None or token.group(0).startswith("<!--"):
            continue
        depth += -1 if token["end"] else 1
        if depth == 0:
            return start.start(), token.end(), start.group(0)
    raise ValueError(f"its <{start['tag']}> marked {MARK} is never closed")


def indexed_page(path: str, html: str) -> IndexedPage | None:
    """What the index takes from the page at `path` (relative to the site), or
    None when the page is not marked for it."""
    found = marked_element(html)
    if found is None:
        return None
    start, end, start_tag = found
    language = _LANGUAGE.search(html)
    lang = f' lang="{language["lang"]}"' if language else ""
    document = (
        f'<!DOCTYPE html>\n<html{lang}>\n<head><meta charset="utf-8"></head>\n'
        f"<body>\n{html[start:end]}\n</body>\n</html>\n"
    )
    year = _YEAR_FILTER.search(start_tag)
    return IndexedPage(path, year["year"] if year else PAGES_INDEX, document)


def plan_indexes(pages: Iterable[IndexedPage], tool: str) -> list[SearchIndex]:
    """The indexes that hold these pages: the pages index first, then the years,
    newest first; each keyed by what it holds and the `tool` that makes it."""
    by_index: dict[str, list[IndexedPage]] = {}
    for page in sorted(pages, key=lambda page: page.path):
        by_index.setdefault(page.index, []).append(page)
    return [
        SearchIndex(name, index_key(name, by_index[name], tool), tuple(by_index[name]))
        for name in sorted(by_index, key=_index_order)
    ]


def index_key(name: str, pages: Iterable[IndexedPage], tool: str) -> str:
    """The digest of everything an index is made from."""
    parts = [part for page in pages for part in (page.path, page.digest)]
    return digest(tool, LAYOUT, name, *parts)


def _index_order(name: str) -> tuple:
    """The pages index first, then the years, newest first."""
    return (name != PAGES_INDEX, -int(name) if name.isdigit() else 0, name)


def manifest_text(indexes: Iterable[SearchIndex]) -> str:
    """`pagefind/indexes.json`: the indexes the search page merges, in order."""
    listed = [{"name": index.name, "key": index.key} for index in indexes]
    return json.dumps({"indexes": listed}, indent=1) + "\n"


def changed_since(
    files: Mapping[str, tuple[int, int]], before: Mapping[str, tuple[int, int]]
) -> set[str]:
    """The indexes (the first folder of a path in pagefind/) one of whose files
    is not as `before` had it (by size and time), or is new, or gone."""
    return {name.split("/", 1)[0] for name, _ in files.items() ^ before.items()}


def installed_keys(text: str | None) -> dict[str, str]:
    """{index name: key} of an `indexes.json` ({} when missing or unreadable)."""
    try:
        listed = json.loads(text or "")["indexes"]
        return {str(entry["name"]): str(entry["key"]) for entry in listed}
    except (ValueError, KeyError, TypeError):
        return {}


def bundle_file(relative: str) -> bool:
    """Whether a file of a Pagefind bundle is one the search page uses."""
    return BUNDLE_FILES.fullmatch(relative) is not None


def archives_to_drop(archives: Mapping[str, float], keep: int) -> list[str]:
    """The cached archives ({file name: time last used}, named `<index>-<key>`)
    beyond the `keep` most recently used of each index."""
    by_index: dict[str, list[str]] = {}
    for name in archives:
        by_index.setdefault(name.rsplit("-", 1)[0], []).append(name)
    dropped = []
    for names in by_index.values():
        names.sort(key=lambda name: (archives[name], name), reverse=True)
        dropped += names[keep:]
    return sorted(dropped)


# Running Pagefind and moving files --------------------------------------------


def pagefind_tool() -> tuple[Path, str]:
    """The Pagefind program that PyPI's pagefind-bin installs, and its version."""
    try:
        from pagefind_bin import get_executable  # noqa: PLC0415

        return get_executable(), version("pagefind-bin")
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(
            f"search: Pagefind is missing ({error}); install the site's "
            "dependencies again: ./scripts/setup"
        ) from None


def is_index_file(name: str) -> bool:
    """Whether a file of the site (its path from the site's root) belongs to
    the search index."""
    return name.split("/", 1)[0] == INDEX_FOLDER


def site_pages(site: Path) -> list[tuple[str, Path]]:
    """(path from the site's root, file) of every HTML page of a built site."""
    site = Path(site)
    pages = []
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        if not is_index_file(name):
            pages.append((name, path))
    return pages


def read_pages(
    pages: Iterable[tuple[str, Path | str]],
    memo: Memo | None = None,
    digests: Mapping[str, str] | None = None,
    seen: dict | None = None,
) -> list[KnownPage]:
    """What the index takes from each of these pages (those marked for it).

    With a `memo` of earlier builds' readings ({file digest: (index, digest
    of the document) or None}), a page whose file's digest is in `digests`
    and in the memo is not read at all; with `seen` ({file: (its size and
    time, reading)}, of this build), neither is a file read before as it is."""
    found = []
    for name, path in pages:
        known = (digests or {}).get(name)
        if memo is not None and known in memo.kept:
            reading = memo.get(known, lambda: None)
        else:
            reading = _read_page(name, path, memo, seen)
        if reading is not None:
            # Its document is read again only if its index must be made: a
            # site's documents are never held all at once.
            found.append(KnownPage(name, *reading, path))
    return found


def _read_page(name: str, path: Path | str, memo, seen) -> tuple[str, str] | None:
    """(index, digest of the document) of the page in `path`, or None."""
    if seen is not None:
        found = os.stat(path)
        state = (found.st_size, found.st_mtime_ns)
        before = seen.get(str(path))
        if before is not None and before[0] == state:
            return before[1]
    data = Path(path).read_bytes()
    page = page_reading(name, data.decode("utf-8"))
    reading = page and (page.index, page.digest)
    if memo is not None:
        memo.get(hashlib.sha256(data).hexdigest(), lambda: reading)
    if seen is not None:
        seen[str(path)] = (state, reading)
    return reading


def page_reading(name: str, html: str) -> IndexedPage | None:
    """What the index takes from the page `name` (None: it is not marked)."""
    if MARK not in html:
        return None
    try:
        return indexed_page(name, html)
    except ValueError as error:
        raise SearchIndexError(
            f"{name}: cannot be indexed for search: {error}; close the "
            "element (look for raw HTML left open in the entry's Markdown)"
        ) from None


@dataclass(eq=False)  # each run is itself
class PagefindRun:
    """Pagefind, started on one index's documents in a scratch folder."""

    index: SearchIndex
    scratch: tempfile.TemporaryDirectory
    process: subprocess.Popen
    log: Path

    @property
    def in_memory(self) -> bool:
        return MEMORY is not None and self.scratch.name.startswith(MEMORY)

    def stop(self) -> None:
        """Stop Pagefind if it still runs, and remove its scratch folder."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.scratch.cleanup()


def sweep_stale_runs(now: float, folders: Iterable[str | None] = ()) -> None:
    """Remove the scratch folders of Pagefind runs a day old in `folders` (by
    default: in memory and the system's temporary folder), left by builds
    killed outright; a run under way is younger."""
    roots = set(folders or (MEMORY, tempfile.gettempdir())) - {None}
    remove_stale_folders(
        (path for root in roots for path in Path(root).glob(f"{RUN_PREFIX}*")), now
    )


def start_pagefind(
    index: SearchIndex,
    program: Path,
    scratch_folder: str | None,
    stopping: threading.Event | None = None,
) -> PagefindRun:
    """Start Pagefind on the pages of `index`, in a scratch folder made in
    `scratch_folder` (None: the system's); it runs while the caller goes on.
    Once `stopping` is set (the build is being stopped), none is started."""
    scratch = tempfile.TemporaryDirectory(prefix=RUN_PREFIX, dir=scratch_folder)
    try:
        root = Path(scratch.name)
        documents, bundle, log = root / "site", root / "bundle", root / "pagefind.log"
        for page in index.pages:
            if stopping is not None and stopping.is_set():
                break
            path = documents / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.document, encoding="utf-8")
        if stopping is not None and stopping.is_set():
            raise PagefindStopped(f"search: stopped before indexing {index.name}")
        # Pagefind reads options from PAGEFIND_* variables and from a config
        # file in its working folder: only ours may change the index.
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith("PAGEFIND_")
        }
        environment["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(CHUNK_POSTINGS)
        command = [str(program), "--site", str(documents)]
        command += ["--output-path", str(bundle), "--silent"]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=root,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
    except BaseException:
        scratch.cleanup()
        raise
    return PagefindRun(index, scratch, process, log)


def finish_pagefind(run: PagefindRun, archive: Path) -> None:
    """Wait for Pagefind to be done; write the bundle it made to `archive`."""
    try:
        returncode = run.process.wait()
        name = run.index.name
        if returncode < 0:
            raise PagefindStopped(f"search: Pagefind was stopped indexing {name}")
        if returncode:
            output = run.log.read_text(errors="replace").strip()[-2000:]
            raise SearchIndexError(
                f"search: Pagefind could not index {name} (exit {returncode}): {output}"
            )
        bundle = Path(run.scratch.name) / "bundle"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
            for path in sorted(bundle.rglob("*")):
                relative = path.relative_to(bundle).as_posix()
                if path.is_file() and bundle_file(relative):
                    info = zipfile.ZipInfo(relative, date_time=(1980, 1, 1, 0, 0, 0))
                    info.external_attr = 0o644 << 16
                    zipped.writestr(info, path.read_bytes())
    finally:
        run.stop()


def install(archive: Path, target: Path) -> None:
    """Unpack `archive` as the folder `target`, replacing what was there. A
    file `target` holds already, the same bytes, is linked rather than written
    again (an edit changes a few of a year's hundreds of files)."""
    fresh = target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")
    try:
        with zipfile.ZipFile(archive) as zipped:
            made: set[Path] = set()  # the folders of `fresh` made so far
            for member in zipped.infolist():
                if not link_if_alike(target, fresh, member, made):
                    zipped.extract(member, fresh)
        if target.exists():
            retired = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
            target.rename(retired)
            fresh.rename(target)
            shutil.rmtree(retired)
        else:
            fresh.rename(target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def link_if_alike(
    target: Path, fresh: Path, member: zipfile.ZipInfo, made: set[Path]
) -> bool:
    """Link into `fresh` the file of `target` that holds this member's bytes
    (its size and checksum); False when there is none (or no links here)."""
    if member.is_dir():
        return False
    source, destination = target / member.filename, fresh / member.filename
    try:
        if not stat.S_ISREG(source.lstat().st_mode):
            return False
        data = source.read_bytes()  # reading costs less than writing
        if len(data) != member.file_size or zlib.crc32(data) != member.CRC:
            return False
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        return False
    return True


def drop_old_archives(cache: Path, keep: Iterable[Path]) -> None:
    """Remove the archives no build is likely to use again (never those in
    `keep`, which this build installs)."""
    kept = {Path(path).stem for path in keep}
    archives = {path.stem: path.stat().st_mtime for path in cache.glob("*.zip")}
    for name in archives_to_drop(archives, KEPT_ARCHIVES):
        if name not in kept:
            (cache / f"{name}.zip").unlink(missing_ok=True)


@dataclass
class PreparedIndex:
    """A site's indexes, each made (or found) as an archive, ready to install."""

    indexes: list[SearchIndex]
    archives: dict[str, Path]
    scratch: tempfile.TemporaryDirectory | None = None  # a cache of one build


# What earlier builds read of each page ({page file's digest: (index, digest
# of its document) or None}), in the cache: a page kept from the last build
# is not read again. Named by the code that reads pages, which may change it.
READINGS = "pages-{}.pickle"


@functools.cache
def readings_name() -> str:
    return READINGS.format(digest(LAYOUT, Path(__file__).read_bytes())[:16])


class Indexing:
    """The search index of one build: `start(pages)` starts making the indexes
    the cache lacks while the build goes on (once the entries' pages are
    written, say), `prepare(pages)` makes the site's indexes from all its
    pages, using those started when they are the same, and `stop()` stops
    every Pagefind run started and still running."""

    def __init__(self, cache_root: Path):
        sweep_stale_runs(time.time())
        self.program, tool = pagefind_tool()
        self.tool = f"pagefind {tool}, chunks of {CHUNK_POSTINGS}"
        self.cache, self.scratch = writable_cache(Path(cache_root))
        self.readings = Memo(self.cache / readings_name())
        self.running: dict[tuple[str, str], PagefindRun] = {}  # started ahead
        self.stopping = threading.Event()  # set when the build is stopped
        self._live: set[PagefindRun] = set()  # every run not yet finished
        self._seen: dict = {}  # the pages read by this build, by file
        self._lock = threading.Lock()

    def plan(self, pages, digests=None) -> list[SearchIndex]:
        readings = read_pages(pages, self.readings, digests, self._seen)
        return plan_indexes(readings, self.tool)

    def start(self, pages, digests: Mapping[str, str] | None = None) -> None:
        """Start Pagefind, one run per core at most, on the indexes these
        pages (path from the site's root, file) make that the cache lacks; a
        page whose file's digest `digests` gives may be known already. Called
        again, it starts only the indexes not started yet, and stops those
        started from pages that changed since."""
        try:
            indexes = self.plan(pages, digests)
        except SearchIndexError:
            return  # prepare() says what is wrong
        # A run started from pages that changed since is of no use: stopped.
        planned = {index.name: index.key for index in indexes}
        for name, key in list(self.running):
            if planned.get(name, key) != key:
                self._finish_stopped(self.running.pop((name, key)))
        for index in indexes:
            if len(self.running) >= (os.cpu_count() or 1):
                break
            name = f"{index.name}-{index.key}"
            if (index.name, index.key) in self.running:
                continue
            if cached_path(self.cache, name, ".zip").is_file():
                continue
            try:
                run = self._start(index, MEMORY)
            except OSError:
                continue  # made by prepare(), on disk
            self.running[(index.name, index.key)] = run

    def prepare(self, pages, digests=None) -> PreparedIndex:
        """Make the indexes of these pages that the cache does not hold yet;
        nothing of the site changes."""
        try:
            indexes = self.plan(pages, digests)
            # Pagefind indexes on one core: the indexes to make are made at once.
            pool = ThreadPoolExecutor(os.cpu_count() or 1)
            try:
                made = pool.map(
                    lambda index: cached_file(
                        self.cache,
                        f"{index.name}-{index.key}",
                        ".zip",
                        lambda path: self._make(index, path),
                    ),
                    indexes,
                )
                names = [index.name for index in indexes]
                archives = dict(zip(names, made, strict=True))
            except BaseException:
                self._stop_live()  # the threads' runs end at once
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
            drop_old_archives(self.cache, keep=archives.values())
            self.readings.save()
            for other in self.cache.glob(READINGS.format("*")):
                if other.name != readings_name():  # read by other code
                    other.unlink(missing_ok=True)
        except BaseException:
            if self.scratch:
                self.scratch.cleanup()
            raise
        finally:
            self.stop()
        return PreparedIndex(indexes, archives, self.scratch)

    def _make(self, index: SearchIndex, archive: Path) -> None:
        run = self.running.pop((index.name, index.key), None)
        if run is None and MEMORY is not None:
            with suppress(OSError):  # a small /dev/shm (a container's): on disk
                run = self._start(index, MEMORY)
        if run is not None:
            try:
                return self._finish(run, archive)
            except PagefindStopped:
                raise
            except SearchIndexError:
                if not run.in_memory:
                    raise
            # A small /dev/shm (a container's): made again on disk.
        return self._finish(self._start(index, None), archive)

    def _start(self, index: SearchIndex, folder: str | None) -> PagefindRun:
        """Pagefind started on `index`, known until it finishes; none once
        the build is stopped (a run started as the stop came is stopped)."""
        run = start_pagefind(index, self.program, folder, self.stopping)
        with self._lock:
            self._live.add(run)
            stopped = self.stopping.is_set()
        if stopped:
            self._finish_stopped(run)
            raise PagefindStopped(f"search: stopped before indexing {index.name}")
        return run

    def _finish(self, run: PagefindRun, archive: Path) -> None:
        try:
            finish_pagefind(run, archive)
        finally:
            with self._lock:
                self._live.discard(run)

    def _finish_stopped(self, run: PagefindRun) -> None:
        with self._lock:
            self._live.discard(run)
        run.stop()

    def _stop_live(self) -> None:
        """Stop Pagefind wherever it runs: the threads waiting for it go on."""
        with self._lock:
            self.stopping.set()
            for run in self._live:
                if run.process.poll() is None:
                    run.process.kill()

    def stop(self) -> None:
        """Stop every run started and not finished (those started ahead and
        not used among them)."""
        self._stop_live()
        while self.running:
            _, run = self.running.popitem()
            self._finish_stopped(run)


def prepare_index(pages: Iterable[tuple[str, Path]], cache_root: Path) -> PreparedIndex:
    """Make the indexes of these pages (path from the site's root, file) that
    `cache_root` does not hold yet; nothing of the site changes."""
    return Indexing(cache_root).prepare(pages)


def install_index(
    site_folder: Path,
    prepared: PreparedIndex,
    as_installed: Mapping[str, tuple[int, int]] | None = None,
) -> dict[str, tuple[int, int]]:
    """Put the prepared indexes in `site_folder`/pagefind/, keeping those
    already there and removing those no longer wanted. With `as_installed`
    (the folder's files as the last install left them, by size and time), an
    index one of whose files changed since is installed again. Return the
    folder's files as it leaves them, by size and time."""
    folder = Path(site_folder) / INDEX_FOLDER
    manifest = folder / MANIFEST
    try:
        listed = manifest.read_text(encoding="utf-8") if manifest.is_file() else None
        installed = installed_keys(listed)
        before = output_state(folder)
        changed = (
            changed_since(before, as_installed) if as_installed is not None else set()
        )
        folder.mkdir(exist_ok=True)
        touched = {MANIFEST}
        for index in prepared.indexes:
            target = folder / index.name
            if (
                installed.get(index.name) != index.key
                or not target.is_dir()
                or index.name in changed
            ):
                install(prepared.archives[index.name], target)
                touched.add(index.name)
        wanted = {index.name for index in prepared.indexes} | {MANIFEST}
        for path in folder.iterdir():
            if path.name not in wanted:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        text = manifest_text(prepared.indexes)
        if text != listed:  # an index already in place is not touched at all
            write_whole(
                manifest, lambda partial: partial.write_text(text, encoding="utf-8")
            )
        kept = {
            name: state
            for name, state in before.items()
            if name.split("/", 1)[0] in wanted - touched
        }
        return kept | output_state(folder, only=frozenset(touched))
    finally:
        if prepared.scratch:
            prepared.scratch.cleanup()


def index_site(
    site_folder: Path,
    cache_root: Path,
    digests: Mapping[str, str] | None = None,
    as_installed: Mapping[str, tuple[int, int]] | None = None,
) -> dict[str, tuple[int, int]]:
    """Write or refresh the search index of the complete built site in
    `site_folder`, making only the indexes `cache_root` does not hold yet
    (`digests`: of the site's files as the build that wrote them knew them;
    `as_installed` and what it returns: see `install_index`)."""
    pages = site_pages(Path(site_folder))
    prepared = Indexing(cache_root).prepare(pages, digests)
    return install_index(site_folder, prepared, as_installed)


def writable_cache(cache: Path) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """The cache folder, or a temporary one (returned too, to be cleaned up)
    when it cannot be written (a read-only checkout): every index is then
    made afresh, slower but never a failed build."""
    error = unwritable(cache)
    if error is not None:
        logging.getLogger(__name__).warning(
            "%s: the search index cache cannot be used (%s); indexing without it",
            cache,
            error.strerror or error,
        )
        scratch = tempfile.TemporaryDirectory(prefix="search-cache-")
        return Path(scratch.name), scratch
    return cache, None
