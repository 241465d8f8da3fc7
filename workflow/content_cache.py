"""Pelican's content cache, made safe to keep between builds.

Pelican can keep the Markdown it rendered (CACHE_CONTENT, reader layer) and
reuse it while a source file is unchanged. On its own that is unsafe: it
checks the file's time only, ignores changes to the settings, plugins, theme
or installed packages, and writes its cache file in place, so a build that
is stopped while saving leaves a file that breaks every later build.

Here the cache is made safe:

- its folder is named by a fingerprint of everything the rendered content
  depends on besides the source file itself: the resolved settings (content
  folder included) and the settings files, the files of the theme and of the
  local plugins, the installed packages and Python's version. Change any of
  them and the build starts from an empty cache;
- a file counts as unchanged only when its SHA-256 is (CHECK_MODIFIED_METHOD),
  not its time;
- each build works on a private copy of the cache and puts the updated files
  back only after it succeeded, each with an atomic rename: two builds at
  once, or a build stopped half-way, never leave a broken cache.

The cache lives outside the output folder (`.cache/pelican/` beside the
settings file), so a build's output never holds it.
"""

import ast
import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
import time
import uuid
from pathlib import Path

CACHE_FOLDER = Path(".cache") / "pelican"


def root_beside(settings_file) -> Path:
    """Where the caches of builds with this settings file live."""
    return Path(settings_file).resolve().parent / CACHE_FOLDER


KEEP_FINGERPRINTS = 8
# A private copy older than this was left by a build that was stopped.
STALE_COPY_SECONDS = 3600
# Settings that change from one build to the next without changing content.
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH", "CACHE_PATH"})
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CONTENT_CACHING_LAYER": "reader",
    "CHECK_MODIFIED_METHOD": "sha256",
    "GZIP_CACHE": False,
}


def _plain(value):
    """A stable JSON stand-in for a setting that is not plain data."""
    if isinstance(value, Path):
        return str(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = repr(value)
    return f"<{type(value).__qualname__}>" if " at 0x" in text else text


def settings_text(settings: dict) -> str:
    """The settings that shape rendered content, as stable text."""
    kept = {
        key: value for key, value in settings.items() if key not in VOLATILE_SETTINGS
    }
    try:
        return json.dumps(kept, sort_keys=True, default=_plain)
    except (TypeError, ValueError):  # keys of mixed types: still a stable text
        return repr(sorted((key, repr(value)) for key, value in kept.items()))


def folder_files(folders) -> list[tuple[str, bytes]]:
    """(path, bytes) of every file under these folders, in a stable order."""
    files = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.append((str(path), path.read_bytes()))
    return files


def installed_versions() -> list[str]:
    """Every installed distribution as name==version, and Python's version."""
    versions = {
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in importlib.metadata.distributions()
    }
    return [sys.version, *sorted(versions)]


def fingerprint(settings_text: str, files, versions) -> str:
    """A short name for one combination of settings, source files and versions."""
    digest = hashlib.sha256(settings_text.encode())
    for path, data in files:
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:20]


def imported_names(source: str) -> set[str]:
    """The top-level modules a Python source imports (absolute imports)."""
    names = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:  # Pelican reports it when it reads the settings
        return names
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def settings_files(settings_file: Path) -> list[tuple[str, bytes]]:
    """(path, bytes) of the settings file and of the settings files beside it
    that it imports (publishconf.py imports pelicanconf.py)."""
    pending, seen = [Path(settings_file).resolve()], {}
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen[path] = path.read_bytes()
        names = imported_names(seen[path].decode("utf-8", errors="replace"))
        pending += [path.with_name(f"{name}.py") for name in sorted(names)]
    return [(str(path), data) for path, data in sorted(seen.items())]


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


def site_fingerprint(settings: dict, settings_file: Path | None = None) -> str:
    """The fingerprint of a site's settings, theme, plugins and packages."""
    folders = [settings["THEME"], *plugin_folders(settings)]
    files = folder_files(folders)
    if settings_file:
        files += settings_files(settings_file)
    return fingerprint(settings_text(settings), files, installed_versions())


def shared_folder(root: Path, settings: dict, settings_file=None) -> Path:
    """The cache folder shared by every build with these exact inputs."""
    return Path(root) / site_fingerprint(settings, settings_file)


def private_copy(shared: Path) -> Path:
    """A copy of the shared cache that one build may read and rewrite."""
    private = shared.with_name(f".{shared.name}.build-{uuid.uuid4().hex[:8]}")
    try:
        shutil.copytree(shared, private)
        os.utime(private)  # copytree kept the shared folder's time
    except OSError:  # no cache yet, or another build pruned it meanwhile
        shutil.rmtree(private, ignore_errors=True)
        private.mkdir(parents=True)
    return private


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
    the private copies that stopped builds left behind."""
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


def use_cache(settings: dict, root: Path, settings_file=None) -> tuple[Path, Path]:
    """Point these Pelican settings at a private copy of their shared cache.

    Return (private, shared): after a successful build call
    `publish(private, shared)`; after a failed one, remove `private`.
    """
    shared = shared_folder(root, settings, settings_file)
    private = private_copy(shared)
    settings.update(CACHE_SETTINGS, CACHE_PATH=str(private))
    return private, shared
