"""Collect the errors a Pelican build logs, so that a build with errors fails.

Stock Pelican logs an error, skips the file and exits 0. This module keeps a
record of every error logged during one build; the plugin glue turns that
record into an exception before anything is written.
"""

import logging
import sys
from pathlib import Path

from .unreadable import explained

# Pelican's warning of a tag, category or author that makes no address: a
# problem (with its fix) until the file that has it is named (see `named`).
NAMELESS = 'Unable to generate valid slug for %s "%s".'
NAMELESS_FIX = (
    "give it letters or digits (a tag or category made only of punctuation "
    "has no address of its own)"
)
# What Pelican logs while it loads and registers the plugins, before any
# signal (a misspelt name in PLUGINS), and how to fix it.
PLUGIN_PROBLEMS = ("Cannot load plugin", "Cannot register plugin")
PLUGIN_FIX = "check its name in PLUGINS (pelicanconf.py)"
# What Pelican logs for a source file its reader failed on.
UNREADABLE = "Could not process %s"
# What Pelican logs, and skips, for a page without a title.
MISSING_PROPERTY = "Skipping %s: could not find information about '%s'"


class BuildFailed(Exception):
    """The build met bad content; its message lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"the build found {count} {noun}:\n{lines}")


class ProblemRecorder(logging.Handler):
    """A logging handler that remembers every ERROR (or worse) message, and the
    warning of a name that makes no address.

    The plugins' own problems come before the build is under way: they are
    kept aside (`loading`) until `start()` makes them the build's first."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.problems = []
        self.loading = []
        self.content = None
        self.nameless = {}  # name: the problem, until its file is named

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.CRITICAL:
            return  # Pelican's own report of the exception we raise
        message = record.getMessage()
        if record.levelno >= logging.ERROR and message.startswith(PLUGIN_PROBLEMS):
            parts = [part.strip() for part in message.splitlines() if part.strip()]
            line = problem_line(": ".join(parts), sys.exc_info()[1])
            self.loading.append(f"{line}: {PLUGIN_FIX}")
            return
        if record.levelno < logging.ERROR:
            if record.msg == NAMELESS:
                self.nameless[str(record.args[1])] = (
                    f"{message.rstrip('.')}: {NAMELESS_FIX}"
                )
            return
        error = sys.exc_info()[1]
        line = unreadable_file(self.content, record, error)
        line = line or missing_property(self.content, record)
        self.problems.append(line or problem_line(message, error))

    def start(self, content: str | None = None) -> None:
        """A build of the folder `content` starts: its problems are those of
        loading its plugins."""
        self.problems, self.loading = self.loading, []
        self.content = content
        self.nameless = {}

    def named(self, name: str) -> None:
        """The tag, category or author `name` was told with the file that
        has it."""
        self.nameless.pop(name, None)

    def all_problems(self) -> list[str]:
        """Every problem of the build so far."""
        return [*self.problems, *self.nameless.values()]

    def reset(self) -> None:
        self.problems = []
        self.nameless = {}


def unreadable_file(
    content: str | None, record: logging.LogRecord, error: BaseException | None
) -> str | None:
    """For Pelican's "Could not process FILE", the line that says where in
    the file and how to fix it, when it can be told (see `unreadable`)."""
    if content is None or record.msg != UNREADABLE or not record.args:
        return None
    name = str(record.args[0])
    try:
        data = (Path(content) / name).read_bytes()
    except OSError:
        return None
    return explained(name, data, error)


def missing_property(content: str | None, record: logging.LogRecord) -> str | None:
    """For Pelican's "Skipping FILE: could not find information about 'title'",
    which the build does not skip but fails on, the line that says the fix."""
    if record.msg != MISSING_PROPERTY or len(record.args) != 2:
        return None
    source, name = (str(arg) for arg in record.args)
    if content and Path(source).is_relative_to(content):
        source = Path(source).relative_to(content).as_posix()
    return (
        f"{source}: it has no {name}: add a line '{name.capitalize()}: ...' at its top"
    )


def problem_line(message: str, error: BaseException | None = None) -> str:
    """Return the problem as one line: Pelican's message and, when Pelican hid
    it, the error that caused it ("Could not process x.md: <why>")."""
    message = message.strip()
    if error is None or str(error) in message:
        return message
    return f"{message}: {error}"


def failure(problems: list[str]) -> "BuildFailed | None":
    """Return the exception that ends a build with these problems, or None."""
    return BuildFailed(problems) if problems else None
