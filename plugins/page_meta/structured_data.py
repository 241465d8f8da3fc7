"""schema.org JSON-LD for search engines: BlogPosting for an entry, WebSite
for the home page, WebPage for a page (ProfilePage for the page about the
author), each with the picture its link previews show, and the Person who
wrote them. Plain facts in, script-safe JSON out."""

from collections.abc import Sequence

from ..shared.contents import EntryFacts, ImageFacts
from ..shared.text import script_safe_json


def person(
    name: str,
    *,
    url: str | None = None,
    description: str = "",
    same_as: Sequence[str] = (),
    email: str | None = None,
) -> dict:
    """schema.org Person: the author, with the page about them (`url`), a line
    about them and their profiles elsewhere (`sameAs`)."""
    data = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    if description:
        data["description"] = description
    if same_as:
        data["sameAs"] = list(same_as)
    if email:
        data["email"] = email
    return data


def author_of(name: str, site_author: dict | None) -> dict:
    """The Person who wrote something: the site's author in full when it is
    them, else a Person of this name."""
    if site_author and site_author.get("name") == name:
        return site_author
    return person(name)


def blog_posting(
    entry: EntryFacts, description: str, site_author: dict | None = None
) -> str:
    """schema.org BlogPosting for an entry."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": entry.title,
        "description": description,
        "url": entry.url,
        "mainEntityOfPage": entry.url,
        "datePublished": entry.published.isoformat(),
        "dateModified": (entry.updated or entry.published).isoformat(),
    }
    if entry.author:
        data["author"] = author_of(entry.author, site_author)
    if entry.tags:
        data["keywords"] = list(entry.tags)
    if entry.image:
        data["image"] = entry.image.schema_org()
    return script_safe_json(data)


def web_site(
    name: str,
    url: str,
    about: str,
    author: str,
    language: str,
    *,
    image: ImageFacts | None = None,
    site_author: dict | None = None,
) -> str:
    """schema.org WebSite for the home page."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": language,
    }
    if about:
        data["description"] = about
    if author:
        data["author"] = author_of(author, site_author)
    if image:
        data["image"] = image.schema_org()
    return script_safe_json(data)


def web_page(
    name: str,
    url: str,
    description: str,
    *,
    image: ImageFacts | None = None,
    site_author: dict | None = None,
) -> str:
    """schema.org WebPage for a page; a ProfilePage whose main entity is the
    site's author when it is the page about them (their Person's `url`)."""
    about_author = bool(site_author) and site_author.get("url") == url
    data = {
        "@context": "https://schema.org",
        "@type": "ProfilePage" if about_author else "WebPage",
        "name": name,
        "url": url,
    }
    if description:
        data["description"] = description
    if image:
        data["image"] = image.schema_org()
    if about_author:
        data["mainEntity"] = site_author
    return script_safe_json(data)
