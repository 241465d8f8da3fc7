"""The images plugin's settings: defaults in one place, and their checks.

IMAGES_WIDTHS
    The widths in pixels each photo is published at, besides its own (never
    wider than the photo itself); the reader's browser picks the one its
    screen needs (default (480, 800, 1200)).
IMAGES_SIZES
    How wide the theme shows a photo, for the browser's choice: the `sizes`
    of every published image (default: the theme's column, 40rem wide, less
    its margins on a phone).

The link-preview cards take their colours from the tokens of the theme's
stylesheet (`THEME/static/css/site.css`), and page addresses from SITEURL,
which must be absolute (link previews need absolute image URLs).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import PIL

from ..shared.settings import SettingError, absolute_site_url, plugin_values

PLUGIN = "images"
DEFAULTS = {
    "IMAGES_WIDTHS": (480, 800, 1200),
    # The theme's column: 40rem from 44rem screens on (site.css: --measure),
    # else the screen less the gutters (at least 1rem a side).
    "IMAGES_SIZES": "(min-width: 44rem) 40rem, calc(100vw - 2rem)",
}
NARROWEST = 16
# The theme's stylesheet, whose tokens colour the link-preview cards.
STYLESHEET = Path("static") / "css" / "site.css"


@dataclass(frozen=True)
class ImagesSettings:
    """The plugin's settings, checked (plain data: Pelican pickles settings)."""

    site_url: str
    widths: tuple[int, ...] = DEFAULTS["IMAGES_WIDTHS"]
    sizes: str = DEFAULTS["IMAGES_SIZES"]
    relative_urls: bool = False
    cache_path: str = ""
    stylesheet: str = ""
    intrasite_link: str = "[{|](?P<what>.*?)[|}]"
    site_name: str = ""
    site_subtitle: str = ""
    # Part of every derived file's key: another Pillow may encode other bytes.
    encoder: str = f"Pillow {PIL.__version__}"


def read_settings(settings: Mapping) -> ImagesSettings:
    """The plugin's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "IMAGES_", DEFAULTS, settings)
    theme = settings.get("THEME") or ""
    return ImagesSettings(
        site_url=absolute_site_url(PLUGIN, settings),
        widths=_widths(values["IMAGES_WIDTHS"]),
        sizes=_sizes(values["IMAGES_SIZES"]),
        relative_urls=bool(settings.get("RELATIVE_URLS")),
        cache_path=str(settings.get("BUILD_CACHE_PATH") or ""),
        stylesheet=str(Path(theme) / STYLESHEET) if theme else "",
        intrasite_link=str(
            settings.get("INTRASITE_LINK_REGEX") or ImagesSettings.intrasite_link
        ),
        site_name=str(settings.get("SITENAME") or ""),
        site_subtitle=str(settings.get("SITESUBTITLE") or ""),
    )


def _widths(value: object) -> tuple[int, ...]:
    name = "IMAGES_WIDTHS"
    fix = f"give whole numbers of pixels, {NARROWEST} or more, like (480, 800, 1200)"
    if not isinstance(value, list | tuple) or not value:
        raise SettingError(PLUGIN, name, f"is {value!r}: {fix}")
    for width in value:
        if isinstance(width, bool) or not isinstance(width, int) or width < NARROWEST:
            raise SettingError(PLUGIN, name, f"holds {width!r}: {fix}")
    return tuple(sorted(set(value)))


def _sizes(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingError(
            PLUGIN,
            "IMAGES_SIZES",
            f"is {value!r}: give the width the theme shows images at, as an "
            "HTML sizes attribute, like '(min-width: 44rem) 40rem, 100vw'",
        )
    return " ".join(value.split())
