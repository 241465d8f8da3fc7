"""Pelican's own settings that would fail every page, told once, before any.

Pelican reads a time zone or a number of entries a page only as it dates each
entry or writes each list: a wrong one failed every file, with words that
named neither the setting nor the fix.
"""

import zoneinfo
from collections.abc import Mapping

TIMEZONE_FIX = 'give a name from the time zone database, e.g. "Europe/London" or "UTC"'
PAGINATION_FIX = (
    "give the number of entries a list page shows, e.g. 10, "
    "or False for every entry on one page"
)


def pelican_setting_problems(settings: Mapping) -> list[str]:
    """A line for each of Pelican's own settings that has a value it cannot
    use: what it is and how to fix it."""
    problems = []
    if "TIMEZONE" in settings and not is_time_zone(settings["TIMEZONE"]):
        problems.append(
            f"setting TIMEZONE is {settings['TIMEZONE']!r}, no known time zone; "
            f"{TIMEZONE_FIX}"
        )
    if not is_pagination(settings.get("DEFAULT_PAGINATION", False)):
        problems.append(
            f"setting DEFAULT_PAGINATION is {settings['DEFAULT_PAGINATION']!r}; "
            f"{PAGINATION_FIX}"
        )
    return problems


def is_time_zone(name: object) -> bool:
    """Whether `name` names a time zone Python knows."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def is_pagination(value: object) -> bool:
    """Whether `value` is a number of entries a page (1 or more), or none."""
    if value is None or value is False:
        return True
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1
