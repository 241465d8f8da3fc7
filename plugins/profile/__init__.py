"""profile: who writes the journal, on the home page, in every footer and in
the structured data.

The author's name is Pelican's AUTHOR; PROFILE_BIO and PROFILE_LINKS add a
line about them and their profiles elsewhere (see settings.py). Once the pages
are read, the context gets `author_profile` (an `AuthorProfile`, or None when
AUTHOR is empty), with the address of the page about the author
(content/pages/about.md) when there is one: the theme shows it, page_meta
makes it the schema.org `Person` of the structured data.
"""

from pelican import signals

from ..shared.settings import remember, remembered
from .author import AuthorProfile, author_profile
from .settings import PLUGIN, ProfileSettings, read_settings

__all__ = ["AuthorProfile", "register"]


def read_profile_settings(pelican) -> None:
    """Read profile's settings once; a wrong one stops the build here."""
    remember(pelican.settings, PLUGIN, read_settings(pelican.settings))


def profile_settings(settings) -> ProfileSettings:
    """profile's settings, as read at `initialized`."""
    return remembered(settings, PLUGIN, read_settings)


def give_author_profile(generator) -> None:
    """Put the author's profile in the context, once the pages are known."""
    generator.context["author_profile"] = author_profile(
        profile_settings(generator.settings),
        ((page.relative_source_path, page.url) for page in generator.pages),
    )


def register():
    """Register the plugin callbacks."""
    signals.initialized.connect(read_profile_settings)
    signals.page_generator_finalized.connect(give_author_profile)
