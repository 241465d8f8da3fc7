"""reading's settings: their defaults in one place, and their checks.

READING_WORDS_PER_MINUTE
    How fast a reader reads: an entry of N words takes N / this minutes,
    shown as "N min read" (default 230, at least 1).
READING_RELATED_ENTRIES
    How many related entries an entry page lists at most (default 3; 0 lists
    none).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from ..shared.settings import plugin_values, require_int

PLUGIN = "reading"
DEFAULTS = {
    "READING_WORDS_PER_MINUTE": 230,
    "READING_RELATED_ENTRIES": 3,
}


@dataclass(frozen=True)
class ReadingSettings:
    """reading's settings, checked."""

    words_per_minute: int = DEFAULTS["READING_WORDS_PER_MINUTE"]
    related_entries: int = DEFAULTS["READING_RELATED_ENTRIES"]


def read_settings(settings: Mapping) -> ReadingSettings:
    """reading's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "READING_", DEFAULTS, settings)
    return ReadingSettings(
        words_per_minute=require_int(
            PLUGIN,
            "READING_WORDS_PER_MINUTE",
            values["READING_WORDS_PER_MINUTE"],
            1,
        ),
        related_entries=require_int(
            PLUGIN, "READING_RELATED_ENTRIES", values["READING_RELATED_ENTRIES"], 0
        ),
    )
