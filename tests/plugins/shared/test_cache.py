"""Derived files: made once from their inputs, found again, never half-written."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from plugins.shared.cache import (
    BuildMemo,
    Memo,
    cache_folder,
    cache_path,
    cached_file,
    digest,
    prune,
    unwritable,
)


def test_a_file_is_made_once_and_found_by_its_key(tmp_path):
    made = []

    def make(path):
        made.append(path)
        path.write_bytes(b"resized photo")

    first = cached_file(tmp_path, digest(b"photo", "800w"), ".webp", make)
    again = cached_file(tmp_path, digest(b"photo", "800w"), ".webp", make)
    assert first == again
    assert first.read_bytes() == b"resized photo"
    assert len(made) == 1


def test_a_failed_make_leaves_nothing_behind(tmp_path):
    def make(path):
        path.write_bytes(b"half")
        raise RuntimeError("encoder crashed")

    with pytest.raises(RuntimeError):
        cached_file(tmp_path, "k", ".png", make)
    assert list(tmp_path.iterdir()) == []


def test_digests_tell_their_parts_apart():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("same") == digest(b"same")


def test_each_plugin_has_a_folder_under_the_build_cache(tmp_path):
    folder = cache_folder({"BUILD_CACHE_PATH": str(tmp_path)}, "images")
    assert folder == tmp_path / "images"
    assert folder.is_dir()


def test_files_unused_for_long_are_pruned(tmp_path):
    old, fresh = tmp_path / "old.png", tmp_path / "fresh.png"
    old.write_bytes(b"o")
    fresh.write_bytes(b"f")
    os.utime(old, (1000, 1000))
    os.utime(fresh, (5000, 5000))
    assert list(prune(tmp_path, older_than_seconds=2000, now=5500)) == [old]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "fresh.png",
        "pruned.stamp",
    ]


def test_a_folder_is_looked_through_for_files_to_prune_once_a_day(tmp_path):
    """A build's cache folder holds a file an entry: not stat'ed at every build."""
    day = 24 * 3600
    old = tmp_path / "old.png"
    assert list(prune(tmp_path, older_than_seconds=2000, now=10 * day)) == []
    old.write_bytes(b"o")
    os.utime(old, (1000, 1000))
    assert list(prune(tmp_path, older_than_seconds=2000, now=10.5 * day)) == []
    assert old.exists()
    assert list(prune(tmp_path, older_than_seconds=2000, now=11 * day)) == [old]
    # A clock set back (a stamp from the future) is looked through again.
    old.write_bytes(b"o")
    os.utime(old, (1000, 1000))
    assert list(prune(tmp_path, older_than_seconds=2000, now=5 * day)) == [old]


def test_the_path_of_a_plugins_folder_is_known_without_creating_it(tmp_path):
    path = cache_path({"BUILD_CACHE_PATH": str(tmp_path)}, "search")

    assert path == tmp_path / "search"
    assert not path.exists()


def test_a_build_memo_keeps_results_from_one_build_for_the_next(tmp_path):
    build = SimpleNamespace(settings={"BUILD_CACHE_PATH": str(tmp_path)})
    made = []

    def make():
        made.append(1)
        return "result"

    memo = BuildMemo("plugin", "results")
    assert memo.get("k", make) == memo.get("k", make) == "result"
    assert len(made) == 2, "outside a build, every result is made"

    memo.open(build)
    memo.get("k", make)
    memo.save(build)
    again = BuildMemo("plugin", "results")
    again.open(build)
    assert again.get("k", make) == "result"
    assert len(made) == 3


def test_a_memo_used_again_unchanged_is_kept_by_pruning(tmp_path):
    memo = Memo(tmp_path / "memo.pickle")
    memo.get("k", lambda: "result")
    memo.save()
    os.utime(tmp_path / "memo.pickle", (1000, 1000))

    again = Memo(tmp_path / "memo.pickle")
    assert again.get("k", lambda: "made again") == "result"
    again.save()

    assert (tmp_path / "memo.pickle").stat().st_mtime > 1000


class _StoppedWhilePickled:
    """A result whose pickling is cut short, as a stopped build's save is."""

    def __reduce__(self):
        raise KeyboardInterrupt


def test_a_memo_stopped_while_it_saves_leaves_the_last_one_and_no_part(tmp_path):
    memo = Memo(tmp_path / "memo.pickle")
    memo.get("k", lambda: "result")
    memo.save()

    again = Memo(tmp_path / "memo.pickle")
    again.get("other", _StoppedWhilePickled)
    with pytest.raises(KeyboardInterrupt):
        again.save()

    assert sorted(path.name for path in tmp_path.iterdir()) == ["memo.pickle"]
    assert Memo(tmp_path / "memo.pickle").get("k", lambda: "lost") == "result"


def test_a_build_stopped_while_it_probes_the_cache_leaves_no_probe(
    tmp_path, monkeypatch
):
    """`kill` (the preview stopping a stale rebuild, Ctrl-C) may come between
    writing the probe and removing it: the cache keeps no file of it."""
    write_bytes = Path.write_bytes

    def stopped_after_writing(self, data):
        write_bytes(self, data)
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", stopped_after_writing)
    with pytest.raises(KeyboardInterrupt):
        unwritable(tmp_path)
    assert list(tmp_path.iterdir()) == []
