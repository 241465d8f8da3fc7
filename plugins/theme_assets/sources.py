"""The theme's static files, by the path Pelican would publish each under.

Pelican copies each of THEME_STATIC_PATHS into THEME_STATIC_DIR: a folder's
files keep their path inside it (`static/css/site.css` is `css/site.css`), a
single file its name; names matching IGNORE_FILES are left out.
"""

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path


def is_ignored(name: str, ignore_files: Iterable[str]) -> bool:
    """Whether Pelican leaves a file or folder of this name out."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignore_files)


def theme_files(
    static_paths: Iterable[str], ignore_files: Iterable[str] = ()
) -> dict[str, bytes]:
    """{published path: bytes} of every theme file; a later static path wins
    over an earlier one for the same published path, as Pelican's copy does."""
    ignore_files = tuple(ignore_files)
    files: dict[str, bytes] = {}
    for static_path in map(Path, static_paths):
        if is_ignored(static_path.name, ignore_files):
            continue
        if static_path.is_file():
            files[static_path.name] = static_path.read_bytes()
            continue
        for folder, subfolders, names in os.walk(static_path, followlinks=True):
            subfolders[:] = sorted(
                name for name in subfolders if not is_ignored(name, ignore_files)
            )
            for name in sorted(names):
                if not is_ignored(name, ignore_files):
                    path = Path(folder) / name
                    files[path.relative_to(static_path).as_posix()] = path.read_bytes()
    return files
