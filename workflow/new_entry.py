"""Name and write a new journal entry: dated today, never over another file."""

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path

from plugins.shared.slugs import DEFAULT_SLUG_RULE


def entry_names(
    day: datetime.date,
    title: str = "",
    slugify: Callable[[str], str] = DEFAULT_SLUG_RULE,
) -> Iterator[str]:
    """Yield candidate file names for an entry of `day`, best first, forever:
    2024-05-01[-slug].md, then 2024-05-01[-slug]-2.md, -3, ...

    The slug is the title's words by the site's slug rule (`slugify`)."""
    slug = slugify(title) if title else ""
    stem = "-".join(part for part in (day.isoformat(), slug) if part)
    yield f"{stem}.md"
    number = 2
    while True:
        yield f"{stem}-{number}.md"
        number += 1


def entry_text(title: str = "") -> str:
    """The text a new entry starts with: its title line (if any), then room to write."""
    return f"Title: {title}\n\n" if title else "\n"


def create_entry(
    journal: Path,
    day: datetime.date,
    title: str = "",
    slugify: Callable[[str], str] = DEFAULT_SLUG_RULE,
) -> Path:
    """Create the entry file in `journal` under the first free name; return it.

    The file is opened in exclusive mode, so an existing file (even one that
    appears meanwhile) is never overwritten.
    """
    journal = Path(journal)
    journal.mkdir(parents=True, exist_ok=True)
    for name in entry_names(day, title, slugify):
        path = journal / name
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(entry_text(title))
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable: entry_names never ends")
