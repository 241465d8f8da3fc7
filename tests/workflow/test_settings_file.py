"""A settings file the build cannot read, or whose values Pelican cannot use,
stops it with one line naming the setting or the line, what is wrong and the
fix: no traceback, the output as it was."""

import subprocess
import sys

import pytest

from benchmarks.differential import copy_project
from tests.conftest import ROOT, SAMPLE_CONTENT, folder_fingerprint, run_invoke


def invoke_build(project, output, *options):
    command = [sys.executable, "-m", "invoke", "build", *options]
    command += ["--content", str(SAMPLE_CONTENT), "--output", str(output)]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("settings", "line", "expected"),
    [
        (
            "pelicanconf.py",
            "THEME = (",
            "line {n}: invalid Python: '(' was never closed; correct that line",
        ),
        (
            "pelicanconf.py",
            "THEME = mytheme",
            "line {n}: NameError: name 'mytheme' is not defined; "
            'put the value in quotes if it is text (THEME = "theme")',
        ),
        (
            "pelicanconf.py",
            'THEME = "/nonexistent"',
            "line {n}: THEME: no theme folder '/nonexistent'; "
            "set THEME to the theme's folder",
        ),
        (
            "publishconf.py",
            "SITEURL = 5",
            'line {n}: SITEURL = 5: it must be text, in quotes (SITEURL = "...")',
        ),
    ],
)
def test_a_broken_settings_file_is_named_with_its_line_and_the_fix(
    tmp_path, settings, line, expected
):
    project = copy_project(ROOT, tmp_path / "project")
    output = tmp_path / "output"
    production = ["--production"] if settings == "publishconf.py" else []
    assert invoke_build(project, output, *production).returncode == 0
    before = folder_fingerprint(output)
    settings_file = project / settings
    lines = settings_file.read_text(encoding="utf-8").splitlines()
    settings_file.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")

    result = invoke_build(project, output, *production)

    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Build failed" in messages
    assert f"{settings_file}: {expected.format(n=len(lines) + 1)}" in messages
    assert "Traceback" not in messages
    assert folder_fingerprint(output) == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'TIMEZONE = "Mars/Base"',
            "setting TIMEZONE is 'Mars/Base', no known time zone; give a name "
            'from the time zone database, e.g. "Europe/London" or "UTC"',
        ),
        (
            'DEFAULT_PAGINATION = "x"',
            "setting DEFAULT_PAGINATION is 'x'; give the number of entries a list "
            "page shows, e.g. 10, or False for every entry on one page",
        ),
    ],
)
def test_a_pelican_setting_every_page_needs_is_named_once_with_the_fix(
    tmp_path, line, expected
):
    project = copy_project(ROOT, tmp_path / "project")
    output = tmp_path / "output"
    assert invoke_build(project, output).returncode == 0
    before = folder_fingerprint(output)
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"{line}\n")

    result = invoke_build(project, output)

    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert messages.count(expected) == 1
    assert "Could not process" not in messages
    assert "Traceback" not in messages
    assert folder_fingerprint(output) == before


@pytest.mark.parametrize("task", ["publish", "new"])
def test_publish_and_new_name_a_broken_settings_file_too(tmp_path, task):
    project = copy_project(ROOT, tmp_path / "project")
    for settings in ("pelicanconf.py", "publishconf.py"):
        with (project / settings).open("a", encoding="utf-8") as file:
            file.write("THEME = (\n")
    content = tmp_path / "content"
    content.mkdir()
    options = ["--content", str(content)]
    if task == "publish":
        options += ["--target", str(tmp_path / "site")]
    command = [sys.executable, "-m", "invoke", task, *options]
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, check=False
    )

    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert "invalid Python: '(' was never closed; correct that line" in messages
    assert "Traceback" not in messages
    assert not (tmp_path / "site").exists()
    assert not (content / "journal").exists()


def test_the_setting_pelican_refused_is_named_not_another(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    settings_file = project / "pelicanconf.py"
    lines = settings_file.read_text(encoding="utf-8").splitlines()
    added = ['CACHE_PATH = __import__("pathlib").Path(".cache")', "DEFAULT_LANG = None"]
    settings_file.write_text("\n".join([*lines, *added]) + "\n", encoding="utf-8")

    result = invoke_build(project, tmp_path / "output")

    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"line {len(lines) + 2}: DEFAULT_LANG = None: it must be text" in messages
    assert "CACHE_PATH" not in messages


def test_a_missing_settings_file_is_not_blamed_on_the_tasks(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    (project / "pelicanconf.py").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "new", "--content", str(tmp_path / "c")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert "pelicanconf.py" in messages
    assert "tasks.py" not in messages
    assert "Traceback" not in messages


def test_publish_names_a_missing_content_folder_not_the_settings(tmp_path):
    result = run_invoke(
        "publish",
        "--content",
        str(tmp_path / "nowhere"),
        "--target",
        str(tmp_path / "site"),
    )
    assert result.returncode != 0
    assert "no such content folder" in result.stderr
    assert "publishconf.py" not in result.stderr
    assert not (tmp_path / "site").exists()
