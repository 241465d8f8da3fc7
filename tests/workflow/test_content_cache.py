"""What builds keep: rendered Markdown and entries reused only while nothing
they depend on changed, one whole record per file."""

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_sample, write_content
from workflow import content_cache
from workflow.build import build, read_site_settings
from workflow.content_cache import Store, keep_recent, record_name

pytestmark = pytest.mark.usefixtures("in_process_builds")

SETTINGS = ROOT / "pelicanconf.py"
ENTRY = "journal/2023-08-30.md"
ENTRY_PAGE = "journal/2023-08-30/index.html"


@pytest.fixture
def site(tmp_path):
    return copy_sample(tmp_path / "content"), tmp_path / "output"


@pytest.fixture
def markdown_renders(monkeypatch):
    """How many times Pelican renders a Markdown file in this test."""
    from pelican.readers import MarkdownReader  # noqa: PLC0415

    rendered = []
    read = MarkdownReader.read

    def counted(self, source_path):
        rendered.append(Path(source_path).name)
        return read(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counted)
    return rendered


def test_a_change_of_theme_builds_every_page_but_renders_no_markdown(
    site, tmp_path, markdown_renders
):
    content, output = site
    theme = Path(shutil.copytree(ROOT / "theme", tmp_path / "theme"))
    build(content, output, SETTINGS, THEME=str(theme))
    assert markdown_renders, "the first build renders every file"
    footer = theme / "templates" / "partials" / "site_footer.html"
    footer.write_text(footer.read_text() + "<p>A new line in the footer.</p>\n")
    markdown_renders.clear()

    assert build(content, output, SETTINGS, THEME=str(theme)).kind == "full"
    assert markdown_renders == []
    assert "A new line in the footer." in (output / ENTRY_PAGE).read_text()


def test_an_edit_shows_even_when_the_file_keeps_its_time(site, markdown_renders):
    content, output = site
    build(content, output, SETTINGS)
    entry = content / ENTRY
    stat = entry.stat()
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("Well", "Indeed", 1), encoding="utf-8")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    markdown_renders.clear()

    build(content, output, SETTINGS)

    assert markdown_renders == ["2023-08-30.md"]
    assert "Indeed" in (output / ENTRY_PAGE).read_text(encoding="utf-8")


def test_a_setting_markdown_depends_on_renders_it_again(site, markdown_renders):
    content, output = site
    build(content, output, SETTINGS)
    markdown_renders.clear()
    build(content, output, SETTINGS, SUMMARY_MAX_LENGTH=7)
    assert sorted(markdown_renders) == sorted(
        path.name for path in content.rglob("*.md")
    )


def test_a_failed_build_keeps_only_whole_records(site):
    content, output = site
    build(content, output, SETTINGS)
    write_content(content, {"journal/2023-09-02.md": "Date: not a date\n\nText.\n"})
    with pytest.raises(Exception, match="2023-09-02"):
        build(content, output, SETTINGS)
    cache = content_cache.root_beside(SETTINGS)
    assert not [path for path in cache.rglob(".*") if path.is_file()]


def test_records_are_named_by_path_and_bytes():
    assert record_name("/c/a.md", "1") != record_name("/c/a.md", "2")
    assert record_name("/c/a.md", "1") != record_name("/c/b.md", "1")
    assert record_name("/c/a.md", "1") == record_name("/c/a.md", "1")


def test_a_store_gives_back_what_it_kept_with_the_builds_own_settings(tmp_path):
    settings = {"SITEURL": "x", "PATH": "c", "big": list(range(1000))}
    kept = Store(tmp_path, settings)
    kept.put("r", {"settings": settings, "text": "hello"})
    kept.flush()  # records are written on the store's own thread
    assert (tmp_path / "r").stat().st_size < 200, "the settings are not copied"

    other_settings = {"SITEURL": "y", "PATH": "d"}
    found = Store(tmp_path, other_settings).get("r")
    assert found["text"] == "hello"
    assert found["settings"] is other_settings
    assert Store(tmp_path, settings).get("missing") is None


def test_a_value_that_cannot_be_kept_leaves_no_record(tmp_path):
    store = Store(tmp_path, {})
    store.put("r", lambda: None)
    assert list(tmp_path.iterdir()) == []


