"""The author as the site presents them: name, one line, profiles, and the page
about them. Plain data in (settings, the pages' sources and addresses), a
frozen model out."""

from collections.abc import Iterable
from dataclasses import dataclass

from .settings import ProfileLink, ProfileSettings


@dataclass(frozen=True)
class AuthorProfile:
    """The author, ready for the theme and the structured data.

    name: the author's name (AUTHOR)
    bio: one line about them, or ""
    links: their profiles elsewhere, shown with rel="me"
    about_url: the page about them, relative to the site, or None
    """

    name: str
    bio: str = ""
    links: tuple[ProfileLink, ...] = ()
    about_url: str | None = None

    @property
    def same_as(self) -> tuple[str, ...]:
        """The web addresses of the profiles: schema.org's `sameAs`."""
        return tuple(link.url for link in self.links if link.email is None)

    @property
    def email(self) -> str | None:
        """The first email address of the profiles, or None."""
        return next((link.email for link in self.links if link.email), None)


def author_profile(
    settings: ProfileSettings, pages: Iterable[tuple[str, str]]
) -> AuthorProfile | None:
    """The author of the site, or None when AUTHOR names nobody. `pages` are
    the published pages' (source, address) pairs: the one from
    `settings.about_page` is the page about the author."""
    if not settings.name:
        return None
    about_url = next(
        (url for source, url in pages if source == settings.about_page), None
    )
    return AuthorProfile(
        name=settings.name,
        bio=settings.bio,
        links=settings.links,
        about_url=about_url,
    )
