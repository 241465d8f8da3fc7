"""What one build keeps for the next: Markdown already rendered, and entries
already made, one record each.

Pelican's own content cache checks a file's time only, ignores changes to the
settings, plugins or installed packages, keeps every file's text in one
pickle that each build loads whole and writes again, and writes it in place,
so a build stopped while saving breaks every later build. Here instead:

- `Store` keeps one record per source file, named by a digest of the file's
  path and bytes (SHA-256): a changed file is a new name, an unchanged one is
  found again whatever its time. The records of a folder are rows of one
  SQLite database (a file each would be thousands of files made and removed
  a build, which some file systems make slow), written in transactions: two
  builds at once, or a build stopped half-way, never leave a broken record.
  A build reads only the records it needs, and writes only those it makes.
- Rendered Markdown (`readers/`) sits in a folder named by a fingerprint of
  everything it depends on besides the file itself: the settings that reach
  the readers (not the site's address or the theme, which only the pages
  use), the local plugins, the installed packages and Python's version.
- Entries and pages as Pelican made them (`models/`, see
  workflow/incremental.py) sit in a folder of their own per site code.

Everything lives in `.cache/` beside the settings file, never in the output;
deleting it is always safe.
"""

import contextlib
import hashlib
import io
import json
import logging
import os
import pickle
import shutil
import sqlite3
import time
import weakref
from collections.abc import Iterable
from pathlib import Path

from workflow.manifest import installed_packages

