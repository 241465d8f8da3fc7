"""The journal plugin inside Pelican's real ArticlesGenerator: which entries link."""

import pytest
from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.plugins.neighbors.neighbors import neighbors as pelican_neighbors
from pelican.settings import read_settings
from pelican.tests.support import get_context

from plugins import journal
from plugins.shared.settings import SettingError
from tests.conftest import ROOT, write_content

RECEIVERS = [
    (signals.initialized, journal.read_journal_settings),
    (signals.article_generator_context, journal.title_untitled_entry),
    (signals.article_generator_pretaxonomy, journal.order_entries),
    (signals.article_generator_finalized, journal.link_neighbours),
]


@pytest.fixture
def journal_plugin():
    """The journal plugin connected to Pelican's signals for one test."""
    journal.register()
    yield
    for signal, receiver in RECEIVERS:
        signal.disconnect(receiver)


@pytest.fixture
def generate(tmp_path, journal_plugin):
    """Read a content folder {path: text} with the site's settings; return the
    generator once it has its context, as the theme would get it."""

    def _generate(files, **overrides):
        content = write_content(tmp_path / "content", files)
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": str(content),
                "OUTPUT_PATH": str(tmp_path / "output"),
                "CACHE_CONTENT": False,
                **overrides,
            },
        )
        generator = ArticlesGenerator(
            context=get_context(settings),
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=settings["OUTPUT_PATH"],
        )
        generator.generate_context()
        return generator

    return _generate


def by_file(generator):
    """{file name: entry} for every entry read, whatever its status."""
    return {
        entry.relative_source_path.removeprefix("journal/"): entry
        for entry in [
            *generator.articles,
            *generator.drafts,
            *generator.hidden_articles,
        ]
    }


def links(entry):
    """(older url, newer url) of an entry's links."""
    return (
        entry.older_entry.url if entry.older_entry else None,
        entry.newer_entry.url if entry.newer_entry else None,
    )


def chain_from_oldest(generator):
    """Follow the newer links from the oldest entry: every URL on the way."""
    entry = next(e for e in generator.articles if e.older_entry is None)
    urls = {e.url: e for e in generator.articles}
    visited = [entry.url]
    while entry.newer_entry:
        entry = urls[entry.newer_entry.url]
        visited.append(entry.url)
    return visited


def test_two_entries_of_one_day_are_each_others_neighbours(generate):
    generator = generate(
        {
            "journal/2023-08-31.md": "Text.\n",
            "journal/2023-09-01-b.md": "Title: Second of the day\n\nText.\n",
            "journal/2023-09-01-a.md": "Text.\n",
            "journal/2023-09-02.md": "Text.\n",
        }
    )
    entries = by_file(generator)
    assert links(entries["2023-09-01-a.md"]) == (
        "journal/2023-08-31/",
        "journal/2023-09-01-b/",
    )
    assert links(entries["2023-09-01-b.md"]) == (
        "journal/2023-09-01-a/",
        "journal/2023-09-02/",
    )


def test_a_time_in_the_date_orders_entries_of_one_day(generate):
    generator = generate(
        {
            "journal/2023-09-01-a.md": "Date: 2023-09-01 18:30\n\nEvening.\n",
            "journal/2023-09-01-b.md": "Date: 2023-09-01 07:15\n\nMorning.\n",
        }
    )
    assert chain_from_oldest(generator) == [
        "journal/2023-09-01-b/",
        "journal/2023-09-01-a/",
    ]


def test_the_first_and_last_entries_link_only_one_way(generate):
    generator = generate(
        {
            "journal/2023-08-29.md": "Text.\n",
            "journal/2023-08-30.md": "Text.\n",
            "journal/2023-09-01.md": "Text.\n",
        }
    )
    entries = by_file(generator)
    assert links(entries["2023-08-29.md"]) == (None, "journal/2023-08-30/")
    assert links(entries["2023-08-30.md"]) == (
        "journal/2023-08-29/",
        "journal/2023-09-01/",
    )
    assert links(entries["2023-09-01.md"]) == ("journal/2023-08-30/", None)


def test_a_single_entry_links_nowhere(generate):
    generator = generate({"journal/2024-01-02.md": "Only entry.\n"})
    assert links(by_file(generator)["2024-01-02.md"]) == (None, None)


def test_drafts_and_hidden_entries_are_never_neighbours(generate):
    generator = generate(
        {
            "journal/2023-08-29.md": "Text.\n",
            "journal/2023-08-30-draft.md": "Status: draft\n\nText.\n",
            "journal/2023-08-31-hidden.md": "Status: hidden\n\nText.\n",
            "journal/2023-09-01.md": "Text.\n",
        }
    )
    entries = by_file(generator)
    assert chain_from_oldest(generator) == [
        "journal/2023-08-29/",
        "journal/2023-09-01/",
    ]
    assert links(entries["2023-08-30-draft.md"]) == (None, None)
    assert links(entries["2023-08-31-hidden.md"]) == (None, None)


@pytest.mark.parametrize(
    ("with_future_dates", "chain"),
    [
        (False, ["journal/2023-08-29/", "journal/2023-09-01/"]),
        (
            True,
            ["journal/2023-08-29/", "journal/2023-09-01/", "journal/2999-01-01/"],
        ),
    ],
)
def test_future_entries_are_neighbours_only_when_the_site_shows_them(
    generate, with_future_dates, chain
):
    generator = generate(
        {
            "journal/2023-08-29.md": "Text.\n",
            "journal/2023-09-01.md": "Text.\n",
            "journal/2999-01-01.md": "Text.\n",
        },
        WITH_FUTURE_DATES=with_future_dates,
    )
    assert chain_from_oldest(generator) == chain


