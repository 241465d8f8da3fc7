"""What the build keeps of an entry for the next build."""

import copy
import logging
from types import SimpleNamespace

from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

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


def test_a_name_that_gives_no_slug_is_still_told_each_time_it_is_asked(caplog):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["TAG_REGEX_SUBSTITUTIONS"] = [(r"[a-z]", "")]  # strips every letter
    tag = Tag("abc", settings)
    entry = SimpleNamespace(tags=[tag], category=None, authors=None)

    work_out_slugs(entry)

    assert tag._slug is None
    with caplog.at_level(logging.WARNING):
        assert tag.slug == ""
    assert "Unable to generate valid slug" in caplog.text
