"""The images plugin's settings: defaults, and a wrong one named."""

import pytest

from plugins.images.settings import DEFAULTS, read_settings
from plugins.shared.settings import SettingError

SITE = {"SITEURL": "https://x.org/", "THEME": "/site/theme"}


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"SITEURL": ""}, "SITEURL"),
        ({**SITE, "IMAGES_WIDTHS": ()}, "IMAGES_WIDTHS"),
        ({**SITE, "IMAGES_WIDTHS": (480, "800")}, "IMAGES_WIDTHS"),
        ({**SITE, "IMAGES_WIDTHS": (480, 8)}, "IMAGES_WIDTHS"),
        ({**SITE, "IMAGES_WIDTHS": 800}, "IMAGES_WIDTHS"),
        ({**SITE, "IMAGES_SIZES": " "}, "IMAGES_SIZES"),
        ({**SITE, "IMAGES_SIZE": "100vw"}, "IMAGES_SIZE"),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(settings, named):
    with pytest.raises(SettingError, match=f"^images: setting {named}"):
        read_settings(settings)


def test_a_misspelt_setting_names_the_one_meant():
    with pytest.raises(SettingError, match="did you mean IMAGES_WIDTHS"):
        read_settings({**SITE, "IMAGES_WIDTH": (400,)})


def test_defaults_suit_the_themes_column():
    settings = read_settings(SITE)
    assert settings.site_url == "https://x.org"
    assert settings.widths == DEFAULTS["IMAGES_WIDTHS"] == (480, 800, 1200)
    assert settings.sizes == "(min-width: 44rem) 40rem, calc(100vw - 2rem)"
    assert settings.stylesheet == "/site/theme/static/css/site.css"
    assert settings.encoder.startswith("Pillow ")


def test_widths_are_read_in_order_once_each():
    settings = read_settings({**SITE, "IMAGES_WIDTHS": [1600, 400, 400, 900]})
    assert settings.widths == (400, 900, 1600)
