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
        # Where YAML found the mistake; for a '[' or '{' left open, where it
        # was opened (YAML finds the mistake at the end of the file).
        context = getattr(error, "context", None) or ""
        mark = getattr(error, "problem_mark", None)
        if "flow" in context or mark is None:
            mark = getattr(error, "context_mark", None) or mark
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
    return group_problem(path, settings or {})


def group_problem(path: Path, settings: dict) -> str | None:
    """A group of invoke's own settings (`run:`, `tasks:`...) given a value
    that is no group, which invoke meets with a traceback; or None."""
    from invoke.config import Config  # noqa: PLC0415

    groups = {
        name
        for name, value in Config.global_defaults().items()
        if isinstance(value, dict)
    }
    for name, value in settings.items():
        if name in groups and not isinstance(value, dict):
            return (
                f"{path}: {name} is {value!r}; {name} is a group of invoke's "
                f"settings: write them indented under '{name}:', or remove the line"
            )
    return None
