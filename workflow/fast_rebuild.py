"""Show an edited entry quickly: render only the pages an edit touches.

A full build renders every page again, which on a journal of a thousand
entries takes seconds even when one entry changed. `render_changed` runs
Pelican over the whole content folder (reusing the content cache, so only the
edited files are rendered from Markdown), but writes only the pages of the
changed sources and of the pages that point at them directly (an entry's
older and newer neighbours, whose links show its title). It writes them into
a scratch folder and moves each into the output with an atomic rename, so a
browser never reads a half-written page.

Everything else (index, tags, archives, feed) is left as it was: run the full
staged build (`workflow.build.build_site`) right after to bring it up to date.
A build error raises BuildError and changes nothing. A preview loop does:

    sources = edited_sources(changed_paths, content)
    if sources:
        render_changed(content, output, settings_file, sources)  # ~1 s
        # reload the browser: the edited entry is there
    build_site(content, output, settings_file)  # the rest of the site
"""

import shutil
from pathlib import Path

from workflow import content_cache
from workflow.build import (
    cache_if_possible,
    read_site_settings,
    run_pelican,
    staging_folder,
)

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mkd", ".mdown"})


def edited_sources(changed, content: Path) -> list[Path]:
    """The edited entries and pages the fast path can show first, or [] when
    something else changed too (the theme, a plugin, the settings, a deleted
    or a static file): then only a full build is right."""
    content = Path(content).resolve()
    sources = []
    for path in (Path(changed_path).resolve() for changed_path in changed):
        is_source = path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file()
        if not is_source or content not in path.parents:
            return []
        sources.append(path)
    return sorted(sources)


def touches(item, changed_sources) -> bool:
    """Whether a page must be rendered again after these sources changed: it is
    one of them, or it points at one of them (its older or newer entry...)."""
    if getattr(item, "source_path", None) in changed_sources:
        return True
    return any(
        getattr(value, "source_path", None) in changed_sources
        for value in vars(item).values()
        if hasattr(value, "source_path") and hasattr(value, "save_as")
    )


def render_changed(
    content: Path, output: Path, settings_file: Path, changed, overrides=None
):
    """Render the pages that the `changed` source files touch into `output`,
    with `overrides` (a dict) over the settings file's settings.

    Return the updated pages, relative to `output`."""
    from pelican import Pelican  # noqa: PLC0415
    from pelican.generators import StaticGenerator  # noqa: PLC0415
    from pelican.writers import Writer  # noqa: PLC0415

    class TouchedPagesWriter(Writer):
        """Render and write only the pages of (or pointing at) changed sources."""

        def __init__(self, output_path, settings, changed_sources):
            super().__init__(output_path, settings=settings)
            self.changed_sources = changed_sources
            self.written = []

        def write_feed(self, *args, **kwargs):
            return None

        def write_file(self, name, template, context, *args, **kwargs):
            item = kwargs.get("article") or kwargs.get("page")
            if item is None or not touches(item, self.changed_sources):
                return
            super().write_file(name, template, context, *args, **kwargs)
            self.written.append(name)

    class StaticFilesLeftAlone(StaticGenerator):
        """Know the static files (for links) without copying them again."""

        def generate_output(self, writer):
            pass

    class TouchedPagesPelican(Pelican):
        def __init__(self, settings, changed_sources):
            self.writer = TouchedPagesWriter(
                settings["OUTPUT_PATH"], settings, changed_sources
            )
            super().__init__(settings)

        def _get_writer(self):
            return self.writer

        def _get_generator_classes(self):
            return [
                StaticFilesLeftAlone if cls is StaticGenerator else cls
                for cls in super()._get_generator_classes()
            ]

    content, output = Path(content).resolve(), Path(output).resolve()
    changed_sources = {
        str(Path(path).resolve())
        for path in changed
        if content in Path(path).resolve().parents
    }
    if not changed_sources:
        return []
    scratch = staging_folder(output, "preview")
    cache = None
    try:
        settings = read_site_settings(
            settings_file, content, scratch, **(overrides or {})
        )
        cache_root = content_cache.root_beside(settings_file)
        cache = cache_if_possible(settings, cache_root, settings_file)
        pelican = run_pelican(
            settings, lambda settings: TouchedPagesPelican(settings, changed_sources)
        )
        for name in pelican.writer.written:
            target = output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            (scratch / name).replace(target)
        if cache:
            content_cache.publish(*cache)
        return list(pelican.writer.written)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if cache:
            shutil.rmtree(cache[0], ignore_errors=True)
