"""`invoke publish` puts the site on its host and never loses what is there.

Real parts: an sshd started here on 127.0.0.1 (its own config, host key and
key-only login) with rsync behind it, and a local bare git repository.
"""

import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import (
    ROOT,
    SAMPLE_CONTENT,
    build_site,
    copy_sample,
    run_invoke,
    theme_file,
)
from tests.test_site_build import folder_fingerprint
from workflow.publish import (
    Changes,
    compare_trees,
    deletion_refusal,
    git_author,
    is_git_target,
    is_local_path,
    local_target_refusal,
    parse_itemized,
    rsync_command,
    site_refusal,
)

SITEURL = "https://leader.example.org"
SSHD = "/usr/sbin/sshd"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def ssh_host(tmp_path_factory):
    """An sshd on 127.0.0.1 that lets this user in with a key only; yields the
    RSYNC_RSH that reaches it and the user@host prefix of a target."""
    for tool in [SSHD, "ssh", "ssh-keygen", "rsync"]:
        assert shutil.which(tool), f"{tool} is missing: run scripts/setup --test"
    home = tmp_path_factory.mktemp("sshd")
    for name in ["host_key", "user_key"]:
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / name)],
            check=True,
        )
    (home / "authorized_keys").write_text((home / "user_key.pub").read_text())
    port = free_port()
    config = home / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {home / 'host_key'}\n"
        f"AuthorizedKeysFile {home / 'authorized_keys'}\n"
        f"PidFile {home / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\n"
        "StrictModes no\nUsePAM no\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    with (home / "sshd.log").open("w") as log:
        sshd = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=log)
    rsh = (
        f"ssh -i {home / 'user_key'} -p {port} -o StrictHostKeyChecking=no "
        "-o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
    )
    login = f"{getpass.getuser()}@127.0.0.1"
    try:
        deadline = time.monotonic() + 15
        while True:
            probe = subprocess.run(
                [*rsh.split(), login, "true"], capture_output=True, check=False
            )
            if probe.returncode == 0:
                break
            assert sshd.poll() is None, (home / "sshd.log").read_text()
            assert time.monotonic() < deadline, probe.stderr.decode()
            time.sleep(0.2)
        yield {"RSYNC_RSH": rsh, "login": login}
    finally:
        sshd.terminate()
        sshd.wait(timeout=10)


def publish(*args, env=None):
    """Run `invoke publish` as the author does, with the site's address set."""
    return run_invoke("publish", *args, env={"SITEURL": SITEURL, **(env or {})})


def ssh_publish(ssh_host, folder, *args, env=None):
    target = f"{ssh_host['login']}:{folder}"
    return publish(
        "--target",
        target,
        *args,
        env={"RSYNC_RSH": ssh_host["RSYNC_RSH"], **(env or {})},
    )


def outside_search_index(paths):
    """The paths that are not files of the search index (pagefind/)."""
    return {path for path in paths if not path.startswith("pagefind/")}


def summary_numbers(result):
    """{'added': n, 'changed': n, 'deleted': n} from the publish summary."""
    line = next(line for line in result.stdout.splitlines() if "Published to" in line)
    counts = line.split(": ", 1)[1].split(", ")
    return {part.split()[1].rstrip("."): int(part.split()[0]) for part in counts[:3]}


def test_two_production_builds_of_the_same_content_are_byte_identical(
    production_site, tmp_path
):
    again = build_site(
        SAMPLE_CONTENT, tmp_path / "again", production=True, env={"SITEURL": SITEURL}
    )
    assert again.returncode == 0, again.messages
    assert folder_fingerprint(again.output) == folder_fingerprint(
        production_site.output
    )


def test_publish_over_ssh_puts_the_checked_production_site_on_the_host(
    ssh_host, production_site, tmp_path
):
    www = tmp_path / "www"
    result = ssh_publish(ssh_host, www)
    assert result.returncode == 0, result.stderr
    assert folder_fingerprint(www) == folder_fingerprint(production_site.output)
    files = len(folder_fingerprint(www))
    assert summary_numbers(result) == {"added": files, "changed": 0, "deleted": 0}
    assert "bytes sent" in result.stdout
    assert f"The site: {SITEURL}/" in result.stdout
    assert "matches the build" in result.stdout


