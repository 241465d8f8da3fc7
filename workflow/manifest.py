"""What the last build of an output folder was made from, and what it wrote.

After each successful build, `invoke build` keeps beside its cache a manifest
of the output folder: every file it holds with its digest and, for a rendered
page, its key (see workflow/output_keys.py); the digest of the site's code
(settings, theme, plugins, installed packages: `site`); the attributes
templates read from entries other than their own (`reads`); and the files the
build read (`inputs`), by size, time and digest.

The next build compares: nothing read has changed and the output is as it was
left, so there is nothing to do; the code is the same, so pages whose key is
the same are kept as they are; otherwise the whole site is built again.

Plain data and plain functions: the scan of the inputs needs no Pelican.
"""

import fnmatch
import hashlib
import json
import logging
import os
import pickle
import re
import runpy
import sys
import sysconfig
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from plugins.shared.cache import write_whole

logger = logging.getLogger(__name__)

# Bumped whenever what the manifest means changes: an older one is ignored.
ENGINE = 3
MANIFESTS = "builds"
# A file whose time is this close to the manifest's is hashed again even when
# its size and time match (it may have changed within the clock's tick).
RACY_NANOSECONDS = 2_000_000_000


@dataclass
class OutputFile:
    """One file of the output folder as the last build left it."""

    digest: str
    size: int
    mtime_ns: int
    # A rendered page's key; a static file's source digest; "cached:<name>" for
    # a file copied from a plugin's cache (named by what it is made from).
    key: str | None = None

    @property
    def state(self) -> tuple[int, int]:
        """(size, modification time): how the output's scan finds it as left."""
        return self.size, self.mtime_ns


@dataclass
class Manifest:
    """The last successful build of one output folder."""

    site: str
    inputs_digest: str
    inputs: dict[str, list] = field(default_factory=dict)  # path: [size, mtime, digest]
    files: dict[str, OutputFile] = field(default_factory=dict)
    reads: dict[str, list[str]] = field(default_factory=dict)
    templates: dict[str, list[str] | None] = field(default_factory=dict)
    valid_until: str | None = None  # ISO time when a future-dated entry comes due
    written_ns: int = 0
    engine: int = ENGINE


def manifest_path(cache_root: Path, output: Path, settings_file: Path) -> Path:
    """Where the manifest of builds of `output` with `settings_file` is kept."""
    name = hashlib.sha256(f"{output}\0{settings_file}".encode()).hexdigest()[:20]
    return Path(cache_root) / MANIFESTS / f"{name}.pickle"


def load_manifest(path: Path) -> Manifest | None:
    """The manifest at `path`, or None when there is none (or an unusable one)."""
    try:
        data = pickle.loads(Path(path).read_bytes())
        if data.get("engine") != ENGINE:
            return None
        data["files"] = {
            name: OutputFile(*record) for name, record in data["files"].items()
        }
        return Manifest(**data)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged one, one of other code: unusable
        logger.debug("%s: not a usable manifest (%s): a full build", path, error)
        return None


