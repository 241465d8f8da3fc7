"""Link-preview cards: the theme's colours, the page's words, 1200 x 630."""

import re

import pytest
from PIL import Image

from plugins.images.cards import (
    HEIGHT,
    WIDTH,
    CardColours,
    CardColoursMissing,
    card_colours,
    draw_card,
    wrapped,
)
from tests.conftest import ROOT
from tests.pictures import metadata_of

THEME_CSS = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
COLOURS = CardColours((253, 253, 252), (22, 25, 29), (84, 92, 102), (179, 92, 0))


def test_the_colours_are_the_light_tokens_of_the_themes_stylesheet():
    assert card_colours(THEME_CSS, "site.css") == COLOURS


def test_tokens_are_followed_to_their_colour_and_comments_ignored():
    css = """/* :root { --color-background: #000; } */
    :root {
      --paper: #ffffff; --ink: rgb(1, 2, 3);
      --color-background: var(--paper);
      --color-heading: var(--ink);
      --color-muted: #777;
      --color-accent: hsl(0, 100%, 50%);
    }
    @media (prefers-color-scheme: dark) { :root { --color-background: #000; } }"""
    assert card_colours(css, "x.css") == CardColours(
        (255, 255, 255), (1, 2, 3), (119, 119, 119), (255, 0, 0)
    )


@pytest.mark.parametrize(
    ("css", "problem"),
    [
        (":root { --color-heading: #000; }", "--color-background is missing"),
        (
            ":root { --color-background: var(--nowhere); }",
            "--color-background is missing",
        ),
        (
            ":root { --color-background: color-mix(in srgb, red, blue); }",
            "--color-background is 'color-mix(in srgb, red, blue)', not a colour",
        ),
    ],
)
def test_a_missing_colour_names_the_stylesheet_and_the_token(css, problem):
    start = f"images: theme/site.css: the token {problem}"
    with pytest.raises(CardColoursMissing, match=f"^{re.escape(start)}"):
        card_colours(css, "theme/site.css")


def width_of(text):
    return len(text) * 10.0


def test_words_wrap_to_the_width_and_an_ellipsis_ends_what_does_not_fit():
    assert wrapped("one two three four", width_of, 100, 3) == (
        ["one two", "three four"],
        True,
    )
    lines, fits = wrapped("one two three four five six seven", width_of, 100, 2)
    assert (lines, fits) == (["one two", "three…"], False)
    assert wrapped("unbreakableword", width_of, 60, 2) == (["unbre…"], False)


def test_a_card_is_a_1200_by_630_png_in_the_themes_colours(tmp_path):
    path = tmp_path / "card.png"
    draw_card("Leadership", "Engineering Leadership Journal", COLOURS, path)
    data = path.read_bytes()
    with Image.open(path) as card:
        assert (card.format, card.size, card.mode) == ("PNG", (WIDTH, HEIGHT), "RGB")
        assert card.getpixel((WIDTH // 2, 4)) == COLOURS.accent
        assert card.getpixel((WIDTH - 10, HEIGHT - 10)) == COLOURS.background
        colours = {colour for _, colour in card.getcolors(maxcolors=WIDTH * HEIGHT)}
    assert COLOURS.heading in colours  # the title's ink
    assert COLOURS.muted in colours  # the site's name
    assert metadata_of(data) == {}


def test_the_same_words_draw_the_same_bytes(tmp_path):
    for name in ("a.png", "b.png"):
        draw_card("A long title " * 8, "Subtitle", COLOURS, tmp_path / name)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
