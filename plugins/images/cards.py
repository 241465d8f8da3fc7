"""Link-preview cards: a picture of a page's words in the theme's colours,
for pages that have no photo of their own.

`card_colours(css)` reads the colours from the tokens of the theme's
stylesheet, so that a card follows the theme when its tokens change;
`draw_card(title, subtitle, colours, path)` draws a 1200 x 630 PNG (the size
Open Graph and Twitter's large card show best) with the font Pillow carries
itself, so the build needs no font installed on the machine.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PillowImage
from PIL import ImageColor, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 88
BAR = 14
# Tokens of the light scheme (the :root rule), by what they colour on a card.
TOKENS = {
    "background": "--color-background",
    "heading": "--color-heading",
    "muted": "--color-muted",
    "accent": "--color-accent",
}
TITLE_SIZES = (84, 76, 68, 60, 52)
TITLE_LINES = 3
SUBTITLE_SIZE = 38
SUBTITLE_LINES = 3
ELLIPSIS = "…"
VAR = re.compile(r"var\((--[\w-]+)\)")
# What the card's drawing is made of: a change to this file makes new cards.
DRAWING = Path(__file__).read_bytes()


class CardColoursMissing(ValueError):
    """The stylesheet lacks a token a card needs; the message says which."""


@dataclass(frozen=True)
class CardColours:
    background: tuple[int, int, int]
    heading: tuple[int, int, int]
    muted: tuple[int, int, int]
    accent: tuple[int, int, int]


def root_tokens(css: str) -> dict[str, str]:
    """The custom properties of the stylesheet's first `:root` rule."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rule = re.search(r":root\s*\{([^}]*)\}", css)
    if not rule:
        return {}
    return {
        name: " ".join(value.split())
        for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", rule.group(1))
    }


def token_value(tokens: dict[str, str], name: str) -> str | None:
    """A token's value, following `var(--other)` to the value it names."""
    seen = set()
    value = tokens.get(name)
    while value is not None and (reference := VAR.fullmatch(value)):
        if value in seen:
            return None
        seen.add(value)
        value = tokens.get(reference.group(1))
    return value


def card_colours(css: str, stylesheet: str) -> CardColours:
    """The card's colours from the stylesheet's tokens; CardColoursMissing
    names the token that is missing or not a colour."""
    tokens = root_tokens(css)
    colours = {}
    for role, name in TOKENS.items():
        value = token_value(tokens, name)
        try:
            colours[role] = ImageColor.getrgb(value or "")[:3]
        except ValueError:
            problem = f"is {value!r}, not a colour" if value else "is missing"
            raise CardColoursMissing(
                f"images: {stylesheet}: the token {name} {problem}; link-preview "
                f"cards take their {role} colour from it: give it a colour like "
                "#16191d in the stylesheet's :root rule"
            ) from None
    return CardColours(**colours)


def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's own font (Aileron) at this size: no system font needed."""
    return ImageFont.load_default(size=size)


def wrapped(
    text: str, width_of: Callable[[str], float], max_width: float, max_lines: int
) -> tuple[list[str], bool]:
    """The words of `text` in lines no wider than `max_width`, at most
    `max_lines` of them, and whether they all fit (if not, the last line
    ends with an ellipsis)."""
    lines: list[str] = []
    for word in text.split():
        if lines and width_of(f"{lines[-1]} {word}") <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    fits = len(lines) <= max_lines
    if not fits:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + ELLIPSIS]
    fitted = [cut_to_fit(line, width_of, max_width) for line in lines]
    return fitted, fits and fitted == lines


def cut_to_fit(line: str, width_of: Callable[[str], float], max_width: float) -> str:
    """The line, cut short with an ellipsis when it is wider than `max_width`:
    at a word when it has several, else within its one word."""
    if width_of(line) <= max_width:
        return line
    line = line.removesuffix(ELLIPSIS)
    while " " in line and width_of(line + ELLIPSIS) > max_width:
        line = line.rsplit(" ", 1)[0]
    while line and width_of(line + ELLIPSIS) > max_width:
        line = line[:-1]
    return line + ELLIPSIS


def title_lines(
    title: str, max_width: float
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size whose lines fit, and the lines."""
    for size in TITLE_SIZES:
        face = font(size)
        lines, fits = wrapped(title, face.getlength, max_width, TITLE_LINES)
        if fits:
            return face, lines
    return face, lines


def draw_card(title: str, subtitle: str, colours: CardColours, path: Path) -> None:
    """Draw the card of `title` (large) over `subtitle` as a PNG at `path`."""
    image = PillowImage.new("RGB", (WIDTH, HEIGHT), colours.background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAR), fill=colours.accent)
    max_width = WIDTH - 2 * MARGIN
    title_face, lines = title_lines(title, max_width)
    small = font(SUBTITLE_SIZE)
    small_lines = wrapped(subtitle, small.getlength, max_width, SUBTITLE_LINES)[0]
    title_step = round(title_face.size * 1.2)
    small_step = round(SUBTITLE_SIZE * 1.35)
    gap = 36 if small_lines else 0
    block = len(lines) * title_step + gap + len(small_lines) * small_step
    y = BAR + (HEIGHT - BAR - block) // 2
    for line in lines:
        draw.text((MARGIN, y), line, font=title_face, fill=colours.heading)
        y += title_step
    if small_lines:
        rule = y + gap // 2 - 2
        draw.rectangle((MARGIN, rule, MARGIN + 96, rule + 4), fill=colours.accent)
        y += gap
    for line in small_lines:
        draw.text((MARGIN, y), line, font=small, fill=colours.muted)
        y += small_step
    with open(path, "wb") as file:
        image.save(file, "PNG", optimize=True)
