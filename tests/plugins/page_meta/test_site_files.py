"""The site as a whole: which favicon pages show, the date of index pages."""

from datetime import UTC, datetime

import pytest

from plugins.page_meta.site_files import author_favicon, newest_change


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
