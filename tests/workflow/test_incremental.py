"""What the build keeps of an entry for the next build."""

import copy
import pickle
from types import SimpleNamespace

from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag

from workflow.incremental import work_out_slugs


def test_an_entry_is_kept_with_its_slugs_worked_out_but_a_name_with_none():
    settings = copy.deepcopy(DEFAULT_CONFIG)
    chosen = Tag("Team health", settings)
    chosen.slug = "health"  # as an author's slug setting would
    entry = SimpleNamespace(
        tags=[Tag("Hiring & Onboarding", settings), Tag("C++", settings), chosen],
        category=Category("Journal", settings),
        authors=[],
    )
    punctuation = Tag("!!!", settings)
    entry.tags.append(punctuation)

    work_out_slugs(entry)

    assert [tag._slug for tag in entry.tags] == [
        "hiring-onboarding",
        "c",
        "health",
        None,
    ]
    assert entry.category._slug == "journal"


def test_a_name_that_gives_no_slug_is_kept_without_one_to_be_told_again():
    """Pelican warns of a name that gives no slug when its slug is first asked
    (strict_build stops the build then): an entry taken from the cache is
    asked again, whether its slug was asked before it was kept or not."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["TAG_REGEX_SUBSTITUTIONS"] = [(r"[a-z]", "")]  # strips every letter
    category = Category("???", settings)
    assert category.slug == ""  # asked already, as for the entry's address
    author = Author("!!!", settings)
    tag = Tag("abc", settings)
    entry = SimpleNamespace(tags=[tag], category=category, authors=[author])

    work_out_slugs(entry)

    assert (tag._slug, category._slug, author._slug) == (None, None, None)
    kept = pickle.loads(pickle.dumps(entry))
    assert [kept.tags[0]._slug, kept.category._slug] == [None, None]
    assert kept.category.slug == ""  # worked out again, with Pelican's warning
