"""Build a site into a staging folder; swap it in only when the build succeeds.

A failed build leaves the previous output exactly as it was: Pelican writes
into a fresh sibling folder, and only a complete site replaces the old one.
"""

import copy
import logging
import shutil
import uuid
from pathlib import Path

from plugins.shared.cache import cache_path
from plugins.shared.logs import use_plain_log
from workflow import content_cache
from workflow.search_index import SearchIndexError, index_site


class BuildError(Exception):
    """The site could not be built; the message says why and what to do."""


def staging_folder(output: Path, purpose: str = "staging") -> Path:
    """Return a new, unused folder beside `output` (same file system)."""
    return output.with_name(f".{output.name}.{purpose}-{uuid.uuid4().hex[:8]}")


def read_site_settings(settings_file: Path, content: Path, output: Path, **overrides):
    """Read Pelican settings for building `content` into `output`."""
    from pelican.settings import read_settings  # noqa: PLC0415

    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **overrides}
    # A copy: Pelican changes some settings in place (MARKDOWN's extensions),
    # which would otherwise leak into the next build of the same process.
    return copy.deepcopy(read_settings(str(settings_file), override=override))


def run_pelican(settings, make_pelican=None):
    """Run one Pelican build with these settings (with `make_pelican(settings)`,
    a Pelican of one's own); return it; raise BuildError on failure."""
    from pelican import Pelican  # noqa: PLC0415

    use_plain_log(logging.WARNING)
    try:
        pelican = (make_pelican or Pelican)(settings)
        pelican.run()
    except Exception as error:
        raise BuildError(str(error)) from error
    finally:
        forget_rendered_content()
    return pelican


def forget_rendered_content() -> None:
    """Drop what Pelican memoized about this build's pages.

    Pelican keeps every page's content and summary in class-level caches that
    outlive the build: a process that builds again and again (`invoke serve`)
    would hold every earlier build in memory."""
    from pelican.contents import Content  # noqa: PLC0415

    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def swap_in(staging: Path, output: Path) -> None:
    """Put the finished `staging` folder in the place of `output`."""
    if not output.exists():
        staging.rename(output)
        return
    retired = staging_folder(output, "old")
    output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired)


def build_site(content: Path, output: Path, settings_file: Path, **overrides) -> Path:
    """Build `content` into `output`; on failure `output` is left untouched.

    Markdown that an earlier build rendered with the same settings, theme,
    plugins and packages is reused (see workflow/content_cache.py)."""
    content, output = Path(content).resolve(), Path(output).resolve()
    if not content.is_dir():
        raise BuildError(
            f"{content}: no such content folder; pass --content with the folder "
            "that holds journal/ and pages/"
        )
    if output.exists() and not output.is_dir():
        raise BuildError(
            f"{output}: is a file, not a folder; pass --output with a folder "
            "(it is created if missing)"
        )
    if output == content or output in content.parents:
        raise BuildError(
            f"{output}: the output folder would replace the content; "
            "choose another --output"
        )
    staging = staging_folder(output)
    cache_root = content_cache.root_beside(settings_file)
    cache = None
    try:
        settings = read_site_settings(settings_file, content, staging, **overrides)
        cache = cache_if_possible(settings, cache_root, settings_file)
        run_pelican(settings)
        index_search(staging, settings)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if cache:
            shutil.rmtree(cache[0], ignore_errors=True)
        raise
    swap_in(staging, output)
    if cache:
        content_cache.publish(*cache)
        content_cache.prune(cache_root)
    return output


def index_search(site: Path, settings) -> None:
    """Write the search index into the built `site` (workflow/search_index.py)."""
    try:
        index_site(site, cache_path(settings, "search"))
    except SearchIndexError as error:
        raise BuildError(str(error)) from error


def cache_if_possible(settings, cache_root: Path, settings_file: Path):
    """Use the content cache, or build without it when its folder cannot be
    written (a read-only checkout): slower, never a failed build."""
    try:
        return content_cache.use_cache(settings, cache_root, settings_file)
    except OSError as error:
        logging.getLogger(__name__).warning(
            "%s: the content cache cannot be used (%s); building without it",
            cache_root,
            error.strerror or error,
        )
        return None
