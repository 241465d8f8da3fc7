"""The search benchmark's plain parts: which file a request names, and what a
host sends for the files a first query fetches."""

import gzip

from benchmarks.search import site_file, transfer_sizes

SITE_URL = "https://journal.example.com"


def test_a_request_names_a_file_of_the_site_or_nothing(tmp_path):
    (tmp_path / "search").mkdir()

    assert site_file(tmp_path, SITE_URL, f"{SITE_URL}/search/?q=team") == (
        tmp_path / "search" / "index.html"
    )
    assert site_file(tmp_path, SITE_URL, f"{SITE_URL}/search?q=team") == (
        tmp_path / "search" / "index.html"
    )
    assert site_file(
        tmp_path, SITE_URL, f"{SITE_URL}/pagefind/2021/pagefind-entry.json?ts=1"
    ) == (tmp_path / "pagefind" / "2021" / "pagefind-entry.json")
    assert site_file(tmp_path, SITE_URL, "https://elsewhere.example.org/x.js") is None


def test_a_host_compresses_text_but_not_pagefinds_compressed_files(tmp_path):
    script = tmp_path / "search.js"
    script.write_text("const words = 'team';\n" * 200)
    chunk = tmp_path / "en_1.pf_index"
    chunk.write_bytes(gzip.compress(b"index " * 200))

    sizes = transfer_sizes([script, chunk])

    assert sizes["files"] == 2
    assert sizes["bytes"] == script.stat().st_size + chunk.stat().st_size
    assert sizes["sent"] < sizes["bytes"]
    assert sizes["sent"] > chunk.stat().st_size
