"""The Atom feed: every reader accepts it and shows it well.

feeds/all.atom.xml holds the newest published entries in full (the older
ones are in its archives: test_archived_site.py), is valid against RFC 4287's
RELAX NG schema (tests/data/atom.rng, converted from the RFC's
Appendix B, tests/data/atom.rnc, with `trang -I rnc -O rng`) and its
Schematron rules, reads in feedparser without complaint, keeps every URL
absolute, and stays valid whatever the author types.
"""

import functools
import subprocess
import sys
from fnmatch import fnmatch
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from plugins.shared.text import NOT_IN_XML
from tests.conftest import (
    ROOT,
    SAMPLE_CONTENT,
    build_site,
    copy_sample,
    folder_fingerprint,
    seed_entry_paragraphs,
    theme_path,
    words,
    write_content,
)
from tests.pictures import drawing_png
from workflow.check import html_files

SCHEMA = ROOT / "tests" / "data" / "atom.rng"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SCHEMATRON = "{http://www.ascc.net/xml/schematron}"
FEED = "feeds/all.atom.xml"
LOCAL = "http://127.0.0.1:8000"
PRODUCTION = "https://leader.example.org"

# What an author may type, and a reader must show exactly so.
HOSTILE_TITLE = "Fish <script>alert(1)</script> & \"chips\" 'n' ]]> 🐟 שלום עולם"
HOSTILE_SUMMARY = "Less < more & \"quotes\" 'too' </script> ]]> 🎉 مرحبا بالعالم"
HOSTILE_TAG = "R&D \"quoted\" 'single' <b>"
HOSTILE = {
    "journal/2024-03-01-hostile.md": (
        f"Title: {HOSTILE_TITLE}\n"
        f"Summary: {HOSTILE_SUMMARY}\n"
        f"Tags: {HOSTILE_TAG}, plain\n\n"
        "Text that stays <em>as written</em>.\n"
    ),
    # Control characters pasted from a word processor: a soft line break
    # (U+000B), a page break (U+000C), a backspace, a bell, stray bytes.
    "journal/2024-03-02-pasted.md": (
        "Title: Pasted\x0bfrom a\x08 word processor\x01\n"
        "Summary: Soft\x0cbreak\x07 and bell\n"
        "Tags: page\x0bbreak\n\n"
        "Text with a\x0bline break\x1f and\x7f stray bytes\x00.\n"
    ),
    # Two untitled entries of one day: both titled by the date.
    "journal/2024-03-03.md": "The first untitled entry of the day.\n",
    "journal/2024-03-03-second.md": "The second untitled entry of the day.\n",
    "journal/2024-03-04-links.md": (
        "Title: Links and images\n\n"
        "[The hostile entry]({filename}2024-03-01-hostile.md),\n"
        "[the archives](/archives/),\n"
        "[the same, relative](../2024-03-01-hostile/),\n"
        "[my notes](#notes),\n"
        "[mail me](mailto:author@example.org),\n"
        "[another site](https://example.org/page).\n\n"
        "![A photo]({static}/images/photo.png)\n"
        "![Beside the entry](photo.png)\n"
        "![From the root](/images/photo.png)\n\n"
        '<img alt="Sizes" src="/images/photo.png"'
        ' srcset="/images/photo.png 1x, ../../images/photo.png 2x">\n\n'
        '<p id="notes">Notes.</p>\n'
    ),
    "journal/2024-03-05-draft.md": "Title: Not yet\nStatus: draft\n\nA draft.\n",
    "images/photo.png": drawing_png(40, 30),
}
LINKS_ENTRY = "/journal/2024-03-04-links/"
# Each link of the links entry, as the page's author wrote it and as a reader
# must find it: absolute, resolved against the entry's own URL.
EXPECTED_LINKS = [
    ("a", "href", "/journal/2024-03-01-hostile/"),  # {filename}
    ("a", "href", "/archives/"),  # root-relative
    ("a", "href", "/journal/2024-03-01-hostile/"),  # relative
    ("a", "href", LINKS_ENTRY + "#notes"),  # fragment
    ("img", "src", "/images/photo-40w.*.png"),  # {static}: published sized
    ("img", "src", LINKS_ENTRY + "photo.png"),  # relative, no file of the content
    ("img", "src", "/images/photo-40w.*.png"),  # root-relative: as {static}
    ("img", "src", "/images/photo.png"),  # raw HTML
]


# -- helpers -----------------------------------------------------------------


