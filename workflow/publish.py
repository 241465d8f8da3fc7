"""Publish a site: build it, check it, then rsync it to a folder or host, or
ghp-import it to a git repository.

Deciding (what would be added, changed, deleted; whether to refuse) is done by
plain functions on plain data; the few functions that run rsync and git sit
below them, and `publish_content` at the bottom puts build, check and
transfer in order. Nothing is changed on the target until every check has
passed.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from workflow.build import BuildError, build_site, read_site_settings
from workflow.check import check_site

GIT_BRANCH = "gh-pages"
NOJEKYLL = ".nojekyll"
ITEM = re.compile(r"^(?P<update>[<>ch.*])(?P<kind>[fdLDS])(?P<flags>\S+) (?P<path>.+)$")
BYTES_SENT = re.compile(r"^Total bytes sent: ([\d,.]+)", re.MULTILINE)
AUTHOR = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")


class PublishError(Exception):
    """Publishing stopped; the message says why and what to do."""


@dataclass
class Changes:
    """What publishing does (or would do) to the target."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    bytes_sent: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted)


@dataclass(frozen=True)
class PublishSettings:
    """`publish.*` from invoke.yaml: where the site goes and how carefully."""

    target: str = ""
    max_deletes: int = 100
    git_author: str = ""


# Plain decisions ---------------------------------------------------------------


def publish_settings(config: Mapping | None) -> PublishSettings:
    """The publish settings from invoke's `publish` configuration."""
    config = config or {}
    try:
        max_deletes = int(config.get("max_deletes", 100))
    except (TypeError, ValueError):
        raise PublishError(
            f"publish.max_deletes in invoke.yaml is {config.get('max_deletes')!r}; "
            "set it to a whole number of files"
        ) from None
    return PublishSettings(
        target=str(config.get("target") or ""),
        max_deletes=max_deletes,
        git_author=str(config.get("git_author") or ""),
    )


def chosen_target(target: str | None, settings: PublishSettings) -> str:
    """The target of this publish: --target, else publish.target, made absolute
    when it is a local folder."""
    target = target or settings.target
    if not target:
        raise PublishError(
            "No publish target: set publish.target in invoke.yaml (user@host:/path, "
            "a local folder, or a repository ending in .git) or pass --target"
        )
    return absolute_target(target)


def is_git_target(target: str) -> bool:
    """A target ending in .git is a git repository (published to gh-pages)."""
    return target.rstrip("/").endswith(".git")


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


def git_blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes."""
    return hashlib.sha1(
        b"blob %d\0" % len(data) + data, usedforsecurity=False
    ).hexdigest()


def site_tree(folder: Path, nojekyll: bool = True) -> dict[str, str]:
    """{relative path: git blob id} of every file in a built site (+ .nojekyll)."""
    folder = Path(folder)
    tree = {
        path.relative_to(folder).as_posix(): git_blob_id(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    if nojekyll:
        tree[NOJEKYLL] = git_blob_id(b"")
    return tree


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


def git_author(text: str) -> tuple[str, str]:
    """('Name', 'email') from publish.git_author, 'Name <email@host>'."""
    match = AUTHOR.match(text or "")
    if not match:
        raise PublishError(
            f"publish.git_author in invoke.yaml is {text!r}; "
            "set it to 'Your Name <you@example.com>'"
        )
    return match["name"], match["email"]


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
    return "\n".join(lines)


def summary(changes: Changes, target: str, site_url: str) -> str:
    """What a finished publish did, in two lines."""
    return (
        f"Published to {target}: {len(changes.added)} added, "
        f"{len(changes.changed)} changed, {len(changes.deleted)} deleted, "
        f"{changes.bytes_sent} bytes sent.\nThe site: {site_url}/"
    )


# rsync -------------------------------------------------------------------------


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
    if dry_run:
        return planned
    refusal = deletion_refusal(planned, max_deletes, force)
    if refusal:
        raise PublishError(refusal)
    done = run_rsync(staged, target, dry_run=False)
    left = run_rsync(staged, target, dry_run=True)
    if not left.empty:
        raise PublishError(
            f"{target} does not match the build after publishing:\n{listing(left)}"
        )
    say(f"Verified: {target} matches the build.")
    return done


# git (GitHub Pages) --------------------------------------------------------------


def git(repo: Path, *args, env=None) -> str:
    """Run git in `repo`; return its output or raise PublishError."""
    result = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if result.returncode:
        raise PublishError(
            f"git {' '.join(args)} failed: {(result.stderr or result.stdout).strip()}"
        )
    return result.stdout


def published_tree(repo: Path) -> dict[str, str]:
    """Fetch the target's gh-pages branch into `repo`; return its tree ({} if none)."""
    if not git(repo, "ls-remote", "--heads", "origin", GIT_BRANCH).strip():
        return {}
    ref = f"refs/remotes/origin/{GIT_BRANCH}"
    git(repo, "fetch", "--quiet", "origin", f"+refs/heads/{GIT_BRANCH}:{ref}")
    tree = {}
    for entry in git(repo, "ls-tree", "-r", "-z", ref).split("\0"):
        if entry:
            info, path = entry.split("\t", 1)
            tree[path] = info.split()[2]
    return tree


