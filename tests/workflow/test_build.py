"""Builds do only what changed, and their output is always a clean build's."""

import gc
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from benchmarks.differential import ACTIONS, differences, entry_text, run_sequence
from plugins.shared import cache
from tests.conftest import (
    ROOT,
    copy_sample,
    folder_fingerprint,
    run_invoke,
    write_content,
)
from workflow import content_cache
from workflow.build import (
    STAGING_PURPOSES,
    BuildError,
    build,
    index_search,
    pages_to_show_early,
)
from workflow.incremental import BuildRecord
from workflow.manifest import OutputFile, manifest_path
from workflow.search_index import is_index_file

pytestmark = pytest.mark.usefixtures("in_process_builds")

SETTINGS = ROOT / "pelicanconf.py"
ENTRY = "journal/2023-08-30.md"
ENTRY_PAGE = "journal/2023-08-30/index.html"


def times(output):
    """{file: modification time} of a built site."""
    return {
        path.relative_to(output).as_posix(): path.stat().st_mtime_ns
        for path in output.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def site(tmp_path):
    return copy_sample(tmp_path / "content"), tmp_path / "output"


def test_every_action_of_the_author_gives_what_a_clean_build_gives(tmp_path):
    steps = run_sequence(tmp_path, len(ACTIONS) + 3, seed=2026)
    assert {step.action for step in steps} == set(ACTIONS)
    assert list((tmp_path / "output" / "feeds" / "archive").iterdir())
    report = [
        f"step {step.number} ({step.what}): {step.differences}"
        for step in steps
        if step.differences
    ]
    assert report == []


def test_a_build_with_nothing_changed_touches_nothing(site):
    content, output = site
    assert build(content, output, SETTINGS).kind == "full"
    before = times(output)
    again = build(content, output, SETTINGS)
    assert again.kind == "unchanged"
    assert times(output) == before


def test_an_edited_entry_rewrites_its_page_and_the_feed_only(site):
    content, output = site
    build(content, output, SETTINGS)
    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nAnd another.\n")
    before = times(output)

    built = build(content, output, SETTINGS)

    after = times(output)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert built.kind == "incremental"
    assert built.rendered == 1
    pages = [name for name in changed if not is_index_file(name)]
    assert pages == ["feeds/all.atom.xml", ENTRY_PAGE]
    # The search index follows: only the index of the entry's year changes.
    index = {name.split("/")[1] for name in changed if is_index_file(name)}
    assert index == {"2023", "indexes.json"}
    assert "And another." in (output / ENTRY_PAGE).read_text(encoding="utf-8")
    assert not list(output.parent.glob(".output.*")), "a scratch folder was left"


def test_an_edit_copies_only_the_feed_archive_it_changed(site, tmp_path, monkeypatch):
    """The feed's archives are copied from its cache into a build only when
    the output does not hold them as they are; the site is a clean build's."""
    content, output = site
    write_content(
        content,
        {
            f"journal/2022-{month:02d}-01.md": f"Title: Month {month}\n\nWords.\n"
            for month in range(1, 7)
        },
    )
    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)
    copied = []
    copy = cache.copy_into
    monkeypatch.setattr(
        cache,
        "copy_into",
        lambda into, files: copy(into, copied.extend(files) or files),
    )
    with (content / "journal/2022-02-01.md").open("a", encoding="utf-8") as entry:
        entry.write("\nAnd another.\n")

    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)

    archives = sorted(path.name for path in (output / "feeds/archive").iterdir())
    assert archives == [f"2022-{month:02d}.atom.xml" for month in range(1, 7)] + [
        "2023-08.atom.xml"
    ]
    assert [path for path, _ in copied] == ["feeds/archive/2022-02.atom.xml"]
    assert "And another." in (output / "feeds/archive/2022-02.atom.xml").read_text()
    build(content, tmp_path / "clean", SETTINGS, FEED_MAX_ITEMS=2)
    assert differences(tmp_path / "clean", output) == []


