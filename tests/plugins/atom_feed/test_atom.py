"""The atom_feed plugin's decisions, one plain function at a time."""

import datetime
import io
from xml.etree import ElementTree

import feedparser
import pytest

from plugins.atom_feed.atom import (
    SiteAtomFeed,
    entry_fields,
    entry_id,
    entry_warnings,
    feed_fields,
)
from plugins.atom_feed.check import feed_problems
from plugins.atom_feed.settings import read_settings
from plugins.atom_feed.text import absolute_links, plain_images
from plugins.shared.contents import EntryFacts
from plugins.shared.settings import SettingError
from plugins.shared.text import without_control_characters

SITE = "https://journal.example.com"
ENTRY = f"{SITE}/journal/2024-03-01-offsite/"
MARCH_1 = datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC)
SETTINGS = {
    "SITEURL": SITE,
    "SITENAME": "Engineering Leadership Journal",
    "SITESUBTITLE": "Notes & questions",
    "AUTHOR": "The Author",
    "DEFAULT_LANG": "en",
    "FAVICON": "theme/favicon.svg",
    "FORMATTED_FIELDS": [],
}


def facts(**changes):
    values = {
        "source": "journal/2024-03-01-offsite.md",
        "url": ENTRY,
        "title": "Offsite",
        "published": MARCH_1,
        "author": "The Author",
    }
    return EntryFacts(**{**values, **changes})


TEXT = "<p>Text.</p>"


def written(options_settings=SETTINGS, *entries):
    """The feed SiteAtomFeed writes for these settings and entry facts."""
    fields, _ = feed_fields(read_settings(options_settings))
    feed = SiteAtomFeed(feed_url=f"{SITE}/feeds/all.atom.xml", **fields)
    for entry in entries:
        feed.add_item(**entry_fields(entry, TEXT)[0])
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


# -- without_control_characters ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clean", "removed"),
    [
        ("Plain words", "Plain words", []),
        ("< & \" ' ]]> </script>", "< & \" ' ]]> </script>", []),
        ("emoji 🐟 and שלום and مرحبا", "emoji 🐟 and שלום and مرحبا", []),
        ("tab\tline\ncarriage\r", "tab\tline\ncarriage\r", []),
        ("soft\x0bbreak", "soft break", ["U+000B"]),
        ("page\x0cbreak", "page break", ["U+000C"]),
        (
            "bell\x07 back\x08space\x00",
            "bell backspace",
            ["U+0007", "U+0008", "U+0000"],
        ),
        ("stray\x7f\x85\x9fbytes", "stray bytes", ["U+007F", "U+0085", "U+009F"]),
        ("\x01\x01twice", "twice", ["U+0001"]),
        ("not a character\ufffe\uffff", "not a character", ["U+FFFE", "U+FFFF"]),
        ("", "", []),
    ],
)
def test_text_keeps_what_xml_carries_and_names_what_it_drops(text, clean, removed):
    assert without_control_characters(text) == (clean, removed)


# -- absolute_links ------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/archives/">a</a>', f'<a href="{SITE}/archives/">a</a>'),
        (
            '<a href="../2024-02-01/">a</a>',
            f'<a href="{SITE}/journal/2024-02-01/">a</a>',
        ),
        ('<img src="photo.png"/>', f'<img src="{ENTRY}photo.png"/>'),
        ('<a href="#notes">a</a>', f'<a href="{ENTRY}#notes">a</a>'),
        ('<a href="https://other.org/x">a</a>', '<a href="https://other.org/x">a</a>'),
        (
            '<a href="mailto:me@example.org">a</a>',
            '<a href="mailto:me@example.org">a</a>',
        ),
        (
            '<a href="//cdn.example.org/x">a</a>',
            '<a href="https://cdn.example.org/x">a</a>',
        ),
        (
            '<video poster="p.jpg" src="/v.mp4"></video>',
            f'<video poster="{ENTRY}p.jpg" src="{SITE}/v.mp4"></video>',
        ),
        (
            '<img srcset="a.png 1x, /b.png 2x"/>',
            f'<img srcset="{ENTRY}a.png 1x, {SITE}/b.png 2x"/>',
        ),
        (
            '<blockquote cite="/q/">q</blockquote>',
            f'<blockquote cite="{SITE}/q/">q</blockquote>',
        ),
        ("<p>No links &amp; no images</p>", "<p>No links &amp; no images</p>"),
        ("", ""),
        # Already absolute (a production build's links): the HTML as it was.
        (
            f'<p>See <a href="{SITE}/x/">x</a><br>and <img src="{SITE}/p.png"></p>',
            f'<p>See <a href="{SITE}/x/">x</a><br>and <img src="{SITE}/p.png"></p>',
        ),
        # Words that look like a link in the text are left as they are.
        (
            '<pre><code>a href="x.png" b</code></pre><a href="/y/">y</a>',
            f'<pre><code>a href="x.png" b</code></pre><a href="{SITE}/y/">y</a>',
        ),
    ],
)
def test_absolute_links_resolve_against_the_entry_url(html, expected):
    assert absolute_links(html, ENTRY) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<p><picture><source type="image/webp" srcset="a.webp 480w">'
            '<img alt="A" src="a-800w.jpg" srcset="a-480w.jpg 480w, a-800w.jpg 800w"'
            ' sizes="100vw" width="800" height="533" decoding="async"'
            ' loading="lazy"></picture></p>',
            '<p><img alt="A" height="533" src="a-800w.jpg" width="800"/></p>',
        ),
        (
            '<img alt="B" src="b.png" srcset="b2.png 2x">',
            '<img alt="B" src="b.png"/>',
        ),
        ("<p>No image, no change &amp; no parsing.</p>", None),
    ],
)
def test_a_reader_gets_one_plain_sized_image(html, expected):
    assert plain_images(html) == (expected or html)