def test_publishing_again_sends_only_what_changed_and_removes_what_went(
    ssh_host, tmp_path
):
    content, www = copy_sample(tmp_path / "content"), tmp_path / "www"
    assert ssh_publish(ssh_host, www, "--content", str(content)).returncode == 0
    stylesheet = theme_file(www, "css/site.css")
    untouched = stylesheet.stat().st_mtime_ns

    again = ssh_publish(ssh_host, www, "--content", str(content))
    assert again.returncode == 0, again.stderr
    assert summary_numbers(again) == {"added": 0, "changed": 0, "deleted": 0}

    (content / "journal/2023-09-01.md").unlink()
    (content / "journal/2024-02-03.md").write_text("Title: A new entry\n\nNews.\n")
    before = set(folder_fingerprint(www))
    result = ssh_publish(ssh_host, www, "--content", str(content))
    assert result.returncode == 0, result.stderr
    added, deleted = (
        set(folder_fingerprint(www)) - before,
        before - set(folder_fingerprint(www)),
    )
    numbers = summary_numbers(result)
    assert numbers == {
        "added": len(added),
        "changed": numbers["changed"],
        "deleted": len(deleted),
    }
    # The entry's page and the page of 2024, and the search index of 2024 ...
    assert outside_search_index(added) == {
        "journal/2024-02-03/index.html",
        "journal/2024/index.html",
    }
    assert any(path.startswith("pagefind/2024/") for path in added)
    # ... the page of the entry of 2023-09-01 and the six sized files of its
    # photo (three widths, JPEG and WebP; the photo itself stays in images/),
    # and that entry's part of 2023's index.
    removed = outside_search_index(deleted)
    assert "journal/2023-09-01/index.html" in removed
    assert len(removed) == 7
    assert numbers["changed"] > 0  # the index, the feed, the neighbours ...
    assert (www / "journal/2024-02-03/index.html").is_file()
    assert not (www / "journal/2023-09-01").exists()
    assert stylesheet.stat().st_mtime_ns == untouched


def test_dry_run_lists_what_would_change_and_changes_nothing(ssh_host, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "old-page.html").write_text("stale")
    result = ssh_publish(ssh_host, www, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "  + index.html" in result.stdout
    assert "  + journal/2023-08-30/index.html" in result.stdout
    assert "  - old-page.html" in result.stdout
    assert "Would delete 1 file(s):" in result.stdout
    assert "nothing was changed" in result.stdout
    assert sorted(p.name for p in www.iterdir()) == ["old-page.html"]


def test_a_failed_build_publishes_nothing(ssh_host, tmp_path):
    content, www = copy_sample(tmp_path / "content"), tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("the site as it was")
    (content / "journal/notes.md").write_text("An entry without a date.\n")
    result = ssh_publish(ssh_host, www, "--content", str(content))
    assert result.returncode != 0
    assert "Build failed; nothing was published" in result.stderr
    assert "notes.md" in result.stderr
    assert [path.name for path in www.iterdir()] == ["index.html"]
    assert (www / "index.html").read_text() == "the site as it was"


def test_a_failed_check_publishes_nothing(ssh_host, tmp_path):
    content, www = copy_sample(tmp_path / "content"), tmp_path / "www"
    (content / "journal/2024-02-03.md").write_text("Title: Link\n\n[gone](/nowhere/)\n")
    result = ssh_publish(ssh_host, www, "--content", str(content))
    assert result.returncode != 0
    assert "journal/2024-02-03/index.html:" in result.stderr
    assert "'/nowhere/' leads to a missing file" in result.stderr
    assert "nothing was published" in result.stderr
    assert not www.exists()


def test_more_deletions_than_max_deletes_are_refused_unless_forced(ssh_host, tmp_path):
    www = tmp_path / "www"
    (www / "old").mkdir(parents=True)
    for number in range(5):
        (www / "old" / f"page-{number}.html").write_text("stale")
    before = folder_fingerprint(www)
    limit = {"INVOKE_PUBLISH_MAX_DELETES": "3"}

    refused = ssh_publish(ssh_host, www, env=limit)
    assert refused.returncode != 0
    assert "would delete 5 files" in refused.stderr
    assert "publish.max_deletes (3)" in refused.stderr
    assert "--force" in refused.stderr
    assert folder_fingerprint(www) == before

    forced = ssh_publish(ssh_host, www, "--force", env=limit)
    assert forced.returncode == 0, forced.stderr
    assert summary_numbers(forced)["deleted"] == 5
    assert not (www / "old").exists()
    assert (www / "index.html").is_file()


def test_a_local_folder_is_a_target_too(tmp_path, production_site):
    result = publish("--target", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert folder_fingerprint(tmp_path / "site") == folder_fingerprint(
        production_site.output
    )
    assert "placeholder" not in result.stdout + result.stderr


def test_publishing_with_the_placeholder_address_warns_and_publishes(tmp_path):
    """Fixing the address later would change every feed id (readers would see
    every entry twice): the author is told, naming where to set it."""
    result = publish("--target", str(tmp_path / "site"), env={"SITEURL": ""})
    assert result.returncode == 0, result.stderr
    [warning] = [line for line in result.stdout.splitlines() if "Warning" in line]
    assert "placeholder https://journal.example.com" in warning
    assert "SITEURL in publishconf.py" in warning
    assert "SITEURL environment variable" in warning
    assert (tmp_path / "site" / "index.html").is_file()
    assert "The site: https://journal.example.com/" in result.stdout


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (
            "mistyped/www/site",
            "Nothing was published: {folder}/mistyped/www, the folder that would "
            "hold {folder}/mistyped/www/site, does not exist; create it (mkdir -p "
            "{folder}/mistyped/www) if the site goes there, or correct the target",
        ),
        ("notes.txt/site", "{folder}/notes.txt is a file, not a folder"),
        ("notes.txt", "{folder}/notes.txt is a file, not a folder"),
    ],
)
def test_a_local_target_rsync_cannot_make_is_named_and_nothing_changes(
    tmp_path, target, problem
):
    """rsync makes the target folder, not the folders it goes in: a mistyped
    path is named as such, without a word about ssh, and nothing is made."""
    folder = tmp_path.resolve()
    (folder / "notes.txt").write_text("the author's notes")
    before = folder_fingerprint(folder)
    result = publish("--target", str(folder / target))
    assert result.returncode != 0
    assert problem.format(folder=folder) in result.stderr
    assert "ssh" not in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert folder_fingerprint(folder) == before
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("content", "{content} is the content folder"),  # --content X --target X
        (".", "{folder} holds the content folder ({content})"),
    ],
)
def test_a_target_that_is_or_holds_the_content_is_refused_and_nothing_changes(
    tmp_path, target, problem
):
    folder = tmp_path.resolve()
    content = copy_sample(folder / "content")
    (folder / "notes.txt").write_text("the author's notes")
    before = folder_fingerprint(folder)
    result = publish("--content", str(content), "--target", str(folder / target))
    assert result.returncode != 0
    assert "Nothing was published: " in result.stderr
    assert problem.format(content=content, folder=folder) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert folder_fingerprint(folder) == before