def test_a_feed_archive_removed_from_the_output_by_hand_is_put_back(site):
    content, output = site
    write_content(content, {"journal/2022-01-01.md": "Title: Old\n\nWords.\n"})
    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)
    archive = output / "feeds/archive/2022-01.atom.xml"
    made = archive.read_bytes()
    archive.unlink()

    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)

    assert archive.read_bytes() == made


@pytest.mark.parametrize("path", ["feeds/archive/2022-01.atom.xml", "index.html"])
def test_a_file_of_the_author_over_a_built_one_and_then_removed(site, tmp_path, path):
    """content/extra/ files win over what the build makes at their path (a
    feed archive, a page); once removed, the built file is back."""
    content, output = site
    write_content(content, {"journal/2022-01-01.md": "Title: Old\n\nWords.\n"})
    author = {f"extra/{path}": "the author's own file\n"}
    write_content(content, author)
    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)
    assert (output / path).read_text() == "the author's own file\n"
    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)  # nothing changed

    (content / "extra" / path).unlink()
    build(content, output, SETTINGS, FEED_MAX_ITEMS=2)

    build(content, tmp_path / "clean", SETTINGS, FEED_MAX_ITEMS=2)
    assert differences(tmp_path / "clean", output) == []


def test_a_retitled_entry_rewrites_the_pages_that_show_its_title(site):
    content, output = site
    build(content, output, SETTINGS)
    entry = content / "journal/2023-08-29.md"
    entry.write_text(entry.read_text().replace("Title: ", "Title: Renamed: ", 1))

    build(content, output, SETTINGS)

    newer = (output / ENTRY_PAGE).read_text(encoding="utf-8")
    assert "Renamed: " in newer, "the newer entry's link shows the new title"
    assert "Renamed: " in (output / "index.html").read_text(encoding="utf-8")


def differences_but_the_search_index(pelican_output, output):
    """How a build differs from Pelican's own output, but for the search index
    (the build's, beyond what Pelican writes)."""
    return [
        difference
        for difference in differences(pelican_output, output)
        if not is_index_file(difference.split(" ", 1)[1])
    ]


def test_the_full_build_is_what_pelican_itself_writes(site, tmp_path):
    content, output = site
    build(content, output, SETTINGS)
    stock = tmp_path / "pelican"
    result = plain_pelican(content, stock)
    assert result.returncode == 0, result.stderr
    assert differences_but_the_search_index(stock, output) == []


def plain_pelican(content, output):
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS)]
    return subprocess.run(
        [*command, "-o", str(output)], cwd=ROOT, capture_output=True, check=False
    )


def test_a_journal_read_and_rendered_on_every_core_is_what_pelican_writes(
    tmp_path, monkeypatch
):
    # Enough entries that their Markdown is read, and their pages rendered,
    # by worker processes (one per core), then one entry edited: the pages'
    # keys are worked out by worker processes too (from 40 pages a worker).
    monkeypatch.setattr("workflow.incremental.PARALLEL_KEYS", 40)
    content, output = tmp_path / "content", tmp_path / "output"
    rng, first_day = random.Random(12), date(2022, 1, 1)
    days = [first_day + timedelta(days=number) for number in range(180)]
    for number, day in enumerate(days):
        text = entry_text(rng, number, title=number % 5 != 0)
        write_content(content, {f"journal/{day}.md": text})

    assert build(content, output, SETTINGS).kind == "full"
    with (content / f"journal/{days[90]}.md").open("a", encoding="utf-8") as entry:
        entry.write("\nOne more line.\n")
    edited = build(content, output, SETTINGS)

    assert edited.kind == "incremental"
    assert 0 < edited.rendered < 10
    assert plain_pelican(content, tmp_path / "pelican").returncode == 0
    assert differences_but_the_search_index(tmp_path / "pelican", output) == []


def change_the_index_by_hand(output, name):
    """A file of the search index `name` edited, one removed and one added."""
    index = output / "pagefind" / name
    listed = index / "pagefind-entry.json"
    listed.write_bytes(listed.read_bytes().replace(b"page_count", b"page_kount"))
    next((index / "fragment").iterdir()).unlink()
    (index / "stray.js").write_text("not part of the index")


