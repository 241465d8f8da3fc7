"""`invoke check` finds what would embarrass the author once the site is online."""

import shutil

import pytest

from tests.conftest import run_invoke, write_content
from workflow.check import check_site, feed_problems, site_url_of

ENTRY = "journal/2023-08-30/index.html"


@pytest.fixture
def site(tmp_path, sample_site):
    """A copy of the built sample site that a test may spoil."""
    return shutil.copytree(sample_site.output, tmp_path / "site")


def spoil(path, old, new):
    """Replace `old` by `new` in a built file (the old text must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text):
    """The line number where `text` first appears in a file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_the_sample_site_passes_the_check(sample_site):
    result = run_invoke("check", "--output", str(sample_site.output))
    assert result.returncode == 0, result.stderr
    assert "No problems" in result.stdout


def test_a_production_build_passes_with_absolute_canonical_urls(production_site):
    output = production_site.output
    assert site_url_of(output) == "https://leader.example.org"
    assert check_site(output, absolute_canonical=True) == []
    canonical = production_site.page(ENTRY).find("link", rel="canonical")["href"]
    assert canonical == "https://leader.example.org/journal/2023-08-30/"


def test_a_local_build_refuses_to_pass_for_a_production_one(sample_site):
    problems = check_site(sample_site.output, absolute_canonical=True)
    assert problems
    assert all("is not an absolute address" in problem for problem in problems)


def test_a_link_to_a_missing_page_or_anchor_is_listed_with_file_and_line(
    tmp_path, build
):
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-01-02.md": "Title: Links\n\nSee [gone](/nowhere/) "
            "and [the top](#no-such-anchor).\n"
        },
    )
    built = build(content)
    assert built.returncode == 0, built.messages
    result = run_invoke("check", "--output", str(built.output))
    assert result.returncode != 0
    page = built.output / "journal/2024-01-02/index.html"
    line = line_of(page, "/nowhere/")
    assert f"journal/2024-01-02/index.html:{line}: link '/nowhere/'" in result.stderr
    assert "missing anchor #no-such-anchor" in result.stderr


def test_a_page_without_title_description_or_canonical_is_listed(site):
    page = site / ENTRY
    spoil(page, '<meta name="description"', '<meta name="keywords"')
    spoil(page, 'rel="canonical"', 'rel="bookmark"')
    title = page.read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
    spoil(page, f"<title>{title}</title>", "<title> </title>")
    problems = "\n".join(check_site(site))
    assert f"{ENTRY}:" in problems
    assert "no <title>" in problems
    assert 'no <meta name="description">' in problems
    assert 'no <link rel="canonical">' in problems


def test_a_canonical_url_naming_another_page_is_listed(site):
    spoil(
        site / ENTRY,
        'rel="canonical" href="../../journal/2023-08-30/"',
        'rel="canonical" href="../../journal/2023-08-29/"',
    )
    line = line_of(site / ENTRY, 'rel="canonical"')
    assert check_site(site) == [
        f"{ENTRY}:{line}: canonical URL '../../journal/2023-08-29/' "
        "is not this page's address"
    ]


def test_a_script_from_another_origin_is_listed_but_inline_data_is_not(site):
    spoil(
        site / ENTRY,
        "</head>",
        '<script type="application/ld+json">{}</script>\n'
        '<script src="https://cdn.example.net/track.js"></script>\n</head>',
    )
    line = line_of(site / ENTRY, "cdn.example.net")
    assert check_site(site) == [
        f"{ENTRY}:{line}: script 'https://cdn.example.net/track.js' "
        "is loaded from another origin"
    ]


def test_a_feed_that_is_not_xml_is_listed(site):
    feed = site / "feeds/all.atom.xml"
    feed.write_bytes(feed.read_bytes()[:-40])
    problems = feed_problems(site)
    assert len(problems) == 1
    assert problems[0].startswith("feeds/all.atom.xml:")
    assert "not well-formed XML" in problems[0]


def test_feed_ids_and_links_must_be_absolute(site):
    feed = site / "feeds/all.atom.xml"
    spoil(feed, "<id>tag:127.0.0.1,2023-08-30:", "<id>tag:None,2023-08-30:")
    spoil(
        feed,
        'href="http://127.0.0.1:8000/journal/2023-08-29/"',
        'href="/journal/2023-08-29/"',
    )
    problems = feed_problems(site)
    assert len(problems) == 2, problems
    assert "tag:None,2023-08-30" in problems[0]
    assert "'/journal/2023-08-29/'" in problems[1]


def test_a_missing_feed_is_listed(site):
    (site / "feeds/all.atom.xml").unlink()
    assert "feeds/all.atom.xml: the Atom feed is missing" in check_site(site, "")


def test_check_of_a_folder_that_is_no_site_fails_clearly(tmp_path):
    result = run_invoke("check", "--output", str(tmp_path))
    assert result.returncode != 0
    assert "no index.html" in result.stderr
