"""Entries and pages Pelican would fail on without naming them, named.

Pelican meets a missing template only as it writes the page, and stops naming
the template alone ("unable to load philosphy[.html]"); it writes two pages of
one address one over the other, or fails saying "Failed to overwrite" and a
scratch path; it warns of a tag made only of punctuation (which has no
address) naming the tag alone, once a process. These functions name the file.
"""

from collections.abc import Callable, Iterable, Mapping


def missing_templates(
    contents: Iterable,
    has_template: Callable[[str], bool],
    offered: Callable[[], Iterable[str]],
) -> list[str]:
    """A line for each entry or page whose template `has_template` denies:
    the file, the template, and the templates the theme has (`offered()`,
    asked only then)."""
    known: dict[str, bool] = {}
    lines = []
    for content in contents:
        name = content.template
        if name not in known:
            known[name] = has_template(name)
        if not known[name]:
            lines.append(
                f"{content.relative_source_path}: Template: {name}: the theme has "
                f"no such template; use one of {', '.join(sorted(offered()))}, or "
                "remove the line"
            )
    return lines


# A file's names that have addresses of their own: (field, attribute, one name).
NAMED = (
    ("Tags", "tags", False),
    ("Category", "category", True),
    ("Author", "authors", False),
)


def nameless(contents: Iterable) -> list[tuple[str, str, str]]:
    """(file, field, name) for each tag, category or author of these entries
    and pages that has no address of its own (no letter or digit in it)."""
    found = []
    for content in contents:
        for field, attribute, single in NAMED:
            value = getattr(content, attribute, None)
            for named in [value] if single else value or ():
                if named is not None and not named.slug:
                    found.append((content.relative_source_path, field, named.name))
    return found


def nameless_problem(source: str, field: str, name: str) -> str:
    """What to do about a name of a file that makes no address."""
    return (
        f"{source}: {field}: {name!r} makes no address of its own (punctuation "
        "or markup alone): write it with letters or digits"
    )


def shared_addresses(
    written: Iterable[tuple[str, str]], site_pages: Mapping[str, str]
) -> list[str]:
    """A line for each address two written files would share: `written` are
    (source file, the path it is written to) and `site_pages` the site's own
    pages ({path: name}: the archives, the tags...)."""
    by_path: dict[str, list[str]] = {}
    for source, path in written:
        by_path.setdefault(path, []).append(source)
    lines = []
    for path, sources in sorted(by_path.items()):
        if path in site_pages:
            lines += [
                f"{source} would be written where the site's {site_pages[path]} "
                f"page goes ({path}): give it a 'Slug:' line of another name"
                for source in sorted(sources)
            ]
        elif len(sources) > 1:
            lines.append(
                f"{' and '.join(sorted(sources))} would be written to one address "
                f"({path}): give each a file name of its own, or a 'Slug:' line "
                "of its own"
            )
    return lines
