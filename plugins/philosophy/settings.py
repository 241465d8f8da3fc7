"""The plugin's settings: their defaults, in one place, and how a bad one is told.

``PHILOSOPHY_TEMPLATE`` names the template that makes a page a Q&A page (a page
with ``Template: philosophy``); ``PHILOSOPHY_HEADINGS`` the words of the two
sections of a question, matched case-insensitively. A heading left out keeps
its default, so ``{"strategy": "The Playbook"}`` renames one section only.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .questions import DEFAULT_HEADINGS

DEFAULTS = MappingProxyType(
    {
        "PHILOSOPHY_TEMPLATE": "philosophy",
        "PHILOSOPHY_HEADINGS": MappingProxyType(dict(DEFAULT_HEADINGS)),
    }
)


class SettingError(ValueError):
    """A PHILOSOPHY_* setting has a value the plugin cannot use."""


@dataclass(frozen=True)
class QASettings:
    """The plugin's settings, checked, with defaults filled in."""

    template: str
    headings: Mapping[str, str]


def read_settings(settings: Mapping) -> QASettings:
    """Return the plugin's settings from Pelican's; raise SettingError if bad."""
    _refuse_misspelt_names(settings)
    template = settings.get("PHILOSOPHY_TEMPLATE", DEFAULTS["PHILOSOPHY_TEMPLATE"])
    if not isinstance(template, str) or not template.strip():
        raise SettingError(
            f"philosophy: PHILOSOPHY_TEMPLATE must name a template, e.g. "
            f'"philosophy", not {template!r}'
        )
    headings = settings.get("PHILOSOPHY_HEADINGS", DEFAULTS["PHILOSOPHY_HEADINGS"])
    return QASettings(template.strip(), _checked_headings(headings))


def _refuse_misspelt_names(settings: Mapping) -> None:
    for name in settings:
        if not str(name).startswith("PHILOSOPHY_") or name in DEFAULTS:
            continue
        close = difflib.get_close_matches(name, list(DEFAULTS), n=1, cutoff=0.8)
        hint = f"did you mean {close[0]}?" if close else f"its settings are {_names()}"
        raise SettingError(f"philosophy: {name} is not a setting of the plugin: {hint}")


def _names() -> str:
    return " and ".join(DEFAULTS)


def _checked_headings(headings: object) -> Mapping[str, str]:
    example = '{"philosophy": "The Philosophy", "strategy": "The Strategy"}'
    if not isinstance(headings, Mapping):
        raise SettingError(
            f"philosophy: PHILOSOPHY_HEADINGS must be a dict like {example}, "
            f"not {headings!r}"
        )
    unknown = sorted(str(key) for key in headings if key not in DEFAULT_HEADINGS)
    if unknown:
        raise SettingError(
            f"philosophy: PHILOSOPHY_HEADINGS has the unknown key {unknown[0]!r}; "
            f"its keys are 'philosophy' and 'strategy', e.g. {example}"
        )
    merged = {**DEFAULTS["PHILOSOPHY_HEADINGS"], **headings}
    for kind, words in merged.items():
        if not isinstance(words, str) or not words.split():
            raise SettingError(
                f"philosophy: PHILOSOPHY_HEADINGS[{kind!r}] must be the words of "
                f"the {kind} heading, e.g. {DEFAULT_HEADINGS[kind]!r}, "
                f"not {words!r}"
            )
    words = {kind: " ".join(text.split()) for kind, text in merged.items()}
    if words["philosophy"].casefold() == words["strategy"].casefold():
        raise SettingError(
            "philosophy: PHILOSOPHY_HEADINGS gives both sections the heading "
            f"{words['strategy']!r}; give them different words"
        )
    return MappingProxyType(words)
