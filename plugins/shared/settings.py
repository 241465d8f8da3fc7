"""How every plugin reads its settings, and how a wrong one is told.

A plugin's settings carry its prefix (`JOURNAL_`, `PHILOSOPHY_`...). Each
plugin's `settings.py` holds its defaults in one `DEFAULTS` mapping and a pure
`read_settings(settings)` that returns a frozen dataclass or raises
`SettingError`; its `__init__.py` reads them once, at `initialized`, with
`remember`, and its other receivers find them with `remembered`. Every wrong
value and every unknown prefixed name (with the closest known one suggested)
stops the build with one message shape:

    journal: setting JOURNAL_DATE_FORMAT must be ..., not 3
"""

import difflib
from collections.abc import Callable, Mapping, MutableMapping
from typing import TypeVar

from .urls import is_absolute_url

# Where the settings each plugin read at `initialized` are kept: in Pelican's
# settings themselves, which every generator and the feed's context share.
STORE = "PLUGIN_SETTINGS"

T = TypeVar("T")


class SettingError(ValueError):
    """A setting has a value a plugin cannot use; the message names both."""

    def __init__(self, plugin: str, name: str, problem: str):
        self.plugin = plugin
        self.name = name
        super().__init__(f"{plugin}: setting {name} {problem}")


def plugin_values(
    plugin: str, prefix: str, defaults: Mapping[str, object], settings: Mapping
) -> dict[str, object]:
    """The plugin's settings by name, defaults filled in; raise SettingError for
    a name with the plugin's prefix that the plugin does not know."""
    for name in settings:
        if isinstance(name, str) and name.startswith(prefix) and name not in defaults:
            raise SettingError(
                plugin, name, unknown_name_problem(name, prefix, defaults)
            )
    return {name: settings.get(name, default) for name, default in defaults.items()}


def unknown_name_problem(name: str, prefix: str, known: Mapping[str, object]) -> str:
    """What to say of a misspelt or unknown setting name (the words after the
    prefix decide which known name is closest)."""
    by_words = {known_name.removeprefix(prefix): known_name for known_name in known}
    close = difflib.get_close_matches(name.removeprefix(prefix), by_words, n=1)
    if close:
        return f"is not a setting of the plugin: did you mean {by_words[close[0]]}?"
    return f"is not a setting of the plugin; its settings are {', '.join(known)}"


def require_bool(plugin: str, name: str, value: object) -> bool:
    """The value when it is True or False; else a SettingError."""
    if not isinstance(value, bool):
        raise SettingError(plugin, name, f"must be True or False, not {value!r}")
    return value


def require_int(plugin: str, name: str, value: object, minimum: int) -> int:
    """The value when it is a whole number of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SettingError(
            plugin, name, f"is {value!r}: give a whole number, {minimum} or more"
        )
    return value


def absolute_site_url(plugin: str, settings: Mapping) -> str:
    """SITEURL without its trailing slash, when it is an absolute address."""
    site_url = str(settings.get("SITEURL") or "").rstrip("/")
    if not is_absolute_url(site_url):
        raise SettingError(
            plugin,
            "SITEURL",
            f"is {site_url!r}, but the site's ids, links and link previews need "
            "its absolute address: set it to one like https://journal.example.com "
            "(the environment variable SITEURL does this for production builds)",
        )
    return site_url


def require_plain_summaries(plugin: str, settings: Mapping) -> None:
    """Summaries are plain text, shown as typed: Pelican must not render them."""
    if "summary" in (settings.get("FORMATTED_FIELDS") or ()):
        raise SettingError(
            plugin,
            "FORMATTED_FIELDS",
            "holds 'summary', so Pelican would turn the author's plain-text "
            "summaries into HTML; they are shown as typed: set FORMATTED_FIELDS = []",
        )


def remember(settings: MutableMapping, plugin: str, value: T) -> T:
    """Keep a plugin's settings, read at `initialized`, for the rest of the build."""
    settings.setdefault(STORE, {})[plugin] = value
    return value


def remembered(
    settings: MutableMapping, plugin: str, read: Callable[[Mapping], T]
) -> T:
    """The plugin's settings kept at `initialized` (read now if they were not)."""
    kept = settings.get(STORE, {}).get(plugin)
    return kept if kept is not None else remember(settings, plugin, read(settings))
