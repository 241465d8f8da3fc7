"""The sample site and any content folder build into a complete, clean site."""

import subprocess
import sys
from urllib.parse import urlsplit

import feedparser
import pytest

from tests.conftest import (
    ROOT,
    SAMPLE_CONTENT,
    build_site,
    copy_sample,
    folder_fingerprint,
    run_pelican,
    seed_entry_paragraphs,
    theme_file,
    theme_path,
    words,
    write_content,
)
from tests.pictures import photo_jpeg
from workflow.check import broken_links, html_files


def test_sample_site_builds_every_kind_of_page(sample_site):
    for relative in [
        "index.html",
        "404.html",
        "archives/index.html",
        "tags/index.html",
        "categories/index.html",
        "journal/2023-08-30/index.html",
        "journal/2023/index.html",
        "leadership/index.html",
        "feeds/all.atom.xml",
    ]:
        assert (sample_site.output / relative).is_file(), relative
    assert theme_file(sample_site.output, "css/site.css").is_file()


def test_no_page_comes_from_pelicans_simple_theme(sample_site):
    pages = html_files(sample_site.output)
    stylesheet = theme_path(sample_site.output, "css/site.css")
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert stylesheet in html, f"{page} is not from the site's theme"
        assert 'class="skip-link"' in html, page


def test_entry_of_2023_08_30_shows_the_authors_text(sample_site):
    page = sample_site.page("journal/2023-08-30/index.html")
    assert page.h1.get_text(strip=True) == "2023-08-30"
    text = words(page.main.get_text(" "))
    paragraphs = seed_entry_paragraphs()
    assert len(paragraphs) == 5
    for paragraph in paragraphs:
        assert paragraph in text


def test_qa_page_shows_the_three_questions(sample_site):
    page = sample_site.page("leadership/index.html")
    text = words(page.main.get_text(" "))
    for question in [
        "How do you define successful engineering leadership?",
        "What is your approach to scaling technical organizations?",
        "How do you balance high-growth velocity with technical stability?",
    ]:
        assert question in text


def test_sample_site_has_no_broken_link_or_anchor(sample_site):
    assert broken_links(sample_site.output) == []


def test_feed_holds_every_entry_with_absolute_links(sample_site):
    feed = feedparser.parse(sample_site.output / "feeds" / "all.atom.xml")
    assert feed.bozo == 0
    assert len(feed.entries) == 3
    for entry in feed.entries:
        assert entry.link.startswith("http://127.0.0.1:8000/journal/")
        assert not entry.id.startswith("tag:None")


def test_every_page_links_the_feed_in_its_head(sample_site):
    for page in html_files(sample_site.output):
        html = page.read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in html, page


def test_production_build_uses_the_siteurl_from_the_environment(production_site):
    page = production_site.page("journal/2023-08-30/index.html")
    stylesheet = page.find("link", rel="stylesheet")["href"]
    published = theme_path(production_site.output, "css/site.css")
    assert stylesheet == f"https://leader.example.org/{published}"
    feed = feedparser.parse(production_site.output / "feeds" / "all.atom.xml")
    assert feed.entries[0].link.startswith("https://leader.example.org/journal/")
    assert broken_links(production_site.output, "https://leader.example.org") == []


def test_a_folder_with_only_journal_builds_a_link_clean_site(build, tmp_path):
    content = write_content(
        tmp_path / "content",
        {"journal/2024-01-02.md": "Only an entry, no pages, no extra files.\n"},
    )
    result = build(content)
    assert result.returncode == 0, result.messages
    assert (result.output / "journal" / "2024-01-02" / "index.html").is_file()
    assert theme_file(result.output, "css/site.css").is_file()
    assert broken_links(result.output) == []
    # Link previews picture it with the site's card, made in the build.
    page = result.page("journal/2024-01-02/index.html")
    card = page.find("meta", property="og:image")["content"]
    assert (result.output / urlsplit(card).path.lstrip("/")).is_file()


