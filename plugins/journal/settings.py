"""The journal's settings: their defaults in one place, and their checks.

JOURNAL_DATE_FORMAT
    How an entry's date reads: the title of an untitled entry and the date shown
    in the Older/Newer links (an strftime format; default ISO "%Y-%m-%d").
JOURNAL_CATEGORY_NEIGHBOURS
    True to offer, under the Older/Newer links, the older and newer entries of
    the same category too (default False).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..shared.settings import SettingError, plugin_values, require_bool

PLUGIN = "journal"
DEFAULTS = {
    "JOURNAL_DATE_FORMAT": "%Y-%m-%d",
    "JOURNAL_CATEGORY_NEIGHBOURS": False,
}

# Two days in a row: a format that tells entries apart writes them differently.
_PROBE_DAYS = (datetime(2023, 8, 30), datetime(2023, 8, 31))


@dataclass(frozen=True)
class JournalSettings:
    """The journal's settings, checked."""

    date_format: str = DEFAULTS["JOURNAL_DATE_FORMAT"]
    category_neighbours: bool = DEFAULTS["JOURNAL_CATEGORY_NEIGHBOURS"]


def read_settings(settings: Mapping) -> JournalSettings:
    """The journal's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "JOURNAL_", DEFAULTS, settings)
    return JournalSettings(
        date_format=_date_format(values["JOURNAL_DATE_FORMAT"]),
        category_neighbours=require_bool(
            PLUGIN,
            "JOURNAL_CATEGORY_NEIGHBOURS",
            values["JOURNAL_CATEGORY_NEIGHBOURS"],
        ),
    )


def _date_format(value: object) -> str:
    name = "JOURNAL_DATE_FORMAT"
    example = f"such as {DEFAULTS[name]!r} or '%d %B %Y'"
    if not isinstance(value, str):
        raise SettingError(
            PLUGIN, name, f"must be an strftime format {example}, not {value!r}"
        )
    try:
        written = {day.strftime(value) for day in _PROBE_DAYS}
    except ValueError as error:
        raise SettingError(
            PLUGIN, name, f"is not a valid strftime format ({error}): use one {example}"
        ) from None
    if len(written) < len(_PROBE_DAYS):
        raise SettingError(
            PLUGIN,
            name,
            f"= {value!r} does not show the day: use strftime codes {example}",
        )
    return value
