"""What a host says of each file: its type, and how long it may be kept."""

import pytest

from workflow.publish.headers import (
    IMMUTABLE,
    cache_control,
    content_type,
    hosts_headers_file,
    is_immutable,
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("journal/2023-08-30/index.html", "text/html; charset=utf-8"),
        ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("theme/css/site.a6f3cdb7.css", "text/css; charset=utf-8"),
        ("theme/js/search.0a1b2c3d.js", "text/javascript; charset=utf-8"),
        ("theme/favicon.a13d7a79.svg", "image/svg+xml; charset=utf-8"),
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("images/Team.JPG", "image/jpeg"),
        ("images/chart.webp", "image/webp"),
        ("theme/fonts/serif.0a1b2c3d.woff2", "font/woff2"),
        ("talks/slides.pdf", "application/pdf"),
        ("files/notes.unknownsuffix", "application/octet-stream"),
        ("LICENSE", "application/octet-stream"),
    ],
)
def test_every_file_gets_its_type_and_text_says_utf8(path, expected):
    assert content_type(path) == expected


@pytest.mark.parametrize(
    ("path", "immutable"),
    [
        ("theme/css/site.a6f3cdb7.css", True),
        ("theme/favicon.a13d7a79.svg", True),
        ("theme/css/site.css", False),  # a plain name can change
        ("images/photo.a6f3cdb7.jpg", False),  # the author's, not the theme's
        ("index.html", False),
        ("feeds/all.atom.xml", False),
    ],
)
def test_only_theme_files_under_hashed_names_are_kept_a_year(path, immutable):
    assert is_immutable(path) is immutable
    expected = IMMUTABLE if immutable else "public, max-age=600"
    assert cache_control(path, 600) == expected


def test_immutable_means_a_year():
    assert IMMUTABLE == "public, max-age=31536000, immutable"


def test_netlify_and_cloudflare_pages_keep_theme_files_a_year_and_nothing_else():
    rules = [
        line
        for line in hosts_headers_file().splitlines()
        if line and not line.startswith("#")
    ]
    assert rules == ["/theme/*", f"  Cache-Control: {IMMUTABLE}"]