def test_records_no_build_used_are_removed(tmp_path):
    first = Store(tmp_path, {})
    first.put("old", 1)
    first.put("kept", 2)
    first.flush()
    later = Store(tmp_path, {})
    later.used.add("kept")
    later.put("new", 3)
    later.keep_used()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept", "new"]


def test_the_fingerprint_changes_with_what_markdown_depends_on(tmp_path):
    theme, plugins = tmp_path / "theme", tmp_path / "plugins"
    write_content(theme, {"templates/base.html": "<html></html>"})
    write_content(plugins, {"journal/__init__.py": "def register(): pass\n"})
    settings = {
        "THEME": str(theme),
        "PLUGIN_PATHS": [str(tmp_path)],
        "PLUGINS": ["plugins.journal", "neighbors"],
        "PATH": "c",
        "OUTPUT_PATH": "out-1",
        "SITEURL": "https://a.example",
    }
    original = content_cache.fingerprint(settings)

    for pages_only in ({"OUTPUT_PATH": "out-2"}, {"SITEURL": "http://x"}):
        assert content_cache.fingerprint({**settings, **pages_only}) == original
    (theme / "templates/base.html").write_text("<html lang=en></html>")
    assert content_cache.fingerprint(settings) == original, "the theme shapes pages"

    assert content_cache.fingerprint({**settings, "PATH": "d"}) != original
    assert content_cache.fingerprint({**settings, "TIMEZONE": "CET"}) != original
    (plugins / "journal/__init__.py").write_text("def register(): return\n")
    assert content_cache.fingerprint(settings) != original


def test_the_caches_of_old_settings_are_pruned(tmp_path):
    for number in range(5):
        folder = tmp_path / f"cache{number}"
        folder.mkdir()
        os.utime(folder, (1000 + number, 1000 + number))
    keep_recent(tmp_path.iterdir(), keep=2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache3", "cache4"]


def test_a_process_that_builds_again_and_again_keeps_no_earlier_build(site):
    from pelican.contents import Content  # noqa: PLC0415

    content, output = site
    build(content, output, SETTINGS)
    (content / ENTRY).write_text((content / ENTRY).read_text() + "\nMore.\n")
    build(content, output, SETTINGS)

    assert not Content.get_content.cache
    assert not Content.get_summary.cache


def test_a_build_that_changes_its_settings_leaves_the_next_build_alone(tmp_path):
    production = ROOT / "publishconf.py"  # its pelicanconf import is shared
    first = read_site_settings(production, tmp_path, tmp_path / "out")
    # Pelican's Markdown reader does this to the settings it is given.
    first["MARKDOWN"].setdefault("extensions", []).append("markdown.extensions.x")

    second = read_site_settings(production, tmp_path, tmp_path / "out")

    assert "markdown.extensions.x" not in second["MARKDOWN"].get("extensions", [])


def test_a_cache_folder_that_cannot_be_written_only_slows_the_build(site, tmp_path):
    content, output = site
    conf_folder = tmp_path / "site"
    conf_folder.mkdir()
    (conf_folder / ".cache").write_text("a file where the cache folder would go")
    conf = conf_folder / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
    )
    started = time.time()
    assert build(content, output, conf).kind == "full"
    assert build(content, output, conf).kind == "full", "nothing kept: a full build"
    assert (output / ENTRY_PAGE).stat().st_mtime >= started


def test_a_record_is_found_at_once_and_few_wait_to_be_written(tmp_path, monkeypatch):
    """Records are written on the store's thread, never more than
    PENDING_BYTES of them behind: a large site is not held in memory twice."""
    monkeypatch.setattr(content_cache, "PENDING_BYTES", 4096)
    store = Store(tmp_path, {})
    behind = []
    for number in range(200):
        store.write(f"r{number}", store.dumps("x" * 1000 + str(number)))
        behind.append(store._pending_bytes)
        assert store.get(f"r{number}").endswith(str(number))
    store.flush()

    assert max(behind) < 4096 + 2000
    assert len(list(tmp_path.iterdir())) == 200


def test_a_store_that_cannot_be_written_keeps_nothing_and_says_nothing(tmp_path):
    (tmp_path / "readers").write_text("a file where the store's folder would go")
    store = Store(tmp_path / "readers" / "inside", {})
    store.put("r1", "kept in memory until written")
    store.flush()

    assert store.get("r1") is None
    assert sorted(os.listdir(tmp_path)) == ["readers"]
