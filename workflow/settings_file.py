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
    name, fix = refused_setting(error, values or {})
    if name is None:
        return (
            f"{settings_file}: Pelican cannot use these settings "
            f"({type(error).__name__}: {error}); check the values this file sets"
        )
    return f"{setting_place(settings_file, name)}: {fix}"


def running_place(settings_file: Path, error: BaseException) -> str | None:
    """ "FILE: line N" of the settings file (or the settings file beside it that
    it imports) where running it raised `error`; None when it was not running
    a settings file that raised it."""
    folder = settings_file.resolve().parent
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        path = Path(error.filename)
        if path.resolve().parent == folder:
            return f"{path}: line {error.lineno}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.suffix == ".py" and path.resolve().parent == folder:
            return f"{path}: line {frame.lineno}"
    return None


def refused_setting(error: BaseException, values: Mapping) -> tuple[str | None, str]:
    """The setting Pelican refused with `error`, and how to fix it."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415

    if str(error).startswith("Could not find the theme"):
        return "THEME", f"THEME: no theme folder {values.get('THEME')!r}; {THEME_FIX}"
    for name, value in values.items():
        default = DEFAULT_CONFIG.get(name)
        if isinstance(default, str) and not isinstance(value, str | None):
            return name, (
                f'{name} = {value!r}: it must be text, in quotes ({name} = "...")'
            )
    return None, ""


def setting_place(settings_file: Path, name: str) -> str:
    """ "FILE: line N" where the settings file, or one it may import beside it,
    sets `name` last; the file alone when neither does."""
    assignment = re.compile(rf"^{re.escape(name)}\s*=")
    siblings = sorted(settings_file.parent.glob("*conf.py"))
    for path in [settings_file, *(p for p in siblings if p != settings_file)]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        found = [
            number for number, line in enumerate(lines, 1) if assignment.match(line)
        ]
        if found:
            return f"{path}: line {found[-1]}"
    return str(settings_file)
