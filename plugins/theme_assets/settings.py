"""theme_assets' settings: Pelican's own theme settings, read once and checked.

The plugin has no settings of its own (a name with its prefix,
THEME_ASSETS_..., is refused as misspelt). It reads Pelican's:

THEME, THEME_STATIC_PATHS, THEME_STATIC_DIR
    Which files of the theme are published, and under which folder of the site
    (`theme/static/css/site.css` becomes `theme/css/site.3f2a9c1e.css`).
IGNORE_FILES
    Names (glob patterns) that are never published, as Pelican skips them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..shared.settings import SettingError, plugin_values
from .names import PLUGIN

DEFAULTS: dict[str, object] = {}


@dataclass(frozen=True)
class ThemeAssetsSettings:
    """Where the theme's files come from and where the site publishes them."""

    static_paths: tuple[str, ...]  # absolute files or folders in the theme
    static_dir: str  # the site's folder for them: "theme"
    ignore_files: tuple[str, ...] = ()


def read_settings(settings: Mapping) -> ThemeAssetsSettings:
    """The plugin's view of Pelican's settings; SettingError names a wrong one."""
    plugin_values(PLUGIN, "THEME_ASSETS_", DEFAULTS, settings)
    theme = Path(str(settings.get("THEME") or ""))
    paths = settings.get("THEME_STATIC_PATHS", ["static"])
    if isinstance(paths, str) or not all(isinstance(path, str) for path in paths):
        raise SettingError(
            PLUGIN,
            "THEME_STATIC_PATHS",
            f"is {paths!r}: give a list of paths inside the theme, like ['static']",
        )
    static_dir = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/")
    if not static_dir:
        raise SettingError(
            PLUGIN,
            "THEME_STATIC_DIR",
            "is empty: hashed theme files need a folder of their own, like 'theme'",
        )
    return ThemeAssetsSettings(
        static_paths=tuple(str(theme / path) for path in paths),
        static_dir=static_dir,
        ignore_files=tuple(settings.get("IGNORE_FILES") or ()),
    )
