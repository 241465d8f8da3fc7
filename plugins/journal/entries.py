"""Journal entries: the plain decisions about dated entries."""

import re
from collections.abc import Mapping

from ..shared.text import COMMENT, word_count
from .settings import DEFAULTS

DEFAULT_DATE_FORMAT = DEFAULTS["JOURNAL_DATE_FORMAT"]


def title_for(metadata: Mapping, date_format: str = DEFAULT_DATE_FORMAT) -> str | None:
    """Return the entry's title: its own, or its date when it has none."""
    title = metadata.get("title")
    if title:
        return title
    date = metadata.get("date")
    return date.strftime(date_format) if date else None


# The first character of text outside a tag: an entry that has any shows it
# within its first few characters (no need to read the whole entry).
_TEXT = re.compile(r"(?:^|>)\s*[^<\s]")
# What shows a reader something without words.
_PICTURE = re.compile(r"<(?:img|picture|video|audio|iframe|svg|object|embed)\b", re.I)

NO_TEXT = (
    "this entry has no text yet: write it (a photo with its description "
    "counts), or add a line 'Status: draft' at its top to keep it out of the "
    "site until it is ready"
)


def has_text(html: str | None) -> bool:
    """Whether an entry's HTML shows a reader anything: words (not a comment,
    not a space alone such as &nbsp;), or a picture, a video, a drawing."""
    if not html:
        return False
    if "<!--" in html:
        html = COMMENT.sub("", html)
    found = _TEXT.search(html)
    if found is not None and html[found.end() - 1] != "&":
        return True  # the usual entry: words at once
    return word_count(html) > 0 or _PICTURE.search(html) is not None
