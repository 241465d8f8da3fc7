"""What a publish would do, and whether it may: plain functions on plain data.

The settings from invoke.yaml, the kind of target, the guards (a target that
overlaps the sources, an empty site, too many deletions), what turning one
tree of files into another adds, changes and deletes, and the lines that tell
the author about it. Nothing here touches a target.
"""

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from urllib.parse import urlsplit

S3_SCHEME = "s3://"
# The address publishconf.py holds until the author sets theirs.
PLACEHOLDER_HOST = "journal.example.com"


class PublishError(Exception):
    """Publishing stopped; the message says why and what to do."""


class PartlyPublished(PublishError):
    """Publishing stopped after the target had begun to change."""


@dataclass
class Changes:
    """What publishing does (or would do) to the target."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    bytes_sent: int = 0
    # Files whose bytes are there already but whose headers are not (S3)
    refreshed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted or self.refreshed)


@dataclass(frozen=True)
class PublishSettings:
    """`publish.*` from invoke.yaml: where the site goes and how carefully."""

    target: str = ""
    max_deletes: int = 100
    git_author: str = ""
    html_max_age: int = 300


def _whole_number(config: Mapping, name: str, default: int, what: str) -> int:
    value = config.get(name, default)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)  # from the environment: INVOKE_PUBLISH_...
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PublishError(
            f"publish.{name} in invoke.yaml is {value!r}; set it to a whole "
            f"number of {what}, 0 or more"
        )
    return value


def publish_settings(config: Mapping | None) -> PublishSettings:
    """The publish settings from invoke's `publish` configuration."""
    config = config or {}
    if not isinstance(config, Mapping):
        raise PublishError(
            f"publish in invoke.yaml is {config!r}; write the publish settings "
            "under it, each on a line of its own indented by two spaces "
            "('publish:', then '  target: user@host:/path')"
        )
    return PublishSettings(
        target=str(config.get("target") or ""),
        max_deletes=_whole_number(config, "max_deletes", 100, "files"),
        git_author=str(config.get("git_author") or ""),
        html_max_age=_whole_number(config, "html_max_age", 300, "seconds"),
    )


def chosen_target(target: str | None, settings: PublishSettings) -> str:
    """The target of this publish: --target, else publish.target, made absolute
    when it is a local folder."""
    target = target or settings.target
    if not target:
        raise PublishError(
            "No publish target: set publish.target in invoke.yaml (user@host:/path, "
            "a local folder, a repository ending in .git, or s3://bucket/prefix) "
            "or pass --target"
        )
    return absolute_target(target)


def is_git_target(target: str) -> bool:
    """A target ending in .git is a git repository (published to gh-pages)."""
    return target.rstrip("/").endswith(".git") and not is_s3_target(target)


def is_s3_target(target: str) -> bool:
    """A target starting with s3:// is a bucket of an S3-compatible host."""
    return target.startswith(S3_SCHEME)


def is_local_path(target: str) -> bool:
    """True for a folder on this machine, False for host:path or a URL."""
    if "://" in target:
        return False
    before_slash = target.split("/", 1)[0]
    return ":" not in before_slash


def absolute_target(target: str) -> str:
    """A local target made absolute (relative to where the author is)."""
    return str(Path(target).resolve()) if is_local_path(target) else target


def local_target_refusal(
    target: PurePath,
    content: PurePath,
    root: PurePath,
    staging: Sequence[PurePath] = (),
    sources: Sequence[PurePath] = (),
) -> str | None:
    """Why a local target folder must not receive the site, or None when it may.

    Publishing leaves the target holding the site and nothing else, so the
    target may not be, hold or sit inside the content folder (the author's
    sources), another folder the build reads (`sources`: the theme, the
    plugins) or a folder the site is built in (`staging`), and may not be or
    hold the repository (`root`). The paths are absolute and resolved
    (symbolic links followed); they are only compared here.
    """
    target = PurePath(os.path.normpath(target))
    guarded = [(content, "the content folder", True), (root, "the repository", False)]
    guarded += [(folder, "a source folder of the site", True) for folder in sources]
    guarded += [(folder, "the folder the site is built in", True) for folder in staging]
    for path, name, inside_too in guarded:
        folder = PurePath(os.path.normpath(path))
        if target == folder:
            problem = f"{target} is {name}"
        elif target in folder.parents:
            problem = f"{target} holds {name} ({folder})"
        elif inside_too and folder in target.parents:
            problem = f"{target} is inside {name} ({folder})"
        else:
            continue
        return f"{problem}; publishing there would replace what it holds with the site"
    return None


