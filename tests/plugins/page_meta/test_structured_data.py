"""JSON-LD for search engines: an entry is a BlogPosting, the site a WebSite,
a page a WebPage (the page about the author a ProfilePage)."""

import json
from datetime import UTC, datetime

from plugins.page_meta.structured_data import (
    blog_posting,
    person,
    web_page,
    web_site,
)
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


AUTHOR = person(
    "A",
    url="https://x.org/about/",
    description="Leads engineers.",
    same_as=["https://github.com/a"],
    email="a@x.org",
)


def test_the_sites_author_is_a_person_with_their_profiles():
    assert AUTHOR == {
        "@type": "Person",
        "name": "A",
        "url": "https://x.org/about/",
        "description": "Leads engineers.",
        "sameAs": ["https://github.com/a"],
        "email": "a@x.org",
    }
    assert person("B") == {"@type": "Person", "name": "B"}


def test_an_entry_by_the_sites_author_names_them_in_full():
    published = datetime(2023, 8, 30, tzinfo=UTC)
    mine = EntryFacts("journal/t.md", "https://x.org/t/", "T", published, author="A")
    theirs = EntryFacts("journal/g.md", "https://x.org/g/", "G", published, author="B")
    assert json.loads(blog_posting(mine, "D", AUTHOR))["author"] == AUTHOR
    assert json.loads(blog_posting(theirs, "D", AUTHOR))["author"] == {
        "@type": "Person",
        "name": "B",
    }


def test_the_web_site_names_its_author_in_full():
    data = json.loads(
        web_site("Journal", "https://x.org/", "", "A", "en", site_author=AUTHOR)
    )
    assert data["author"] == AUTHOR


def test_a_page_is_a_web_page_and_the_one_about_the_author_their_profile():
    data = json.loads(web_page("Uses", "https://x.org/uses/", "My tools.", image=PHOTO))
    assert data == {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": "Uses",
        "url": "https://x.org/uses/",
        "description": "My tools.",
        "image": PHOTO_OBJECT,
    }
    other = json.loads(web_page("Uses", "https://x.org/uses/", "", site_author=AUTHOR))
    assert other["@type"] == "WebPage" and "mainEntity" not in other
    about = json.loads(
        web_page("About", "https://x.org/about/", "", site_author=AUTHOR)
    )
    assert about["@type"] == "ProfilePage"
    assert about["mainEntity"] == AUTHOR
