"""Name and write a new journal entry: dated today, never over another file."""

import datetime
import re
import unicodedata
from pathlib import Path


def slug_for(title: str) -> str:
    """The part of a file name a title gives: lower case words joined by '-'."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def entry_names(day: datetime.date, title: str = ""):
    """Yield candidate file names for an entry of `day`, best first, forever:
    2024-05-01[-slug].md, then 2024-05-01[-slug]-2.md, -3, ..."""
    stem = "-".join(part for part in (day.isoformat(), slug_for(title or "")) if part)
    yield f"{stem}.md"
    number = 2
    while True:
        yield f"{stem}-{number}.md"
        number += 1


def entry_text(title: str = "") -> str:
    """The text a new entry starts with: its title line (if any), then room to write."""
    return f"Title: {title}\n\n" if title else "\n"


def create_entry(journal: Path, day: datetime.date, title: str = "") -> Path:
    """Create the entry file in `journal` under the first free name; return it.

    The file is opened in exclusive mode, so an existing file (even one that
    appears meanwhile) is never overwritten.
    """
    journal = Path(journal)
    journal.mkdir(parents=True, exist_ok=True)
    for name in entry_names(day, title):
        path = journal / name
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(entry_text(title))
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable: entry_names never ends")
