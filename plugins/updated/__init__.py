"""updated: when an entry or page last changed, and the note readers see.

An entry's or page's `modified` (Pelican's: the feed's <updated>, the
sitemap's <lastmod>, the JSON-LD's dateModified) is its `Modified:` line or,
failing that, the time of the last commit that changed its file after the one
that added it, when the content folder is in a git repository: one `git log`
call a build, when the build starts. Content changed a day or more after its
date gets `update_note`, which the theme shows as "Updated YYYY-MM-DD".
"""

import logging
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

from ..shared.cache import Memo, cache_folder, digest
from ..shared.git_head import git_head
from ..shared.settings import remember, remembered
from .dates import git_updated, modified_problem, update_note
from .git_history import content_changes
from .settings import PLUGIN, UpdatedSettings, read_settings

__all__ = ["register"]

# Where the content folder's git history is kept for the build, by file.
HISTORY = "updated.git_history"

logger = logging.getLogger(__name__)


def read_updated_settings(pelican) -> None:
    """Read the settings once, and the content folder's git history with them."""
    settings = remember(pelican.settings, PLUGIN, read_settings(pelican.settings))
    remember(pelican.settings, HISTORY, git_history(pelican.settings, settings))


def git_history(settings, options: UpdatedSettings) -> dict[str, int]:
    """{file: Unix time of its last change} of the content folder, or {}: read
    once per commit (a build with the repository at the same commit finds
    the history it read before)."""
    if not options.from_git or not settings.get("PATH"):
        return {}
    folder = Path(settings["PATH"])
    head = git_head(folder)
    if head is None or head.startswith("unborn:"):
        return content_changes(folder)
    memo = Memo(cache_folder(settings, PLUGIN) / "history")
    history = memo.get(
        digest(head, str(folder.resolve())), lambda: content_changes(folder)
    )
    memo.save()
    return history


def date_update(content) -> None:
    """Give an entry or page its update time and note, as Pelican makes it."""
    if not isinstance(content, Article | Page):
        return
    if not hasattr(content, "modified"):
        options = remembered(content.settings, PLUGIN, read_settings)
        history = remembered(
            content.settings, HISTORY, lambda s: git_history(s, options)
        )
        changed = history.get(content.relative_source_path)
        moment = git_updated(getattr(content, "date", None), changed, content.timezone)
        if moment is not None:
            content.modified = moment
            content.locale_modified = moment.strftime(content.date_format)
    content.update_note = update_note(
        getattr(content, "date", None),
        getattr(content, "modified", None),
        content.date_format,
    )


def check_modified(generator) -> None:
    """Log an error for every entry or page whose `Modified:` line comes
    before its date: the feed, the sitemap and search engines would be told
    it changed before it was written (strict_build stops the build)."""
    lists = ("articles", "hidden_articles", "pages", "hidden_pages")
    for content in chain.from_iterable(getattr(generator, name, ()) for name in lists):
        if "modified" not in content.metadata:
            continue  # from git: never before the date
        problem = modified_problem(
            getattr(content, "date", None), getattr(content, "modified", None)
        )
        if problem:
            logger.error("%s: %s", content.relative_source_path, problem)


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_updated_settings)
    signals.content_object_init.connect(date_update)
    signals.article_generator_finalized.connect(check_modified)
    signals.page_generator_finalized.connect(check_modified)
