"""What builds keep: rendered Markdown and entries reused only while nothing
they depend on changed, one whole record per source file."""

import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from plugins.shared.parallel import forked_map
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


@pytest.fixture
def entries_made(monkeypatch):
    """The source files Pelican makes an entry or page of in this test."""
    from pelican.readers import Readers  # noqa: PLC0415

    made = []
    read_file = Readers.read_file

    def counted(self, base_path, path, *args, **kwargs):
        if Path(path).suffix == ".md":  # not a static file, which is read too
            made.append(Path(path).name)
        return read_file(self, base_path, path, *args, **kwargs)

    monkeypatch.setattr(Readers, "read_file", counted)
    return made


def test_a_change_of_theme_builds_every_page_but_makes_no_entry_again(
    site, tmp_path, markdown_renders, entries_made
):
    content, output = site
    theme = Path(shutil.copytree(ROOT / "theme", tmp_path / "theme"))
    build(content, output, SETTINGS, THEME=str(theme))
    assert markdown_renders, "the first build renders every file"
    assert "2023-08-30.md" in entries_made, "and makes every entry"
    footer = theme / "templates" / "partials" / "site_footer.html"
    footer.write_text(footer.read_text() + "<p>A new line in the footer.</p>\n")
    markdown_renders.clear()
    entries_made.clear()

    assert build(content, output, SETTINGS, THEME=str(theme)).kind == "full"
    assert markdown_renders == []
    assert entries_made == []
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
    for database in cache.glob(f"*/*/{content_cache.DATABASE}"):
        store = Store(database.parent, {}, {})
        assert all(store.get(name) is not None for name in kept_names(database.parent))


def kept_names(folder: Path) -> list[str]:
    """The names of the records a store's database in `folder` holds."""
    with closing(sqlite3.connect(folder / content_cache.DATABASE)) as database:
        return sorted(row[0] for row in database.execute("SELECT name FROM records"))


def kept_size(folder: Path, name: str) -> int:
    with closing(sqlite3.connect(folder / content_cache.DATABASE)) as database:
        query = "SELECT length(record) FROM records WHERE name = ?"
        return database.execute(query, (name,)).fetchone()[0]


def test_records_are_named_by_path_and_bytes():
    assert record_name("/c/a.md", "1") != record_name("/c/a.md", "2")
    assert record_name("/c/a.md", "1") != record_name("/c/b.md", "1")
    assert record_name("/c/a.md", "1") == record_name("/c/a.md", "1")


def test_a_store_gives_back_what_it_kept_with_the_builds_own_settings(tmp_path):
    settings = {"SITEURL": "x", "PATH": "c", "big": list(range(1000))}
    kept = Store(tmp_path, settings)
    kept.put("r", {"settings": settings, "text": "hello"})
    kept.close()
    assert kept_size(tmp_path, "r") < 200, "the settings are not copied"

    other_settings = {"SITEURL": "y", "PATH": "d"}
    found = Store(tmp_path, other_settings).get("r")
    assert found["text"] == "hello"
    assert found["settings"] is other_settings
    assert Store(tmp_path, settings).get("missing") is None


def test_a_store_names_the_records_it_holds_and_none_when_it_has_no_database(
    tmp_path,
):
    assert Store(tmp_path / "none yet", {}).names() == frozenset()
    store = Store(tmp_path, {})
    store.put("a", 1)
    store.put("b", lambda: None)  # cannot be kept
    store.put("c", 3)
    store.close()
    assert Store(tmp_path, {}).names() == {"a", "c"}


def test_a_value_that_cannot_be_kept_leaves_no_record(tmp_path):
    store = Store(tmp_path, {})
    store.put("r", lambda: None)
    assert list(tmp_path.iterdir()) == []


