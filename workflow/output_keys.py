"""What each page of the site is made from, as a digest: its key.

A page is rendered from a template and the values the template names. The
names come from the template itself (and the templates it extends and
includes), read once per build with Jinja's own parser; the values from the
context Pelican hands the writer. `OutputKeys.key(template, context)` digests
exactly those values: two builds that give a page the same key render the
same bytes, so the second may keep the page the first wrote.

Values are digested by what they hold, never by identity:

- plain data (text, numbers, dates, lists, dicts, dataclasses) by value;
- the page's own entry or page (`article`, `page`) whole: every attribute a
  plugin gave it, its text, and the addresses its `{filename}` links resolve to;
- another entry or page it shows (a neighbour, an entry of a list) by the
  attributes templates of this kind were seen reading from such entries when
  they last rendered (`Reads`): a list page that shows titles and dates is
  not rendered again when an entry's text changes, and a template that starts
  reading something else has changed, which starts a full build anyway.

Anything that cannot be told apart by value (an object without data of its
own) makes the key unique, so the page is always rendered again: when in
doubt, a page is rendered, never kept wrongly.
"""

import dataclasses
import datetime
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from jinja2 import Undefined, meta
from markupsafe import Markup

# Attributes of content that are no data of its own: the settings and the
# build's context (digested through the values templates name instead).
NOT_CONTENT_DATA = frozenset({"settings", "_context"})
# What a template reads when it reads an entry's text.
TEXT_ATTRIBUTES = frozenset({"_content", "content", "get_content"})
SUMMARY_ATTRIBUTES = frozenset({"summary", "get_summary", "_summary"})
# Pelican's intra-site link syntax: {filename}..., |static|...
LINK_MARKERS = ("{", "|")
MISSING = b"\x00missing"


class Reads:
    """The attributes pages of each template read from entries and pages other
    than their own, as seen while rendering: {template name: {attribute}}."""

    def __init__(self, known: Mapping[str, Iterable[str]] | None = None):
        self.by_template = {name: set(attrs) for name, attrs in (known or {}).items()}

    def add(self, template: str, attribute: str) -> None:
        self.by_template.setdefault(template, set()).add(attribute)

    def of(self, template: str) -> frozenset[str]:
        return frozenset(self.by_template.get(template, ()))

    def merge(self, other: "Reads") -> None:
        for template, attributes in other.by_template.items():
            self.by_template.setdefault(template, set()).update(attributes)

    def as_data(self) -> dict[str, list[str]]:
        return {name: sorted(attrs) for name, attrs in sorted(self.by_template.items())}


def template_names(env, name: str) -> frozenset[str] | None:
    """The variables a template and every template it extends or includes
    take from the context, or None when one of them is chosen at render time
    (then every variable counts)."""
    names: set[str] = set()
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        source, _, _ = env.loader.get_source(env, current)
        tree = env.parse(source)
        names |= meta.find_undeclared_variables(tree)
        for referenced in meta.find_referenced_templates(tree):
            if referenced is None:
                return None
            pending.append(referenced)
    return frozenset(names)


