"""The site as a whole: which favicon pages show, the date of index pages."""

import importlib.util
from datetime import UTC, datetime, timedelta, timezone

import pelican.plugins.sitemap.sitemap as installed_sitemap
import pytest
from pelican.utils import SafeDatetime

from plugins.page_meta.site_files import author_favicon, newest_change, sitemap_date


def pelican_sitemap_format_date():
    """pelican-sitemap's own format_date, from its file (the plugin puts
    sitemap_date in its place once a build starts)."""
    spec = importlib.util.spec_from_file_location(
        "pristine", installed_sitemap.__file__
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.format_date


@pytest.mark.parametrize(
    "date",
    [
        SafeDatetime(2023, 8, 30, 7, 5, 9),
        SafeDatetime(2023, 8, 30, 23, 59, 59, 999999, tzinfo=UTC),
        SafeDatetime(1999, 1, 2, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        SafeDatetime(2024, 2, 29, 12, tzinfo=timezone(timedelta(hours=-8))),
        datetime(2023, 8, 30, 7, 5, 9),
    ],
)
def test_sitemap_dates_read_as_pelican_sitemap_writes_them(date):
    assert sitemap_date(date) == pelican_sitemap_format_date()(date)


def test_the_newest_change_is_the_latest_date_or_modification():
    day = datetime(2023, 8, 30, tzinfo=UTC)
    later = datetime(2023, 9, 2, tzinfo=UTC)
    assert newest_change([(day, None), (later, None)]) == later
    assert newest_change([(day, datetime(2024, 1, 1, tzinfo=UTC))]).year == 2024
    assert newest_change([]) is None


@pytest.mark.parametrize(
    ("root_files", "expected"),
    [
        ([], "theme/favicon.svg"),
        (["robots.txt", "favicon.ico"], "favicon.ico"),
        (["favicon.ico", "favicon.svg"], "favicon.svg"),
        (["images/favicon.ico"], "theme/favicon.svg"),
    ],
)
def test_the_authors_favicon_replaces_the_themes(root_files, expected):
    assert author_favicon(root_files, "theme/favicon.svg") == expected
