"""Absolute URLs and page addresses."""

import pytest

from plugins.shared.urls import (
    absolute_url,
    is_absolute_iri,
    is_absolute_url,
    links_base,
    page_address,
    page_path,
)


@pytest.mark.parametrize(
    ("save_as", "address"),
    [
        ("index.html", "https://x.org/"),
        ("journal/2023-08-30/index.html", "https://x.org/journal/2023-08-30/"),
        ("page/2/index.html", "https://x.org/page/2/"),
        ("404.html", "https://x.org/404.html"),
        ("sitemap.xml", "https://x.org/sitemap.xml"),
    ],
)
def test_a_page_address_is_absolute_and_ends_at_the_folder(save_as, address):
    assert page_address("https://x.org/", save_as) == address
    assert absolute_url("https://x.org", page_path(save_as)) == address


@pytest.mark.parametrize(
    ("url", "absolute"),
    [
        ("https://x.org/a/", True),
        ("http://127.0.0.1:8000", True),
        ("https:///no-host", False),
        ("/journal/", False),
        ("journal/", False),
        ("", False),
        (None, False),
        ("mailto:me@x.org", False),
    ],
)
def test_an_absolute_url_has_a_web_scheme_and_a_host(url, absolute):
    assert is_absolute_url(url) is absolute


@pytest.mark.parametrize(
    ("iri", "absolute"),
    [
        ("https://x.org/a/", True),
        ("tag:x.org,2023-08-30:/journal/a/", True),
        ("tag:None,2023-08-30:/journal/a/", False),
        ("urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6", True),
        ("/a/", False),
        ("https:/a/", False),
    ],
)
def test_an_absolute_iri_names_one_thing_wherever_it_is_read(iri, absolute):
    assert is_absolute_iri(iri) is absolute


@pytest.mark.parametrize(
    ("save_as", "relative", "base"),
    [
        ("journal/2023-08-30/index.html", True, "../.."),
        ("index.html", True, "."),
        ("404.html", True, "."),
        ("journal/2023-08-30/index.html", False, "https://x.org"),
    ],
)
def test_a_pages_links_start_where_pelican_starts_them(save_as, relative, base):
    assert links_base("https://x.org/", save_as, relative) == base