def git_publish(staged, target, *, dry_run, force, max_deletes, author, say=print):
    """Publish `staged` to the gh-pages branch of a git repository (.nojekyll
    included), committed by `author` ('Name <email>'); return what was done."""
    staged = Path(staged)
    new_tree = site_tree(staged)
    sizes = {
        path.relative_to(staged).as_posix(): path.stat().st_size
        for path in staged.rglob("*")
        if path.is_file()
    }
    with tempfile.TemporaryDirectory(prefix="journal-gh-pages-") as repo:
        git(repo, "init", "--quiet")
        git(repo, "remote", "add", "origin", target)
        planned = compare_trees(published_tree(repo), new_tree, sizes)
        if dry_run:
            return planned
        refusal = deletion_refusal(planned, max_deletes, force)
        if refusal:
            raise PublishError(refusal)
        if planned.empty:
            say(f"{target} already holds this build on {GIT_BRANCH}.")
            return planned
        name, email = git_author(author)
        identity = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
        }
        command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push"]
        command += ["--branch", GIT_BRANCH, "--remote", "origin"]
        command += ["--message", "Publish the site", str(staged)]
        result = subprocess.run(
            command,
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **identity},
        )
        if result.returncode:
            raise PublishError(
                f"ghp-import to {target} failed: "
                f"{(result.stderr or result.stdout).strip()}"
            )
        if published_tree(repo) != new_tree:
            raise PublishError(f"{target} does not match the build after publishing")
    say(f"Verified: {target} ({GIT_BRANCH}) matches the build.")
    return planned


def publish_site(
    staged: Path,
    target: str,
    *,
    dry_run=False,
    force=False,
    max_deletes=100,
    author="",
    say=print,
) -> Changes:
    """Publish a built, checked site to `target`: a git repository (.git) or an
    rsync destination; return what was (or, with dry_run, would be) done."""
    refusal = site_refusal(staged)
    if refusal:
        raise PublishError(refusal)
    options = {"dry_run": dry_run, "force": force, "max_deletes": max_deletes}
    if is_git_target(target):
        return git_publish(staged, target, author=author, say=say, **options)
    return rsync_publish(staged, target, say=say, **options)


# Build, check, publish -------------------------------------------------------------


@dataclass(frozen=True)
class SiteSources:
    """What a site is built from: its content folder, the settings file, and the
    folders a local target must stay out of (the repository, theme, plugins)."""

    content: Path
    settings_file: Path
    repository: Path
    source_folders: tuple[Path, ...] = ()


def publish_content(
    sources: SiteSources,
    target: str,
    settings: PublishSettings,
    *,
    dry_run: bool = False,
    force: bool = False,
    say=print,
) -> tuple[Changes, str]:
    """Build the content with the production settings into a fresh staging
    folder, check it, and publish it to `target`; return (what was, or with
    `dry_run` would be, done, the site's address). Raise PublishError, having
    changed nothing, when the build, the check or a guard refuses."""
    with tempfile.TemporaryDirectory(prefix="journal-publish-") as staging:
        staged = Path(staging).resolve() / "site"
        if is_local_path(target):
            problem = local_target_refusal(
                Path(target),
                sources.content,
                sources.repository,
                staging=[staged.parent],
                sources=sources.source_folders,
            )
            if problem:
                raise PublishError(
                    f"Nothing was published: {problem}. Publish to a folder "
                    "outside the content folder and the repository (--target "
                    "or publish.target in invoke.yaml)."
                )
        site_url = read_site_settings(sources.settings_file, sources.content, staged)[
            "SITEURL"
        ]
        try:
            build_site(sources.content, staged, sources.settings_file)
        except BuildError as error:
            raise PublishError(
                f"Build failed; nothing was published.\n{error}"
            ) from None
        problems = check_site(staged, site_url, absolute_canonical=True)
        if problems:
            raise PublishError(
                "\n".join([*problems, "Check failed; nothing was published."])
            )
        try:
            changes = publish_site(
                staged,
                target,
                dry_run=dry_run,
                force=force,
                max_deletes=settings.max_deletes,
                author=settings.git_author,
                say=say,
            )
        except PublishError as error:
            raise PublishError(f"Nothing was published: {error}") from None
    return changes, site_url
