"""Files derived from the content, kept between builds and named by what they
are made from: a resized photo, a link-preview card, a feed archive.

A plugin asks `cached_file(folder, key, suffix, make)` for the file made from
inputs whose digest is `key`: the first build that needs it calls
`make(path)` to write it (into a temporary name, renamed into place once
whole, so two builds at once or a stopped build never leave half a file);
every later build finds it and makes nothing. The files live outside the
output, in `BUILD_CACHE_PATH` (pelicanconf.py: `.cache/` in the repository),
one folder per plugin; deleting them is always safe. `Memo` keeps small
results the same way (a description made from an entry's text).

`publish_cached(output, files)` copies such files into the output. A build
that keeps what did not change (workflow/incremental.py) answers the
`publishing_cached` signal with the files the output already holds as they
are (a file's cached name is the digest of what it is made from): those are
not copied again (the feed's archives, 315 documents at 10,000 entries).
"""

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from blinker import signal

# Sent with `files`, [(path in the site, cached file)], before they are copied
# into the output: each receiver returns the paths it keeps as they are.
publishing_cached = signal("publishing_cached")


def cache_path(settings: Mapping, plugin: str) -> Path:
    """The folder where `plugin` keeps its derived files, as a path only."""
    root = settings.get("BUILD_CACHE_PATH") or Path(settings["CACHE_PATH"]).parent
    return Path(root) / plugin


def cache_folder(settings: Mapping, plugin: str) -> Path:
    """The folder where `plugin` keeps its derived files (created if missing)."""
    folder = cache_path(settings, plugin)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def unwritable(folder: Path) -> OSError | None:
    """Why files cannot be written into `folder` (made if missing), or None
    when they can (a read-only checkout cannot keep its caches)."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        probe = Path(folder) / f".probe-{uuid.uuid4().hex[:8]}"
        try:
            probe.write_bytes(b"")
        finally:  # a build stopped meanwhile leaves no probe either
            probe.unlink(missing_ok=True)
    except OSError as error:
        return error
    return None


def digest(*parts: bytes | str) -> str:
    """A short hex digest of the parts, each told apart from the next."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()[:32]


def file_digest(path: Path) -> str:
    """The digest of a file's bytes."""
    return digest(Path(path).read_bytes())


def cached_path(folder: Path, key: str, suffix: str) -> Path:
    """Where `cached_file` keeps the file `key + suffix` of `folder`."""
    return Path(folder) / f"{key}{suffix}"


def write_whole(path: Path, make: Callable[[Path], None]) -> None:
    """Write the file `path` whole or not at all: `make(partial)` writes a
    file beside it, which then takes its place (a build stopped meanwhile
    leaves neither half a file nor the partial one)."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    try:
        make(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def cached_file(
    folder: Path, key: str, suffix: str, make: Callable[[Path], None]
) -> Path:
    """The file `key + suffix` in `folder`, made by `make(path)` if missing."""
    path = cached_path(folder, key, suffix)
    if path.is_file():
        os.utime(path)  # used: pruning keeps it
        return path
    write_whole(path, make)
    return path


def publish_cached(output: Path, files: Sequence[tuple[str, str | Path]]) -> None:
    """Copy each cached file to its path in the output folder, but those the
    build keeps (`publishing_cached`)."""
    kept = set()
    for _receiver, paths in publishing_cached.send(files=files):
        kept.update(paths or ())
    copy_into(output, [(path, cached) for path, cached in files if path not in kept])


def copy_into(output: Path, files: Iterable[tuple[str, str | Path]]) -> None:
    """Copy each cached file to its path in the output folder. A file there
    is replaced, never written through: with STATIC_CREATE_LINKS it may be a
    link to the author's own photo."""
    output = Path(output)
    for path, cached in files:
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, functools.partial(shutil.copyfile, cached))


# How often a cache folder is looked through for files to prune: a folder
# holds a file an entry and more (10,000 entries: ~0.2 s of stats a build).
PRUNE_EVERY_SECONDS = 24 * 3600
PRUNED_STAMP = "pruned.stamp"  # its time: when the folder was last looked through


def prune(folder: Path, older_than_seconds: float, now: float) -> Iterable[Path]:
    """Remove the files of `folder` not used for `older_than_seconds`; yield
    them. A folder looked through less than a day before is left as it is."""
    stamp = Path(folder) / PRUNED_STAMP
    with contextlib.suppress(OSError):
        if 0 <= now - stamp.stat().st_mtime < PRUNE_EVERY_SECONDS:
            return
    for path in Path(folder).rglob("*"):
        try:
            if (
                path != stamp
                and path.is_file()
                and now - path.stat().st_mtime > older_than_seconds
            ):
                path.unlink()
                yield path
        except FileNotFoundError:  # another build removed it meanwhile
            continue
    with contextlib.suppress(OSError):  # a read-only cache is looked through again
        stamp.touch()
        os.utime(stamp, (now, now))


# How old a folder a build made and did not remove must be to be taken for
# the leftover of a build killed outright (SIGKILL, a power cut): a build
# under way is younger.
STALE_AFTER_SECONDS = 24 * 3600


def remove_stale_folders(folders: Iterable[Path], now: float) -> None:
    """Remove those of these folders (builds' scratch folders) that no build
    touched for STALE_AFTER_SECONDS."""
    for folder in folders:
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours
            if folder.is_dir() and now - folder.stat().st_mtime > STALE_AFTER_SECONDS:
                shutil.rmtree(folder)


class Memo:
    """Results of a pure function, kept between builds by the digest of its
    inputs: `memo.get(key, make)` returns the kept result or makes it.

    Saved (whole, with an atomic rename) by `save()` with only the results
    this build asked for, so it holds what the site needs and no more."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.kept = self._load()
        self.used: dict[str, object] = {}

    def _load(self) -> dict:
        try:
            with self.path.open("rb") as handle:
                kept = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError):
            return {}
        return kept if isinstance(kept, dict) else {}

    def get(self, key: str, make: Callable[[], object]) -> object:
        if key not in self.used:
            self.used[key] = self.kept[key] if key in self.kept else make()
        return self.used[key]

    def save(self) -> None:
        if self.used == self.kept:
            with contextlib.suppress(OSError):
                os.utime(self.path)  # used: pruning keeps it
            return
        # A cache that cannot be written only slows builds; nor does a build
        # stopped while it saves leave a part.
        with contextlib.suppress(OSError):
            write_whole(self.path, self._write)
        self.kept = dict(self.used)

    def _write(self, path: Path) -> None:
        with path.open("wb") as handle:
            pickle.dump(self.used, handle, protocol=pickle.HIGHEST_PROTOCOL)


class BuildMemo:
    """A plugin's Memo named `name`, for the build under way: `open(pelican)`
    when the build starts (`initialized`), `save(pelican)` when it ends
    (`finalized`). Outside a build (not opened), `get` makes every result."""

    def __init__(self, plugin: str, name: str):
        self.plugin, self.name = plugin, name
        self._memo: Memo | None = None

    def open(self, pelican) -> None:
        """Load what earlier builds kept, from the plugin's cache folder."""
        self._memo = Memo(cache_folder(pelican.settings, self.plugin) / self.name)

    def save(self, pelican=None) -> None:
        """Keep this build's results for the next one."""
        if self._memo is not None:
            self._memo.save()

    def get(self, key: str, make: Callable[[], object]) -> object:
        return make() if self._memo is None else self._memo.get(key, make)