def test_an_output_changed_by_hand_is_put_right(site):
    content, output = site
    build(content, output, SETTINGS)
    (output / ENTRY_PAGE).unlink()
    (output / "stray.html").write_text("not part of the site")
    (output / "index.html").write_text("edited by hand")
    change_the_index_by_hand(output, "2023")

    assert build(content, output, SETTINGS).kind == "incremental"

    clean = output.with_name("clean")
    build(content, clean, SETTINGS)
    assert differences(clean, output) == []


def test_a_search_index_changed_by_hand_is_put_right_with_nothing_else_changed(site):
    content, output = site
    build(content, output, SETTINGS)
    kept = (output / "pagefind" / "2023" / "pagefind-entry.json").stat()
    change_the_index_by_hand(output, "pages")

    assert build(content, output, SETTINGS).kind == "unchanged"

    clean = output.with_name("clean")
    build(content, clean, SETTINGS)
    assert differences(clean, output) == []
    # The indexes not changed by hand are left as they are.
    after = (output / "pagefind" / "2023" / "pagefind-entry.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    again = {name: path.stat().st_mtime_ns for name, path in _files(output)}
    assert build(content, output, SETTINGS).kind == "unchanged"
    assert {name: path.stat().st_mtime_ns for name, path in _files(output)} == again


def test_a_failed_incremental_build_changes_nothing(site):
    content, output = site
    build(content, output, SETTINGS)
    before = {name: path.read_bytes() for name, path in _files(output)}
    (content / ENTRY).write_text("Title: Broken\nDate: not a date\n\nText.\n")

    with pytest.raises(BuildError, match="2023-08-30"):
        build(content, output, SETTINGS)

    assert {name: path.read_bytes() for name, path in _files(output)} == before
    assert not list(output.parent.glob(".output.*")), "a scratch folder was left"


def test_a_build_done_or_failed_leaves_the_process_collecting_as_before(site):
    """A build pauses Python's cycle collector while it reads the entries and
    keeps what it read frozen; the preview's process goes on building."""
    content, output = site
    build(content, output, SETTINGS)
    assert gc.isenabled() and gc.get_freeze_count() == 0

    (content / ENTRY).write_text("Title: Broken\nDate: not a date\n\nText.\n")
    with pytest.raises(BuildError):
        build(content, output, SETTINGS)
    assert gc.isenabled() and gc.get_freeze_count() == 0

    # What the preview froze before forking a rebuild stays frozen.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        (content / ENTRY).write_text("Title: Mended\n\nText.\n")
        build(content, output, SETTINGS)
        assert gc.isenabled() and gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_a_category_with_no_slug_fails_every_build_not_only_the_first(site):
    content, output = site
    (content / ENTRY).write_text("Title: Odd\nCategory: ???\n\nText.\n")
    command = ["build", "--content", str(content), "--output", str(output)]

    # Each in a process of its own, as the author runs them (Pelican tells a
    # warning once a process); the second takes the entry from the cache.
    for _ in range(2):
        result = run_invoke(*command)
        assert result.returncode != 0
        messages = result.stderr + result.stdout
        assert f"{ENTRY}: Category: '???' makes no address of its own" in messages
    assert not output.exists()


def test_a_change_of_code_builds_every_page_again(site, tmp_path):
    content, output = site
    build(content, output, SETTINGS)
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\nSITESUBTITLE = 'Changed.'\n"
    )

    built = build(content, output, conf)

    assert built.kind == "full"
    assert "Changed." in (output / "index.html").read_text(encoding="utf-8")


def test_a_full_build_keeps_the_search_index_it_does_not_change(site, tmp_path):
    content, output = site
    build(content, output, SETTINGS)
    index = output / "pagefind"
    before = {path: path.stat().st_ino for path in index.rglob("*") if path.is_file()}
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\nSITESUBTITLE = 'Changed.'\n"
    )

    assert build(content, output, conf).kind == "full"

    after = {path: path.stat().st_ino for path in index.rglob("*") if path.is_file()}
    assert after == before, "the same files, not unpacked again"
    build(content, tmp_path / "clean", conf)
    assert folder_fingerprint(index) == folder_fingerprint(tmp_path / "clean/pagefind")


