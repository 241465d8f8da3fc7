"""Builds reuse rendered Markdown only while nothing it depends on changed."""

import os
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_sample, write_content
from workflow import content_cache
from workflow.build import build_site

pytestmark = pytest.mark.usefixtures("in_process_builds")

SETTINGS = ROOT / "pelicanconf.py"
CACHE_ROOT = content_cache.root_beside(SETTINGS)
ENTRY = "journal/2023-08-30.md"


def site_files(output: Path) -> dict:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def cache_of(content, output, **overrides):
    from workflow.build import read_site_settings  # noqa: PLC0415

    settings = read_site_settings(SETTINGS, content, output, **overrides)
    return CACHE_ROOT / content_cache.fingerprint(settings)


@pytest.fixture
def site(tmp_path):
    content = copy_sample(tmp_path / "content")
    output = tmp_path / "output"
    yield content, output
    for overrides in ({}, {"SUMMARY_MAX_LENGTH": 7}):
        cache = cache_of(content, output, **overrides)
        if cache.is_dir():
            for path in cache.iterdir():
                path.unlink()
            cache.rmdir()


def test_a_second_build_reuses_the_cache_and_writes_the_same_site(site):
    content, output = site
    build_site(content, output, SETTINGS)
    first = site_files(output)
    cache = cache_of(content, output)
    assert list(cache.glob("*Articles*-Readers"))

    build_site(content, output, SETTINGS)

    assert cache_of(content, output) == cache, "the build changed its own settings"
    assert site_files(output) == first
    assert not list(CACHE_ROOT.glob(f".{cache.name}.build-*")), "a copy was left"


def test_an_edit_shows_even_when_the_file_keeps_its_time(site):
    content, output = site
    build_site(content, output, SETTINGS)
    entry = content / ENTRY
    stat = entry.stat()
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("Well", "Indeed", 1), encoding="utf-8")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    build_site(content, output, SETTINGS)

    page = (output / "journal/2023-08-30/index.html").read_text(encoding="utf-8")
    assert "Indeed" in page


def test_a_settings_change_starts_from_an_empty_cache(site):
    content, output = site
    build_site(content, output, SETTINGS)

    assert cache_of(content, output, SUMMARY_MAX_LENGTH=7) != cache_of(content, output)
    build_site(content, output, SETTINGS, SUMMARY_MAX_LENGTH=7)
    assert list(cache_of(content, output, SUMMARY_MAX_LENGTH=7).glob("*-Readers"))


def test_a_failed_build_leaves_the_cache_as_it_was(site):
    content, output = site
    build_site(content, output, SETTINGS)
    cache = cache_of(content, output)
    before = site_files(cache)
    write_content(content, {"journal/2023-09-02.md": "Date: not a date\n\nText.\n"})

    with pytest.raises(Exception, match="2023-09-02"):
        build_site(content, output, SETTINGS)

    assert site_files(cache) == before


def fingerprint_inputs(tmp_path):
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
    return settings, theme, plugins


def test_the_fingerprint_changes_with_what_markdown_depends_on(tmp_path):
    settings, theme, plugins = fingerprint_inputs(tmp_path)
    original = content_cache.fingerprint(settings)

    for pages_only in ({"OUTPUT_PATH": "out-2"}, {"SITEURL": "http://x"}):
        assert content_cache.fingerprint({**settings, **pages_only}) == original
    (theme / "templates/base.html").write_text("<html lang=en></html>")
    assert content_cache.fingerprint(settings) == original, "the theme shapes pages"

    assert content_cache.fingerprint({**settings, "PATH": "d"}) != original
    assert content_cache.fingerprint({**settings, "TIMEZONE": "CET"}) != original
    (plugins / "journal/__init__.py").write_text("def register(): return\n")
    assert content_cache.fingerprint(settings) != original


def test_old_caches_and_abandoned_copies_are_pruned(tmp_path):
    for number in range(5):
        cache = tmp_path / f"cache{number}"
        cache.mkdir()
        os.utime(cache, (1000 + number, 1000 + number))
    abandoned = tmp_path / ".cache4.build-1234"
    abandoned.mkdir()
    os.utime(abandoned, (1000, 1000))
    running = tmp_path / ".cache4.build-5678"
    running.mkdir()

    content_cache.prune(tmp_path, keep=2, now=time.time())

    remaining = sorted(path.name for path in tmp_path.iterdir())
    assert remaining == [".cache4.build-5678", "cache3", "cache4"]


def test_a_process_that_builds_again_and_again_keeps_no_earlier_build(site):
    from pelican.contents import Content  # noqa: PLC0415

    content, output = site
    build_site(content, output, SETTINGS)
    build_site(content, output, SETTINGS)

    assert not Content.get_content.cache
    assert not Content.get_summary.cache


def test_a_build_that_changes_its_settings_leaves_the_next_build_alone(tmp_path):
    from workflow.build import read_site_settings  # noqa: PLC0415

    production = ROOT / "publishconf.py"  # its pelicanconf import is shared
    first = read_site_settings(production, tmp_path, tmp_path / "out")
    # Pelican's Markdown reader does this to the settings it is given.
    first["MARKDOWN"].setdefault("extensions", []).append("markdown.extensions.x")

    second = read_site_settings(production, tmp_path, tmp_path / "out")

    assert "markdown.extensions.x" not in second["MARKDOWN"].get("extensions", [])


def test_a_cache_folder_that_cannot_be_written_only_slows_the_build(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go")
    from workflow.build import cache_if_possible, read_site_settings  # noqa: PLC0415

    settings = read_site_settings(SETTINGS, ROOT / "content", tmp_path / "output")
    assert cache_if_possible(settings, blocked / "cache") is None
    assert "CACHE_PATH" not in settings or not settings.get("LOAD_CONTENT_CACHE")