def test_extra_files_are_copied_to_the_site_root(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(content, {"extra/robots.txt": "User-agent: *\n"})
    result = build(content)
    assert result.returncode == 0, result.messages
    assert (result.output / "robots.txt").read_text() == "User-agent: *\n"


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        (
            "journal/2023-09-02-broken.md",
            "Title: Broken\nDate: not-a-date\n\nText\n",
            "'not-a-date' is not a valid date",
        ),
        (
            "journal/undated.md",
            "No date in the name or the text.\n",
            "this entry has no date",
        ),
    ],
)
def test_a_broken_entry_fails_the_build_and_leaves_the_output(
    build, tmp_path, name, text, problem
):
    content = copy_sample(tmp_path / "content")
    assert build(content).returncode == 0
    before = folder_fingerprint(tmp_path / "output")
    write_content(content, {name: text})

    result = build(content)

    assert result.returncode != 0
    assert name in result.messages
    assert problem in result.messages
    assert "Traceback" not in result.messages
    assert folder_fingerprint(tmp_path / "output") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "Title: X\nDate: 2023-13-45\n\nText.\n",
            "line 2: Date: '2023-13-45' is not a valid date; write it as "
            "YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. Date: 2024-05-01 18:30)",
        ),
        (
            "Title: X\nDate: 2023-09-02\nmodified: yesterday\n\nText.\n",
            "line 3: Modified: 'yesterday' is not a valid date; write it as "
            "YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. Modified: 2024-05-01 18:30)",
        ),
    ],
)
def test_a_wrong_date_is_named_with_its_field_line_and_format(
    build, tmp_path, text, problem
):
    content = copy_sample(tmp_path / "content")
    assert build(content).returncode == 0
    before = folder_fingerprint(tmp_path / "output")
    write_content(content, {"journal/2023-09-02.md": text})

    result = build(content)

    assert result.returncode != 0
    assert f"journal/2023-09-02.md: {problem}" in result.messages
    assert folder_fingerprint(tmp_path / "output") == before


