"""The philosophy plugin's settings: defaults, overrides, and bad values named."""

import pytest

from plugins.philosophy.settings import DEFAULTS, read_settings
from plugins.shared.settings import SettingError


def test_without_settings_a_qa_page_is_template_philosophy_with_the_authors_words():
    settings = read_settings({})
    assert settings.template == "philosophy"
    assert dict(settings.headings) == {
        "philosophy": "The Philosophy",
        "strategy": "The Strategy",
    }


def test_the_defaults_live_in_one_place_and_cannot_be_changed_by_accident():
    assert set(DEFAULTS) == {"PHILOSOPHY_TEMPLATE", "PHILOSOPHY_HEADINGS"}
    with pytest.raises(TypeError):
        DEFAULTS["PHILOSOPHY_HEADINGS"]["strategy"] = "Changed"


def test_both_heading_words_can_be_changed():
    settings = read_settings(
        {"PHILOSOPHY_HEADINGS": {"philosophy": "Why", "strategy": "How"}}
    )
    assert dict(settings.headings) == {"philosophy": "Why", "strategy": "How"}


def test_a_heading_left_out_keeps_its_default_and_spaces_are_tidied():
    settings = read_settings({"PHILOSOPHY_HEADINGS": {"strategy": "  The   Playbook "}})
    assert dict(settings.headings) == {
        "philosophy": "The Philosophy",
        "strategy": "The Playbook",
    }


def test_other_settings_are_none_of_the_plugins_business():
    assert read_settings({"SITENAME": "x", "JOURNAL_DATE_FORMAT": "%d"}).template


def test_the_template_can_be_changed():
    assert read_settings({"PHILOSOPHY_TEMPLATE": "faq"}).template == "faq"


@pytest.mark.parametrize(
    ("settings", "named", "why"),
    [
        (
            {"PHILOSOPHY_HEADINGS": ["The Philosophy", "The Strategy"]},
            "PHILOSOPHY_HEADINGS",
            "must be a dict like",
        ),
        (
            {"PHILOSOPHY_HEADINGS": {"philosophie": "Why"}},
            "PHILOSOPHY_HEADINGS",
            "unknown key 'philosophie'",
        ),
        (
            {"PHILOSOPHY_HEADINGS": {"strategy": "  "}},
            "PHILOSOPHY_HEADINGS['strategy']",
            "must be the words of the strategy heading",
        ),
        (
            {"PHILOSOPHY_HEADINGS": {"philosophy": None}},
            "PHILOSOPHY_HEADINGS['philosophy']",
            "must be the words of the philosophy heading",
        ),
        (
            {"PHILOSOPHY_HEADINGS": {"philosophy": "How", "strategy": "how "}},
            "PHILOSOPHY_HEADINGS",
            "gives both sections the heading 'how'",
        ),
        ({"PHILOSOPHY_TEMPLATE": ""}, "PHILOSOPHY_TEMPLATE", "must name a template"),
        ({"PHILOSOPHY_TEMPLATE": 3}, "PHILOSOPHY_TEMPLATE", "must name a template"),
        (
            {"PHILOSOPHY_HEADING": {"strategy": "How"}},
            "PHILOSOPHY_HEADING",
            "is not a setting of the plugin: did you mean PHILOSOPHY_HEADINGS?",
        ),
        (
            {"PHILOSOPHY_WORDS": {}},
            "PHILOSOPHY_WORDS",
            "its settings are PHILOSOPHY_TEMPLATE, PHILOSOPHY_HEADINGS",
        ),
    ],
)
def test_a_bad_setting_is_an_error_naming_the_plugin_and_the_setting(
    settings, named, why
):
    with pytest.raises(SettingError) as error:
        read_settings(settings)
    message = str(error.value)
    assert message.startswith(f"philosophy: setting {named} ")
    assert why in message
