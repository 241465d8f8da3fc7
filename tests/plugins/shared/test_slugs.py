"""Anchors and file names from words of any script, by the site's slug rule."""

import pytest

from plugins.shared.slugs import DEFAULT_SLUG_RULE, slug_rule


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        (
            "How do you define successful engineering leadership?",
            "how-do-you-define-successful-engineering-leadership",
        ),
        ("Velocity vs. Stability", "velocity-vs-stability"),
        ("The 70/20/10 Rule", "the-702010-rule"),
        ("Как масштабировать команду?", "kak-masshtabirovat-komandu"),
        ("Straße", "strasse"),
        ("日本語", "ri-ben-yu"),
        ("?!", ""),
    ],
)
def test_words_of_any_script_make_a_slug(words, slug):
    assert DEFAULT_SLUG_RULE(words) == slug


def test_a_site_that_keeps_unicode_keeps_its_letters():
    rule = slug_rule({"SLUGIFY_USE_UNICODE": True})
    assert rule("Как масштабировать команду?") == "как-масштабировать-команду"
    assert rule("Straße") == "straße"
