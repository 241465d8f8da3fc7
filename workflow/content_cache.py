"""What one build keeps for the next: Markdown already rendered, and entries
already made, one small file each.

Pelican's own content cache checks a file's time only, ignores changes to the
settings, plugins or installed packages, keeps every file's text in one
pickle that each build loads whole and writes again, and writes it in place,
so a build stopped while saving breaks every later build. Here instead:

- `Store` keeps one record per source file, named by a digest of the file's
  path and bytes (SHA-256): a changed file is a new name, an unchanged one is
  found again whatever its time. Each record is written whole into a
  temporary name and renamed into place: two builds at once, or a build
  stopped half-way, never leave a broken record. A build reads only the
  records it needs, and writes only those it makes, on a thread of its own
  while the build goes on (`flush` waits for them), holding no more than
  PENDING_BYTES of them meanwhile.
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
import os
import pickle
import shutil
import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from workflow.manifest import installed_packages

CACHE_FOLDER = Path(".cache")
KEEP_FOLDERS = 8  # of each kind: the caches of the most recent settings
# Records a store holds before they are written: a thread that shares Python's
# lock with a busy build writes slower than the build makes them, and at
# 10,000 entries 32 MiB of them in each of two stores (Markdown's, entries')
# were a sixth of a cold build's peak memory.
PENDING_BYTES = 4 * 2**20
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
    """One record per source file in `folder`, pickled without the build's
    settings and context (each build gives its own back when it reads)."""

    def __init__(self, folder: Path, settings: dict, context: dict | None = None):
        self.folder = Path(folder)
        self.shared = {"settings": settings, "context": context}
        self.used: set[str] = set()
        self._writer: ThreadPoolExecutor | None = None
        # Records given to `write` that the writing thread has not written
        # yet, by name: a thread that waits for Python's lock behind a busy
        # build may fall behind; it is never more than PENDING_BYTES behind.
        self._pending: dict[str, bytes] = {}
        self._pending_bytes = 0
        self._written = threading.Condition()

    def get(self, name: str):
        """The record `name`, or None when there is none (or it cannot be read)."""
        self.used.add(name)
        record = self._pending.get(name)
        try:
            if record is not None:
                return _Unpickler(io.BytesIO(record), self.shared).load()
            with open(self.folder / name, "rb") as file:
                return _Unpickler(file, self.shared).load()
        except Exception:
            return None

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
        """Keep a record made by `dumps` as `name`, whole or not at all, on
        the store's writing thread (the file system's time is not the build's)."""
        self.used.add(name)
        if record is None:
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="store")
            _writing.add(self)
        with self._written:
            self._written.wait_for(lambda: self._pending_bytes < PENDING_BYTES)
            self._pending[name] = record
            self._pending_bytes += len(record)
        self._writer.submit(self._write, name, record)

    def flush(self) -> None:
        """Wait until every record given to `write` is written (before the
        process forks, and before the build ends)."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
            _writing.discard(self)

    def _write(self, name: str, record: bytes) -> None:
        partial = self.folder / f".{name}.{os.getpid()}"
        try:
            try:
                partial.write_bytes(record)
            except FileNotFoundError:  # the store's first record
                self.folder.mkdir(parents=True, exist_ok=True)
                partial.write_bytes(record)
            os.replace(partial, self.folder / name)
        except OSError:  # a cache that cannot be written only slows builds
            with contextlib.suppress(OSError):
                partial.unlink()
        finally:
            with self._written:
                if self._pending.get(name) is record:
                    del self._pending[name]
                self._pending_bytes -= len(record)
                self._written.notify_all()

    def keep_used(self) -> None:
        """Remove the records this build did not use (the folder serves one
        site, so they belong to files that changed or are gone)."""
        self.flush()
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in self.used and not name.startswith("."):
                (self.folder / name).unlink(missing_ok=True)
        os.utime(self.folder)


# Stores whose records are still being written. A process forks with none:
# its copy would have no thread to finish them.
_writing: "weakref.WeakSet[Store]" = weakref.WeakSet()


def _finish_writing() -> None:
    for store in list(_writing):
        store.flush()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_finish_writing)


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