def save_manifest(path: Path, manifest: Manifest) -> None:
    """Write the manifest whole, or not at all. Plain data pickled (a third of
    the time JSON takes both ways: 15,000 files at 10,000 entries)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        **vars(manifest),
        "files": {
            name: (record.digest, record.size, record.mtime_ns, record.key)
            for name, record in manifest.files.items()
        },
    }
    pickled = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    write_whole(path, lambda partial: partial.write_bytes(pickled))
    path.with_suffix(".json").unlink(missing_ok=True)  # as earlier versions kept it


def forget_manifest(path: Path) -> None:
    """Remove the manifest: the next build of that output is a full one."""
    Path(path).unlink(missing_ok=True)


# The inputs of a build -------------------------------------------------------------


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def scan_files(
    roots: list[Path], known: dict[str, list], written_ns: int, ignored=()
) -> dict[str, list]:
    """[size, mtime_ns, digest] of every file under `roots` (a root may be a
    file) but those whose names, or their folders', match a pattern of
    `ignored` (as Pelican's IGNORE_FILES); a file whose size and time `known`
    holds, and not too close to `written_ns`, keeps its known digest instead
    of being read again."""
    found: dict[str, list] = {}
    for root in map(Path, roots):
        paths = [root] if root.is_file() else _files_under(root, tuple(ignored))
        for path in paths:
            name = str(path)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            before = known.get(name)
            racy = abs(stat.st_mtime_ns - written_ns) < RACY_NANOSECONDS
            if before and before[:2] == [stat.st_size, stat.st_mtime_ns] and not racy:
                found[name] = before
            else:
                found[name] = [stat.st_size, stat.st_mtime_ns, file_digest(path)]
    return found


def _files_under(folder: Path, ignored: tuple[str, ...] = ()):
    """Every file under `folder`, through linked folders too (as Pelican
    reads them), but those named as `ignored` says."""

    left_out = (
        re.compile("|".join(map(fnmatch.translate, ignored))) if ignored else None
    )

    def kept(name: str) -> bool:  # one regular expression: 1,000 entries a build
        return left_out is None or left_out.match(name) is None

    for directory, folders, files in os.walk(folder, followlinks=True):
        folders[:] = sorted(
            name for name in folders if name != "__pycache__" and kept(name)
        )
        for name in sorted(files):
            if kept(name):
                yield Path(directory) / name


def settings_namespace(settings_file: Path) -> str:
    """The settings a settings file sets (its upper-case names), as stable text;
    the file is run as Pelican would run it, with no Pelican imported."""
    folder = str(Path(settings_file).resolve().parent)
    added = folder not in sys.path
    if added:
        sys.path.insert(0, folder)
    try:
        namespace = runpy.run_path(str(settings_file))
    finally:
        if added and folder in sys.path:
            sys.path.remove(folder)
    values = {name: value for name, value in namespace.items() if name.isupper()}
    return json.dumps(values, sort_keys=True, default=_stable_text)


def installed_packages() -> str:
    """The packages installed for this Python, by their metadata folders'
    names (name and version), and Python's own version."""
    names = set()
    for key in ("purelib", "platlib"):
        folder = Path(sysconfig.get_paths()[key])
        if folder.is_dir():
            names.update(
                entry.name
                for entry in os.scandir(folder)
                if entry.name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth"))
            )
    return "\n".join([sys.version, *sorted(names)])


def inputs_digest(
    settings_text: str, overrides: dict, files: dict, packages: str
) -> str:
    """One digest of everything a build reads."""
    digest = hashlib.sha256()
    digest.update(settings_text.encode())
    digest.update(json.dumps(overrides, sort_keys=True, default=_stable_text).encode())
    for name in sorted(files):
        digest.update(f"{name}\0{files[name][2]}\n".encode())
    digest.update(packages.encode())
    return digest.hexdigest()


def _stable_text(value) -> str:
    text = repr(value)
    if " at 0x" in text:  # an object with no stable text: never equal
        return f"<{type(value).__qualname__} {uuid.uuid4()}>"
    return text


# The output folder ------------------------------------------------------------------


def output_state(
    output: Path,
    leave_out: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> dict[str, tuple[int, int]]:
    """{relative path: (size, mtime_ns)} of every file in the output folder,
    but those in its folders (or files) named in `leave_out`, or not named in
    `only` (not even looked at)."""
    state: dict[str, tuple[int, int]] = {}
    folders = [(str(output), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = os.scandir(folder)
        except OSError:  # gone, or not to be read: as os.walk, passed over
            continue
        with entries:
            for entry in entries:
                name = prefix + entry.name
                if not prefix and (
                    entry.name in leave_out or (only is not None and name not in only)
                ):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, name + "/"))
                        continue
                    stat = entry.stat(follow_symlinks=False)
                except OSError:  # gone meanwhile, or not to be looked at
                    continue
                state[name] = (stat.st_size, stat.st_mtime_ns)
    return state


def output_is_as_left(manifest: Manifest, state: dict[str, tuple[int, int]]) -> bool:
    """Whether the output folder holds exactly the files the build left there,
    each as it was left."""
    if state.keys() != manifest.files.keys():
        return False
    return all(state[name] == record.state for name, record in manifest.files.items())
