"""Built sites: the author on the home page, in every footer with rel="me", in
the structured data, and the page about them in the navigation."""

import json

from tests.conftest import (
    SAMPLE_CONTENT,
    copy_sample,
    run_pelican,
    words,
    write_content,
)
from workflow.check import html_files

SITE = "https://leader.example.org"
PROFILES = [
    "https://linkedin.example/in/placeholder",
    "https://github.example/placeholder",
    "https://mastodon.example/@placeholder",
]


def json_ld(page):
    return [
        json.loads(script.string)
        for script in page.find_all("script", type="application/ld+json")
    ]


def profile_links(element):
    return [(a.get_text(), a["href"], a["rel"]) for a in element.select("a[rel~=me]")]


def test_the_home_page_introduces_the_author_with_their_profiles(sample_site):
    card = sample_site.page("index.html").select_one("main .author-card")
    assert card.h2.get_text() == "The Author"
    assert "Placeholder" in card.p.get_text()
    assert profile_links(card) == [
        ("LinkedIn", PROFILES[0], ["me"]),
        ("GitHub", PROFILES[1], ["me"]),
        ("Mastodon", PROFILES[2], ["me"]),
        ("Email", "mailto:placeholder@example.org", ["me"]),
    ]


def test_every_footer_names_the_author_and_links_their_profiles(sample_site):
    for path in html_files(sample_site.output):
        footer = sample_site.page(path.relative_to(sample_site.output)).footer
        assert "The Author" in footer.get_text(), path
        assert [href for _, href, _ in profile_links(footer)][:3] == PROFILES, path


def test_the_structured_data_names_the_author_as_a_person_with_profiles(
    production_site,
):
    [posting] = json_ld(production_site.page("journal/2023-08-30/index.html"))
    [site] = json_ld(production_site.page("index.html"))
    for author in (posting["author"], site["author"]):
        assert author["@type"] == "Person"
        assert author["name"] == "The Author"
        assert author["sameAs"] == PROFILES
        assert author["email"] == "placeholder@example.org"
        assert "url" not in author  # the sample site has no page about the author


def test_a_page_about_the_author_is_in_the_navigation_and_the_person(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(content, {"pages/about.md": "Title: About me\n\nWho I am.\n"})

    result = build(content, production=True, env={"SITEURL": SITE})

    assert result.returncode == 0, result.messages
    home = result.page("index.html")
    nav = home.find("nav", attrs={"aria-label": "Site"})
    assert (f"{SITE}/about/", "About me") in [
        (a["href"], words(a.get_text())) for a in nav.find_all("a")
    ]
    more = home.select_one(".author-card").find("a", string="More about me")
    assert more["href"] == f"{SITE}/about/"
    [site] = json_ld(home)
    [posting] = json_ld(result.page("journal/2023-08-30/index.html"))
    assert site["author"]["url"] == posting["author"]["url"] == f"{SITE}/about/"
    [about] = json_ld(result.page("about/index.html"))
    assert about["@type"] == "ProfilePage"
    assert (about["name"], about["url"]) == ("About me", f"{SITE}/about/")
    assert about["mainEntity"] == site["author"]
    assert about["image"]["url"].startswith(f"{SITE}/images/cards/about.")


def test_a_profile_link_that_is_no_address_fails_the_build(tmp_path):
    result = run_pelican(
        SAMPLE_CONTENT,
        tmp_path / "out",
        extra_settings='PROFILE_LINKS = (("GitHub", "github.com/me"),)',
    )
    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert "profile: setting PROFILE_LINKS link 1 ('GitHub')" in messages
    assert "write it in full" in messages
    assert not (tmp_path / "out" / "index.html").exists()
