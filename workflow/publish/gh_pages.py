"""Publish to the gh-pages branch of a git repository (GitHub Pages, or a
branch that Cloudflare Pages or Netlify deploy).

The branch gets the site, `.nojekyll` (GitHub Pages serves the files as they
are) and `_headers` (Netlify and Cloudflare Pages keep theme files a year);
trees are compared by git blob ids, so only a changed site makes a commit.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .headers import hosts_headers_file
from .plan import Changes, PublishError, compare_trees, should_apply

GIT_BRANCH = "gh-pages"
NOJEKYLL = ".nojekyll"
HEADERS_FILE = "_headers"
AUTHOR = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")


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


def git_author(text: str) -> tuple[str, str]:
    """('Name', 'email') from publish.git_author, 'Name <email@host>'."""
    match = AUTHOR.match(text or "")
    if not match:
        raise PublishError(
            f"publish.git_author in invoke.yaml is {text!r}; "
            "set it to 'Your Name <you@example.com>'"
        )
    return match["name"], match["email"]


def add_hosts_headers(staged: Path) -> None:
    """Give the site `_headers` for Netlify and Cloudflare Pages, unless the
    author's own (content/extra/_headers) is there already."""
    path = Path(staged) / HEADERS_FILE
    if not path.exists():
        path.write_text(hosts_headers_file(), encoding="utf-8")


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


def git_publish(
    staged, target, *, dry_run, force, max_deletes, author, say=print
) -> Changes:
    """Publish `staged` to the gh-pages branch of a git repository (.nojekyll
    and _headers included), committed by `author` ('Name <email>'); return
    what was done."""
    staged = Path(staged)
    add_hosts_headers(staged)
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
        if not should_apply(
            planned, dry_run=dry_run, max_deletes=max_deletes, force=force
        ):
            return planned
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
