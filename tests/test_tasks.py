"""The invoke tasks read well in `invoke --list` and work from any folder."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import corpus
from benchmarks.differential import copy_project
from tests.conftest import ROOT, folder_fingerprint, run_invoke


def test_invoke_list_shows_a_documented_line_for_every_task():
    result = run_invoke("--list")
    assert result.returncode == 0, result.stderr
    lines = {
        line.split()[0]: line for line in result.stdout.splitlines()[2:] if line.strip()
    }
    for name in ["new", "build", "serve", "check", "publish", "clean", "test"]:
        assert name in lines
        assert len(lines[name].split()) > 3, f"{name} has no docstring"


def test_build_works_from_a_subfolder_of_the_repository(tmp_path):
    result = run_invoke("build", "--output", str(tmp_path / "out"), cwd=ROOT / "theme")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_build_help_documents_every_option():
    result = run_invoke("--help", "build")
    for option in ["--content", "--output", "--production"]:
        assert option in result.stdout


def test_publish_help_documents_every_option():
    result = run_invoke("--help", "publish")
    for option in ["--content", "--target", "--dry-run", "--force"]:
        assert option in result.stdout


def running_in_group(group: int) -> list[str]:
    """The processes of a process group still running (not ended, unreaped)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(stat.parent.name)
    return found


def test_a_build_stopped_by_sigterm_leaves_nothing_behind(tmp_path):
    """`kill` (a process manager's or a CI runner's stop) stops `invoke build`
    as Ctrl-C does: the output is left as it was (here: none), no scratch
    folder stays, and nothing the build started runs on."""
    project = copy_project(ROOT, tmp_path / "project")
    content, output = tmp_path / "content", tmp_path / "output"
    corpus.write_corpus(content, 300)
    folders = ["--content", str(content), "--output", str(output)]
    memory_before = set(Path("/dev/shm").glob("search-index-*"))
    build = subprocess.Popen(
        [sys.executable, "-m", "invoke", "build", "--production", *folders],
        cwd=project,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".output.build-*")) and build.poll() is None:
        assert time.monotonic() < deadline, "no build under way"
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before it could be stopped"

    build.send_signal(signal.SIGTERM)

    assert build.wait(timeout=60) == 128 + signal.SIGTERM
    time.sleep(0.5)
    assert running_in_group(build.pid) == []
    assert not output.exists()
    assert list(tmp_path.glob(".output.*")) == []
    assert set(Path("/dev/shm").glob("search-index-*")) <= memory_before


def test_a_mistake_in_invoke_yaml_is_named_with_its_line_and_the_fix(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    folders = ["--content", str(ROOT / "content"), "--output", str(tmp_path / "out")]
    assert run_invoke("build", *folders, cwd=project).returncode == 0
    built = folder_fingerprint(tmp_path / "out")
    (project / "invoke.yaml").write_text("publish:\n  target: [me@host:/srv\n")

    result = run_invoke("build", *folders, cwd=project)

    assert result.returncode == 1
    assert result.stderr.startswith(
        f"{project / 'invoke.yaml'}: line 2, column 11: not valid YAML "
        "(while parsing a flow sequence: expected ',' or ']'"
    )
    assert "put quotes around a value that holds ': ', '#', '[' or '{'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert folder_fingerprint(tmp_path / "out") == built


def test_publish_settings_that_are_not_a_group_are_named_with_the_fix(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    (project / "invoke.yaml").write_text("publish: 5\n")

    result = run_invoke(
        "publish", "--target", str(tmp_path / "site"), "--dry-run", cwd=project
    )

    assert result.returncode == 1
    assert result.stderr.startswith(
        "publish in invoke.yaml is 5; write the publish settings under it, "
        "each on a line of its own indented by two spaces"
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # A setting indented less than the one before: the line it is on.
        (
            "publish:\n  target: /srv/www\n  max_deletes: 100\n html_max_age: 300\n",
            "invoke.yaml: line 4, column 2: not valid YAML",
        ),
        ("run: 5\n", "invoke.yaml: run is 5; run is a group of invoke's settings"),
    ],
)
def test_invoke_yaml_mistakes_name_their_own_line_or_group(tmp_path, text, said):
    project = copy_project(ROOT, tmp_path / "project")
    (project / "invoke.yaml").write_text(text)
    result = run_invoke("--list", cwd=project)
    assert result.returncode == 1
    assert said in result.stderr
    assert "Traceback" not in result.stderr