def git(repo, *args):
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def test_a_git_target_gets_the_site_on_gh_pages_with_nojekyll_and_headers(
    tmp_path, production_site
):
    repo = tmp_path / "site.git"
    git(tmp_path, "init", "--quiet", "--bare", str(repo))
    author = {"INVOKE_PUBLISH_GIT_AUTHOR": "Pat Publisher <pat@example.org>"}
    result = publish("--target", str(repo), env=author)
    assert result.returncode == 0, result.stderr
    files = git(repo, "ls-tree", "-r", "--name-only", "gh-pages").split()
    built = folder_fingerprint(production_site.output)
    assert set(files) == {".nojekyll", "_headers", *built}
    headers = git(repo, "show", "gh-pages:_headers")
    assert "/theme/*\n  Cache-Control: public, max-age=31536000, immutable\n" in headers
    assert git(repo, "log", "--format=%an <%ae>", "gh-pages").strip() == (
        "Pat Publisher <pat@example.org>"
    )
    shown = git(repo, "show", "gh-pages:journal/2023-08-30/index.html")
    assert (
        shown == (production_site.output / "journal/2023-08-30/index.html").read_text()
    )
    assert summary_numbers(result)["added"] == len(files)

    content = copy_sample(tmp_path / "content")
    (content / "journal/2024-02-03.md").write_text("Title: Later\n\nNews.\n")
    dry = publish("--target", str(repo), "--content", str(content), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    listed = [line[4:] for line in dry.stdout.splitlines() if line.startswith("  + ")]
    assert outside_search_index(listed) == {
        "journal/2024-02-03/index.html",
        "journal/2024/index.html",
    }
    assert any(path.startswith("pagefind/2024/") for path in listed)
    assert f"Would add {len(listed)} file(s):" in dry.stdout
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "1"

    again = publish("--target", str(repo), "--content", str(content), env=author)
    assert again.returncode == 0, again.stderr
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "2"
    assert "journal/2024-02-03/index.html" in git(
        repo, "ls-tree", "-r", "--name-only", "gh-pages"
    )
    # The entry's page, the page of 2024 and the search index of 2024.
    assert summary_numbers(again)["added"] == len(listed)


def test_a_git_target_is_guarded_by_max_deletes_too(tmp_path):
    repo = tmp_path / "site.git"
    git(tmp_path, "init", "--quiet", "--bare", str(repo))
    assert publish("--target", str(repo)).returncode == 0
    content = tmp_path / "content"
    (content / "journal").mkdir(parents=True)
    (content / "journal/2024-02-03.md").write_text("Title: Only\n\nOne entry.\n")
    head = git(repo, "rev-parse", "gh-pages")
    refused = publish(
        "--target",
        str(repo),
        "--content",
        str(content),
        env={"INVOKE_PUBLISH_MAX_DELETES": "2"},
    )
    assert refused.returncode != 0
    assert "more than publish.max_deletes (2)" in refused.stderr
    assert git(repo, "rev-parse", "gh-pages") == head


def test_without_a_target_publish_says_how_to_set_one():
    result = publish(env={"INVOKE_PUBLISH_TARGET": ""})
    assert result.returncode != 0
    assert "No publish target: set publish.target in invoke.yaml" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# The decisions, on plain data -------------------------------------------------

RSYNC_OUTPUT = """\
cd+++++++++ journal/2024-02-03/
>f+++++++++ journal/2024-02-03/index.html
<f.st...... index.html
.f..t...... theme/css/site.css
*deleting   journal/2023-09-01/index.html
*deleting   journal/2023-09-01/

Number of files: 17 (reg: 15, dir: 2)
Total bytes sent: 12345
Total bytes received: 321
"""


def test_rsync_itemized_output_reads_as_added_changed_deleted():
    assert parse_itemized(RSYNC_OUTPUT) == Changes(
        added=["journal/2024-02-03/index.html"],
        changed=["index.html"],
        deleted=["journal/2023-09-01/index.html"],
        bytes_sent=12345,
    )


def test_trees_compare_as_added_changed_deleted_with_bytes_of_what_is_sent():
    old = {"index.html": "a", "gone.html": "b", "same.css": "c"}
    new = {"index.html": "A", "new.html": "d", "same.css": "c"}
    sizes = {"index.html": 10, "new.html": 5, "same.css": 1000}
    assert compare_trees(old, new, sizes) == Changes(
        ["new.html"], ["index.html"], ["gone.html"], 15
    )


def test_an_empty_site_or_one_without_index_is_refused(tmp_path):
    assert "is empty" in site_refusal(tmp_path)
    (tmp_path / "about.html").write_text("about")
    assert "no index.html" in site_refusal(tmp_path)
    (tmp_path / "index.html").write_text("home")
    assert site_refusal(tmp_path) is None


@pytest.mark.parametrize(
    ("deleted", "force", "refused"),
    [(100, False, False), (101, False, True), (101, True, False), (0, False, False)],
)
def test_deletions_beyond_max_deletes_need_force(deleted, force, refused):
    changes = Changes(deleted=[f"page-{n}.html" for n in range(deleted)])
    assert (deletion_refusal(changes, 100, force) is not None) is refused


def test_git_author_must_read_name_and_email():
    assert git_author("Pat Publisher <pat@example.org>") == (
        "Pat Publisher",
        "pat@example.org",
    )
    with pytest.raises(Exception, match=r"publish\.git_author"):
        git_author("pat")


@pytest.mark.parametrize(
    ("target", "git_repository", "local"),
    [
        ("me@example.org:/srv/www/journal", False, False),
        ("example.org:journal", False, False),
        ("/var/www/journal", False, True),
        ("../site-copy", False, True),
        ("git@github.com:me/me.github.io.git", True, False),
        ("https://github.com/me/me.github.io.git", True, False),
        ("/srv/git/journal.git", True, True),
    ],
)
def test_targets_are_told_apart(target, git_repository, local):
    assert is_git_target(target) is git_repository
    assert is_local_path(target) is local


REPO = Path("/home/me/journal")
CONTENT = REPO / "content"
STAGING = Path("/tmp/journal-publish-abc123")


@pytest.mark.parametrize(
    ("target", "content", "problem"),
    [
        # The content folder: never the target, never in it, never under it.
        (CONTENT, CONTENT, f"{CONTENT} is the content folder"),
        (REPO / "content/../content", CONTENT, f"{CONTENT} is the content folder"),
        (CONTENT / "journal", CONTENT, "is inside the content folder"),
        (CONTENT / "extra/site", CONTENT, "is inside the content folder"),
        (REPO, CONTENT, f"{REPO} holds the content folder ({CONTENT})"),
        (Path("/"), CONTENT, "/ holds the content folder"),
        (Path("/srv"), Path("/srv/words"), "/srv holds the content folder"),
        # The repository: never the target, never in it.
        (REPO, Path("/srv/words"), f"{REPO} is the repository"),
        (REPO.parent, Path("/srv/words"), f"{REPO.parent} holds the repository"),
        # The theme and the plugins, which the build reads too.
        (REPO / "theme", CONTENT, f"{REPO / 'theme'} is a source folder"),
        (REPO / "plugins/x", CONTENT, "is inside a source folder of the site"),
        # The folders the site is built in.
        (STAGING, CONTENT, "is the folder the site is built in"),
        (STAGING / "site", CONTENT, "is inside the folder the site is built in"),
        (Path("/tmp"), CONTENT, "holds the folder the site is built in"),
        # Anywhere else is fine, a folder of the repository beside content too.
        (Path("/var/www/journal"), CONTENT, None),
        (REPO / "public", CONTENT, None),
        (REPO / "content-site", CONTENT, None),  # a name that starts alike
        (Path("/tmp/site"), CONTENT, None),
        (Path("/srv/words-site"), Path("/srv/words"), None),
    ],
)
def test_a_local_target_may_not_overlap_the_sources_or_the_build(
    target, content, problem
):
    refusal = local_target_refusal(
        target,
        content,
        REPO,
        staging=[STAGING],
        sources=[REPO / "theme", REPO / "plugins"],
    )
    if problem is None:
        assert refusal is None
    else:
        assert problem in refusal
        assert "would replace what it holds with the site" in refusal


def test_rsync_publishes_in_steps_what_pages_load_first_deletions_last(tmp_path):
    steps = {
        step: rsync_command(tmp_path / "site", "me@host:/srv/www/", False, step)
        for step in ("assets", "files", "deletions")
    }
    assert "--exclude=*.html" in steps["assets"]
    assert "--exclude=*.xml" in steps["assets"]
    assert not any(part.startswith("--delete") for part in steps["files"])
    assert {"--delete", "--existing", "--ignore-existing"} <= set(steps["deletions"])
    assert all(command[-1] == "me@host:/srv/www/" for command in steps.values())
    # `user@host:` is the login's home folder: never made the host's root.
    assert rsync_command(tmp_path, "me@host:", True)[-1] == "me@host:"


def test_an_rsync_publish_stopped_part_way_says_so_and_deletes_nothing(tmp_path):
    target = tmp_path / "www"
    assert publish("--target", str(target)).returncode == 0
    (target / "left-over.html").write_text("a file the site no longer has")
    # A folder where a page goes, with a file in it: rsync cannot put the
    # page in its place, after it has sent the rest.
    page = target / "tags" / "index.html"
    page.unlink()
    page.mkdir()
    (page / "kept").write_text("in the way")
    content = copy_sample(tmp_path / "content")
    entry = content / "journal" / "2023-08-30.md"
    entry.write_text(entry.read_text() + "\nA new last line.\n")

    result = publish("--content", str(content), "--target", str(target))

    assert result.returncode != 0
    assert "Publishing stopped part-way" in result.stderr
    assert "Nothing was deleted. Publish again to finish." in result.stderr
    assert "Nothing was published" not in result.stderr
    assert (target / "left-over.html").exists()


def test_a_publish_stopped_with_ctrl_c_says_what_to_do(tmp_path):
    content = write_corpus(tmp_path / "content", 300)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "invoke", "publish", "--content", str(content)]
    command += ["--target", str(tmp_path / "www")]
    publishing = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "SITEURL": SITEURL, "TMPDIR": str(scratch)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(scratch.glob("journal-publish-*")):  # under way
        assert time.monotonic() < deadline and publishing.poll() is None
        time.sleep(0.05)
    publishing.send_signal(signal.SIGINT)
    _, said = publishing.communicate(timeout=60)
    # Exit status 130; or ended by SIGINT itself, which Python 3.11 does at exit
    # when the Ctrl-C came while an exec() ran (a dataclass made as a module
    # is imported), however it was handled: a shell reads both as 130.
    assert publishing.returncode in (130, -signal.SIGINT)
    assert "Stopped. If the upload had begun" in said
    assert "publish again to finish" in said
    assert "Traceback" not in said
