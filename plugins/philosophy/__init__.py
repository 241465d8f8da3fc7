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
from itertools import chain

from pelican import signals
from pelican.utils import get_relative_path, path_to_url

from .faq_jsonld import faq_page_jsonld
from .questions import parse_questions
from .settings import read_settings

logger = logging.getLogger(__name__)

# Ids the theme's own page markup uses (base.html's skip-link target).
THEME_IDS = ("main",)


class QAPageError(Exception):
    """A Q&A page reached the writer with problems; it is never half-written."""


def check_settings(pelican):
    """Stop a build whose PHILOSOPHY_* settings are wrong before it reads content."""
    read_settings(pelican.settings)


def check_questions(generator):
    """Read every Q&A page and log each of its problems, naming the file."""
    settings = read_settings(generator.settings)
    for page in _qa_pages(generator, settings.template):
        # The rendered HTML as read, before Pelican resolves {filename} links:
        # its structure is what is checked, and nothing is resolved too early.
        _, problems = parse_questions(page._content, settings.headings, THEME_IDS)
        for problem in problems:
            logger.error("%s: %s", page.relative_source_path, problem)


def attach_questions(generator, content):
    """Give the Q&A page about to be written its questions and its JSON-LD."""
    settings = read_settings(generator.settings)
    if content.template != settings.template:
        return
    html = content.get_content(_links_base(generator, content))
    qa, problems = parse_questions(html, settings.headings, THEME_IDS)
    if problems:
        lines = "".join(f"\n  - {problem}" for problem in problems)
        raise QAPageError(f"{content.relative_source_path}:{lines}")
    site_url = generator.settings.get("SITEURL", "")
    page_url = f"{site_url}/{content.url}" if site_url else ""
    content.qa = qa
    content.qa_headings = settings.headings
    content.qa_jsonld = faq_page_jsonld(content.title, page_url, qa)


def _qa_pages(generator, template):
    """Every page of the generator (hidden, draft, translated too) of this template."""
    pages = chain(
        generator.pages,
        generator.translations,
        generator.hidden_pages,
        generator.hidden_translations,
        generator.draft_pages,
        generator.draft_translations,
    )
    return [page for page in pages if page.template == template]


def _links_base(generator, page):
    """The site address that Pelican's writer resolves this page's links against
    (pelican.writers.Writer.write_file), so links in the answers work too."""
    if generator.settings["RELATIVE_URLS"]:
        return path_to_url(get_relative_path(page.save_as))
    return generator.context["localsiteurl"]


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(check_settings)
    signals.page_generator_finalized.connect(check_questions)
    signals.page_generator_write_page.connect(attach_questions)
