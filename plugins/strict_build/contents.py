"""Entries and pages Pelican would fail on without naming them, named.

Pelican meets a missing template only as it writes the page, and stops naming
the template alone ("unable to load philosphy[.html]"); it warns of a tag made
only of punctuation (which has no address) naming the tag alone. These
functions name the file that asked for it.
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


# A file's names that have addresses of their own: (field, attribute, one name).
NAMED = (("Tags", "tags", False), ("Category", "category", True))


def nameless(contents: Iterable) -> list[tuple[str, str, str]]:
    """(file, field, name) for each tag or category of these entries and
    pages that has no address of its own (no letter or digit in it)."""
    found = []
    for content in contents:
        for field, attribute, single in NAMED:
            value = getattr(content, attribute, None)
            for named in [value] if single else value or ():
                if named is not None and not named.slug:
                    found.append((content.relative_source_path, field, named.name))
    return found
