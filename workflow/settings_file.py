"""What is wrong with a settings file a build could not read, as one line.

A settings file (pelicanconf.py, publishconf.py) is Python: running it may
fail at a line of it (a syntax error, an undefined name), or Pelican may
refuse a value it set (a theme folder that does not exist, an address that
is no text). Either way the author gets the file, the line, what is wrong and
the fix, never a traceback.
"""

import re
import traceback
from collections.abc import Mapping
from pathlib import Path

# What to do about an error raised by running a settings file, by its kind.
RUNNING_FIXES = {
    "SyntaxError": "correct that line (or the one before it: a bracket or a "
    "quote left open); settings are Python",
    "NameError": 'put the value in quotes if it is text (THEME = "theme"), '
    "or define the name above that line",
    "ModuleNotFoundError": "install the module or remove the import",
}
RUNNING_FIX = "correct that line; settings are Python"
THEME_FIX = (
    "set THEME to the theme's folder, relative to the settings file "
    '(THEME = "theme" for the site\'s own)'
)


def settings_problem(
    settings_file: Path, error: BaseException, values: Mapping | None = None
) -> str:
    """One line naming the file, the line, what is wrong and how to fix it,
    for an `error` raised while reading `settings_file`; `values` are the
    settings the file set, when running it succeeded and Pelican refused one."""
    settings_file = Path(settings_file)
    place = running_place(settings_file, error)
    if place is not None:
        kind = type(error).__name__
        what = error.msg if isinstance(error, SyntaxError) else str(error)
        fix = RUNNING_FIXES.get(kind, RUNNING_FIX)
        if isinstance(error, SyntaxError):
            kind = "invalid Python"
        return f"{place}: {kind}: {what}; {fix}"
    name, fix = refused_setting(error, values or {}, settings_file)
    if name is None:
        return (
            f"{settings_file}: Pelican cannot use these settings "
            f"({type(error).__name__}: {error}); check the values this file sets"
        )
    return f"{setting_place(settings_file, name)}: {fix}"


def settings_siblings(settings_file: Path) -> list[Path]:
    """The other settings files beside it that a settings file may import
    (publishconf.py imports pelicanconf.py)."""
    return [
        path
        for path in sorted(settings_file.parent.glob("*conf.py"))
        if path != settings_file
    ]


def running_place(settings_file: Path, error: BaseException) -> str | None:
    """ "FILE: line N" of the settings file (or the settings file beside it that
    it imports) where running it raised `error`; None when it was not running
    a settings file that raised it."""
    settings_files = {
        path.resolve() for path in [settings_file, *settings_siblings(settings_file)]
    }
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        path = Path(error.filename)
        if path.resolve() in settings_files:
            return f"{path}: line {error.lineno}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.resolve() in settings_files:
            return f"{path}: line {frame.lineno}"
    return None


def refused_setting(
    error: BaseException, values: Mapping, settings_file: Path
) -> tuple[str | None, str]:
    """The setting Pelican refused with `error`, and how to fix it."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415

    if str(error).startswith("Could not find the theme"):
        return "THEME", f"THEME: no theme folder {values.get('THEME')!r}; {THEME_FIX}"
    # Pelican refuses a value by using it as text: "'int' object has no
    # attribute 'endswith'" names the type, which tells the settings it may
    # be; of those, the one set last (most likely the latest edit).
    refused = re.search(r"'(\w+)' object", str(error))
    suspects = [
        name
        for name, value in values.items()
        if isinstance(DEFAULT_CONFIG.get(name), str)
        and not isinstance(value, str)
        and refused is not None
        and type(value).__name__ == refused[1]
    ]
    if not suspects:
        return None, ""
    name = max(suspects, key=lambda suspect: setting_line(settings_file, suspect))
    value = values[name]
    return name, f'{name} = {value!r}: it must be text, in quotes ({name} = "...")'


def setting_line(settings_file: Path, name: str) -> tuple[int, Path, int]:
    """(1 for the settings file itself, 0 for one it may import beside it,
    the file, the line) where `name` is set last: (-1, the file, 0) when
    neither sets it."""
    assignment = re.compile(rf"^{re.escape(name)}\s*=")
    for path in [settings_file, *settings_siblings(settings_file)]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        found = [
            number for number, line in enumerate(lines, 1) if assignment.match(line)
        ]
        if found:
            return int(path == settings_file), path, found[-1]
    return -1, settings_file, 0


def setting_place(settings_file: Path, name: str) -> str:
    """ "FILE: line N" where the settings file, or one it may import beside it,
    sets `name` last; the file alone when neither does."""
    _, path, line = setting_line(settings_file, name)
    return f"{path}: line {line}" if line else str(path)
