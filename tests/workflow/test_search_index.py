"""The search index: what each page gives it, one index a year and one for the
pages, each made once from what it holds (real Pagefind on small sites)."""

import hashlib
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import folder_fingerprint, write_content
from workflow.manifest import output_state
from workflow.search_index import (
    IndexedPage,
    Indexing,
    PagefindStopped,
    SearchIndexError,
    archives_to_drop,
    bundle_file,
    index_site,
    indexed_page,
    installed_keys,
    manifest_text,
    marked_element,
    plan_indexes,
    site_pages,
    sweep_stale_runs,
)


def page(article, lang="en"):
    """A built page: header, navigation and footer around an article."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><title>T</title></head>\n'
        '<body><header><nav><a href="/">Journal</a></nav></header>\n'
        f"<main>{article}</main>\n"
        "<footer>Subscribe to the feed</footer></body></html>\n"
    )


def entry(year, title, words, tags=()):
    tag_links = "".join(f'<a data-pagefind-filter="tag">{tag}</a>' for tag in tags)
    return page(
        f'<article class="entry" data-pagefind-body data-pagefind-filter="year:{year}">'
        f"<h1>{title}</h1><div><p>{words}</p></div>"
        f"<p data-pagefind-ignore>{tag_links}</p></article>"
    )


# Plain decisions --------------------------------------------------------------


def test_the_marked_element_ends_at_its_own_closing_tag():
    html = page(
        "<article data-pagefind-body><p>a</p><article><p>b</p></article>"
        '<!-- </article> --><script>"</article>"</script><p>c</p></article>'
        "<article><p>not indexed</p></article>"
    )

    start, end, start_tag = marked_element(html)

    assert start_tag == "<article data-pagefind-body>"
    assert html[start:end].endswith("<p>c</p></article>")
    assert "not indexed" not in html[start:end]


def test_a_page_without_the_mark_gives_the_index_nothing():
    assert indexed_page("tags/index.html", page("<ul><li>hiring</li></ul>")) is None
    assert marked_element(page('<div data-pagefind-body-like="x"></div>')) is None


def test_a_marked_element_never_closed_is_an_error_naming_it():
    with pytest.raises(ValueError, match=r"<article> marked data-pagefind-body"):
        marked_element(page("<article data-pagefind-body><p>open"))


def test_an_entry_goes_to_its_years_index_with_its_article_only():
    found = indexed_page("journal/2023-08-30/index.html", entry(2023, "T", "words"))

    assert found.path == "journal/2023-08-30/index.html"
    assert found.index == "2023"
    assert '<html lang="en">' in found.document
    assert "<h1>T</h1>" in found.document
    assert "Journal" not in found.document
    assert "Subscribe" not in found.document


def test_a_page_without_a_year_goes_to_the_pages_index():
    html = page("<article data-pagefind-body><h1>About</h1></article>", lang="fr")

    found = indexed_page("about/index.html", html)

    assert found.index == "pages"
    assert '<html lang="fr">' in found.document


def indexed(path, index, words):
    return IndexedPage(path, index, f"<p>{words}</p>")


def test_the_pages_index_comes_first_then_the_years_newest_first():
    pages = [
        indexed("journal/2021-01-01/index.html", "2021", "a"),
        indexed("about/index.html", "pages", "b"),
        indexed("journal/2023-01-01/index.html", "2023", "c"),
        indexed("journal/2021-05-01/index.html", "2021", "d"),
    ]

    indexes = plan_indexes(pages, "pagefind 1.5.2")

    assert [index.name for index in indexes] == ["pages", "2023", "2021"]
    assert [page.path for page in indexes[2].pages] == [
        "journal/2021-01-01/index.html",
        "journal/2021-05-01/index.html",
    ]


def test_an_index_key_changes_with_its_own_pages_and_the_tool_only():
    before = [indexed("a.html", "2021", "one"), indexed("b.html", "2022", "two")]
    edited = [indexed("a.html", "2021", "one!"), indexed("b.html", "2022", "two")]

    keys = {index.name: index.key for index in plan_indexes(before, "pagefind 1")}
    after = {index.name: index.key for index in plan_indexes(edited, "pagefind 1")}
    newer = {index.name: index.key for index in plan_indexes(before, "pagefind 2")}

    assert keys["2021"] != after["2021"]
    assert keys["2022"] == after["2022"]
    assert not set(keys.values()) & set(newer.values())


def test_the_list_of_indexes_reads_back_and_anything_else_reads_as_none():
    indexes = plan_indexes([indexed("a.html", "2021", "one")], "pagefind 1")

    assert installed_keys(manifest_text(indexes)) == {"2021": indexes[0].key}
    assert installed_keys(None) == {}
    assert installed_keys("not json") == {}
    assert installed_keys('{"indexes": [{"nom": "x"}]}') == {}


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("pagefind.js", True),
        ("pagefind-worker.js", True),
        ("pagefind-entry.json", True),
        ("wasm.en.pagefind", True),
        ("pagefind.en_9e8b6cbb4a.pf_meta", True),
        ("fragment/en_258c94f.pf_fragment", True),
        ("index/en_eef8dec.pf_index", True),
        ("filter/en_7752d82.pf_filter", True),
        ("pagefind-ui.js", False),
        ("pagefind-component-ui.css", False),
        ("pagefind-highlight.js", False),
        ("playground/index.html", False),
    ],
)
def test_only_what_the_search_page_uses_of_a_bundle_is_kept(name, kept):
    assert bundle_file(name) is kept


def test_the_most_recently_used_archives_of_each_index_are_kept():
    archives = {"2021-a": 1.0, "2021-b": 3.0, "2021-c": 2.0, "pages-a": 1.0}

    assert archives_to_drop(archives, keep=2) == ["2021-a"]


# Indexing a built site with Pagefind -------------------------------------------


@pytest.fixture
def site(tmp_path):
    """A small built site: two years of entries, a page, and list pages."""
    files = {
        "index.html": page("<ol><li>Quokkas at the offsite</li></ol>"),
        "journal/2022-05-03/index.html": entry(
            2022, "Planning the offsite", "We met the quokkas.", ["planning"]
        ),
        "journal/2023-02-14/index.html": entry(
            2023, "Hiring in winter", "A zeppelin of candidates.", ["hiring"]
        ),
        "about/index.html": page(
            "<article data-pagefind-body><h1>About</h1><p>An aardvark.</p></article>"
        ),
    }
    folder = tmp_path / "site"
    for relative, html in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return folder


def made_archives(cache):
    return sorted(path.name.split("-")[0] for path in cache.glob("*.zip"))


def test_each_year_and_the_pages_get_an_index_listed_for_the_search_page(
    site, tmp_path
):
    index_site(site, tmp_path / "cache")

    listed = json.loads((site / "pagefind" / "indexes.json").read_text())
    assert [index["name"] for index in listed["indexes"]] == ["pages", "2023", "2022"]
    for name in ["pages", "2023", "2022"]:
        bundle = site / "pagefind" / name
        assert (bundle / "pagefind.js").is_file()
        assert (bundle / "pagefind-entry.json").is_file()
        assert list((bundle / "fragment").iterdir())
        assert not (bundle / "pagefind-ui.js").exists()
    entries = json.loads(
        (site / "pagefind" / "2023" / "pagefind-entry.json").read_text()
    )
    assert entries["languages"]["en"]["page_count"] == 1


def test_indexing_again_makes_nothing_and_writes_the_same_bytes(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    first, archives = folder_fingerprint(site), set(cache.iterdir())

    index_site(site, cache)

    assert folder_fingerprint(site) == first
    assert set(cache.iterdir()) == archives


def test_another_build_of_the_same_pages_gets_the_same_index(site, tmp_path):
    """Pagefind 1.5.2 writes filters in no fixed order (fixed upstream after
    1.5.2): a build finds the index in the cache, so it writes the same bytes."""
    cache = tmp_path / "cache"
    index_site(site, cache)
    other = tmp_path / "other"
    for path in site.rglob("*.html"):
        target = other / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())

    index_site(other, cache)

    assert folder_fingerprint(other) == folder_fingerprint(site)


def test_an_edit_indexes_only_its_year_again(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    before = made_archives(cache)
    untouched = (site / "pagefind" / "2022" / "pagefind-entry.json").stat()
    edited = site / "journal" / "2023-02-14" / "index.html"
    edited.write_text(entry(2023, "Hiring in winter", "A blimp of candidates."))

    index_site(site, cache)

    assert made_archives(cache) == sorted([*before, "2023"])
    after = (site / "pagefind" / "2022" / "pagefind-entry.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (
        untouched.st_ino,
        untouched.st_mtime_ns,
    )


def test_an_edit_rewrites_only_the_files_of_its_index_that_changed(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    bundle = site / "pagefind" / "2023"
    # A file changed in place since (same size, other bytes) is written again.
    worker = bundle / "pagefind-worker.js"
    worker.write_bytes(b"x" * worker.stat().st_size)
    before = {
        path.relative_to(bundle).as_posix(): (path.stat().st_ino, path.read_bytes())
        for path in bundle.rglob("*")
        if path.is_file()
    }
    edited = site / "journal" / "2023-02-14" / "index.html"
    edited.write_text(entry(2023, "Hiring in winter", "A blimp of candidates."))

    index_site(site, cache)

    key = installed_keys((site / "pagefind" / "indexes.json").read_text())["2023"]
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(cache / f"2023-{key}.zip") as archive:
        archive.extractall(unpacked)
    assert folder_fingerprint(bundle) == folder_fingerprint(unpacked)
    after = {
        path.relative_to(bundle).as_posix(): (path.stat().st_ino, path.read_bytes())
        for path in bundle.rglob("*")
        if path.is_file()
    }
    alike = [name for name in after if before.get(name, (0, b""))[1] == after[name][1]]
    changed = [name for name in after if name not in alike]
    assert "wasm.en.pagefind" in alike and "pagefind-worker.js" in changed
    assert all(after[name][0] == before[name][0] for name in alike)
    assert all(
        after[name][0] not in {ino for ino, _ in before.values()} for name in changed
    )


def test_indexing_tells_the_index_files_as_it_leaves_them(site, tmp_path):
    """What a build notes of the index (to put a hand-changed file right),
    without looking at every file again."""
    cache = tmp_path / "cache"
    assert index_site(site, cache) == output_state(site / "pagefind")
    edited = site / "journal" / "2023-02-14" / "index.html"
    edited.write_text(entry(2023, "Hiring in winter", "A blimp of candidates."))
    (site / "pagefind" / "stray.txt").write_text("not part of the index")

    assert index_site(site, cache) == output_state(site / "pagefind")


def test_a_change_outside_the_article_indexes_nothing(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    before = made_archives(cache)
    home = site / "journal" / "2022-05-03" / "index.html"
    home.write_text(home.read_text().replace("Subscribe", "Follow"))

    index_site(site, cache)

    assert made_archives(cache) == before


def test_an_older_index_in_the_folder_is_brought_up_to_date(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    (site / "journal" / "2022-05-03" / "index.html").unlink()
    (site / "pagefind" / "stray.txt").write_text("left by someone")

    index_site(site, cache)

    assert sorted(path.name for path in (site / "pagefind").iterdir()) == [
        "2023",
        "indexes.json",
        "pages",
    ]


def test_a_site_with_nothing_to_index_lists_no_index(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page("<p>No entries yet.</p>"))

    index_site(site, tmp_path / "cache")

    listed = json.loads((site / "pagefind" / "indexes.json").read_text())
    assert listed == {"indexes": []}


def test_a_page_that_cannot_be_indexed_is_named_with_the_fix(site, tmp_path):
    broken = site / "journal" / "2023-02-14" / "index.html"
    broken.write_text(page("<article data-pagefind-body><p>open"))

    with pytest.raises(SearchIndexError) as error:
        index_site(site, tmp_path / "cache")

    assert str(error.value).startswith("journal/2023-02-14/index.html: ")
    assert "close the element" in str(error.value)


def test_a_cache_that_cannot_be_written_only_slows_indexing(site, tmp_path, caplog):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache would be")

    index_site(site, not_a_folder)

    assert (site / "pagefind" / "2023" / "pagefind.js").is_file()
    assert "search index cache cannot be used" in caplog.text


def file_digests(site):
    return {
        name: hashlib.sha256(path.read_bytes()).hexdigest()
        for name, path in site_pages(site)
    }


def test_indexes_started_ahead_are_the_ones_installed_and_nothing_runs_on(
    site, tmp_path
):
    """A build starts the entries' indexes once their pages are written and
    goes on; at its end the indexes of all its pages are made from them."""
    cache = tmp_path / "cache"
    indexing = Indexing(cache)
    entries = [page for page in site_pages(site) if page[0].startswith("journal/")]

    indexing.start(entries)
    started = {run.process.pid: run for run in indexing.running.values()}
    prepared = indexing.prepare(site_pages(site))

    assert sorted(name for name, _ in indexing.running) == []
    assert len(started) == min(2, os.cpu_count() or 1)
    for run in started.values():
        assert run.process.returncode == 0  # waited for, not stopped
        assert not Path(run.scratch.name).exists()
    assert [index.name for index in prepared.indexes] == ["pages", "2023", "2022"]
    assert made_archives(cache) == ["2022", "2023", "pages"]


def test_an_index_started_from_pages_that_changed_since_is_made_again(site, tmp_path):
    cache = tmp_path / "cache"
    indexing = Indexing(cache)
    indexing.start(site_pages(site))
    started = list(indexing.running.values())
    edited = site / "journal" / "2023-02-14" / "index.html"
    edited.write_text(entry(2023, "Hiring in winter", "A blimp of candidates."))

    prepared = indexing.prepare(site_pages(site))
    fresh = Indexing(tmp_path / "fresh").plan(site_pages(site))

    assert indexing.running == {}
    for run in started:
        assert run.process.returncode is not None
        assert not Path(run.scratch.name).exists()
    assert [(index.name, index.key) for index in prepared.indexes] == [
        (index.name, index.key) for index in fresh
    ]
    assert prepared.archives["2023"].name == f"2023-{fresh[1].key}.zip"
    assert prepared.archives["2023"].is_file()


def test_starting_again_starts_only_the_indexes_not_started_yet(
    site, tmp_path, monkeypatch
):
    """A build starts the index of an edited entry's year as soon as its page
    is rendered, then again once every entry's page is: the run started first
    goes on, and is the one used."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    cache = tmp_path / "cache"
    indexing = Indexing(cache)
    year = [page for page in site_pages(site) if page[0].startswith("journal/2023")]
    entries = [page for page in site_pages(site) if page[0].startswith("journal/")]

    indexing.start(year)
    first = dict(indexing.running)
    indexing.start(year)
    indexing.start(entries)
    started = dict(indexing.running)
    indexing.prepare(site_pages(site))

    assert [name for name, _ in first] == ["2023"]
    assert sorted(name for name, _ in started) == ["2022", "2023"]
    assert started.items() >= first.items(), "the first run goes on"
    assert all(run.process.returncode == 0 for run in started.values())
    assert made_archives(cache) == ["2022", "2023", "pages"]


