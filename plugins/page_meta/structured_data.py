"""schema.org JSON-LD for search engines: BlogPosting for an entry, WebSite
for the home page, each with the picture its link previews show. Plain facts
in, script-safe JSON out."""

from ..shared.contents import EntryFacts, ImageFacts
from ..shared.text import script_safe_json


def blog_posting(entry: EntryFacts, description: str) -> str:
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
        data["author"] = {"@type": "Person", "name": entry.author}
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
        data["author"] = {"@type": "Person", "name": author}
    if image:
        data["image"] = image.schema_org()
    return script_safe_json(data)
