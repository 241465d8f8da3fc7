"""page_meta's settings: defaults, and a wrong one named."""

import pytest

from plugins.page_meta.settings import read_settings
from plugins.shared.settings import SettingError


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"SITEURL": ""}, "SITEURL"),
        ({"SITEURL": "/relative"}, "SITEURL"),
        ({"SITEURL": "https://x.org", "PAGE_META_DESCRIPTION_LENGTH": "160"}, "LENGTH"),
        ({"SITEURL": "https://x.org", "PAGE_META_DESCRIPTION_LENGTH": 5}, "LENGTH"),
        ({"SITEURL": "https://x.org", "FORMATTED_FIELDS": ["summary"]}, "FORMATTED"),
        ({"SITEURL": "https://x.org", "PAGE_META_DESCRIPTON_LENGTH": 90}, "DESCRIPTON"),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(settings, named):
    with pytest.raises(SettingError, match=f"^page_meta: setting .*{named}"):
        read_settings(settings)


def test_a_misspelt_setting_names_the_one_meant():
    with pytest.raises(SettingError, match="did you mean PAGE_META_DESCRIPTION_LENGTH"):
        read_settings({"SITEURL": "https://x.org", "PAGE_META_DESCRIPTON_LENGTH": 90})


def test_settings_default_to_200_characters():
    settings = read_settings({"SITEURL": "https://x.org/", "FORMATTED_FIELDS": []})
    assert settings.site_url == "https://x.org"
    assert settings.description_length == 200
