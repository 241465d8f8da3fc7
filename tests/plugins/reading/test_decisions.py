"""reading's plain decisions: reading time, related entries, on this day, its
settings, and words counted as Markdown renders them."""

import random
from datetime import date

import markdown
import pytest

from plugins.reading.on_this_day import on_this_day
from plugins.reading.reading_time import reading_minutes
from plugins.reading.related import related_entries
from plugins.reading.settings import DEFAULTS, read_settings
from plugins.shared.settings import SettingError
from plugins.shared.text import word_count

DAY = 86400

# --- reading time -------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        pytest.param(0, 1, id="an empty entry still takes a minute"),
        pytest.param(114, 1, id="under half a minute is a minute"),
        pytest.param(230, 1, id="230 words are a minute"),
        pytest.param(344, 1, id="under a minute and a half is one"),
        pytest.param(345, 2, id="a minute and a half rounds up"),
        pytest.param(600, 3, id="600 words are about 2.6 minutes"),
        pytest.param(2300, 10, id="2300 words are ten minutes"),
    ],
)
def test_reading_time_is_words_over_230_rounded_and_at_least_1(words, minutes):
    assert reading_minutes(words, 230) == minutes


def test_a_slower_reader_takes_longer():
    assert reading_minutes(600, 100) == 6


# --- related entries ----------------------------------------------------------


def test_related_entries_share_the_most_tags_first():
    tags = [["a"], ["a", "b", "c"], ["a", "b"], ["c"], ["a", "b", "c"]]
    related = related_entries([0, DAY, 2 * DAY, 3 * DAY, 4 * DAY], tags, 3)
    # Entry 1 (a, b, c): entry 4 shares three tags, entry 2 two, then comes
    # the nearer in date of those sharing one (entry 0, a day away; entry 3 is
    # two days away).
    assert related[1] == (4, 2, 0)


def test_among_entries_sharing_as_many_tags_the_nearest_in_date_comes_first():
    moments = [0, 10 * DAY, 11 * DAY, 30 * DAY, 31 * DAY]
    related = related_entries(moments, [["x"]] * 5, 3)
    assert related[2] == (1, 0, 3)
    assert related[3] == (4, 2, 1)


def test_an_exact_tie_in_date_goes_to_the_older_entry():
    related = related_entries([0, DAY, 2 * DAY], [["x"], ["x"], ["x"]], 1)
    assert related[1] == (0,)


def test_an_entry_sharing_no_tag_has_no_related_entries():
    related = related_entries([0, DAY, 2 * DAY], [["a"], ["b"], []], 3)
    assert related == [(), (), ()]


def test_no_more_related_entries_than_the_limit_and_none_with_0():
    tags = [["x"]] * 6
    assert all(len(r) == 3 for r in related_entries(range(6), tags, 3))
    assert related_entries(range(6), tags, 0) == [()] * 6


def test_a_tag_given_twice_counts_once():
    related = related_entries([0, DAY, 2 * DAY], [["a", "a"], ["a", "b"], ["b"]], 1)
    assert related[1] == (0,)


def reference_related(moments, tags, limit):
    """Related entries the slow way: every pair, sorted by the rule."""
    answer = []
    for entry, mine in enumerate(tags):
        ranked = sorted(
            (
                -len(set(mine) & set(theirs)),
                abs(moments[other] - moments[entry]),
                other > entry,  # an exact tie in date: the older first
                abs(other - entry),  # then the nearer in the journal's order
                other,
            )
            for other, theirs in enumerate(tags)
            if other != entry and set(mine) & set(theirs)
        )
        answer.append(tuple(rank[-1] for rank in ranked[:limit]))
    return answer


@pytest.mark.parametrize("seed", range(30))
def test_related_entries_are_those_every_pair_compared_would_give(seed):
    rng = random.Random(seed)
    count = rng.randint(1, 60)
    moments = sorted(rng.choice([0, 1, 2, 5, 9]) * DAY for _ in range(count))
    pool = [f"tag{n}" for n in range(8)]
    tags = [rng.sample(pool, rng.randint(0, 5)) for _ in range(count)]
    limit = rng.randint(1, 4)
    assert related_entries(moments, tags, limit) == reference_related(
        moments, tags, limit
    )


# --- on this day --------------------------------------------------------------


def test_on_this_day_lists_the_same_month_and_day_of_other_years_oldest_first():
    days = [
        date(2021, 8, 30),
        date(2022, 8, 29),
        date(2022, 8, 30),
        date(2023, 8, 30),
        date(2023, 8, 30),
    ]
    same_days = on_this_day(days)
    assert same_days[0] == (2, 3, 4)
    assert same_days[1] == ()
    assert same_days[3] == (0, 2)  # not the other entry of the same day
    assert same_days[4] == (0, 2)


def test_29_february_meets_only_29_february():
    days = [
        date(2019, 2, 28),
        date(2019, 3, 1),
        date(2020, 2, 28),
        date(2020, 2, 29),
        date(2024, 2, 29),
    ]
    same_days = on_this_day(days)
    assert same_days[3] == (4,)
    assert same_days[4] == (3,)
    assert same_days[0] == (2,)
    assert same_days[1] == ()


# --- settings -----------------------------------------------------------------


def test_settings_default_to_230_words_a_minute_and_three_related_entries():
    settings = read_settings({})
    assert settings.words_per_minute == DEFAULTS["READING_WORDS_PER_MINUTE"] == 230
    assert settings.related_entries == DEFAULTS["READING_RELATED_ENTRIES"] == 3


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"READING_WORDS_PER_MINUTE": 0}, "READING_WORDS_PER_MINUTE"),
        ({"READING_WORDS_PER_MINUTE": "230"}, "READING_WORDS_PER_MINUTE"),
        ({"READING_RELATED_ENTRIES": -1}, "READING_RELATED_ENTRIES"),
        ({"READING_RELATED_ENTRIES": True}, "READING_RELATED_ENTRIES"),
        ({"READING_RELATED": 5}, "READING_RELATED"),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(settings, named):
    with pytest.raises(SettingError, match=f"^reading: setting {named} "):
        read_settings(settings)


def test_a_misspelt_setting_names_the_one_meant():
    with pytest.raises(SettingError, match="did you mean READING_WORDS_PER_MINUTE"):
        read_settings({"READING_WORD_PER_MINUTE": 200})


# --- words, counted as Markdown renders ---------------------------------------


def test_markdown_counts_the_words_it_renders_into_the_metadata():
    md = markdown.Markdown(extensions=["meta", "plugins.reading.words"])
    html = md.convert("Title: Ignored\n\nOne *two* three.\n\n- four\n- five\n")
    assert md.Meta["word_count"] == ["5"]
    assert word_count(html) == 5
