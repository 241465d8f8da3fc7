"""The journal's settings: their names, their defaults and their checks, in one place.

JOURNAL_DATE_FORMAT
    How an entry's date reads: the title of an untitled entry and the date shown
    in the Older/Newer links (an strftime format; default ISO "%Y-%m-%d").
JOURNAL_CATEGORY_NEIGHBOURS
    True to offer, under the Older/Newer links, the older and newer entries of
    the same category too (default False).
"""

import difflib
from dataclasses import dataclass
from datetime import datetime

DEFAULTS = {
    "JOURNAL_DATE_FORMAT": "%Y-%m-%d",
    "JOURNAL_CATEGORY_NEIGHBOURS": False,
}

# Two days in a row: a format that tells entries apart writes them differently.
_PROBE_DAYS = (datetime(2023, 8, 30), datetime(2023, 8, 31))


class JournalSettingError(ValueError):
    """A journal setting has a value the plugin cannot use."""

    def __init__(self, name, problem):
        self.name = name
        super().__init__(f"journal: setting {name} {problem}")


@dataclass(frozen=True)
class JournalSettings:
    """The journal's settings, checked."""

    date_format: str
    category_neighbours: bool


def journal_settings(settings):
    """Return the journal's settings from Pelican's; raise JournalSettingError
    naming the setting when one is wrong or misspelt."""
    _refuse_misspelt_names(settings)
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    return JournalSettings(
        date_format=_date_format(values["JOURNAL_DATE_FORMAT"]),
        category_neighbours=_flag(
            "JOURNAL_CATEGORY_NEIGHBOURS", values["JOURNAL_CATEGORY_NEIGHBOURS"]
        ),
    )


def _refuse_misspelt_names(settings):
    for name in settings:
        if not name.startswith("JOURNAL_") or name in DEFAULTS:
            continue
        close = difflib.get_close_matches(name, DEFAULTS, n=1, cutoff=0.85)
        if close:
            raise JournalSettingError(
                name, f"is not a journal setting: did you mean {close[0]}?"
            )


def _date_format(value):
    name = "JOURNAL_DATE_FORMAT"
    example = f"such as {DEFAULTS[name]!r} or '%d %B %Y'"
    if not isinstance(value, str):
        raise JournalSettingError(
            name, f"must be an strftime format {example}, not {value!r}"
        )
    try:
        written = {day.strftime(value) for day in _PROBE_DAYS}
    except ValueError as error:
        raise JournalSettingError(
            name, f"is not a valid strftime format ({error}): use one {example}"
        ) from None
    if len(written) < len(_PROBE_DAYS):
        raise JournalSettingError(
            name,
            f"= {value!r} does not show the day: use strftime codes {example}",
        )
    return value


def _flag(name, value):
    if not isinstance(value, bool):
        raise JournalSettingError(name, f"must be True or False, not {value!r}")
    return value
