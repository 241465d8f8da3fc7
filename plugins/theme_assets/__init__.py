"""theme_assets: the theme's files, published under content-hashed names.

Every file of the theme's static folder (the stylesheet, the favicon, and any
script, font or image added there) is written to the site as
`theme/<its path, with a digest of its bytes>`: `theme/css/site.3f2a9c1e.css`.
Hosts and browsers may keep such a file for a year; a changed file gets a new
name, which the pages of the new build link. Templates link a file by its
path in `theme/static/`:

    <link rel="stylesheet" href="{{ SITEURL }}/{{ 'css/site.css'|theme_asset }}">

FAVICON, when it names a theme file (`theme/favicon.svg`), is given its hashed
name too, so the pages and the feed's icon use it. Pelican's own copy of the
theme's files under their plain names is turned off: nothing links them. List
this plugin before the plugins that read FAVICON (atom_feed).
"""

from functools import partial
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from ..shared.settings import remember, remembered
from .names import PLUGIN, ThemeAssets, hashed_assets, hashed_site_path
from .settings import read_settings
from .sources import theme_files

__all__ = ["register", "theme_asset_path"]


def read_theme(settings) -> ThemeAssets:
    """The theme's files of this build, each with its hashed name."""
    options = read_settings(settings)
    files = theme_files(options.static_paths, options.ignore_files)
    return ThemeAssets(options.static_dir, hashed_assets(files))


def name_theme_files(pelican) -> None:
    """Name the theme's files once; point FAVICON at the hashed icon and stop
    Pelican copying the files under their plain names."""
    theme = remember(pelican.settings, PLUGIN, read_theme(pelican.settings))
    pelican.settings["FAVICON"] = hashed_site_path(
        pelican.settings.get("FAVICON"), theme.assets, theme.static_dir
    )
    pelican.settings["THEME_STATIC_PATHS"] = []


def theme_asset_path(settings, source: str) -> str:
    """The published path of a theme file, for other plugins: `css/site.css`
    is `theme/css/site.3f2a9c1e.css`."""
    return remembered(settings, PLUGIN, read_theme).path(source)


def add_filter(generator) -> None:
    """Give this generator's templates the `theme_asset` filter."""
    theme = remembered(generator.settings, PLUGIN, read_theme)
    generator.env.filters["theme_asset"] = pass_context(partial(linked_asset, theme))


def linked_asset(theme: ThemeAssets, context, source: str) -> str:
    """The `theme_asset` filter: a theme file's published path; an unknown
    file fails the build, naming the template that asked for it."""
    return theme.path(source, asked_by=f"the template {context.name}")


def write_theme_files(pelican) -> None:
    """Write every theme file under its hashed name."""
    theme = remembered(pelican.settings, PLUGIN, read_theme)
    folder = Path(pelican.output_path) / theme.static_dir
    for asset in theme.assets.values():
        path = folder / asset.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(asset.data)


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(name_theme_files)
    signals.generator_init.connect(add_filter)
    signals.finalized.connect(write_theme_files)
