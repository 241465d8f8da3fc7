"""strict_build: a build that logs an error fails, before anything is written."""

import logging
from functools import partial

from pelican import signals
from pelican.generators import PelicanTemplateNotFound

from ..shared.contents import generator_contents
from ..shared.logs import PlainHandler, use_plain_log
from .contents import missing_templates, nameless, nameless_problem, shared_addresses
from .problems import BuildFailed, ProblemRecorder, failure
from .settings import pelican_setting_problems

logger = logging.getLogger(__name__)

__all__ = ["BuildFailed", "register"]

_recorder = ProblemRecorder()


def listen() -> logging.Logger:
    """Hear every logger (once), from now on: errors too under `pelican -q`."""
    root = logging.getLogger()
    if _recorder not in root.handlers:
        root.addHandler(_recorder)
    hear_errors_when_quiet([root, logging.getLogger("pelican")])
    return root


def start_recording(pelican) -> None:
    """Listen to every logger from the start of this build."""
    _recorder.start(pelican.settings.get("PATH"))
    unwrap_piped_log(listen())
    problems = pelican_setting_problems(pelican.settings)
    if problems:
        raise BuildFailed(problems)


def hear_errors_when_quiet(loggers: list[logging.Logger]) -> None:
    """`pelican -q` shows only critical messages by raising the loggers'
    levels, which would keep errors from the recorder: the loggers let errors
    through again, and their other handlers keep showing what was asked."""
    for quiet in loggers:
        if quiet.level > logging.ERROR:
            for handler in quiet.handlers:
                if handler is not _recorder and handler.level < quiet.level:
                    handler.setLevel(quiet.level)
            quiet.setLevel(logging.ERROR)


def unwrap_piped_log(root: logging.Logger) -> None:
    """When Pelican's log goes to a file or a pipe (CI), write plain lines that
    keep a long path whole, instead of a table wrapped at 80 columns."""
    for handler in list(root.handlers):
        console = getattr(handler, "console", None)
        if console is not None and not console.is_terminal:
            root.removeHandler(handler)
            use_plain_log(quiet=(BuildFailed,))
            for plain in root.handlers:  # shows no more than it did
                if isinstance(plain, PlainHandler):
                    plain.setLevel(max(plain.level, handler.level))


def check_contents(generator) -> None:
    """Log an error for every entry or page that has a tag or category with no
    address of its own, or a template the theme lacks, naming it."""
    contents = list(generator_contents(generator))
    for source, field, name in nameless(contents):
        logger.error("%s", nameless_problem(source, field, name))
        _recorder.named(name)
    for line in missing_templates(
        contents, partial(_has_template, generator), partial(_offered, generator)
    ):
        logger.error("%s", line)


def _offered(generator) -> set[str]:
    """The page templates the theme has (its files outside its folders)."""
    return {
        name.removesuffix(".html")
        for name in generator.env.list_templates(extensions=["html"])
        if "/" not in name
    }


def _has_template(generator, name: str) -> bool:
    try:
        generator.get_template(name)  # kept by the generator for writing
    except PelicanTemplateNotFound:
        return False
    return True


def check_addresses(generators) -> None:
    """Log an error for every address two files would be written to (entries
    and pages with one slug, a page named as a page of the site's own), then
    fail the build on every problem found."""
    settings = generators[0].settings
    written = (
        (content.relative_source_path, content.save_as)
        for generator in generators
        for content in generator_contents(generator)
        if content.save_as
    )
    site_pages = {
        settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): name
        for name in settings.get("DIRECT_TEMPLATES", ())
    }
    for line in shared_addresses(written, site_pages):
        logger.error("%s", line)
    stop_if_problems()


def stop_if_problems(*_args, **_kwargs) -> None:
    """Fail the build when an error was logged so far."""
    problem = failure(_recorder.all_problems())
    if problem:
        _recorder.reset()
        raise problem


# Pelican imports this plugin first (it heads PLUGINS), then loads the others
# and registers them all before any signal: it hears their errors too.
listen()


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(start_recording)
    signals.article_generator_finalized.connect(check_contents)
    signals.page_generator_finalized.connect(check_contents)
    signals.all_generators_finalized.connect(check_addresses)
    signals.finalized.connect(stop_if_problems)