def test_an_entry_dated_later_appears_when_its_time_comes(site):
    content, output = site
    # The full build first: on a busy machine it alone can take longer than
    # the entry's few seconds; the two builds that must come before its
    # time are quick ones.
    build(content, output, SETTINGS, WITH_FUTURE_DATES=False)
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=5)
    write_content(
        content,
        {"journal/2030-01-01.md": f"Title: Soon\nDate: {soon:%Y-%m-%d %H:%M:%S}\n\n."},
    )
    page = output / "journal/2030-01-01/index.html"
    build(content, output, SETTINGS, WITH_FUTURE_DATES=False)
    assert not page.exists()
    again = build(content, output, SETTINGS, WITH_FUTURE_DATES=False)
    assert again.kind == "unchanged"

    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 1.1)

    assert build(content, output, SETTINGS, WITH_FUTURE_DATES=False).kind != (
        "unchanged"
    )
    assert page.is_file()


def _files(folder):
    return sorted(
        (path.relative_to(folder).as_posix(), path)
        for path in folder.rglob("*")
        if path.is_file()
    )


def test_the_cache_and_manifests_live_outside_the_output(site):
    content, output = site
    build(content, output, SETTINGS)
    assert not (output / ".cache").exists()
    assert (ROOT / ".cache" / "builds").is_dir()
    shutil.rmtree(output)
    assert build(content, output, SETTINGS).kind == "full"
    assert os.listdir(output)


@pytest.mark.parametrize(
    "damage",
    ["emptied", "cut short", "not pickled", "not a manifest", "of an earlier engine"],
)
def test_a_damaged_manifest_gives_a_full_build_of_the_same_site(site, damage):
    content, output = site
    build(content, output, SETTINGS)
    clean = folder_fingerprint(output)
    record = manifest_path(content_cache.root_beside(SETTINGS), output, SETTINGS)
    kept = record.read_bytes()
    record.write_bytes(
        {
            "emptied": b"",
            "cut short": kept[: len(kept) // 2],
            "not pickled": b"[1, 2]",
            "not a manifest": pickle.dumps([1, 2]),
            "of an earlier engine": pickle.dumps({"engine": 2, "files": {}}),
        }[damage]
    )

    assert build(content, output, SETTINGS).kind == "full"
    assert folder_fingerprint(output) == clean
    assert build(content, output, SETTINGS).kind == "unchanged"


def test_the_manifest_an_earlier_version_kept_is_removed(site):
    content, output = site
    record = manifest_path(content_cache.root_beside(SETTINGS), output, SETTINGS)
    earlier = record.with_suffix(".json")  # as earlier versions kept it
    earlier.parent.mkdir(parents=True, exist_ok=True)
    earlier.write_text('{"engine": 2}')
    build(content, output, SETTINGS)
    assert record.is_file()
    assert not earlier.exists()


def test_keys_do_not_depend_on_how_entries_were_made(tmp_path):
    """Entries made from their files and entries kept by the model cache give
    every page the same key: after a full build of a site big enough to be
    rendered on several cores, an edit renders one page."""
    content = copy_sample(tmp_path / "content")
    for number in range(150):
        write_content(
            content,
            {
                f"journal/2019-{1 + number // 28:02d}-{1 + number % 28:02d}.md": (
                    f"Title: Entry {number}\nTags: t{number % 3}\n\nWords {number}.\n"
                )
            },
        )
    output = tmp_path / "output"
    build(content, output, SETTINGS)
    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nEdited.\n")
    assert build(content, output, SETTINGS).rendered == 1


def test_a_commit_dates_the_entries_it_changed_without_another_edit(site):
    content, output = site
    env = {
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@x.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@x.org",
        "HOME": str(content),
        "PATH": os.environ["PATH"],
    }

    def git(*args, when="2024-03-01T10:00:00+00:00"):
        subprocess.run(
            ["git", "-C", str(content), *args],
            check=True,
            capture_output=True,
            env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    entry = content / ENTRY
    entry.write_text(entry.read_text() + "\nA later thought.\n")
    build(content, output, SETTINGS)
    assert "Updated" not in (output / ENTRY_PAGE).read_text(encoding="utf-8")

    git("commit", "-q", "-am", "later", when="2024-06-15T10:00:00+00:00")
    built = build(content, output, SETTINGS)

    page = (output / ENTRY_PAGE).read_text(encoding="utf-8")
    assert built.kind != "unchanged"
    assert 'datetime="2024-06-15' in page
    assert "Updated" in page


def test_attached_files_move_beside_their_page_as_pelican_moves_them(site, tmp_path):
    content, output = site
    write_content(
        content,
        {
            "pages/notes/about.md": "Title: About\n\n[My CV]({attach}cv.pdf)\n",
            "pages/notes/cv.pdf": "%PDF-1.4 a CV\n",
        },
    )
    static = ["extra", "images", "pages/notes"]
    build(content, output, SETTINGS, STATIC_PATHS=static)
    stock = tmp_path / "pelican"
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS)]
    command += ["-o", str(stock), "-e", f"STATIC_PATHS={static!r}".replace("'", '"')]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr

    assert (stock / "about" / "cv.pdf").is_file()
    assert differences_but_the_search_index(stock, output) == []
    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nAn edit elsewhere: the About page is kept.\n")
    built = build(content, output, SETTINGS, STATIC_PATHS=static)
    assert built.kind == "incremental"
    assert (output / "about" / "cv.pdf").is_file()
    assert not (output / "pages").exists()


