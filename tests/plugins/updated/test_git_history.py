"""The content folder's git history: one `git log`, read into the time of each
file's last change after the commit that added it."""

import logging
import subprocess

import pytest

from plugins.updated.git_history import content_changes, last_changes

JANUARY_1 = 1704103200  # 2024-01-01T10:00:00Z
FEBRUARY_3 = 1706954400  # 2024-02-03T10:00:00Z
MARCH_4 = 1709553600  # 2024-03-04T12:00:00Z


def record(moment, *names):
    """One commit as GIT_LOG writes it with -z."""
    files = "".join(f"{name}\0" for name in names)
    return f"\x1e{moment}\0\n{files}".encode()


@pytest.mark.parametrize(
    ("log", "changes"),
    [
        pytest.param(b"", {}, id="no history"),
        pytest.param(record(JANUARY_1, "journal/a.md"), {}, id="committed once"),
        pytest.param(
            record(FEBRUARY_3, "journal/a.md") + record(JANUARY_1, "journal/a.md"),
            {"journal/a.md": FEBRUARY_3},
            id="changed after it was added",
        ),
        pytest.param(
            record(MARCH_4, "journal/a.md")
            + record(FEBRUARY_3, "journal/a.md", "pages/me.md")
            + record(JANUARY_1, "journal/a.md", "pages/me.md"),
            {"journal/a.md": MARCH_4, "pages/me.md": FEBRUARY_3},
            id="the last of several changes",
        ),
        pytest.param(
            record(FEBRUARY_3, "journal/a.md")
            + record(MARCH_4, "journal/a.md")
            + record(JANUARY_1, "journal/a.md"),
            {"journal/a.md": MARCH_4},
            id="the latest change, whatever order a rebase left",
        ),
        pytest.param(
            record(MARCH_4) + record(JANUARY_1, "journal/a.md"),
            {},
            id="a merge commit lists no file",
        ),
        pytest.param(
            record(FEBRUARY_3, "journal/we ird é.md")
            + record(JANUARY_1, "journal/we ird é.md"),
            {"journal/we ird é.md": FEBRUARY_3},
            id="names are never quoted",
        ),
    ],
)
def test_each_file_is_dated_by_its_last_change_after_it_was_added(log, changes):
    assert last_changes(log) == changes


def git(repository, *args, when=None):
    """Run git in `repository`, committing at `when` (an ISO time) if given."""
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    identity = ["-c", "user.name=Author", "-c", "user.email=author@example.org"]
    subprocess.run(
        ["git", *identity, *args],
        cwd=repository,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repository), **env},
        check=True,
        capture_output=True,
    )


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_real_repository_dates_the_files_of_its_content_folder(tmp_path):
    content = tmp_path / "site" / "content"
    write(content / "journal/2024-01-01.md", "First.\n")
    write(content / "journal/2024-01-02.md", "Second.\n")
    write(tmp_path / "site" / "notes.txt", "Outside the content folder.\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Add", when="2024-01-01T10:00:00+00:00")
    write(content / "journal/2024-01-01.md", "First, edited.\n")
    write(tmp_path / "site" / "notes.txt", "Edited too.\n")
    git(tmp_path, "commit", "-qam", "Edit", when="2024-02-03T10:00:00+00:00")
    write(content / "journal/2024-01-01.md", "First, edited again.\n")
    write(content / "pages/about.md", "Not committed yet.\n")
    git(tmp_path, "commit", "-qam", "Again", when="2024-03-04T12:00:00+00:00")
    write(content / "journal/2024-01-02.md", "Changed, not committed.\n")

    assert content_changes(content) == {"journal/2024-01-01.md": MARCH_4}


def test_a_folder_outside_git_or_without_commits_has_no_history(tmp_path, caplog):
    assert content_changes(tmp_path) == {}
    git(tmp_path, "init", "-q")
    write(tmp_path / "journal/2024-01-01.md", "Not committed.\n")
    assert content_changes(tmp_path) == {}
    assert content_changes(tmp_path / "missing") == {}
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_without_git_on_the_machine_there_is_no_history(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    write(tmp_path / "a.md", "A.\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Add", when="2024-01-01T10:00:00+00:00")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "x")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert content_changes(tmp_path) == {}


def test_a_repository_git_refuses_to_read_is_named_in_a_warning(tmp_path, caplog):
    """(Here a repository of a format from the future; in life, more often
    one owned by another user, which git will not read.)"""
    git(tmp_path, "init", "-q")
    config = "[core]\n\trepositoryformatversion = 99\n"
    (tmp_path / ".git" / "config").write_text(config, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert content_changes(tmp_path) == {}
    assert any(
        str(tmp_path) in r.getMessage() and "git log failed" in r.getMessage()
        for r in caplog.records
    ), caplog.text
