"""What is wrong with invoke.yaml, as one line naming the place and the fix.

invoke reads invoke.yaml before any task runs, and meets a mistake in it with
a traceback; `tasks.py` asks `invoke_yaml_problem` first.
"""

from pathlib import Path

from invoke.util import yaml

YAML_FIX = (
    "check that line and the one before it: indent each setting under its "
    "group with spaces, one 'name: value' a line, and put quotes around a value "
    "that holds ': ', '#', '[' or '{'"
)


def invoke_yaml_problem(path: Path) -> str | None:
    """What keeps invoke.yaml at `path` from being read as task settings, or
    None (also when there is no such file)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        return f"{path}: cannot be read ({error}); save it as UTF-8 text"
    try:
        settings = yaml.safe_load(text)
    except yaml.YAMLError as error:
        # Where the construct that went wrong starts (an opened '['), else
        # where YAML found the mistake.
        mark = getattr(error, "context_mark", None) or getattr(
            error, "problem_mark", None
        )
        place = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        parts = (getattr(error, "context", None), getattr(error, "problem", None))
        what = ": ".join(part for part in parts if part)
        return f"{path}: {place}not valid YAML ({what or error}); {YAML_FIX}"
    if settings is not None and not isinstance(settings, dict):
        return (
            f"{path}: holds {type(settings).__name__} {settings!r}, not settings; "
            "write groups of settings, e.g. 'publish:' with 'target: ...' "
            "indented under it"
        )
    return None
