"""When each file of the content folder last changed, by its git history.

One `git log` call a build lists every commit that touched the folder with the
files it touched (`read_git_log`); `last_changes` turns that output into
{file: time of its last change}, for the files changed after the commit that
added them. A file committed once, a file git does not know, and a folder that
is not in a git repository (or a machine without git) have no time here.

Times are the commits' author times: when the author made the change, which a
rebase or a cherry-pick keeps. Renames are not followed: the commit that
moves a file is the one that adds it at its new path.
"""

import logging
import os
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)

# Each commit: RS, its author time, NUL, then the files it changed, each
# followed by NUL (paths relative to the content folder, never quoted).
RECORD = b"\x1e"
GIT_LOG = (
    "git",
    "log",
    "--no-renames",
    "--name-only",
    "--relative",
    "--format=%x1e%at",
    "-z",
    "--",
    ".",
)
# What git says when there is simply no history to read: no warning then.
NO_HISTORY = ("not a git repository", "does not have any commits yet")


def last_changes(log: bytes) -> dict[str, int]:
    """{file: Unix time of its last change} of the files that changed after
    the commit that added them, from the output of GIT_LOG (newest commit
    first; the oldest commit naming a file is the one that added it)."""
    times: dict[str, list[int]] = {}
    for record in log.split(RECORD):
        fields = record.split(b"\0")
        if not fields[0].strip():
            continue
        moment = int(fields[0])
        for name in fields[1:]:
            path = os.fsdecode(name.lstrip(b"\n"))
            if path:
                times.setdefault(path, []).append(moment)
    return {
        path: max(moments[:-1]) for path, moments in times.items() if len(moments) > 1
    }


def read_git_log(folder: Path) -> bytes | None:
    """The output of GIT_LOG run in `folder`, or None when there is none: git
    is missing, the folder is in no repository or one without commits, or
    git failed (said in a warning: dates then come from `Modified:` lines)."""
    try:
        result = subprocess.run(
            GIT_LOG,
            cwd=folder,
            env={**os.environ, "LC_ALL": "C"},  # git's messages, untranslated
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        if not isinstance(error, FileNotFoundError):
            logger.warning(
                "updated: %s: git log could not run (%s); entries are dated by "
                "their Modified: lines only",
                folder,
                error,
            )
        return None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        if not any(words in message for words in NO_HISTORY):
            logger.warning(
                "updated: %s: git log failed (%s); entries are dated by their "
                "Modified: lines only",
                folder,
                " ".join(message.split()),
            )
        return None
    return result.stdout


def content_changes(folder: Path) -> dict[str, int]:
    """{file: Unix time of its last change} for the content folder (paths
    relative to it), by one git call; {} when git knows nothing of it."""
    log = read_git_log(folder) if Path(folder).is_dir() else None
    return last_changes(log) if log else {}