def placeholder_warning(site_url: str) -> str | None:
    """The warning a publish prints while the site's address is still the
    placeholder, or None: feed readers know each entry by an id made of the
    address, so setting it later shows readers every entry again."""
    if urlsplit(site_url).hostname != PLACEHOLDER_HOST:
        return None
    return (
        f"Warning: the site's address is still the placeholder {site_url}: set "
        "yours as SITEURL in publishconf.py (or in the SITEURL environment "
        "variable). Feed readers know entries by ids made of it: changing it "
        "later shows subscribers every entry twice."
    )


def compare_trees(old: dict[str, str], new: dict[str, str], sizes=None) -> Changes:
    """What turning the `old` tree into the `new` one adds, changes and deletes."""
    sizes = sizes or {}
    added = sorted(new.keys() - old.keys())
    changed = sorted(path for path in new.keys() & old.keys() if new[path] != old[path])
    deleted = sorted(old.keys() - new.keys())
    sent = sum(sizes.get(path, 0) for path in added + changed)
    return Changes(added, changed, deleted, sent)


def site_refusal(staged: Path) -> str | None:
    """Why a staged site must not be published, or None when it may."""
    staged = Path(staged)
    if not staged.is_dir() or not any(staged.iterdir()):
        return f"{staged}: the built site is empty; nothing was published"
    if not (staged / "index.html").is_file():
        return f"{staged}: the built site has no index.html; nothing was published"
    return None


def deletion_refusal(changes: Changes, max_deletes: int, force: bool) -> str | None:
    """Why these deletions need --force, or None when they may go ahead."""
    if force or len(changes.deleted) <= max_deletes:
        return None
    return (
        f"publishing would delete {len(changes.deleted)} files on the target, "
        f"more than publish.max_deletes ({max_deletes}); nothing was changed. "
        "Check the target (invoke publish --dry-run lists the files), then "
        "run again with --force, or raise publish.max_deletes in invoke.yaml"
    )


def should_apply(
    planned: Changes, *, dry_run: bool, max_deletes: int, force: bool
) -> bool:
    """Whether a publisher goes on to make the planned changes: not on a dry
    run (the plan is the answer); never with more deletions than
    `max_deletes` unless forced (PublishError says why and what to do)."""
    if dry_run:
        return False
    refusal = deletion_refusal(planned, max_deletes, force)
    if refusal:
        raise PublishError(refusal)
    return True


def listing(changes: Changes) -> str:
    """The files a publish would add, change and delete, one per line."""
    lines = []
    for verb, sign, paths in [
        ("add", "+", changes.added),
        ("change", "~", changes.changed),
        ("delete", "-", changes.deleted),
    ]:
        lines.append(f"Would {verb} {len(paths)} file(s)" + (":" if paths else "."))
        lines += [f"  {sign} {path}" for path in paths]
    if changes.refreshed:
        lines.append(
            f"Would give {len(changes.refreshed)} file(s) the headers of "
            "this publish (their bytes are there already)."
        )
    return "\n".join(lines)


def summary(changes: Changes, target: str, site_url: str) -> str:
    """What a finished publish did, in two lines."""
    refreshed = (
        f", {len(changes.refreshed)} given new headers" if changes.refreshed else ""
    )
    return (
        f"Published to {target}: {len(changes.added)} added, "
        f"{len(changes.changed)} changed, {len(changes.deleted)} deleted"
        f"{refreshed}, {changes.bytes_sent} bytes sent.\nThe site: {site_url}/"
    )