class OutputKeys:
    """Digests of what pages are made from, for one build.

    `link_map` is a digest of every address an intra-site link can resolve to
    (it changes when a file is added, removed or moved): the text of an entry
    with such links depends on it.
    """

    def __init__(self, reads: Reads, link_map: str):
        self.reads = reads
        self.link_map = link_map
        self._names: dict[tuple[int, str], frozenset[str] | None] = {}
        self._memo: dict[tuple, tuple[object, bytes]] = {}

    def names(self, template) -> frozenset[str] | None:
        """The context variables a Jinja template (and its includes) reads."""
        cached = (id(template.environment), template.name)
        if cached not in self._names:
            self._names[cached] = template_names(template.environment, template.name)
        return self._names[cached]

    def forget(self) -> None:
        """Digest entries afresh from now on (a plugin may have changed one)."""
        self._memo.clear()

    def key(self, template, output: str, context: Mapping) -> str:
        """The key of the page `output` rendered from `template` with `context`."""
        own = context.get("article") or context.get("page")
        names = self.names(template)
        if names is None:
            names = frozenset(name for name in context if isinstance(name, str))
        reads = self.reads.of(template.name)
        out = _Digest()
        out.text(template.name)
        out.text(output)
        for name in sorted(names):
            out.text(name)
            if name not in context:
                out.add(MISSING)
            elif own is not None and context[name] is own:
                self._own(own, reads, out)
            else:
                self._value(context[name], reads, own, (), out)
        return out.hexdigest()

    # -- digests of values ------------------------------------------------------

    def _own(self, content, reads: frozenset[str], out: "_Digest") -> None:
        """The page's own entry or page: all of its data and its text."""
        out.text("own:" + type(content).__qualname__)
        out.add(self._text_of(content))
        for name, value in sorted(vars(content).items()):
            if name in NOT_CONTENT_DATA or name in TEXT_ATTRIBUTES:
                continue
            out.text(name)
            self._value(value, reads, content, (id(content),), out)

    def _text_of(self, content) -> bytes:
        text = getattr(content, "_content", "") or ""
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        if any(marker in text for marker in LINK_MARKERS):
            digest.update(self.link_map.encode())
        return digest.digest()

    def _shown(self, content, reads: frozenset[str], path: tuple) -> bytes:
        """Another entry or page, by the attributes such pages read (an entry
        met again through its own attributes counts by its file only)."""
        source = str(getattr(content, "source_path", ""))
        if id(content) in path:
            return b"again:" + source.encode("utf-8", "surrogatepass")
        memo_key = (id(content), reads)
        if memo_key in self._memo:
            return self._memo[memo_key][1]
        path = (*path, id(content))
        out = _Digest()
        out.text("shown:" + type(content).__qualname__)
        out.text(source)
        for name in sorted(reads):
            out.text(name)
            if name in TEXT_ATTRIBUTES or name in SUMMARY_ATTRIBUTES:
                out.add(self._text_of(content))
                if name in SUMMARY_ATTRIBUTES:
                    self._value(content.metadata, reads, None, path, out)
                continue
            try:
                value = getattr(content, name)
            except Exception as error:
                out.text(f"!{type(error).__name__}")
                continue
            if callable(value) and not isinstance(value, type):
                out.text("()")
                continue
            self._value(value, reads, None, path, out)
        digest = out.digest()
        self._memo[memo_key] = (content, digest)
        return digest

    def _value(self, value, reads, own, path, out: "_Digest") -> None:
        """Add a digest of any value a template may be given."""
        kind = type(value)
        if kind is str or kind is Markup:
            out.text(value)
        elif value is None or kind in _SCALARS:
            out.text(f"{kind.__name__}:{value!r}")
        elif kind is list or kind is tuple:
            out.text(f"[{len(value)}")
            for item in value:
                self._value(item, reads, own, path, out)
        elif kind is dict or isinstance(value, Mapping):
            out.text(f"{{{len(value)}")
            for key in sorted(value, key=_sort_key):
                self._value(key, reads, own, path, out)
                self._value(value[key], reads, own, path, out)
        elif isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            out.text(f"{kind.__name__}:{value.isoformat()}")
        elif hasattr(value, "_content") and hasattr(value, "source_path"):
            if value is own:
                out.text("self")
            else:
                out.add(self._shown(value, reads, path))
        elif id(value) in path:
            out.text("cycle")
        else:
            self._other(value, reads, own, (*path, id(value)), out)

    def _other(self, value, reads, own, path, out: "_Digest") -> None:  # noqa: PLR0912
        kind = type(value)
        if isinstance(value, str):
            out.text(str(value))
        elif isinstance(value, bytes):
            out.add(hashlib.sha256(value).digest())
        elif isinstance(value, list | tuple):
            self._value(list(value), reads, own, path, out)
        elif isinstance(value, set | frozenset):
            items = []
            for item in value:
                item_digest = _Digest()
                self._value(item, reads, own, path, item_digest)
                items.append(item_digest.digest())
            out.text(f"set{len(items)}")
            for item in sorted(items):
                out.add(item)
        elif isinstance(value, PurePath | Undefined):
            out.text(f"{kind.__name__}:{value}")
        elif dataclasses.is_dataclass(value):
            out.text(kind.__qualname__)
            for field in dataclasses.fields(value):
                out.text(field.name)
                self._value(getattr(value, field.name), reads, own, path, out)
        elif _is_url_wrapper(value):
            out.text(f"{kind.__qualname__}:{value.name}:{value.slug}")
        elif _is_paginator(value):
            out.text(f"paginator:{value.name}:{value.url}:{value.num_pages}")
            out.text(str(value.count))
        elif callable(value):
            module = getattr(value, "__module__", "")
            out.text(f"callable:{module}.{getattr(value, '__qualname__', kind)}")
        elif hasattr(value, "__dict__"):
            out.text(kind.__qualname__)
            data = {k: v for k, v in vars(value).items() if k not in NOT_CONTENT_DATA}
            self._value(data, reads, own, path, out)
        else:
            text = repr(value)
            if " at 0x" in text:  # no data to tell it by: never equal, always rendered
                text = f"unknown:{uuid.uuid4()}"
            out.text(f"{kind.__qualname__}:{text}")


_SCALARS = frozenset({bool, int, float})


def _sort_key(key) -> tuple[str, str]:
    return (type(key).__name__, str(key))


class _Digest:
    """A SHA-256 fed with parts that cannot run into one another."""

    def __init__(self):
        self._hash = hashlib.sha256()

    def text(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        self._hash.update(len(data).to_bytes(4, "big"))
        self._hash.update(data)

    def add(self, data: bytes) -> None:
        self._hash.update(len(data).to_bytes(4, "big"))
        self._hash.update(data)

    def digest(self) -> bytes:
        return self._hash.digest()

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def _is_url_wrapper(value) -> bool:
    return hasattr(value, "slug") and hasattr(value, "name") and hasattr(value, "_name")


def _is_paginator(value) -> bool:
    return (
        hasattr(value, "num_pages")
        and hasattr(value, "object_list")
        and hasattr(value, "per_page")
    )