CACHE_FOLDER = Path(".cache")
KEEP_FOLDERS = 8  # of each kind: the caches of the most recent settings
DATABASE = "records.sqlite"
DATABASE_FILES = {DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"}
BUSY_SECONDS = 60  # how long a build waits for another to write a record
# Settings that only shape pages, or change from one build to the next.
NOT_READ_BY_READERS = frozenset(
    {"OUTPUT_PATH", "CACHE_PATH", "SITEURL", "FEED_DOMAIN", "THEME", "PLUGIN_SETTINGS"}
)


def root_beside(settings_file) -> Path:
    """Where the caches of builds with this settings file live."""
    return Path(settings_file).resolve().parent / CACHE_FOLDER


def _plain(value):
    """A stable JSON stand-in for a setting that is not plain data."""
    if isinstance(value, Path):
        return str(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = repr(value)
    return f"<{type(value).__qualname__}>" if " at 0x" in text else text


def settings_text(settings: dict, leave_out=NOT_READ_BY_READERS) -> str:
    """The settings, as stable text, without those named in `leave_out`."""
    kept = {key: value for key, value in settings.items() if key not in leave_out}
    try:
        return json.dumps(kept, sort_keys=True, default=_plain)
    except (TypeError, ValueError):  # keys of mixed types: still a stable text
        return repr(sorted((key, repr(value)) for key, value in kept.items()))


def plugin_folders(settings: dict) -> list[Path]:
    """The folders of the local plugins the settings name: for `plugins.journal`
    in PLUGINS, the `plugins` package found in a PLUGIN_PATHS folder."""
    packages = {str(name).split(".")[0] for name in settings.get("PLUGINS") or ()}
    return [
        Path(path) / package
        for path in settings.get("PLUGIN_PATHS", [])
        for package in sorted(packages)
        if (Path(path) / package).is_dir()
    ]


def folder_digests(folders) -> list[tuple[str, str]]:
    """(path, SHA-256) of every file under these folders, in a stable order."""
    files = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.append((str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
    return files


def fingerprint(settings: dict) -> str:
    """A short name for one combination of settings, plugins and packages."""
    digest = hashlib.sha256(settings_text(settings).encode())
    for path, file_digest in folder_digests(plugin_folders(settings)):
        digest.update(f"{path}\0{file_digest}\n".encode())
    digest.update(installed_packages().encode())
    return digest.hexdigest()[:20]


def readers_folder(root: Path, settings: dict) -> Path:
    """Where the Markdown rendered with these settings is kept."""
    return Path(root) / "readers" / fingerprint(settings)


def record_name(path: str, source_digest: str) -> str:
    """The name of the record of one source file, as it is now."""
    return hashlib.sha256(f"{path}\0{source_digest}".encode()).hexdigest()[:32]


class Store:
    """One record per source file, in one SQLite database in `folder`, pickled
    without the build's settings and context (each build gives its own back
    when it reads)."""

    def __init__(self, folder: Path, settings: dict, context: dict | None = None):
        self.folder = Path(folder)
        self.shared = {"settings": settings, "context": context}
        self.used: set[str] = set()
        self._database: sqlite3.Connection | None = None
        self._broken = False  # the database cannot be used: build without it

    def get(self, name: str):
        """The record `name`, or None when there is none (or it cannot be read)."""
        self.used.add(name)
        try:
            database = self._open(create=False)
            if database is None:
                return None
            row = database.execute(_GET, (name,)).fetchone()
            return (
                None
                if row is None
                else _Unpickler(io.BytesIO(row[0]), self.shared).load()
            )
        except Exception:
            return None

    def names(self) -> frozenset[str]:
        """The names of the records the store holds, asked in one query (a
        query a record would take 0.1 s more at 10,000 entries)."""
        try:
            database = self._open(create=False)
            if database is None:
                return frozenset()
            return frozenset(row[0] for row in database.execute(_NAMES))
        except (OSError, sqlite3.Error):
            return frozenset()

    def put(self, name: str, value) -> None:
        """Keep `value` as the record `name`, whole or not at all."""
        self.write(name, self.dumps(value))

    def dumps(self, value) -> bytes | None:
        """`value` as a record holds it (None if it cannot be kept)."""
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, self.shared).dump(value)
        except Exception:
            return None
        return buffer.getvalue()

    def write(self, name: str, record: bytes | None) -> None:
        """Keep a record made by `dumps` as `name`, whole or not at all, in a
        transaction of its own: no build at once waits longer than one record
        takes to write."""
        self.used.add(name)
        if record is None:
            return
        try:
            database = self._open(create=True)
            if database is not None:
                database.execute(_PUT, (name, record))
        except sqlite3.Error as error:  # a cache that cannot be written only slows
            self._give_up()
            if _is_damaged(error):  # the next build makes it anew
                _remove_database(self.folder, error)

    def close(self) -> None:
        """Let go of the database (before the process forks: a connection
        must not cross into a child, which opens its own)."""
        if self._database is not None:
            with contextlib.suppress(sqlite3.Error):
                self._database.close()
            self._database = None
            _open_stores.discard(self)

    def keep_used(self) -> None:
        """Remove the records this build did not use (the folder serves one
        site, so they belong to files that changed or are gone)."""
        try:
            database = self._open(create=False)
            if database is not None:
                unused = [(name,) for name in self.names() - self.used]
                if unused:
                    database.execute("BEGIN IMMEDIATE")
                    with database:  # one transaction: committed, or rolled back
                        database.executemany(_DELETE, unused)
            for path in self.folder.iterdir():  # record files of earlier versions
                if not path.name.startswith(DATABASE) and path.is_file():
                    path.unlink(missing_ok=True)
            os.utime(self.folder)
        except (OSError, sqlite3.Error):
            return

    def _open(self, create: bool) -> sqlite3.Connection | None:
        if self._database is not None or self._broken:
            return self._database
        path = self.folder / DATABASE
        if not create and not path.is_file():
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                database = _connect(path)
            except sqlite3.DatabaseError as error:
                if not _is_damaged(error):
                    raise
                _remove_database(self.folder, error)  # made anew, once
                database = _connect(path)
        except (OSError, sqlite3.Error):
            self._give_up()
            return None
        self._database = database
        _open_stores.add(self)
        return database

    def _give_up(self) -> None:
        self._broken = True
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the database at `path`, made if need be. Two builds
    may make it at once: the one that waits for the other's lock tries again
    (SQLite does not wait for it while it sets the journal)."""
    started = time.monotonic()
    while True:
        database = sqlite3.connect(
            path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        try:
            database.execute("PRAGMA journal_mode=WAL")
            database.execute("PRAGMA synchronous=NORMAL")
            database.execute(_TABLE)
            return database
        except sqlite3.Error as error:
            database.close()
            if not _is_busy(error) or time.monotonic() - started > BUSY_SECONDS:
                raise
        time.sleep(0.01)


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether `error` is another build holding the database's lock."""
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


def _is_damaged(error: sqlite3.Error) -> bool:
    """Whether `error` says the database file is not one, or is damaged."""
    return "not a database" in str(error) or "malformed" in str(error)


def _remove_database(folder: Path, error: Exception) -> None:
    """Remove a database that cannot be used: the next connection makes a
    new one (its records are made again as builds need them)."""
    logging.getLogger(__name__).warning(
        "%s: the build cache could not be read (%s); it is made anew",
        folder / DATABASE,
        error,
    )
    for name in DATABASE_FILES:
        with contextlib.suppress(OSError):
            (folder / name).unlink()


_TABLE = (
    "CREATE TABLE IF NOT EXISTS records (name TEXT PRIMARY KEY, record BLOB NOT NULL)"
)
_GET = "SELECT record FROM records WHERE name = ?"
_PUT = "INSERT OR REPLACE INTO records (name, record) VALUES (?, ?)"
_NAMES = "SELECT name FROM records"
_DELETE = "DELETE FROM records WHERE name = ?"

# Stores with their database open. A process forks with none open: SQLite's
# connections must not be shared with a child (each opens its own).
_open_stores: "weakref.WeakSet[Store]" = weakref.WeakSet()


def _close_stores() -> None:
    for store in list(_open_stores):
        store.close()  # never raises: each store is closed


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_close_stores)


class _Pickler(pickle.Pickler):
    def __init__(self, file, shared: dict):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.ids = {id(value): name for name, value in shared.items() if value}

    def persistent_id(self, obj):
        if not isinstance(obj, dict):
            return None
        if id(obj) in self.ids:
            return self.ids[id(obj)]
        # A copy of the settings (in a tag made by a worker process): the build's.
        return "settings" if "SITEURL" in obj and "PATH" in obj else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, shared: dict):
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid):
        return self.shared[pid]


def keep_recent(folders: Iterable[Path], keep: int = KEEP_FOLDERS) -> None:
    """Remove all but the `keep` most recently used of these folders."""
    dated = []
    for folder in folders:
        try:
            dated.append((folder.stat().st_mtime, folder))
        except FileNotFoundError:
            continue
    for _, folder in sorted(dated, reverse=True)[keep:]:
        shutil.rmtree(folder, ignore_errors=True)


def prune(root: Path) -> None:
    """Keep the caches of the most recent settings, of each kind."""
    for kind in ("readers", "models", "templates"):
        folder = Path(root) / kind
        if folder.is_dir():
            keep_recent(path for path in folder.iterdir() if path.is_dir())
