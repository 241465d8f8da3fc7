"""profile's plain decisions: the author's settings, checked, and the
profile the theme shows."""

import pytest

from plugins.profile.author import author_profile
from plugins.profile.settings import ProfileLink, ProfileSettings, read_settings
from plugins.shared.settings import SettingError

LINKS = (
    ("LinkedIn", "https://www.linkedin.com/in/me/"),
    ("GitHub", "https://github.com/me"),
    ("Email", "mailto:me@example.org"),
)


def settings(**values):
    return read_settings({"AUTHOR": "Ada Lovelace", **values})


def test_the_author_is_named_by_pelicans_author_setting():
    profile = settings(PROFILE_BIO="  Leads  engineers. ", PROFILE_LINKS=LINKS)
    assert profile.name == "Ada Lovelace"
    assert profile.bio == "Leads engineers."
    assert [(link.label, link.url) for link in profile.links] == list(LINKS)
    assert profile.about_page == "pages/about.md"


def test_links_may_also_be_a_dict_in_its_order():
    profile = settings(PROFILE_LINKS={"GitHub": "https://github.com/me"})
    assert profile.links == (ProfileLink("GitHub", "https://github.com/me"),)


def test_nothing_is_required():
    assert read_settings({}) == ProfileSettings()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param(
            {"PROFILE_LINKS": (("GitHub", "github.com/me"),)},
            "PROFILE_LINKS link 1 ('GitHub') has the address 'github.com/me', "
            "which is neither an absolute address nor an email address: write it "
            "in full",
            id="an address without its scheme",
        ),
        pytest.param(
            {"PROFILE_LINKS": (*LINKS, ("Blog", "/blog/"))},
            "PROFILE_LINKS link 4 ('Blog') has the address '/blog/'",
            id="a path",
        ),
        pytest.param(
            {"PROFILE_LINKS": (("Me", "javascript:alert(1)"),)},
            "PROFILE_LINKS link 1 ('Me') has the address 'javascript:alert(1)'",
            id="a script",
        ),
        pytest.param(
            {"PROFILE_LINKS": (("Email", "mailto:nobody"),)},
            "PROFILE_LINKS link 1 ('Email') has the address 'mailto:nobody'",
            id="an email without a domain",
        ),
        pytest.param(
            {"PROFILE_LINKS": ("https://github.com/me",)},
            "PROFILE_LINKS link 1 is 'https://github.com/me': give a (label, "
            "address) pair",
            id="an address without a label",
        ),
        pytest.param(
            {"PROFILE_LINKS": ((" ", "https://github.com/me"),)},
            "PROFILE_LINKS link 1 ('https://github.com/me') has no label",
            id="an empty label",
        ),
        pytest.param(
            {"PROFILE_LINKS": "https://github.com/me"},
            "PROFILE_LINKS must be a list of (label, address) pairs",
            id="one string",
        ),
        pytest.param(
            {"PROFILE_LINKS": (*LINKS, ("Code", "https://github.com/me"))},
            "PROFILE_LINKS link 4 ('https://github.com/me') is given twice",
            id="the same address twice",
        ),
        pytest.param(
            {"PROFILE_BIO": "Two\nlines."},
            "PROFILE_BIO must be one line of text",
            id="a bio of two lines",
        ),
        pytest.param(
            {"PROFILE_ABOUT_PAGE": ""},
            "PROFILE_ABOUT_PAGE must be the path of a page",
            id="no about page",
        ),
        pytest.param(
            {"PROFILE_LINK": LINKS},
            "PROFILE_LINK is not a setting of the plugin: did you mean PROFILE_LINKS?",
            id="a misspelt name",
        ),
    ],
)
def test_a_bad_setting_is_an_error_naming_it_and_the_fix(values, message):
    with pytest.raises(SettingError) as error:
        settings(**values)
    assert str(error.value).startswith(f"profile: setting {message}")


def test_a_profile_needs_the_authors_name():
    with pytest.raises(SettingError, match=r"^profile: setting AUTHOR is empty"):
        read_settings({"AUTHOR": "", "PROFILE_LINKS": LINKS})


def test_the_profile_links_the_page_about_the_author_when_there_is_one():
    pages = [("pages/leadership.md", "leadership/"), ("pages/about.md", "about/")]
    profile = author_profile(settings(PROFILE_LINKS=LINKS), pages)
    assert profile.about_url == "about/"
    assert author_profile(settings(), pages[:1]).about_url is None


def test_web_profiles_are_the_same_person_and_mailto_the_email():
    profile = author_profile(settings(PROFILE_LINKS=LINKS), [])
    assert profile.same_as == (
        "https://www.linkedin.com/in/me/",
        "https://github.com/me",
    )
    assert profile.email == "me@example.org"
    assert author_profile(settings(), []).email is None
    asking = settings(PROFILE_LINKS=(("Write", "mailto:me@example.org?subject=Hi"),))
    assert author_profile(asking, []).email == "me@example.org"


def test_no_profile_without_a_name():
    assert author_profile(read_settings({}), []) is None