def test_a_pictures_image_is_absolute_and_plain_in_the_entry():
    html = (
        '<picture><source srcset="../../p.webp 480w">'
        '<img alt="P" src="../../p.jpg" srcset="../../p.jpg 480w"'
        ' width="480" height="320"></picture>'
    )
    fields, _ = entry_fields(facts(), html)
    assert fields["content"] == (
        f'<img alt="P" height="320" src="{SITE}/p.jpg" width="480"/>'
    )


# -- entry_fields --------------------------------------------------------------


def test_entry_title_and_summary_are_plain_text_as_typed():
    typed = 'Fish <script>x</script> & "chips" ]]>'
    fields, warnings = entry_fields(facts(title=typed, summary=typed), TEXT)
    assert warnings == []
    assert fields["title"] == typed
    # Atom1Feed writes the summary as type="html": escaped once, shown as typed.
    assert fields["description"] == (
        'Fish &lt;script&gt;x&lt;/script&gt; &amp; "chips" ]]&gt;'
    )


def test_an_entry_without_summary_has_none_in_the_feed():
    fields, _ = entry_fields(facts(), TEXT)
    assert fields["description"] is None
    assert fields["content"] == "<p>Text.</p>"


def test_entry_id_comes_from_the_url_and_date_not_the_title():
    first, _ = entry_fields(facts(title="Offsite"), TEXT)
    second, _ = entry_fields(facts(title="A better title"), TEXT)
    assert first["unique_id"] == second["unique_id"]
    assert (
        first["unique_id"]
        == "tag:journal.example.com,2024-03-01:/journal/2024-03-01-offsite/"
    )
    assert entry_id(f"{SITE}/journal/2024-03-01-other/", MARCH_1) != first["unique_id"]


def test_entry_id_keeps_the_date_of_the_file_name_when_the_entry_is_redated():
    day_before = MARCH_1 - datetime.timedelta(hours=10)
    redated, _ = entry_fields(facts(published=day_before), TEXT)
    assert redated["pubdate"].day == 29
    assert (
        redated["unique_id"]
        == "tag:journal.example.com,2024-03-01:/journal/2024-03-01-offsite/"
    )
    undated_name, _ = entry_fields(facts(source="journal/offsite.md"), TEXT)
    assert undated_name["unique_id"].startswith("tag:journal.example.com,2024-03-01:")


def test_entry_dates_carry_a_time_zone_and_updated_defaults_to_published():
    naive = datetime.datetime(2024, 3, 1, 9, 30)
    fields, _ = entry_fields(facts(published=naive), TEXT)
    assert fields["pubdate"].tzinfo is not None
    assert fields["updateddate"] == fields["pubdate"]
    later = MARCH_1 + datetime.timedelta(days=2)
    fields, _ = entry_fields(facts(updated=later), TEXT)
    assert fields["updateddate"] == later


def test_control_characters_are_dropped_with_warnings_naming_the_file_and_part():
    fields, warnings = entry_fields(
        facts(title="Pasted\x0btitle", summary="Sum\x07", tags=("tag\x08",)),
        "<p>Te\x01xt</p>",
    )
    assert (fields["title"], fields["description"]) == ("Pasted title", "Sum")
    assert fields["content"] == "<p>Text</p>"
    assert fields["categories"] == ("tag",)
    assert len(warnings) == 4
    for warning, part in zip(
        warnings, ["title", "summary", "text", "tags"], strict=True
    ):
        assert warning.startswith("atom_feed: journal/2024-03-01-offsite.md: ")
        assert f"out of the feed's {part}" in warning


