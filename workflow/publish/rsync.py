"""Publish to an rsync destination: `user@host:/path` over ssh, or a folder.

rsync itself decides what differs (by checksum: builds are deterministic);
`parse_itemized` reads what it did, or would do, into Changes.
"""

import re
import subprocess
from pathlib import Path

from .plan import Changes, PublishError, listing, should_apply

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


def rsync_command(source: Path, target: str, dry_run: bool) -> list[str]:
    """rsync only what changed; new files land together at the end, stale ones
    go last. The remote shell comes from RSYNC_RSH (rsync reads it) or ssh."""
    return [
        "rsync",
        "--recursive",
        "--links",
        "--checksum",
        "--perms",
        "--chmod=D755,F644",
        "--delay-updates",
        "--delete-after",
        "--itemize-changes",
        "--stats",
        "--no-human-readable",
        *(["--dry-run"] if dry_run else []),
        f"{source}/",
        target.rstrip("/") + "/",
    ]


def run_rsync(source: Path, target: str, dry_run: bool) -> Changes:
    """Run rsync (or its dry run) and read what it did."""
    result = subprocess.run(
        rsync_command(source, target, dry_run),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise PublishError(
            f"rsync to {target} failed (exit {result.returncode}): "
            f"{result.stderr.strip()}\nCheck the target and your ssh access "
            "(RSYNC_RSH or ~/.ssh/config)."
        )
    return parse_itemized(result.stdout)


def rsync_publish(staged, target, *, dry_run, force, max_deletes, say=print):
    """Publish `staged` to an rsync target; return what was done."""
    planned = run_rsync(staged, target, dry_run=True)
    if not should_apply(planned, dry_run=dry_run, max_deletes=max_deletes, force=force):
        return planned
    done = run_rsync(staged, target, dry_run=False)
    left = run_rsync(staged, target, dry_run=True)
    if not left.empty:
        raise PublishError(
            f"{target} does not match the build after publishing:\n{listing(left)}"
        )
    say(f"Verified: {target} matches the build.")
    return done