def test_records_no_build_used_are_removed(tmp_path):
    first = Store(tmp_path, {})
    first.put("old", 1)
    first.put("kept", 2)
    first.close()
    (tmp_path / "0f3a9c").write_bytes(b"a record file of an earlier version")
    later = Store(tmp_path, {})
    later.used.add("kept")
    later.put("new", 3)
    later.keep_used()
    later.close()

    assert kept_names(tmp_path) == ["kept", "new"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [content_cache.DATABASE]


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


def test_a_record_is_found_at_once_by_its_build_and_by_others(tmp_path):
    store, other = Store(tmp_path, {}), Store(tmp_path, {})
    for number in range(20):
        store.write(f"r{number}", store.dumps(f"text {number}"))
        assert store.get(f"r{number}") == f"text {number}"
        assert other.get(f"r{number}") == f"text {number}"


STOPPED_BUILD = """
import sys
import threading
from workflow.content_cache import Store
store = Store(sys.argv[1], {})
store.put("first", "x" * 50_000)
print("started", flush=True)
number = 0
while True:
    number += 1
    store.put(f"r{number}", "x" * 50_000)
"""


def test_a_build_killed_half_way_keeps_only_whole_records(tmp_path):
    command = [sys.executable, "-c", STOPPED_BUILD, str(tmp_path)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE) as writing:
        assert writing.stdout.readline() == b"started\n"
        time.sleep(0.3)
        writing.kill()
    assert writing.returncode == -signal.SIGKILL

    store = Store(tmp_path, {})
    names = kept_names(tmp_path)
    assert len(names) > 10
    assert all(store.get(name) == "x" * 50_000 for name in names)
    store.put("after", 1)
    store.close()
    assert "after" in kept_names(tmp_path)


def _found_in_worker(name: str):
    global _worker_started  # noqa: PLW0603 - one per worker process
    if not _worker_started:
        assert _worker_store._database is None, "a connection crossed the fork"
        _worker_started = True
    return _worker_store.get(name)


_worker_store: Store | None = None
_worker_started = False


def test_worker_processes_read_records_and_the_build_writes_on(tmp_path, monkeypatch):
    """A store open when the build forks workers: they find what it wrote,
    each with a connection of its own, and the build goes on writing."""
    store = Store(tmp_path, {})
    monkeypatch.setattr(__name__ + "._worker_store", store)
    for number in range(40):
        store.put(f"r{number}", number)

    found = forked_map(
        _found_in_worker, [f"r{number}" for number in range(40)], least=10
    )
    store.put("after", "the fork")

    assert found == list(range(40))
    assert store.get("after") == "the fork"
    store.close()
    assert len(kept_names(tmp_path)) == 41


def test_a_database_that_is_not_one_is_made_anew(tmp_path, caplog):
    (tmp_path / content_cache.DATABASE).write_bytes(b"not a database" * 100)
    store = Store(tmp_path, {})

    assert store.get("r") is None
    store.put("r", "kept")
    assert store.get("r") == "kept"
    assert "the build cache could not be read" in caplog.text
    store.close()
    assert Store(tmp_path, {}).get("r") == "kept"


def _first_record(folder: str, start: threading.Barrier) -> bool:
    store = Store(Path(folder), {})
    start.wait()
    store.put(f"r{os.getpid()}", 1)
    store.close()
    return not store._broken


def test_builds_that_make_the_same_database_at_once_both_keep_their_records(
    tmp_path,
):
    """Two builds starting on new settings make the store's database at once:
    neither builds without its cache."""
    context = multiprocessing.get_context("fork")
    for round_number in range(10):
        folder = tmp_path / f"store{round_number}"
        start = context.Barrier(4)
        workers = [
            context.Process(target=_first_record, args=(str(folder), start))
            for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert [worker.exitcode for worker in workers] == [0] * 4
        assert len(kept_names(folder)) == 4, f"round {round_number}"


def test_a_store_that_cannot_be_written_keeps_nothing_and_says_nothing(tmp_path):
    (tmp_path / "readers").write_text("a file where the store's folder would go")
    store = Store(tmp_path / "readers" / "inside", {})
    store.put("r1", "a record")
    store.close()

    assert store.get("r1") is None
    assert sorted(os.listdir(tmp_path)) == ["readers"]
