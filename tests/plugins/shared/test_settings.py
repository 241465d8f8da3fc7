"""The one settings convention: prefixed names, defaults, one message shape."""

import pytest

from plugins.shared.settings import (
    SettingError,
    absolute_site_url,
    plugin_values,
    remember,
    remembered,
    require_bool,
    require_int,
)

DEFAULTS = {"JOURNAL_DATE_FORMAT": "%Y-%m-%d", "JOURNAL_CATEGORY_NEIGHBOURS": False}


def test_values_are_the_settings_given_and_defaults_for_the_rest():
    values = plugin_values(
        "journal", "JOURNAL_", DEFAULTS, {"JOURNAL_DATE_FORMAT": "%d %B %Y"}
    )
    assert values == {
        "JOURNAL_DATE_FORMAT": "%d %B %Y",
        "JOURNAL_CATEGORY_NEIGHBOURS": False,
    }


def test_an_unknown_prefixed_name_is_refused_with_the_closest_known_one():
    with pytest.raises(SettingError) as raised:
        plugin_values(
            "journal", "JOURNAL_", DEFAULTS, {"JOURNAL_CATEGORY_NEIGHBORS": True}
        )
    assert str(raised.value) == (
        "journal: setting JOURNAL_CATEGORY_NEIGHBORS is not a setting of the "
        "plugin: did you mean JOURNAL_CATEGORY_NEIGHBOURS?"
    )
    assert raised.value.name == "JOURNAL_CATEGORY_NEIGHBORS"


def test_an_unknown_name_far_from_every_known_one_lists_them():
    with pytest.raises(SettingError, match="its settings are JOURNAL_DATE_FORMAT, "):
        plugin_values("journal", "JOURNAL_", DEFAULTS, {"JOURNAL_X": 1})


def test_names_of_other_plugins_and_of_pelican_are_not_ours_to_judge():
    values = plugin_values(
        "journal", "JOURNAL_", DEFAULTS, {"SITEURL": "x", "PHILOSOPHY_X": 1}
    )
    assert values == DEFAULTS


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (lambda v: require_bool("p", "P_FLAG", v), "yes"),
        (lambda v: require_int("p", "P_COUNT", v, 1), 0),
        (lambda v: require_int("p", "P_COUNT", v, 1), True),
        (lambda v: require_int("p", "P_COUNT", v, 1), "3"),
    ],
)
def test_a_wrong_value_names_the_plugin_and_the_setting(check, value):
    with pytest.raises(SettingError, match=r"^p: setting P_(FLAG|COUNT) "):
        check(value)


def test_the_site_url_must_be_absolute_and_loses_its_trailing_slash():
    assert absolute_site_url("p", {"SITEURL": "https://x.org/"}) == "https://x.org"
    with pytest.raises(SettingError, match=r"^p: setting SITEURL is ''"):
        absolute_site_url("p", {"SITEURL": ""})


def test_settings_read_once_are_found_again_and_read_when_never_read():
    settings = {}
    remember(settings, "p", "first")
    assert remembered(settings, "p", lambda _: "again") == "first"
    assert remembered(settings, "q", lambda _: "read now") == "read now"
    assert remembered(settings, "q", lambda _: "not again") == "read now"
