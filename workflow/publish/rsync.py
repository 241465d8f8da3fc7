"""Publish to an rsync destination: `user@host:/path` over ssh, or a folder.

rsync itself decides what differs (by checksum: builds are deterministic);
`parse_itemized` reads what it did, or would do, into Changes.
"""

import re
import subprocess
from pathlib import Path

from .plan import (
    Changes,
    PartlyPublished,
    PublishError,
    is_local_path,
    listing,
    should_apply,
)

ITEM = re.compile(r"^(?P<update>[<>ch.*])(?P<kind>[fdLDS])(?P<flags>\S+) (?P<path>.+)$")
BYTES_SENT = re.compile(r"^Total bytes sent: ([\d,.]+)", re.MULTILINE)


def parse_itemized(text: str) -> Changes:
    """Read rsync's --itemize-changes and --stats output into Changes.

    Files only: a folder's own line is left out. A file sent whose flags are
    all '+' is new; any other file sent is changed; '.' lines (attributes only,
    nothing sent) are neither.
    """
    changes = Changes()
    for line in text.splitlines():
        if line.startswith("*deleting"):
            path = line.split(None, 1)[1]
            if not path.endswith("/"):
                changes.deleted.append(path)
            continue
        item = ITEM.match(line)
        if not item or item["kind"] != "f" or item["update"] not in "<>":
            continue
        if set(item["flags"]) == {"+"}:
            changes.added.append(item["path"])
        else:
            changes.changed.append(item["path"])
    sent = BYTES_SENT.search(text)
    if sent:
        changes.bytes_sent = int(re.sub(r"[,.]", "", sent[1]))
    return changes


# A publish goes in steps, each once the one before is done, so that a reader
# never meets a page whose stylesheet or picture is not there yet, and nothing
# is deleted unless all the new site is in place: what pages load first, then
# every other file, then the deletions. A dry run (the plan, the check after)
# is the three at once ("all").
STEPS = ("assets", "files", "deletions")
PAGES = ("*.html", "*.xml")  # what the "assets" step leaves for the next


def rsync_command(
    source: Path, target: str, dry_run: bool, step: str = "all"
) -> list[str]:
    """rsync only what changed, for one step (see STEPS): in each, new files
    land together at its end. The remote shell comes from RSYNC_RSH (rsync
    reads it) or ssh."""
    only = {
        "assets": [f"--exclude={pattern}" for pattern in PAGES],
        "files": [],
        "deletions": ["--delete", "--existing", "--ignore-existing"],
        "all": ["--delete-after"],
    }[step]
    return [
        "rsync",
        "--recursive",
        "--links",
        "--checksum",
        "--perms",
        "--chmod=D755,F644",
        "--delay-updates",
        *only,
        "--itemize-changes",
        "--stats",
        "--no-human-readable",
        *(["--dry-run"] if dry_run else []),
        f"{source}/",
        rsync_folder(target),
    ]


def rsync_folder(target: str) -> str:
    """The target as rsync names a folder's contents: with one final slash,
    but `user@host:` (the login's home folder) as it is, never the root."""
    return target if target.endswith(":") else target.rstrip("/") + "/"


def run_rsync(source: Path, target: str, dry_run: bool, step: str = "all") -> Changes:
    """Run rsync (or its dry run) and read what it did."""
    result = subprocess.run(
        rsync_command(source, target, dry_run, step),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        hint = (
            "Check the target folder and that you may write there."
            if is_local_path(target)
            else "Check the target and your ssh access (RSYNC_RSH or ~/.ssh/config)."
        )
        raise PublishError(
            f"rsync to {target} failed (exit {result.returncode}): "
            f"{result.stderr.strip()}\n{hint}"
        )
    return parse_itemized(result.stdout)


def local_folder_problem(target: Path) -> str | None:
    """Why rsync could not make the local folder `target` the site, or None:
    rsync makes the folder itself, but not the folders it goes in (a
    mistyped path, most often)."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        return f"{target} is a file, not a folder; correct the target"
    if target.exists():
        return None
    parent = next(folder for folder in target.parents if folder.exists())
    if not parent.is_dir():
        return (
            f"{parent} is a file, not a folder, so {target} cannot be made; "
            "correct the target"
        )
    if parent != target.parent:
        return (
            f"{target.parent}, the folder that would hold {target}, does not exist; "
            f"create it (mkdir -p {target.parent}) if the site goes there, or correct "
            "the target"
        )
    return None


def rsync_publish(staged, target, *, dry_run, force, max_deletes, say=print):
    """Publish `staged` to an rsync target in its steps; return what was done."""
    planned = run_rsync(staged, target, dry_run=True)
    if not should_apply(planned, dry_run=dry_run, max_deletes=max_deletes, force=force):
        return planned
    done = Changes()
    for step in STEPS:
        try:
            made = run_rsync(staged, target, dry_run=False, step=step)
        except PublishError as error:
            kept = "" if step == "deletions" else " Nothing was deleted."
            raise PartlyPublished(
                f"{error}\nPublishing stopped part-way: {target} may hold part of "
                f"the new site.{kept} Publish again to finish."
            ) from None
        done.added += made.added
        done.changed += made.changed
        done.deleted += made.deleted
        done.bytes_sent += made.bytes_sent
    left = run_rsync(staged, target, dry_run=True)
    if not left.empty:
        raise PartlyPublished(
            f"{target} does not match the build after publishing:\n{listing(left)}"
        )
    say(f"Verified: {target} matches the build.")
    return done