def test_warnings_name_each_part_once_and_match_the_fields_warnings():
    entry = facts(title="T\x0b", tags=("a\x08", "b\x08"), author="Me\x07", category="C")
    fields, warnings = entry_fields(entry, "<p>ok</p>")
    assert warnings == entry_warnings(entry, "<p>ok</p>")
    assert [w.split("feed's ")[1].split(";")[0] for w in warnings] == [
        "title",
        "tags",
        "author",
    ]
    assert fields["categories"] == ("C", "a", "b")


# -- read_settings --------------------------------------------------------------


def test_feed_settings_are_read_from_the_site_settings():
    options = read_settings(SETTINGS)
    assert options.site_url == SITE
    assert options.author == "The Author"
    assert options.icon_url == f"{SITE}/theme/favicon.svg"
    assert read_settings({**SETTINGS, "ATOM_FEED_ICON": "favicon.ico"}).icon_url == (
        f"{SITE}/favicon.ico"
    )
    assert read_settings({**SETTINGS, "AUTHOR": ""}).author == SETTINGS["SITENAME"]
    assert options.newest == 100  # Pelican's FEED_MAX_ITEMS when a site sets none
    assert read_settings({**SETTINGS, "FEED_MAX_ITEMS": 20}).newest == 20


def test_the_feeds_icon_is_the_favicon_pages_show_unless_atom_feed_icon_names_one():
    """The author's favicon (content/extra/) is found after the settings are
    read: `with_favicon` gives the feed the icon the pages show."""
    assert read_settings(SETTINGS).with_favicon("favicon.png").icon_url == (
        f"{SITE}/favicon.png"
    )
    own = read_settings({**SETTINGS, "ATOM_FEED_ICON": "feed.png"})
    assert own.with_favicon("favicon.png").icon_url == f"{SITE}/feed.png"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"SITEURL": ""}, "SITEURL"),
        ({"SITEURL": "journal.example.com"}, "SITEURL"),
        ({"SITEURL": "/blog"}, "SITEURL"),
        ({"DEFAULT_LANG": "en_GB"}, "DEFAULT_LANG"),
        ({"ATOM_FEED_ICON": 42}, "ATOM_FEED_ICON"),
        ({"FORMATTED_FIELDS": ["summary"]}, "FORMATTED_FIELDS"),
        ({"ATOM_FEED_ICONS": "x.png"}, "ATOM_FEED_ICONS"),
        ({"FEED_MAX_ITEMS": None}, "FEED_MAX_ITEMS"),
        ({"FEED_MAX_ITEMS": 0}, "FEED_MAX_ITEMS"),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(changes, named):
    with pytest.raises(SettingError, match=f"^atom_feed: setting {named} "):
        read_settings({**SETTINGS, **changes})


# -- the written feed and its check --------------------------------------------


def test_site_atom_feed_names_its_icon_and_language():
    xml = written(SETTINGS, facts())
    feed = feedparser.parse(xml)
    assert feed.bozo == 0
    assert feed.feed.icon == f"{SITE}/theme/favicon.svg"
    assert feed.feed.language == "en"
    assert feed_problems(xml) == []


@pytest.mark.parametrize(
    ("breaking", "problem"),
    [
        (("</title>", "</titel>"), "not well-formed XML"),
        ((f"<id>{SITE}/</id>", ""), "the feed needs exactly one <id>, it has 0"),
        (
            (f'href="{SITE}/feeds/all.atom.xml"', 'href="/feeds/all.atom.xml"'),
            "the self link '/feeds/all.atom.xml' is not absolute",
        ),
        (
            ("tag:journal.example.com,", "journal.example.com,"),
            "<id> 'journal.example.com,",
        ),
        (
            ("2024-03-01T09:30:00+00:00</updated>", "2024-03-01T09:30:00</updated>"),
            "no date and time with a time zone",
        ),
        (
            ("<author><name>The Author</name></author>", ""),
            "has no author, and neither has the feed",
        ),
        (
            ('xmlns="http://www.w3.org/2005/Atom"', 'xmlns="http://example.org/"'),
            "not an Atom <feed>",
        ),
    ],
)
def test_feed_problems_finds_what_would_make_the_feed_invalid(breaking, problem):
    xml = written(SETTINGS, facts())
    assert feed_problems(xml) == []
    old, new = breaking
    assert old in xml
    problems = feed_problems(xml.replace(old, new))
    assert any(problem in found for found in problems), problems


def test_feed_problems_requires_a_link_or_content_in_each_entry():
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring(written(SETTINGS, facts()))
    entry = root.find(atom + "entry")
    for name in ("link", "content"):
        entry.remove(entry.find(atom + name))
    problems = feed_problems(ElementTree.tostring(root, encoding="unicode"))
    assert problems == [
        "entry 1 ('Offsite') has neither a rel='alternate' link nor content"
    ]
