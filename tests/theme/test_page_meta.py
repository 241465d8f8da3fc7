"""page_meta's decisions: descriptions, page addresses and JSON-LD, as plain
functions, and its settings."""

import json
from datetime import UTC, datetime

import pytest

from plugins.page_meta.describe import (
    author_favicon,
    blog_posting,
    description,
    first_paragraph,
    newest_change,
    page_address,
    page_path,
    script_safe_json,
    shortened,
    web_site,
)
from plugins.page_meta.settings import PageMetaSettingError, page_meta_settings


def test_a_summary_is_the_description_as_typed():
    text = description(
        'Fish <b> & "chips"', "<p>Body</p>", summary_is_html=False, limit=200
    )
    assert text == 'Fish <b> & "chips"'


def test_a_rendered_summary_gives_its_words():
    text = description(
        "<p>Fish &amp; <em>chips</em></p>", "", summary_is_html=True, limit=200
    )
    assert text == "Fish & chips"


def test_without_a_summary_the_first_paragraph_is_the_description():
    html = "<h2>Heading</h2><p> </p><p>First\n  words &lt;here&gt;.</p><p>Second.</p>"
    assert description(None, html, summary_is_html=False, limit=200) == (
        "First words <here>."
    )


def test_content_without_paragraphs_gives_its_text():
    assert first_paragraph("<ul><li>One</li><li>Two</li></ul>") == "One Two"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough.", 20, "Short enough."),
        ("One two three four five", 12, "One two…"),
        ("Words, then more words", 8, "Words…"),
        ("Unbreakableword", 8, "Unbreak…"),
    ],
)
def test_a_long_description_is_cut_at_a_word(text, limit, expected):
    assert shortened(text, limit) == expected
    assert len(shortened(text, limit)) <= limit


@pytest.mark.parametrize(
    ("save_as", "address"),
    [
        ("index.html", "https://x.org/"),
        ("journal/2023-08-30/index.html", "https://x.org/journal/2023-08-30/"),
        ("page/2/index.html", "https://x.org/page/2/"),
        ("404.html", "https://x.org/404.html"),
        ("sitemap.xml", "https://x.org/sitemap.xml"),
    ],
)
def test_a_page_address_is_absolute_and_ends_at_the_folder(save_as, address):
    assert page_address("https://x.org/", save_as) == address
    assert "https://x.org/" + page_path(save_as) == address


def test_json_for_a_script_element_never_holds_markup_characters():
    data = {"headline": 'Fish </script><!-- & "chips"'}
    text = script_safe_json(data)
    assert not set("<>&") & set(text)
    assert json.loads(text) == data


def test_an_entry_is_a_blog_posting():
    published = datetime(2023, 8, 30, tzinfo=UTC)
    data = json.loads(
        blog_posting(
            {
                "title": "T",
                "description": "D",
                "url": "https://x.org/journal/t/",
                "published": published,
                "modified": None,
                "author": "A",
                "tags": ["leadership"],
            }
        )
    )
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "T"
    assert data["datePublished"] == data["dateModified"] == published.isoformat()
    assert data["author"] == {"@type": "Person", "name": "A"}
    assert data["keywords"] == ["leadership"]


def test_the_site_is_a_web_site():
    data = json.loads(web_site("Journal", "https://x.org/", "About", "A", "en"))
    assert data["@type"] == "WebSite"
    assert (data["name"], data["url"], data["inLanguage"]) == (
        "Journal",
        "https://x.org/",
        "en",
    )


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"SITEURL": ""}, "SITEURL"),
        ({"SITEURL": "/relative"}, "SITEURL"),
        ({"SITEURL": "https://x.org", "PAGE_META_DESCRIPTION_LENGTH": "160"}, "LENGTH"),
        ({"SITEURL": "https://x.org", "PAGE_META_DESCRIPTION_LENGTH": 5}, "LENGTH"),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(settings, named):
    with pytest.raises(PageMetaSettingError, match=f"page_meta: setting .*{named}"):
        page_meta_settings(settings)


def test_settings_default_to_a_200_character_plain_text_summary():
    settings = page_meta_settings({"SITEURL": "https://x.org/", "FORMATTED_FIELDS": []})
    assert settings.site_url == "https://x.org"
    assert settings.description_length == 200
    assert settings.summary_is_html is False


def test_the_newest_change_is_the_latest_date_or_modification():
    day = datetime(2023, 8, 30, tzinfo=UTC)
    later = datetime(2023, 9, 2, tzinfo=UTC)
    assert newest_change([(day, None), (later, None)]) == later
    assert newest_change([(day, datetime(2024, 1, 1, tzinfo=UTC))]).year == 2024
    assert newest_change([]) is None


@pytest.mark.parametrize(
    ("root_files", "expected"),
    [
        ([], "theme/favicon.svg"),
        (["robots.txt", "favicon.ico"], "favicon.ico"),
        (["favicon.ico", "favicon.svg"], "favicon.svg"),
        (["images/favicon.ico"], "theme/favicon.svg"),
    ],
)
def test_the_authors_favicon_replaces_the_themes(root_files, expected):
    assert author_favicon(root_files, "theme/favicon.svg") == expected
