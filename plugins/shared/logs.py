"""Plain log lines: one unwrapped line a message, so a long path stays whole."""

import logging
import sys

LOG_FORMAT = "%(levelname)s: %(message)s"


class PlainFormatter(logging.Formatter):
    """`LEVEL: message` on one line; no traceback for an exception whose
    message already says everything (`quiet`, a tuple of exception types)."""

    def __init__(self, quiet: tuple[type[BaseException], ...] = ()):
        super().__init__(LOG_FORMAT)
        self.quiet = quiet

    def formatException(self, ei) -> str:
        if self.quiet and isinstance(ei[1], self.quiet):
            return ""
        return super().formatException(ei)


class PlainHandler(logging.StreamHandler):
    """A handler that writes plain lines to stderr."""

    def __init__(self, quiet: tuple[type[BaseException], ...] = (), stream=None):
        super().__init__(stream or sys.stderr)
        self.setFormatter(PlainFormatter(quiet))


def use_plain_log(
    level: int | None = None, quiet: tuple[type[BaseException], ...] = ()
) -> None:
    """Send the root logger's messages to stderr as plain lines, once."""
    root = logging.getLogger()
    if not any(isinstance(handler, PlainHandler) for handler in root.handlers):
        root.addHandler(PlainHandler(quiet))
    if level is not None:
        root.setLevel(level)
