"""theme_assets reads Pelican's theme settings, and names a wrong one."""

import pytest

from plugins.shared.settings import SettingError
from plugins.theme_assets.settings import read_settings


def test_the_theme_static_paths_are_read_inside_the_theme():
    settings = read_settings({"THEME": "/site/theme", "IGNORE_FILES": [".#*"]})
    assert settings.static_paths == ("/site/theme/static",)
    assert settings.static_dir == "theme"
    assert settings.ignore_files == (".#*",)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"THEME_STATIC_PATHS": "static"}, "THEME_STATIC_PATHS"),
        ({"THEME_STATIC_DIR": "/"}, "THEME_STATIC_DIR"),
        ({"THEME_ASSETS_DIGEST": 12}, "THEME_ASSETS_DIGEST"),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(settings, named):
    with pytest.raises(SettingError, match=f"^theme_assets: setting {named} "):
        read_settings({"THEME": "/site/theme", **settings})
