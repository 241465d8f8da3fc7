"""`invoke check` finds what would embarrass the author once the site is online."""

import shutil

import pytest

from tests.conftest import run_invoke, run_pelican, write_content
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


# -- every document of the archived feed ---------------------------------------

ARCHIVED = {
    f"journal/2024-{month:02d}-{day:02d}.md": f"Title: Notes of {month}/{day}\n\nHi.\n"
    for month in (1, 2, 3)
    for day in (5, 15)
}
OLDEST = "feeds/archive/2024-01.atom.xml"
MIDDLE = "feeds/archive/2024-02.atom.xml"


@pytest.fixture(scope="module")
def archived_site(tmp_path_factory):
    """A journal whose feed keeps its newest entry in feeds/all.atom.xml and
    the rest in archives of January, February and March."""
    root = tmp_path_factory.mktemp("archived")
    content = write_content(root / "content", ARCHIVED)
    result = run_pelican(content, root / "site", extra_settings="FEED_MAX_ITEMS = 1")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def archived(archived_site, tmp_path):
    """A copy of the archived site that a test may spoil."""
    return shutil.copytree(archived_site, tmp_path / "site")


def test_every_archive_document_is_checked(archived_site):
    archives = sorted((archived_site / "feeds" / "archive").iterdir())
    assert [path.name for path in archives] == [
        "2024-01.atom.xml",
        "2024-02.atom.xml",
        "2024-03.atom.xml",
    ]
    assert check_site(archived_site) == []


@pytest.mark.parametrize(
    ("spoiling", "problem"),
    [
        (
            (MIDDLE, "<fh:archive/>", ""),
            f"{MIDDLE}: an archive document without <fh:archive/>",
        ),
        (
            (MIDDLE, 'href="http://127.0.0.1:8000/journal/2024-02-15/"', 'href="/x/"'),
            f"{MIDDLE}: 'Notes of 2/15' has a link that is not absolute: '/x/'",
        ),
        (
            (MIDDLE, "feeds/all.atom.xml", "feeds/none.atom.xml"),
            f"{MIDDLE}: its current link does not lead to feeds/all.atom.xml",
        ),
        (
            (OLDEST, "2024-02.atom.xml", "2024-03.atom.xml"),
            f"{OLDEST}: its next-archive link does not lead to {MIDDLE}",
        ),
        (
            (MIDDLE, "2024-01.atom.xml", "2023-12.atom.xml"),
            f"{MIDDLE}: prev-archive 'http://127.0.0.1:8000/feeds/archive/"
            "2023-12.atom.xml' leads to no file",
        ),
        (
            (
                MIDDLE,
                "<id>tag:127.0.0.1,2024-02-15:/journal/2024-02-15/",
                "<id>tag:127.0.0.1,2024-03-05:/journal/2024-03-05/",
            ),
            f"{MIDDLE}: the entry 'tag:127.0.0.1,2024-03-05:/journal/2024-03-05/' "
            "is also in feeds/archive/2024-03.atom.xml",
        ),
    ],
)
def test_a_spoilt_archive_document_is_listed(archived, spoiling, problem):
    name, old, new = spoiling
    spoil(archived / name, old, new)
    problems = check_site(archived)
    assert any(found.startswith(problem) for found in problems), problems


def test_an_archive_no_link_reaches_is_listed(archived):
    shutil.copy(archived / OLDEST, archived / "feeds/archive/2023-12.atom.xml")
    assert check_site(archived) == [
        "feeds/archive/2023-12.atom.xml: an archive document that no prev-archive "
        "link from feeds/all.atom.xml reaches; delete it or rebuild"
    ]
