"""strict_build: a build that logs an error fails, before anything is written."""

import logging

from pelican import signals

from .problems import BuildFailed, ProblemRecorder, failure

__all__ = ["BuildFailed", "register"]

_recorder = ProblemRecorder()


def start_recording(pelican):
    """Listen to every logger from the start of this build."""
    _recorder.reset()
    root = logging.getLogger()
    if _recorder not in root.handlers:
        root.addHandler(_recorder)


def stop_if_problems(*_args, **_kwargs):
    """Fail the build when an error was logged so far."""
    problem = failure(_recorder.problems)
    if problem:
        _recorder.reset()
        raise problem


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(start_recording)
    signals.all_generators_finalized.connect(stop_if_problems)
    signals.finalized.connect(stop_if_problems)
