"""Entries and pages whose `Template:` the theme lacks, named before writing.

Pelican meets a missing template only as it writes the page, and stops naming
the template alone ("unable to load philosphy[.html]"), not the file that
asked for it.
"""

from collections.abc import Callable, Iterable


def missing_templates(
    contents: Iterable, has_template: Callable[[str], bool], offered: Iterable[str]
) -> list[str]:
    """A line for each entry or page whose template `has_template` denies:
    the file, the template, and the templates the theme `offered`."""
    known: dict[str, bool] = {}
    lines = []
    for content in contents:
        name = content.template
        if name not in known:
            known[name] = has_template(name)
        if not known[name]:
            lines.append(
                f"{content.relative_source_path}: Template: {name}: the theme has "
                f"no such template; use one of {', '.join(sorted(offered))}, or "
                "remove the line"
            )
    return lines