@functools.cache
def atom_schema():
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def schematron_rules():
    """(context, test, message) of every Schematron assertion in the schema."""
    schema = etree.parse(str(SCHEMA))
    return [
        (rule.get("context"), assertion.get("test"), assertion.text)
        for rule in schema.iter(SCHEMATRON + "rule")
        for assertion in rule.iter(SCHEMATRON + "assert")
    ]


def atom_problems(document):
    """What RFC 4287's schema and its Schematron rules find wrong, or []."""
    schema = atom_schema()
    problems = [] if schema.validate(document) else list(map(str, schema.error_log))
    for context, test, message in schematron_rules():
        for node in document.xpath(f"//{context}", namespaces=ATOM):
            if not node.xpath(f"boolean({test})", namespaces=ATOM):
                problems.append(message)
    return problems


def feed_document(site):
    return etree.parse(str(site.output / FEED))


def parsed_feed(site):
    return feedparser.parse(str(site.output / FEED))


def raw_entries(site):
    """{entry link: entry element}, read from the XML as written."""
    return {
        entry.xpath("string(atom:link[@rel='alternate']/@href)", namespaces=ATOM): entry
        for entry in feed_document(site).xpath("//atom:entry", namespaces=ATOM)
    }


def content_html(entry):
    return BeautifulSoup(
        entry.xpath("string(atom:content)", namespaces=ATOM), "html.parser"
    )


def page_url(site_url, site, page):
    """The public URL of a built page."""
    return f"{site_url}/{page.relative_to(site.output).as_posix()}"


