"""Decisions about the site as a whole: which favicon pages show, and the date
of the pages that list entries. Plain data in, plain data out."""

from collections.abc import Iterable
from datetime import datetime

# The names a browser looks for at a site's root, the best first.
FAVICON_NAMES = ("favicon.svg", "favicon.png", "favicon.ico")


def author_favicon(root_files: Iterable[str], theme_favicon: str | None) -> str | None:
    """The icon pages show: the author's own favicon among the files copied to
    the site's root (from content/extra/), or else the theme's."""
    present = set(root_files)
    return next((name for name in FAVICON_NAMES if name in present), theme_favicon)


def newest_change(
    entries: Iterable[tuple[datetime, datetime | None]],
) -> datetime | None:
    """The latest moment any of these entries was written or changed, or None:
    entries are (date, modified or None) pairs."""
    moments = [modified or date for date, modified in entries]
    return max(moments, default=None)
