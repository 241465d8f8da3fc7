"""strict_build: every error a build logs is reported, in one plain line each."""

import logging

import pytest

from plugins.shared.logs import PlainFormatter
from plugins.strict_build.problems import (
    BuildFailed,
    ProblemRecorder,
    failure,
    problem_line,
)
from plugins.strict_build.settings import pelican_setting_problems


@pytest.mark.parametrize(
    ("message", "error", "expected"),
    [
        ("Could not process a.md", None, "Could not process a.md"),
        (
            "Could not process a.md",
            ValueError("'x' is not a valid date"),
            "Could not process a.md: 'x' is not a valid date",
        ),
        ("Skipping a.md: bad date 'x'", ValueError("bad date 'x'"), None),
    ],
)
def test_a_problem_line_adds_the_hidden_cause_once(message, error, expected):
    assert problem_line(message, error) == (expected or message)


def test_no_problem_means_no_failure():
    assert failure([]) is None


def test_failure_lists_every_problem():
    error = failure(["a.md: one", "b.md: two"])
    assert isinstance(error, BuildFailed)
    assert "2 problems" in str(error)
    assert "  - a.md: one\n  - b.md: two" in str(error)


def test_recorder_keeps_errors_and_ignores_warnings_and_the_final_report():
    recorder = ProblemRecorder()
    logger = logging.getLogger("tests.strict_build")
    logger.addHandler(recorder)
    try:
        logger.warning("just a warning")
        logger.error("%s: broken", "journal/x.md")
        logger.critical("BuildFailed: ...")
    finally:
        logger.removeHandler(recorder)
    assert recorder.problems == ["journal/x.md: broken"]


def test_a_warning_that_breaks_the_site_is_a_problem_with_its_fix():
    recorder = ProblemRecorder()
    logger = logging.getLogger("tests.strict_build")
    logger.addHandler(recorder)
    try:
        logger.warning('Unable to generate valid slug for %s "%s".', "Tag", "??")
    finally:
        logger.removeHandler(recorder)
    assert recorder.all_problems() == [
        'Unable to generate valid slug for Tag "??": give it letters or digits '
        "(a tag or category made only of punctuation has no address of its own)"
    ]
    recorder.named("??")  # told again, with the file that has it
    assert recorder.all_problems() == []


def test_a_plugin_that_did_not_load_is_the_next_builds_first_problem():
    """Pelican loads the plugins before the build starts (and reports nothing
    of it to a plugin): the recorder keeps the error for the build."""
    recorder = ProblemRecorder()
    logger = logging.getLogger("tests.strict_build.loading")
    logger.propagate = False  # the site's own recorder must not hear it
    logger.addHandler(recorder)
    try:
        logger.error("Cannot load plugin `%s`\n%s", "plugins.imagse", "No module")
        recorder.start()
        logger.error("journal/x.md: broken")
        first = list(recorder.problems)
        recorder.reset()
        logger.error("Cannot load plugin `%s`\n%s", "plugins.other", "No module")
        recorder.start()
    finally:
        logger.removeHandler(recorder)
    assert first == [
        "Cannot load plugin `plugins.imagse`: No module: "
        "check its name in PLUGINS (pelicanconf.py)",
        "journal/x.md: broken",
    ]
    assert recorder.problems == [
        "Cannot load plugin `plugins.other`: No module: "
        "check its name in PLUGINS (pelicanconf.py)"
    ], "each build hears its own plugins, and only those"


def test_plain_formatter_keeps_long_paths_on_one_line_without_traceback():
    path = "journal/" + "very-long-folder-name/" * 10 + "2023-08-30.md"
    try:
        raise failure([f"{path}: broken"])
    except BuildFailed as error:
        record = logging.LogRecord(
            "pelican",
            logging.CRITICAL,
            __file__,
            1,
            "%s",
            (error,),
            (type(error), error, error.__traceback__),
        )
    text = PlainFormatter(quiet=(BuildFailed,)).format(record)
    assert f"  - {path}: broken" in text.splitlines()
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("settings", "wrong"),
    [
        ({"TIMEZONE": "Europe/London", "DEFAULT_PAGINATION": 10}, []),
        ({"DEFAULT_PAGINATION": False}, []),
        ({"DEFAULT_PAGINATION": None}, []),
        ({"TIMEZONE": "Mars/Base"}, ["TIMEZONE"]),
        ({"TIMEZONE": ""}, ["TIMEZONE"]),
        ({"TIMEZONE": 5}, ["TIMEZONE"]),
        ({"DEFAULT_PAGINATION": "x"}, ["DEFAULT_PAGINATION"]),
        ({"DEFAULT_PAGINATION": 0}, ["DEFAULT_PAGINATION"]),
        ({"DEFAULT_PAGINATION": True}, ["DEFAULT_PAGINATION"]),
    ],
)
def test_pelican_settings_every_page_needs_are_checked_once(settings, wrong):
    problems = pelican_setting_problems(settings)
    assert [problem.split()[1] for problem in problems] == wrong
