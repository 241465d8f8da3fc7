"""The settings of `updated`: defaults in one place, and their checks.

UPDATED_FROM_GIT
    True (the default) dates an entry's or page's last change by the content
    folder's git history when the file has no `Modified:` line; False keeps
    to `Modified:` lines only.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from ..shared.settings import plugin_values, require_bool

PLUGIN = "updated"
DEFAULTS = {"UPDATED_FROM_GIT": True}


@dataclass(frozen=True)
class UpdatedSettings:
    """The settings of `updated`, checked."""

    from_git: bool = DEFAULTS["UPDATED_FROM_GIT"]


def read_settings(settings: Mapping) -> UpdatedSettings:
    """The settings of `updated` from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "UPDATED_", DEFAULTS, settings)
    return UpdatedSettings(
        from_git=require_bool(PLUGIN, "UPDATED_FROM_GIT", values["UPDATED_FROM_GIT"])
    )
