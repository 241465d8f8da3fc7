"""Why Pelican could not read an entry, said with its line and the fix.

Pelican says "Could not process journal/x.md" and its reader's own words
("'2023-13-45' is not a valid date", "'utf-8' codec can't decode byte 0xff
in position 11"), which name neither the line nor the field nor the fix.
These functions look at the file itself, only once it failed.
"""

import re
from pathlib import PurePosixPath

DATE_FIELDS = ("Date", "Modified")
DATE_FIX = "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. {field}: 2024-05-01 18:30)"
NOT_A_DATE = re.compile(r"^'(?P<value>.*)' is not a valid date$", re.DOTALL)


def explained(name: str, data: bytes, error: BaseException | None) -> str | None:
    """One line for the file `name` (its bytes `data`) that Pelican could not
    read because of `error`: the place, what is wrong and the fix; None when
    there is nothing to add to Pelican's words."""
    if isinstance(error, UnicodeDecodeError):
        return not_utf8(name, data)
    found = NOT_A_DATE.match(str(error)) if isinstance(error, ValueError) else None
    if found:
        return bad_date(name, data.decode("utf-8", "replace"), found["value"])
    return None


def bad_date(name: str, text: str, value: str) -> str | None:
    """The line of `text` whose Date: or Modified: holds `value`, said with
    the format dates take; or the file's name, when the date is its own."""
    for number, line in enumerate(text.splitlines(), 1):
        field, _, written = line.partition(":")
        field = field.strip().capitalize()
        # Pelican reads '_' in a date as a space.
        if field in DATE_FIELDS and written.strip().replace("_", " ") == value:
            return (
                f"{name}: line {number}: {field}: {value!r} is not a valid date; "
                + DATE_FIX.format(field=field)
            )
        if not line.strip():
            break  # the end of the metadata
    if PurePosixPath(name).name.startswith(value):
        return (
            f"{name}: the date of the file's name, {value}, is no day of the "
            "calendar; rename the file with the entry's date (YYYY-MM-DD[-slug].md)"
        )
    return None


def not_utf8(name: str, data: bytes) -> str | None:
    """The line of the first byte of `data` that is not UTF-8, and the fix."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        return (
            f"{name}: line {line}: byte 0x{byte} is not UTF-8 text (a character "
            "pasted from another program or saved in another encoding); save the "
            "file as UTF-8 in your editor, or retype that character"
        )
    return None