def test_a_link_carries_what_the_theme_shows(generate):
    generator = generate(
        {
            "journal/2023-08-29.md": "Title: A <b>titled</b> entry\n\nText.\n",
            "journal/2023-08-30.md": "Text.\n",
            "journal/2023-09-01.md": "Text.\n",
        }
    )
    entry = by_file(generator)["2023-08-30.md"]
    older, newer = entry.older_entry, entry.newer_entry
    assert (older.rel, older.label, older.date) == ("prev", "Older post", "2023-08-29")
    assert older.datetime.startswith("2023-08-29T00:00:00")
    assert older.title == "A <b>titled</b> entry"
    assert (newer.rel, newer.label, newer.date) == ("next", "Newer post", "2023-09-01")
    assert newer.title is None


def test_an_untitled_entry_is_titled_by_its_date_in_the_chosen_format(generate):
    generator = generate(
        {
            "journal/2023-08-29.md": "Text.\n",
            "journal/2023-08-30.md": "Text.\n",
        },
        JOURNAL_DATE_FORMAT="%d %B %Y",
    )
    entries = by_file(generator)
    assert entries["2023-08-29.md"].title == "29 August 2023"
    assert entries["2023-08-29.md"].has_own_title is False
    assert entries["2023-08-30.md"].older_entry.date == "29 August 2023"


def test_lists_show_entries_of_one_moment_in_the_order_they_link(generate):
    generator = generate(
        {
            "journal/2023-09-01-a.md": "Tags: hiring\n\nText.\n",
            "journal/2023-09-01-c.md": "Tags: hiring\n\nText.\n",
            "journal/2023-09-01-b.md": "Tags: hiring\n\nText.\n",
        }
    )
    newest_first = ["journal/2023-09-01-c/", "journal/2023-09-01-b/"]
    newest_first.append("journal/2023-09-01-a/")
    assert [e.url for e in generator.articles] == newest_first
    assert [e.url for e in generator.dates] == newest_first
    ((_tag, tagged),) = generator.tags.items()
    assert [e.url for e in tagged] == newest_first
    assert chain_from_oldest(generator) == newest_first[::-1]


def test_pelican_neighbors_running_after_the_journal_changes_nothing(generate):
    generator = generate(
        {
            "journal/2023-09-01-b.md": "Text.\n",
            "journal/2023-09-01-a.md": "Text.\n",
            "journal/2023-09-01-c.md": "Text.\n",
        }
    )

    def linked():
        return {
            e.url: (
                e.prev_article,
                e.next_article,
                e.prev_article_in_category,
                e.next_article_in_category,
            )
            for e in generator.articles
        }

    ours = linked()
    pelican_neighbors(generator)
    theirs = linked()

    assert theirs == ours
    a = by_file(generator)["2023-09-01-a.md"]
    assert a.next_article.url == a.newer_entry.url == "journal/2023-09-01-b/"


def test_in_category_neighbours_are_offered_when_asked_for(generate):
    files = {
        "journal/2023-08-28.md": "Category: Hiring\n\nText.\n",
        "journal/2023-08-29.md": "Category: Scaling\n\nText.\n",
        "journal/2023-08-30.md": "Category: Hiring\n\nText.\n",
        "journal/2023-08-31.md": "Category: Hiring\n\nText.\n",
    }
    entries = by_file(generate(files, JOURNAL_CATEGORY_NEIGHBOURS=True))

    middle = entries["2023-08-30.md"]
    assert middle.older_entry.url == "journal/2023-08-29/"
    assert middle.older_entry_in_category.url == "journal/2023-08-28/"
    assert middle.older_entry_in_category.label == "Older post in Hiring"
    # The newer entry of the category is the newer entry: offered once.
    assert middle.newer_entry.url == "journal/2023-08-31/"
    assert middle.newer_entry_in_category is None
    assert entries["2023-08-29.md"].older_entry_in_category is None


def test_in_category_neighbours_are_not_offered_by_default(generate):
    files = {
        "journal/2023-08-28.md": "Category: Hiring\n\nText.\n",
        "journal/2023-08-29.md": "Category: Scaling\n\nText.\n",
        "journal/2023-08-30.md": "Category: Hiring\n\nText.\n",
    }
    middle = by_file(generate(files))["2023-08-30.md"]
    assert middle.older_entry.url == "journal/2023-08-29/"
    assert middle.older_entry_in_category is None


def test_a_bad_setting_stops_the_generator_naming_the_setting(generate):
    with pytest.raises(SettingError, match="JOURNAL_CATEGORY_NEIGHBOURS"):
        generate(
            {"journal/2023-08-30.md": "Text.\n"},
            JOURNAL_CATEGORY_NEIGHBOURS="yes",
        )


def test_a_translation_links_to_its_neighbours_translations(generate):
    generator = generate(
        {
            "journal/2023-08-29.md": "Slug: interviews\n\nText.\n",
            "journal/2023-08-29-fr.md": (
                "Slug: interviews\nLang: fr\nTitle: Entretiens\n\nTexte.\n"
            ),
            "journal/2023-08-30.md": "Slug: ambition\n\nText.\n",
            "journal/2023-08-30-fr.md": "Slug: ambition\nLang: fr\n\nTexte.\n",
        }
    )
    (translation,) = [e for e in generator.translations if e.slug == "ambition"]
    assert translation.older_entry.url == "interviews-fr.html"
    assert translation.older_entry.title == "Entretiens"
    assert translation.newer_entry is None