def every_feed_url(document):
    """Every id, link and icon of the feed, with where it is."""
    for path in ["//atom:id", "//atom:icon"]:
        for node in document.xpath(path, namespaces=ATOM):
            yield path, node.text
    for node in document.xpath("//atom:link", namespaces=ATOM):
        yield "link", node.get("href")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site of hostile entries, built with local settings."""
    folder = tmp_path_factory.mktemp("hostile")
    content = write_content(folder / "content", HOSTILE)
    site = build_site(content, folder / "output")
    assert site.returncode == 0, site.messages
    return site


@pytest.fixture(scope="module")
def hostile_production_site(tmp_path_factory):
    """The same hostile site, built with production settings."""
    folder = tmp_path_factory.mktemp("hostile-production")
    content = write_content(folder / "content", HOSTILE)
    site = build_site(
        content, folder / "output", production=True, env={"SITEURL": PRODUCTION}
    )
    assert site.returncode == 0, site.messages
    return site


BUILDS = {
    "sample_site": LOCAL,
    "production_site": PRODUCTION,
    "hostile_site": LOCAL,
    "hostile_production_site": PRODUCTION,
}


# -- what the feed holds -------------------------------------------------------


def test_feed_holds_every_entry_of_the_sample_site_in_full(sample_site):
    feed = parsed_feed(sample_site)
    assert [entry.link for entry in feed.entries] == [
        f"{LOCAL}/journal/2023-09-01/",
        f"{LOCAL}/journal/2023-08-30/",
        f"{LOCAL}/journal/2023-08-29/",
    ]
    entry = feed.entries[1]
    assert entry.title == "2023-08-30"  # untitled: titled by its date
    text = words(BeautifulSoup(entry.content[0].value, "html.parser").get_text())
    paragraphs = seed_entry_paragraphs()
    assert len(paragraphs) == 5
    for paragraph in paragraphs:
        assert paragraph in text


def test_each_entry_has_author_dates_with_time_zone_and_a_stable_id(sample_site):
    for entry in parsed_feed(sample_site).entries:
        assert entry.author == "The Author"
        assert entry.published.endswith("+00:00"), entry.published
        assert entry.updated.endswith("+00:00"), entry.updated
        path = urlsplit(entry.link).path
        assert entry.id == f"tag:127.0.0.1,{entry.published[:10]}:{path}"


def test_feed_has_title_subtitle_links_author_and_an_icon(sample_site):
    feed = parsed_feed(sample_site).feed
    assert feed.title == "Engineering Leadership Journal"
    assert feed.subtitle == (
        "A journal and a leadership Q&A from an engineering leader."
    )
    links = {link.rel: link.href for link in feed.links}
    assert links == {"alternate": f"{LOCAL}/", "self": f"{LOCAL}/{FEED}"}
    assert feed.author == "The Author"
    assert feed.language == "en"
    assert feed.icon == f"{LOCAL}/{theme_path(sample_site.output, 'favicon.svg')}"
    icon_file = sample_site.output / urlsplit(feed.icon).path.lstrip("/")
    assert icon_file.is_file()


def test_the_authors_favicon_is_the_feeds_icon_as_it_is_every_pages(build, tmp_path):
    """content/extra/favicon.png replaces the theme's icon in the feed too,
    and the theme's comes back when it goes (ATOM_FEED_ICON = None uses the
    icon the pages show)."""
    content = copy_sample(tmp_path / "content")
    write_content(content, {"extra/favicon.png": drawing_png(32, 32)})
    site = build(content)
    assert site.returncode == 0, site.messages
    assert site.page("index.html").find("link", rel="icon")["href"] == ("./favicon.png")
    feed = parsed_feed(site).feed
    assert feed.icon == f"{LOCAL}/favicon.png"
    assert (site.output / "favicon.png").is_file()
    (content / "extra" / "favicon.png").unlink()
    site = build(content)
    assert site.returncode == 0, site.messages
    theme_icon = theme_path(site.output, "favicon.svg")
    assert parsed_feed(site).feed.icon == f"{LOCAL}/{theme_icon}"


def test_an_entry_keeps_its_id_when_its_title_changes(build, tmp_path):
    name = "journal/2024-05-06-offsite.md"
    content = write_content(tmp_path / "content", {name: "Title: Offsite\n\nHi\n"})
    before = parsed_feed(build(content)).entries[0]
    write_content(content, {name: "Title: Better\n\nHi\n"})
    after = parsed_feed(build(content)).entries[0]
    assert (before.title, after.title) == ("Offsite", "Better")
    assert after.id == before.id
    assert after.link == before.link


def test_two_untitled_entries_of_one_day_have_their_own_ids(hostile_site):
    entries = [
        entry
        for entry in parsed_feed(hostile_site).entries
        if entry.title == "2024-03-03"
    ]
    assert len(entries) == 2
    assert entries[0].id != entries[1].id
    assert entries[0].link != entries[1].link


# -- valid, whatever the author types ------------------------------------------


@pytest.mark.parametrize("site_fixture", BUILDS)
def test_feed_is_valid_against_rfc_4287_schema_and_rules(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    assert atom_problems(feed_document(site)) == []


@pytest.mark.parametrize("site_fixture", BUILDS)
def test_feedparser_reads_the_feed_without_complaint(request, site_fixture):
    feed = parsed_feed(request.getfixturevalue(site_fixture))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.entries


@pytest.mark.parametrize("site_fixture", BUILDS)
def test_every_id_link_and_icon_is_absolute(request, site_fixture):
    site, site_url = request.getfixturevalue(site_fixture), BUILDS[site_fixture]
    host = urlsplit(site_url).hostname
    urls = list(every_feed_url(feed_document(site)))
    assert len(urls) > 4
    for where, url in urls:
        parts = urlsplit(url)
        if parts.scheme == "tag":
            assert url.startswith(f"tag:{host},"), (where, url)
        else:
            assert url.startswith(site_url + "/"), (where, url)


def test_the_schema_check_catches_a_broken_feed(sample_site):
    """The validation above can fail: an entry without id or link breaks it."""
    document = feed_document(sample_site)
    entry = document.find("{http://www.w3.org/2005/Atom}entry")
    for child in entry.xpath("atom:id | atom:link | atom:content", namespaces=ATOM):
        entry.remove(child)
    problems = atom_problems(document)
    assert any("atom:entry must have at least one atom:link" in p for p in problems)
    assert len(problems) >= 2


def test_hostile_titles_summaries_and_tags_show_as_typed(hostile_site):
    entry = next(
        e for e in parsed_feed(hostile_site).entries if e.link.endswith("-hostile/")
    )
    assert entry.title == HOSTILE_TITLE
    assert entry.title_detail.type == "text/plain"
    summary = BeautifulSoup(entry.summary, "html.parser")
    assert summary.get_text() == HOSTILE_SUMMARY
    assert summary.find() is None  # no markup got in
    assert {tag.term for tag in entry.tags} >= {HOSTILE_TAG, "plain"}


def test_control_characters_are_left_out_with_a_warning_naming_the_file(
    hostile_site,
):
    entry = next(
        e for e in parsed_feed(hostile_site).entries if e.link.endswith("-pasted/")
    )
    assert entry.title == "Pasted from a word processor"
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == (
        "Soft break and bell"
    )
    assert "page break" in {tag.term for tag in entry.tags}
    text = BeautifulSoup(entry.content[0].value, "html.parser").get_text()
    assert text.strip() == "Text with a line break and stray bytes."
    warnings = [
        line
        for line in hostile_site.messages.splitlines()
        if "journal/2024-03-02-pasted.md" in line
    ]
    assert warnings, hostile_site.messages
    assert all(line.startswith("WARNING") for line in warnings)
    said = " ".join(warnings)
    # The page's title, summary and text are freed of them for every reader;
    # the tags (addresses of their own) in the feed only.
    assert (
        "journal/2024-03-02-pasted.md: line 1: left characters no reader sees "
        "(U+000B, U+0008, U+0001, U+000C, U+0007, U+001F, U+007F, U+0000) out of "
        "its title, summary and text; delete them from the file"
    ) in said
    assert "feed's tags" in said
    page = (hostile_site.output / "journal/2024-03-02-pasted/index.html").read_text()
    assert not NOT_IN_XML.search(page.replace("page\x0bbreak", ""))
    assert "<h1>Pasted from a word processor</h1>" in " ".join(page.split())
    assert "journal/2024-03-01-hostile.md" not in hostile_site.messages


def test_a_draft_stays_out_of_the_feed(hostile_site):
    links = [entry.link for entry in parsed_feed(hostile_site).entries]
    assert len(links) == 5
    assert not any("draft" in link for link in links)


# -- absolute links inside entries ---------------------------------------------


@pytest.mark.parametrize(
    ("site_fixture", "site_url"),
    [("hostile_site", LOCAL), ("hostile_production_site", PRODUCTION)],
)
def test_links_and_images_in_an_entry_resolve_against_its_url(
    request, site_fixture, site_url
):
    site = request.getfixturevalue(site_fixture)
    content = content_html(raw_entries(site)[site_url + LINKS_ENTRY])
    found = [
        (tag.name, attribute, tag[attribute])
        for tag in content.find_all(["a", "img"])
        for attribute in ("href", "src")
        if tag.has_attr(attribute)
    ]
    expected = [(name, attr, site_url + path) for name, attr, path in EXPECTED_LINKS]
    absolute = [link for link in found if link[2].startswith(site_url)]
    assert len(absolute) == len(expected)
    for link, pattern in zip(absolute, expected, strict=True):
        assert link[:2] == pattern[:2]
        assert fnmatch(link[2], pattern[2]), (link, pattern)
    assert ("a", "href", "mailto:author@example.org") in found
    assert ("a", "href", "https://example.org/page") in found
    # A reader shows one plain image: no srcset, and its own file.
    assert content.find("img", srcset=True) is None
    for name, _, url in absolute:
        path = urlsplit(url).path
        if name == "img" and not path.startswith("/journal/"):
            assert (site.output / path.lstrip("/")).is_file(), url


# -- settings that would make a bad feed ---------------------------------------


def test_a_siteurl_without_scheme_fails_the_build_naming_it(build, tmp_path):
    content = write_content(tmp_path / "content", {"journal/2024-01-02.md": "Hi.\n"})
    assert build(content).returncode == 0
    before = folder_fingerprint(tmp_path / "output")

    result = build(content, production=True, env={"SITEURL": "journal.example.com"})

    assert result.returncode != 0
    assert "atom_feed: setting SITEURL is 'journal.example.com'" in result.messages
    assert "https://" in result.messages
    assert "Traceback" not in result.messages
    assert folder_fingerprint(tmp_path / "output") == before


def test_an_invalid_feed_is_never_written(tmp_path):
    """Even plain `pelican`, which writes straight into the output folder,
    writes no feed when the feed would not be valid (here: a relative self link)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(SAMPLE_CONTENT),
            "-s",
            "pelicanconf.py",
            "-o",
            str(tmp_path / "out"),
            "-e",
            'FEED_DOMAIN=""',
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    messages = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "would not be valid Atom" in messages
    assert "the self link 'feeds/all.atom.xml' is not absolute" in messages
    assert not (tmp_path / "out" / FEED).exists()


# -- every page leads readers to the feed --------------------------------------


@pytest.mark.parametrize(
    ("site_fixture", "site_url"),
    [("sample_site", LOCAL), ("production_site", PRODUCTION)],
)
def test_every_page_links_the_feed_for_autodiscovery_and_to_subscribe(
    request, site_fixture, site_url
):
    site = request.getfixturevalue(site_fixture)
    feed_url = f"{site_url}/{FEED}"
    pages = html_files(site.output)
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        here = page_url(site_url, site, page)
        discovery = soup.head.find_all("link", type="application/atom+xml")
        assert len(discovery) == 1, page
        assert discovery[0]["rel"] == ["alternate"], page
        assert discovery[0].get("title"), page
        assert urljoin(here, discovery[0]["href"]) == feed_url, page
        subscribe = [a for a in soup.body.find_all("a") if "Subscribe" in a.text]
        assert len(subscribe) == 1, page
        assert urljoin(here, subscribe[0]["href"]) == feed_url, page
