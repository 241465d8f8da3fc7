"""The Q&A page type's settings: their defaults in one place, and their checks.

PHILOSOPHY_TEMPLATE
    The template that makes a page a Q&A page (a page with `Template:
    philosophy`); default "philosophy".
PHILOSOPHY_HEADINGS
    The words of the two sections of a question, matched case-insensitively. A
    heading left out keeps its default, so `{"strategy": "The Playbook"}`
    renames one section only.

Anchors are made from words by the site's own slug rule (Pelican's
SLUG_REGEX_SUBSTITUTIONS, SLUGIFY_USE_UNICODE, SLUGIFY_PRESERVE_CASE).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..shared.settings import SettingError, plugin_values
from ..shared.slugs import DEFAULT_SLUG_RULE, SlugRule, slug_rule
from ..shared.text import plain_words
from .model import DEFAULT_HEADINGS

PLUGIN = "philosophy"
DEFAULTS = MappingProxyType(
    {
        "PHILOSOPHY_TEMPLATE": "philosophy",
        "PHILOSOPHY_HEADINGS": MappingProxyType(dict(DEFAULT_HEADINGS)),
    }
)


@dataclass(frozen=True)
class QASettings:
    """The plugin's settings, checked, with defaults filled in (plain data:
    Pelican pickles its settings into the content cache)."""

    template: str = DEFAULTS["PHILOSOPHY_TEMPLATE"]
    headings: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_HEADINGS))
    slugify: SlugRule = field(default=DEFAULT_SLUG_RULE)


def read_settings(settings: Mapping) -> QASettings:
    """The plugin's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "PHILOSOPHY_", DEFAULTS, settings)
    template = values["PHILOSOPHY_TEMPLATE"]
    if not isinstance(template, str) or not template.strip():
        raise SettingError(
            PLUGIN,
            "PHILOSOPHY_TEMPLATE",
            f'must name a template, e.g. "philosophy", not {template!r}',
        )
    return QASettings(
        template=template.strip(),
        headings=_checked_headings(values["PHILOSOPHY_HEADINGS"]),
        slugify=slug_rule(settings),
    )


def _checked_headings(headings: object) -> dict[str, str]:
    name = "PHILOSOPHY_HEADINGS"
    example = '{"philosophy": "The Philosophy", "strategy": "The Strategy"}'
    if not isinstance(headings, Mapping):
        raise SettingError(
            PLUGIN, name, f"must be a dict like {example}, not {headings!r}"
        )
    unknown = sorted(str(key) for key in headings if key not in DEFAULT_HEADINGS)
    if unknown:
        raise SettingError(
            PLUGIN,
            name,
            f"has the unknown key {unknown[0]!r}; its keys are 'philosophy' and "
            f"'strategy', e.g. {example}",
        )
    merged = {**DEFAULTS[name], **headings}
    for kind, words in merged.items():
        if not isinstance(words, str) or not words.split():
            raise SettingError(
                PLUGIN,
                f"{name}[{kind!r}]",
                f"must be the words of the {kind} heading, e.g. "
                f"{DEFAULT_HEADINGS[kind]!r}, not {words!r}",
            )
    words = {kind: plain_words(text) for kind, text in merged.items()}
    if words["philosophy"].casefold() == words["strategy"].casefold():
        raise SettingError(
            PLUGIN,
            name,
            f"gives both sections the heading {words['strategy']!r}; give them "
            "different words",
        )
    return words
