"""Pelican's content cache, made safe to keep between builds.

Pelican can keep the Markdown it rendered (CACHE_CONTENT, reader layer) and
reuse it while a source file is unchanged. On its own that is unsafe: it
checks the file's time only, ignores changes to the settings, plugins or
installed packages, and rewrites its cache file in place, so a build that is
stopped while saving leaves a file that breaks every later build.

Here the cache is made safe:

- its folder is named by a fingerprint of everything rendered Markdown
  depends on besides the file itself: the settings (content folder included;
  not the site's address or the theme, which only the pages use), the local
  plugins, the installed packages and Python's version. Change any of them
  and the build starts from an empty cache;
- a file counts as unchanged only when its SHA-256 is (CHECK_MODIFIED_METHOD),
  not its time;
- a build reads the shared cache and writes what it adds into a private
  folder (`private_saves`), whose files replace the shared ones with atomic
  renames once the build succeeded: two builds at once, or a build stopped
  half-way, never leave a broken cache.

The cache lives outside the output folder (`.cache/pelican/` beside the
settings file), so a build's output never holds it.
"""

import hashlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path

from workflow.manifest import installed_packages

CACHE_FOLDER = Path(".cache") / "pelican"
KEEP_FINGERPRINTS = 8
# A private folder older than this was left by a build that was stopped.
STALE_COPY_SECONDS = 3600
# Settings that only shape pages, or change from one build to the next.
NOT_READ_BY_READERS = frozenset(
    {"OUTPUT_PATH", "CACHE_PATH", "SITEURL", "FEED_DOMAIN", "THEME", "PLUGIN_SETTINGS"}
)
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CONTENT_CACHING_LAYER": "reader",
    "CHECK_MODIFIED_METHOD": "sha256",
    "GZIP_CACHE": False,
}


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


def use_cache(settings: dict, root: Path) -> tuple[Path, Path]:
    """Point these Pelican settings at the shared cache of their fingerprint;
    return (private, shared): the build saves into `private` (see
    `private_saves`), then `publish(private, shared)` once it succeeded."""
    shared = Path(root) / fingerprint(settings)
    shared.mkdir(parents=True, exist_ok=True)
    private = Path(root) / f".{shared.name}.build-{uuid.uuid4().hex[:8]}"
    private.mkdir(parents=True)
    settings.update(CACHE_SETTINGS, CACHE_PATH=str(shared))
    return private, shared


def private_saves(cacher, private: Path) -> None:
    """Make one of Pelican's caches (a Readers) save into `private`."""
    cacher._cache_path = str(private / Path(cacher._cache_path).name)


def publish(private: Path, shared: Path) -> None:
    """Put a successful build's cache files in place, one atomic rename each."""
    shared.mkdir(parents=True, exist_ok=True)
    for path in private.iterdir():
        if path.is_file():
            os.replace(path, shared / path.name)
    shutil.rmtree(private, ignore_errors=True)
    os.utime(shared)


def prune(root: Path, keep: int = KEEP_FINGERPRINTS, now: float | None = None):
    """Remove all but the `keep` most recently used caches under `root`, and
    the private folders that stopped builds left behind."""
    root = Path(root)
    if not root.is_dir():
        return
    now = time.time() if now is None else now
    caches, copies = [], []
    for path in root.iterdir():
        try:
            used = path.stat().st_mtime
        except FileNotFoundError:  # another build pruned it meanwhile
            continue
        (copies if path.name.startswith(".") else caches).append((used, path))
    caches.sort(reverse=True)
    stale = [path for used, path in copies if now - used > STALE_COPY_SECONDS]
    for old in [path for _, path in caches[keep:]] + stale:
        shutil.rmtree(old, ignore_errors=True)
