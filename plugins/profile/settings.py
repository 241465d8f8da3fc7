"""profile's settings: who the author is, in one place, and their checks.

AUTHOR (Pelican's own setting)
    The author's name: every entry's author, shown on the home page and in
    the footer, and the `Person` of the structured data.
PROFILE_BIO
    One line about the author, shown under the name on the home page and as
    the Person's description (default: none).
PROFILE_LINKS
    The author's profiles elsewhere, in the order shown: (label, address)
    pairs (or a {label: address} dict), each address absolute (https://...)
    or an email address (mailto:...), e.g. (("LinkedIn",
    "https://www.linkedin.com/in/me/"), ("Email", "mailto:me@example.org")).
    Shown on the home page and in every footer with rel="me"; the web
    addresses are the Person's `sameAs`.
PROFILE_ABOUT_PAGE
    The source of the page about the author, when there is one (default
    "pages/about.md"): the home page links it, and it is the Person's `url`.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..shared.settings import SettingError, plugin_values
from ..shared.urls import is_absolute_url

PLUGIN = "profile"
DEFAULTS = {
    "PROFILE_BIO": "",
    "PROFILE_LINKS": (),
    "PROFILE_ABOUT_PAGE": "pages/about.md",
}
EXAMPLE_LINKS = (
    '(("LinkedIn", "https://www.linkedin.com/in/me/"), '
    '("Email", "mailto:me@example.org"))'
)
EMAIL_ADDRESS = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")


@dataclass(frozen=True)
class ProfileLink:
    """One of the author's profiles: the words shown and the address."""

    label: str
    url: str

    @property
    def email(self) -> str | None:
        """The email address of a mailto: link, else None."""
        parts = urlsplit(self.url)
        return parts.path if parts.scheme.lower() == "mailto" else None


@dataclass(frozen=True)
class ProfileSettings:
    """The author as the settings describe them, checked."""

    name: str = ""
    bio: str = ""
    links: tuple[ProfileLink, ...] = ()
    about_page: str = DEFAULTS["PROFILE_ABOUT_PAGE"]


def read_settings(settings: Mapping) -> ProfileSettings:
    """profile's settings from Pelican's; SettingError names a wrong one."""
    values = plugin_values(PLUGIN, "PROFILE_", DEFAULTS, settings)
    profile = ProfileSettings(
        name=_one_line("AUTHOR", settings.get("AUTHOR") or ""),
        bio=_one_line("PROFILE_BIO", values["PROFILE_BIO"]),
        links=profile_links(values["PROFILE_LINKS"]),
        about_page=_about_page(values["PROFILE_ABOUT_PAGE"]),
    )
    if (profile.bio or profile.links) and not profile.name:
        raise SettingError(
            PLUGIN,
            "AUTHOR",
            "is empty, but PROFILE_BIO or PROFILE_LINKS describe an author: "
            'set AUTHOR = "Your Name" in pelicanconf.py',
        )
    return profile


def profile_links(value: object) -> tuple[ProfileLink, ...]:
    """The links of PROFILE_LINKS, checked: (label, address) pairs (or a
    {label: address} dict), each address absolute (http or https) or
    mailto:, no address twice."""
    name = "PROFILE_LINKS"
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise SettingError(
            PLUGIN,
            name,
            f"must be a list of (label, address) pairs such as "
            f"{EXAMPLE_LINKS}, not {value!r}",
        )
    links = [_link(number, pair) for number, pair in enumerate(value, start=1)]
    addresses = [link.url for link in links]
    for number, address in enumerate(addresses, start=1):
        if address in addresses[: number - 1]:
            raise SettingError(
                PLUGIN,
                name,
                f"link {number} ({address!r}) is given twice: keep one of them",
            )
    return tuple(links)


def _link(number: int, pair: object) -> ProfileLink:
    name = "PROFILE_LINKS"
    if (
        not isinstance(pair, list | tuple)
        or len(pair) != 2
        or not all(isinstance(part, str) for part in pair)
    ):
        raise SettingError(
            PLUGIN,
            name,
            f"link {number} is {pair!r}: give a (label, address) pair of "
            f'strings such as ("GitHub", "https://github.com/me")',
        )
    label, url = " ".join(pair[0].split()), pair[1].strip()
    if not label:
        raise SettingError(
            PLUGIN,
            name,
            f"link {number} ({url!r}) has no label: give the words to show, "
            f'such as ("GitHub", {url!r})',
        )
    if not (is_absolute_url(url) or _is_mailto(url)):
        raise SettingError(
            PLUGIN,
            name,
            f"link {number} ({label!r}) has the address {url!r}, which is neither "
            "an absolute address nor an email address: write it in full, such "
            "as 'https://github.com/me' or 'mailto:me@example.org'",
        )
    return ProfileLink(label=label, url=url)


def _is_mailto(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() == "mailto" and bool(EMAIL_ADDRESS.match(parts.path))


def _one_line(name: str, value: object) -> str:
    if not isinstance(value, str) or "\n" in value.strip():
        raise SettingError(PLUGIN, name, f"must be one line of text, not {value!r}")
    return " ".join(value.split())


def _about_page(value: object) -> str:
    name = "PROFILE_ABOUT_PAGE"
    if not isinstance(value, str) or not value.strip():
        raise SettingError(
            PLUGIN,
            name,
            f"must be the path of a page within the content folder, such as "
            f"{DEFAULTS[name]!r}, not {value!r}",
        )
    return value.strip().lstrip("/")