def test_a_build_after_a_failed_one_in_the_same_process_is_complete(site, tmp_path):
    content, output = site
    broken = content / "journal/2023-09-09.md"
    broken.write_text("Date: not a date\n\nText.\n")
    with pytest.raises(BuildError):
        build(content, output, SETTINGS)
    broken.unlink()

    build(content, output, SETTINGS)

    clean = tmp_path / "clean"
    command = [sys.executable, "-m", "invoke", "build", "--content", str(content)]
    result = subprocess.run(
        [*command, "--output", str(clean)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (output / "sitemap.xml").is_file()
    assert differences(clean, output) == []


def test_a_search_index_changed_by_hand_is_put_right_by_the_previews_rebuild(site):
    """The preview builds, then indexes: its build forgets no account of how
    the index's files were left."""
    content, output = site
    build(content, output, SETTINGS)
    change_the_index_by_hand(output, "pages")
    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nAnd another.\n")

    assert build(content, output, SETTINGS, search=False).kind == "incremental"
    index_search(output, SETTINGS)

    clean = output.with_name("clean")
    build(content, clean, SETTINGS)
    assert differences(clean, output) == []


def test_a_build_with_nothing_changed_brings_an_unfinished_index_up_to_date(site):
    # The preview builds first and indexes after: stopped in between, its
    # output has pages the index does not follow yet.
    content, output = site
    build(content, output, SETTINGS)
    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nWhiteboarding zeppelins.\n")
    assert build(content, output, SETTINGS, search=False).kind == "incremental"
    listed = output / "pagefind" / "indexes.json"
    before = listed.read_text(encoding="utf-8")

    assert build(content, output, SETTINGS).kind == "unchanged"

    assert listed.read_text(encoding="utf-8") != before
    again = listed.stat().st_mtime_ns
    assert build(content, output, SETTINGS).kind == "unchanged"
    assert listed.stat().st_mtime_ns == again


def test_a_build_with_nothing_changed_puts_a_removed_index_back(site):
    content, output = site
    build(content, output, SETTINGS)
    listed = (output / "pagefind" / "indexes.json").read_text(encoding="utf-8")
    shutil.rmtree(output / "pagefind")

    assert build(content, output, SETTINGS).kind == "unchanged"

    assert (output / "pagefind" / "indexes.json").read_text(encoding="utf-8") == listed


def test_the_preview_loads_what_its_rebuilds_run_once(site):
    """`invoke serve` loads Pelican, the site's plugins and Markdown's
    extensions once: each rebuild, forked from it, starts with them."""
    content, output = site
    script = (
        "import sys; from pathlib import Path\n"
        "from workflow.build import load_build_code\n"
        f"load_build_code(Path({str(SETTINGS)!r}), Path({str(content)!r}), "
        f"Path({str(output)!r}))\n"
        "wanted = ['pelican.generators', 'workflow.incremental', "
        "'plugins.atom_feed', 'plugins.philosophy', 'markdown.extensions.extra']\n"
        "print(' '.join(name for name in wanted if name not in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""


# The preview shows the entry an edit changed first ----------------------------------


def _pages(output, *names):
    return {name: (output / name).read_text(encoding="utf-8") for name in names}


def test_the_preview_shows_an_edited_entry_before_the_rest_of_its_build(site, tmp_path):
    content, output = site
    build(content, output, SETTINGS)
    entry = content / "journal/2023-08-29.md"
    entry.write_text(entry.read_text().replace("Title: ", "Title: Renamed: ", 1))
    edited_page = "journal/2023-08-29/index.html"
    seen = []

    built = build(
        content,
        output,
        SETTINGS,
        show_early=lambda names: seen.append(
            (names, _pages(output, edited_page, "index.html"))
        ),
    )

    assert built.kind == "incremental"
    assert len(seen) == 1, "shown early once"
    names, pages = seen[0]
    assert names == [edited_page]
    assert "Renamed: " in pages[edited_page]
    assert "Renamed: " not in pages["index.html"], "the lists follow at the end"
    assert "Renamed: " in (output / "index.html").read_text(encoding="utf-8")
    # What the build changed after: the lists, not the page shown already.
    assert "index.html" in built.changed
    assert edited_page not in built.changed
    clean = tmp_path / "clean"
    build(content, clean, SETTINGS)
    assert differences(clean, output) == []
    assert not list(output.parent.glob(".output.*")), "nothing left aside"


@pytest.mark.parametrize("links", [True, False], ids=["links", "no links"])
def test_a_build_stopped_after_showing_an_edit_puts_the_page_back(
    site, links, monkeypatch
):
    content, output = site
    if not links:  # a file system without hard links (vfat, some shares)
        monkeypatch.setattr(os, "link", no_links)
    build(content, output, SETTINGS)
    before = {
        name: (path.read_bytes(), path.stat().st_mtime_ns)
        for name, path in _files(output)
    }
    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nA line the author is still writing.\n")

    def stopped_now(names):  # Ctrl-C (or a newer save) just after the early page
        assert "still writing" in _pages(output, ENTRY_PAGE)[ENTRY_PAGE]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(content, output, SETTINGS, show_early=stopped_now)

    after = {
        name: (path.read_bytes(), path.stat().st_mtime_ns)
        for name, path in _files(output)
    }
    assert after == before, "the output is the last build's, file for file"
    assert not list(output.parent.glob(".output.*")), "nothing left aside"
    assert build(content, output, SETTINGS).kind == "incremental"
    assert "still writing" in _pages(output, ENTRY_PAGE)[ENTRY_PAGE]


def test_only_pages_the_output_holds_as_left_and_an_edit_changed_are_shown_early():
    def kept(digest):
        return OutputFile(digest, size=10, mtime_ns=1)

    record = BuildRecord(
        previous=SimpleNamespace(
            reads={},
            files={
                "a/index.html": kept("old"),
                "same/index.html": kept("same"),
                "by-hand/index.html": kept("old"),
                "feed.xml": kept("old"),
            },
        ),
        output_state={
            "a/index.html": (10, 1),
            "same/index.html": (10, 1),
            "by-hand/index.html": (12, 5),  # changed since the last build
            "feed.xml": (10, 1),
        },
        source_digests={},
    )
    written = {
        "a/index.html": "new",
        "same/index.html": "same",
        "by-hand/index.html": "new",
        "feed.xml": "new",
        "new/index.html": "new",
    }
    assert pages_to_show_early(written, record) == ["a/index.html"]
    record.previous = None  # a full build: the whole folder at once
    assert pages_to_show_early(written, record) == []


def no_links(*args, **kwargs):
    raise PermissionError(1, "Operation not permitted")


def test_a_build_sweeps_away_what_builds_killed_outright_left_beside_the_output(site):
    content, output = site
    build(content, output, SETTINGS)
    day_and_more = time.time() - 25 * 3600
    left = [output.with_name(f".output.{kind}-0badf00d") for kind in STAGING_PURPOSES]
    for folder in left:
        (folder / "journal").mkdir(parents=True)
        (folder / "journal" / "index.html").write_text("half a build")
        os.utime(folder, (day_and_more, day_and_more))
    under_way = output.with_name(".output.build-5eed1e55")  # another build's
    under_way.mkdir()
    elsewhere = output.with_name(".other.build-0badf00d")  # another output's
    elsewhere.mkdir()
    os.utime(elsewhere, (day_and_more, day_and_more))

    with (content / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write("\nAnd another.\n")
    build(content, output, SETTINGS)

    assert not any(folder.exists() for folder in left)
    assert under_way.is_dir()
    assert elsewhere.is_dir()


def test_entries_in_a_linked_folder_are_built_and_followed(site, tmp_path):
    content, output = site
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content / "journal" / "linked").symlink_to(elsewhere, target_is_directory=True)
    build(content, output, SETTINGS)
    entry = elsewhere / "2019-04-04-linked.md"

    entry.write_text("Title: Linked\n\nText one.\n", encoding="utf-8")
    assert build(content, output, SETTINGS).kind == "incremental"
    page = output / "journal/2019-04-04-linked/index.html"
    assert "Text one." in page.read_text(encoding="utf-8")

    entry.write_text("Title: Linked\n\nText two.\n", encoding="utf-8")
    build(content, output, SETTINGS)
    assert "Text two." in page.read_text(encoding="utf-8")
    build(content, tmp_path / "clean", SETTINGS)
    assert differences(tmp_path / "clean", output) == []


def test_editors_files_beside_entries_are_not_read(site, tmp_path):
    content, output = site
    journal = content / "journal"
    (journal / ".#2023-08-30.md").symlink_to("author@laptop.1234:1700000000")
    (journal / "._2023-08-30.md").write_bytes(b"\x00\x05\x16\x07 resource fork")
    (journal / "2023-08-30.md~").write_text("Title: Backup\n\nOld.\n")

    built = build(content, output, SETTINGS)

    assert built.kind == "full"
    build(copy_sample(tmp_path / "plain"), tmp_path / "clean", SETTINGS)
    assert differences(tmp_path / "clean", output) == []


def test_entries_of_one_address_fail_every_build_of_a_process(site, tmp_path):
    """Pelican warns of two entries of one slug once a process (the preview
    builds again and again in one): each build names them, and a page named
    as a page of the site's own, which Pelican never warns of."""
    content, output = site
    entry = content / ENTRY
    entry.with_suffix(".markdown").write_text(entry.read_text(encoding="utf-8"))
    (content / "pages" / "arch.md").write_text("Title: Arch\nSlug: archives\n\nA.\n")
    for _ in range(2):
        with pytest.raises(BuildError) as failed:
            build(content, output, SETTINGS)
        assert (
            "journal/2023-08-30.markdown and journal/2023-08-30.md would be "
            "written to one address (journal/2023-08-30/index.html)"
        ) in str(failed.value)
        assert (
            "pages/arch.md would be written where the site's archives page goes"
        ) in str(failed.value)
    assert not output.exists()


def test_an_editors_file_saved_beside_an_entry_changes_nothing(site):
    content, output = site
    build(content, output, SETTINGS)
    (content / "journal" / ".2023-08-30.md.swp").write_bytes(b"b0VIM 9.0 swap")
    (content / "journal" / "2023-08-30.md~").write_text("Title: Backup\n\nOld.\n")
    assert build(content, output, SETTINGS).kind == "unchanged"
