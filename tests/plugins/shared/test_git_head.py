"""The commit a repository is at, read as `git rev-parse HEAD` prints it."""

import subprocess

from plugins.shared.git_head import git_head


def git(folder, *args):
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "A",
            "GIT_AUTHOR_EMAIL": "a@x.org",
            "GIT_COMMITTER_NAME": "A",
            "GIT_COMMITTER_EMAIL": "a@x.org",
            "HOME": str(folder),
            "PATH": "/usr/bin:/bin",
        },
    ).stdout.strip()


def test_the_head_is_what_git_says_loose_packed_and_in_a_worktree(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    assert git_head(repo).startswith("unborn:")
    (repo / "content").mkdir()
    (repo / "content" / "a.md").write_text("a")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    assert git_head(repo / "content") == git(repo, "rev-parse", "HEAD")

    git(repo, "pack-refs", "--all")
    assert git_head(repo / "content") == git(repo, "rev-parse", "HEAD")

    (repo / "content" / "a.md").write_text("b")
    git(repo, "commit", "-q", "-am", "two")
    git(repo, "worktree", "add", "-q", str(tmp_path / "other"), "HEAD~1")
    assert git_head(tmp_path / "other") == git(tmp_path / "other", "rev-parse", "HEAD")
    assert git_head(repo) == git(repo, "rev-parse", "HEAD")


def test_a_folder_outside_git_has_no_head(tmp_path):
    assert git_head(tmp_path) is None
