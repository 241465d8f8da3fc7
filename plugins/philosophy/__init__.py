"""philosophy: the leadership Q&A page, each question answered by a philosophy
and a strategy.

A page whose template is ``philosophy`` (``Template: philosophy``, or the
template named by ``PHILOSOPHY_TEMPLATE``) is read into questions before
anything is written: every problem of every such page is logged as an error
naming the file, which fails the build (see ``strict_build``). Just before the
page is written it gets, for its template:

- ``page.qa``: the questions (``questions.QAPage``),
- ``page.qa_headings``: the section heading words (``philosophy``, ``strategy``),
- ``page.qa_jsonld``: its schema.org FAQPage JSON-LD, ready for a script element.
"""

import logging

from pelican import signals
from pelican.utils import get_relative_path, path_to_url

from ..shared.cache import BuildMemo, digest
from ..shared.contents import generator_contents
from ..shared.settings import absolute_site_url, remember, remembered
from ..shared.urls import absolute_url
from .faq_jsonld import faq_page_jsonld
from .settings import PLUGIN, QASettings, read_settings

logger = logging.getLogger(__name__)

# Ids the theme's own page markup uses (base.html's skip-link target).
THEME_IDS = ("main",)


class QAPageError(Exception):
    """A Q&A page reached the writer with problems; it is never half-written."""


# Q&A pages read by earlier builds, by the digest of their HTML and settings:
# a build that finds a page unchanged neither parses it nor loads the parser.
_readings = BuildMemo(PLUGIN, "readings")


def read_qa_settings(pelican) -> None:
    """Read the plugin's settings once; a wrong one stops the build here."""
    remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def read_page(html: str, settings: QASettings):
    """(the page's questions or None, its problems as lines), as parsed once."""

    def parse():
        from .questions import parse_questions  # noqa: PLC0415 - only when needed

        qa, problems = parse_questions(
            html, settings.headings, THEME_IDS, settings.slugify
        )
        return qa, [str(problem) for problem in problems]

    key = digest(html, repr(sorted(settings.headings.items())), repr(settings.slugify))
    return _readings.get(key, parse)


def qa_settings(settings) -> QASettings:
    """The plugin's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def check_questions(generator) -> None:
    """Read every Q&A page and log each of its problems, naming the file."""
    settings = qa_settings(generator.settings)
    for page in generator_contents(generator):
        if page.template != settings.template:
            continue
        # The rendered HTML as read, before Pelican resolves {filename} links:
        # its structure is what is checked, and nothing is resolved too early.
        _, problems = read_page(page._content, settings)
        for problem in problems:
            logger.error("%s: %s", page.relative_source_path, problem)


def attach_questions(generator, content) -> None:
    """Give the Q&A page about to be written its questions and its JSON-LD."""
    settings = qa_settings(generator.settings)
    if content.template != settings.template:
        return
    html = content.get_content(_links_base(generator, content))
    qa, problems = read_page(html, settings)
    if problems:
        lines = "".join(f"\n  - {problem}" for problem in problems)
        raise QAPageError(f"{content.relative_source_path}:{lines}")
    site_url = absolute_site_url(PLUGIN, generator.settings)
    content.qa = qa
    content.qa_headings = settings.headings
    page_url = absolute_url(site_url, content.url)
    image = getattr(content, "preview_image", None)

    def jsonld():
        return faq_page_jsonld(content.title, page_url, qa, image)

    key = digest("json-ld", content.title, page_url, repr(qa), repr(image))
    content.qa_jsonld = _readings.get(key, jsonld)


def _links_base(generator, page) -> str:
    """The site address that Pelican's writer resolves this page's links against
    (pelican.writers.Writer.write_file), so links in the answers work too."""
    if generator.settings["RELATIVE_URLS"]:
        return path_to_url(get_relative_path(page.save_as))
    return generator.context["localsiteurl"]


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_qa_settings)
    signals.initialized.connect(_readings.open)
    signals.page_generator_finalized.connect(check_questions)
    signals.page_generator_write_page.connect(attach_questions)
    signals.finalized.connect(_readings.save)
