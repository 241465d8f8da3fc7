"""JSON-LD for search engines: an entry is a BlogPosting, the site a WebSite."""

import json
from datetime import UTC, datetime

from plugins.page_meta.structured_data import blog_posting, web_site
from plugins.shared.contents import EntryFacts, ImageFacts

PHOTO = ImageFacts("https://x.org/p-1200w.jpg", 1200, 800, "The team", "image/jpeg")
PHOTO_OBJECT = {
    "@type": "ImageObject",
    "url": "https://x.org/p-1200w.jpg",
    "width": 1200,
    "height": 800,
}


def test_an_entry_is_a_blog_posting():
    published = datetime(2023, 8, 30, tzinfo=UTC)
    facts = EntryFacts(
        source="journal/t.md",
        url="https://x.org/journal/t/",
        title="T",
        published=published,
        author="A",
        tags=("leadership",),
    )
    data = json.loads(blog_posting(facts, "D"))
    assert data["@type"] == "BlogPosting"
    assert (data["headline"], data["description"]) == ("T", "D")
    assert data["url"] == data["mainEntityOfPage"] == "https://x.org/journal/t/"
    assert data["datePublished"] == data["dateModified"] == published.isoformat()
    assert data["author"] == {"@type": "Person", "name": "A"}
    assert data["keywords"] == ["leadership"]


def test_a_changed_entry_says_when_it_changed():
    published = datetime(2023, 8, 30, tzinfo=UTC)
    updated = datetime(2023, 9, 2, tzinfo=UTC)
    facts = EntryFacts("journal/t.md", "https://x.org/t/", "T", published, updated)
    data = json.loads(blog_posting(facts, "D"))
    assert data["dateModified"] == updated.isoformat()
    assert "author" not in data
    assert "keywords" not in data


def test_the_site_is_a_web_site():
    data = json.loads(web_site("Journal", "https://x.org/", "About", "A", "en"))
    assert data["@type"] == "WebSite"
    assert (data["name"], data["url"], data["inLanguage"]) == (
        "Journal",
        "https://x.org/",
        "en",
    )


def test_an_entry_names_the_picture_of_its_link_previews():
    published = datetime(2023, 8, 30, tzinfo=UTC)
    facts = EntryFacts("journal/t.md", "https://x.org/t/", "T", published, image=PHOTO)
    assert json.loads(blog_posting(facts, "D"))["image"] == PHOTO_OBJECT


def test_the_site_names_the_picture_of_its_link_previews():
    data = json.loads(web_site("J", "https://x.org/", "", "", "en", image=PHOTO))
    assert data["image"] == PHOTO_OBJECT
    assert "image" not in json.loads(web_site("J", "https://x.org/", "", "", "en"))