def test_a_run_started_from_pages_that_changed_since_is_stopped_when_started_again(
    site, tmp_path, monkeypatch
):
    """A build guesses an edit's index from the entries it saw edited; once
    every entry's page is known, a wrong guess frees its core at once."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    indexing = Indexing(tmp_path / "cache")
    year = [page for page in site_pages(site) if page[0].startswith("journal/2023")]
    indexing.start(year)
    [(guessed, run)] = indexing.running.items()
    edited = site / "journal" / "2023-02-14" / "index.html"
    edited.write_text(entry(2023, "Hiring in winter", "A blimp of candidates."))

    indexing.start(year)

    assert run.process.returncode is not None, "the wrong guess is stopped"
    assert not Path(run.scratch.name).exists()
    [(name, key)] = indexing.running
    assert (name, key) != guessed
    assert key == Indexing(tmp_path / "fresh").plan(year)[0].key
    indexing.stop()


def test_a_stopped_build_starts_no_pagefind(site, tmp_path):
    """A preview's rebuild stopped by a newer save starts no Pagefind run
    that would outlive the stop (its process group is stopped already)."""
    cache = tmp_path / "cache"
    indexing = Indexing(cache)
    indexing.stopping.set()

    with pytest.raises(PagefindStopped):
        indexing.prepare(site_pages(site))

    assert made_archives(cache) == []
    assert indexing.running == {}


def test_stopping_the_index_stops_every_pagefind_it_started(site, tmp_path):
    indexing = Indexing(tmp_path / "cache")
    indexing.start(site_pages(site))
    runs = list(indexing.running.values())

    indexing.stop()

    assert runs
    assert all(run.process.returncode is not None for run in runs)
    assert not any(Path(run.scratch.name).exists() for run in runs)
    assert made_archives(tmp_path / "cache") == []


def test_a_page_known_by_its_digest_is_not_read_again(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    digests = file_digests(site)
    first = Indexing(cache).plan(site_pages(site))
    pages = site_pages(site)
    for _, path in pages:
        path.unlink()  # what is read of a page is known by its digest

    planned = Indexing(cache).plan(pages, digests)

    assert [(index.name, index.key) for index in planned] == [
        (index.name, index.key) for index in first
    ]


def test_a_page_whose_digest_is_new_is_read(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, cache)
    edited = site / "journal" / "2023-02-14" / "index.html"
    edited.write_text(entry(2023, "Hiring in winter", "A blimp of candidates."))
    pages, digests = site_pages(site), file_digests(site)
    for _, path in pages:
        if path != edited:
            path.unlink()  # known by its digest: not read

    planned = Indexing(cache).plan(pages, digests)

    year = next(index for index in planned if index.name == "2023")
    assert "blimp" in year.pages[0].document


# Within a build -----------------------------------------------------------------


def test_a_build_with_a_page_that_cannot_be_indexed_fails_and_changes_nothing(
    build, tmp_path
):
    content = write_content(
        tmp_path / "content", {"journal/2024-01-02.md": "Title: Open\n\nText.\n"}
    )
    assert build(content).returncode == 0
    before = folder_fingerprint(tmp_path / "output")
    write_content(
        content,
        {"journal/2024-01-02.md": "Title: Open\n\n<article>\n<p>Left open.</p>\n"},
    )

    failed = build(content)

    assert failed.returncode == 1
    assert (
        "journal/2024-01-02/index.html: cannot be indexed for search: its <article>"
        " marked data-pagefind-body is never closed; close the element"
    ) in failed.messages
    assert folder_fingerprint(tmp_path / "output") == before


def test_scratch_folders_of_runs_a_killed_build_left_are_swept_once_a_day_old(
    tmp_path,
):
    now = time.time()
    for name, age in [("search-index-old", 2), ("search-index-new", 0.5)]:
        (tmp_path / name / "site").mkdir(parents=True)
        os.utime(tmp_path / name, (now - age * 86400, now - age * 86400))
    (tmp_path / "other-old").mkdir()
    os.utime(tmp_path / "other-old", (now - 2 * 86400, now - 2 * 86400))

    sweep_stale_runs(now, [str(tmp_path)])

    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "other-old",
        "search-index-new",
    ]
