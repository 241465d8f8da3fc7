"""Anchors and file names from words, by the site's own slug rule.

Pelican's `slugify` with the site's `SLUG_REGEX_SUBSTITUTIONS`,
`SLUGIFY_USE_UNICODE` and `SLUGIFY_PRESERVE_CASE`: the rule that already
names its entries, tags and categories. By default words of any script are
transliterated ("Как масштабировать команду?" is
`kak-masshtabirovat-komandu`, "Straße" is `strasse`); ASCII words are lower
case words joined by "-".
"""

from collections.abc import Mapping
from dataclasses import dataclass

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


@dataclass(frozen=True)
class SlugRule:
    """How the site turns words into a slug; call it with the words."""

    substitutions: tuple[tuple[str, str], ...]
    use_unicode: bool = False
    preserve_case: bool = False

    def __call__(self, words: str) -> str:
        return slugify(
            words,
            regex_subs=self.substitutions,
            preserve_case=self.preserve_case,
            use_unicode=self.use_unicode,
        )


def slug_rule(settings: Mapping = DEFAULT_CONFIG) -> SlugRule:
    """The slug rule of a site's settings (Pelican's defaults when not given)."""
    substitutions = settings.get(
        "SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    )
    return SlugRule(
        substitutions=tuple(tuple(pair) for pair in substitutions),
        use_unicode=bool(settings.get("SLUGIFY_USE_UNICODE", False)),
        preserve_case=bool(settings.get("SLUGIFY_PRESERVE_CASE", False)),
    )


DEFAULT_SLUG_RULE = slug_rule()