def test_a_file_named_by_no_day_of_the_calendar_is_told_to_be_renamed(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    # Its Date: line is right, but Pelican reads the name's date as well.
    write_content(
        content, {"journal/2023-02-30-leap.md": "Date: 2023-03-01\n\nText.\n"}
    )

    result = build(content)

    assert result.returncode != 0
    assert (
        "journal/2023-02-30-leap.md: the date of the file's name, 2023-02-30, is no "
        "day of the calendar; rename the file with the entry's date "
        "(YYYY-MM-DD[-slug].md)"
    ) in result.messages


def test_a_file_that_is_not_utf8_is_named_with_the_line_and_the_fix(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    assert build(content).returncode == 0
    before = folder_fingerprint(tmp_path / "output")
    text = "Title: Coffee\n\nFirst line.\n\nA caf\xe9 in Latin-1.\n"
    write_content(content, {"journal/2023-09-02.md": text.encode("latin-1")})

    result = build(content)

    assert result.returncode != 0
    assert (
        "journal/2023-09-02.md: line 5: byte 0xe9 is not UTF-8 text" in result.messages
    )
    assert "save the file as UTF-8 in your editor" in result.messages
    assert folder_fingerprint(tmp_path / "output") == before


def test_a_tag_without_letters_or_digits_fails_the_build(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(content, {"journal/2023-09-02.md": "Tags: ??\n\nText.\n"})
    result = build(content)
    assert result.returncode != 0
    assert (
        "journal/2023-09-02.md: Tags: '??' makes no address of its own "
        "(punctuation or markup alone): write it with letters or digits"
    ) in result.messages
    assert not (tmp_path / "output").exists()


def test_an_output_that_is_a_file_is_a_clear_error(build, tmp_path):
    (tmp_path / "output").write_text("not a folder")
    result = build(SAMPLE_CONTENT)
    assert result.returncode != 0
    assert "is a file" in result.messages
    assert "Traceback" not in result.messages
    assert (tmp_path / "output").read_text() == "not a folder"


def test_a_missing_content_folder_is_a_clear_error(build, tmp_path):
    result = build(tmp_path / "nowhere")
    assert result.returncode != 0
    assert "no such content folder" in result.messages
    assert "Traceback" not in result.messages


@pytest.mark.parametrize("inside", ["out", "journal/out"])
def test_an_output_folder_inside_the_content_is_refused(tmp_path, inside):
    content = copy_sample(tmp_path / "content")
    result = build_site(content, content / inside)
    assert result.returncode != 0
    assert "the output folder is inside the content folder" in result.messages
    assert "Traceback" not in result.messages
    assert not (content / inside).exists()


def test_plain_pelican_command_builds_from_the_repository_root(tmp_path):
    result = run_pelican(SAMPLE_CONTENT, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "journal" / "2023-08-30" / "index.html").is_file()


def test_plain_pelican_command_fails_on_bad_content(tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(content, {"journal/undated.md": "No date.\n"})
    result = run_pelican(content, tmp_path / "out", "publishconf.py")
    assert result.returncode != 0
    messages = result.stdout + result.stderr
    assert "Could not process journal/undated.md: this entry has no date" in messages
    assert "Traceback" not in messages


@pytest.mark.parametrize("quiet", [False, True])
def test_a_misspelt_plugin_fails_the_build_and_names_it(tmp_path, quiet):
    # Without the images plugin, photos would go out with their GPS data.
    settings = tmp_path / "misspelt.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        "PLUGINS = [p.replace('images', 'imagse') for p in PLUGINS]\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pelican", str(SAMPLE_CONTENT)]
    command += ["-s", str(settings), "-o", str(tmp_path / "out")]
    result = subprocess.run(
        [*command, *(["-q"] if quiet else [])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    messages = result.stdout + result.stderr
    assert "Cannot load plugin `plugins.imagse`" in messages
    assert "check its name in PLUGINS" in messages
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_quiet_pelican_command_fails_on_bad_content_too(tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(content, {"journal/undated.md": "No date.\n"})
    command = [sys.executable, "-m", "pelican", str(content), "-q"]
    command += ["-s", str(ROOT / "publishconf.py"), "-o", str(tmp_path / "out")]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "journal/undated.md: this entry has no date" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_two_entries_of_one_address_fail_the_build_naming_both(tmp_path):
    content = copy_sample(tmp_path / "content")
    first = build_site(content, tmp_path / "output")
    assert first.returncode == 0, first.messages
    before = folder_fingerprint(first.output)
    entry = content / "journal" / "2023-08-30.md"
    twin = entry.with_suffix(".markdown")
    twin.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")

    result = build_site(content, tmp_path / "output")

    assert result.returncode != 0
    assert (
        "journal/2023-08-30.markdown and journal/2023-08-30.md would be written to "
        "one address (journal/2023-08-30/index.html): give each a file name of its "
        "own"
    ) in result.messages
    assert "Failed to overwrite" not in result.messages
    assert folder_fingerprint(result.output) == before


@pytest.mark.parametrize(
    ("page", "text", "problem"),
    [
        (
            "pages/notes.md",
            "Just my notes.\n",
            "pages/notes.md: it has no title: add a line 'Title: ...' at its top",
        ),
        (
            "pages/leadership.md",
            None,  # the sample's Q&A page, its template misspelt
            "pages/leadership.md: Template: philosphy: the theme has no such "
            "template; use one of 404, archives, article,",
        ),
    ],
)
def test_a_page_the_build_cannot_make_is_named_with_the_fix(
    tmp_path, page, text, problem
):
    content = copy_sample(tmp_path / "content")
    first = build_site(content, tmp_path / "output")
    before = folder_fingerprint(first.output)
    path = content / page
    if text is None:
        text = path.read_text(encoding="utf-8").replace(
            "Template: philosophy", "Template: philosphy"
        )
    path.write_text(text, encoding="utf-8")

    result = build_site(content, tmp_path / "output")

    assert result.returncode != 0
    assert problem in result.messages
    assert "Traceback" not in result.messages
    assert folder_fingerprint(result.output) == before


def test_a_favicon_in_extra_replaces_the_themes_on_every_page(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    (content / "extra").mkdir(exist_ok=True)
    (content / "extra" / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    result = build(content)
    assert result.returncode == 0, result.messages
    assert (result.output / "favicon.ico").read_bytes() == b"\x00\x00\x01\x00"
    for page in html_files(result.output):
        icon = result.page(page.relative_to(result.output)).find("link", rel="icon")
        assert icon["href"].endswith("favicon.ico"), page
        assert not icon["href"].endswith("theme/favicon.ico"), page
    assert broken_links(result.output) == []


def test_drafts_are_previewed_but_never_published(build, tmp_path):
    content = copy_sample(tmp_path / "content")
    photo = "![The reorg board]({static}/images/reorg.jpg)"
    write_content(
        content,
        {
            "journal/2024-01-05.md": (
                f"Title: Reorg plan\nStatus: draft\n\nNot yet.\n\n{photo}\n"
            ),
            "images/reorg.jpg": photo_jpeg(900, 600),
            "pages/later.md": "Title: Later page\nStatus: draft\n\nNot yet.\n",
        },
    )
    local = build_site(content, tmp_path / "local")
    assert local.returncode == 0, local.messages
    assert (local.output / "drafts" / "2024-01-05.html").is_file()
    assert (local.output / "drafts" / "pages" / "later.html").is_file()

    published = build_site(content, tmp_path / "published", production=True)
    assert published.returncode == 0, published.messages
    assert not (published.output / "drafts").exists()
    # Nor a picture of theirs: their photos' sizes, their link-preview cards
    # (a file in content/images/ is published at its own address, as any).
    assert not list(published.output.rglob("reorg-*")), "a draft's photo"
    assert not list(published.output.rglob("later*")), "a draft page's card"
    assert list(local.output.rglob("reorg-*w.*.jpg")), "the preview shows it"
    for file in published.output.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".xml", ".json", ".txt"}:
            text = file.read_text(encoding="utf-8")
            assert "Reorg plan" not in text and "Later page" not in text, file
