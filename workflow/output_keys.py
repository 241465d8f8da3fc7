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

A frozen dataclass (an entry's link to another, a reference to an entry on
this day in another year) is digested once a build: the same one is shown by
many pages (10,000 entries each listing 26 entries of their day).

Anything that cannot be told apart by value (an object without data of its
own) makes the key unique, so the page is always rendered again: when in
doubt, a page is rendered, never kept wrongly.
"""

import dataclasses
import hashlib
import io
import pickle
import uuid
from collections.abc import Iterable, Mapping

from jinja2 import Undefined, meta
from pelican.contents import Content

from plugins.shared.contents import has_links

# Attributes of content that are no data of its own: the settings and the
# build's context (digested through the values templates name instead).
NOT_CONTENT_DATA = frozenset({"settings", "_context"})
# What a template reads when it reads an entry's text.
TEXT_ATTRIBUTES = frozenset({"_content", "content", "get_content"})
SUMMARY_ATTRIBUTES = frozenset({"summary", "get_summary", "_summary"})
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
    with such links depends on it. `names` may hold the context variables of
    each template already worked out (by template name) for a theme that has
    not changed since.
    """

    def __init__(
        self,
        reads: Reads,
        link_map: str,
        names: Mapping[str, Iterable[str] | None] | None = None,
    ):
        self.reads = reads
        self.link_map = link_map
        self.known_names = {
            name: (frozenset(found) if found is not None else None)
            for name, found in (names or {}).items()
        }
        self._names: dict[tuple[int, str], frozenset[str] | None] = {}
        # (entry id, reads) -> (entry, digest, ids of the entries it showed)
        self._memo: dict[tuple, tuple[object, bytes, frozenset[int]]] = {}
        self._visited: set[int] | None = None
        self._showing: dict[int, set[tuple]] = {}  # entry id -> memo keys
        self._frozen: dict[int, tuple[object, bytes]] = {}  # id -> (value, digest)

    def names(self, template) -> frozenset[str] | None:
        """The context variables a Jinja template (and its includes) reads."""
        cached = (id(template.environment), template.name)
        if cached not in self._names:
            if template.name in self.known_names:
                found = self.known_names[template.name]
            else:
                found = template_names(template.environment, template.name)
            self._names[cached] = found
        return self._names[cached]

    def template_names(self) -> dict[str, list[str] | None]:
        """Every template's variables worked out so far, as plain data."""
        return {
            name: (sorted(found) if found is not None else None)
            for (_, name), found in sorted(self._names.items(), key=lambda i: i[0][1])
        }

    def forget(self, content) -> None:
        """Digest this entry afresh from now on, and whatever showed it (a
        plugin may have just changed it)."""
        for key in self._showing.pop(id(content), ()):
            self._memo.pop(key, None)

    def key(
        self, template, output: str, context: Mapping, shared: Mapping | None = None
    ) -> str:
        """The key of the page `output` rendered from `template` with `context`;
        the values it has from `shared` (the build's context, the same for
        every page) are digested once a build."""
        own = context.get("article") or context.get("page")
        names = self.names(template)
        if names is None:
            names = frozenset(name for name in context if isinstance(name, str))
        reads = self.reads.of(template.name)
        values = []
        for name in sorted(names):
            value = context.get(name, MISSING)
            if own is not None and value is own:
                value = _Own(own)
            elif shared is not None and _is_shared(shared, name, value):
                value = _Digested(self.shared(name, value, reads))
            values.append((name, value))
        hasher = hashlib.sha256()
        hasher.update(template.name.encode() + b"\0" + output.encode() + b"\0")
        hasher.update(self._pickled(values, reads, own, ()))
        return hasher.hexdigest()

    def shared(self, name: str, value, reads: frozenset[str]) -> bytes:
        """A value of the build's context, digested once for pages that read
        these attributes of entries (and again once an entry it shows changed).
        An entry it shows is digested as another entry, even on its own page."""
        memo_key = ("shared", name, id(value), reads)
        if memo_key in self._memo:
            return self._memo[memo_key][1]
        outer, self._visited = self._visited, set()
        try:
            digest = hashlib.sha256(self._pickled(value, reads, None, ())).digest()
        finally:
            visited, self._visited = self._visited, outer
        self._memo[memo_key] = (value, digest, frozenset(visited))
        for shown_id in visited:
            self._showing.setdefault(shown_id, set()).add(memo_key)
        return digest

    # -- digests of values ------------------------------------------------------

    def _pickled(self, value, reads: frozenset[str], own, path: tuple) -> bytes:
        """The value as bytes that are the same whenever its data is."""
        buffer = io.BytesIO()
        try:
            _KeyPickler(buffer, self, reads, own, path).dump(value)
        except Exception:
            return f"unknown:{uuid.uuid4()}".encode()
        return buffer.getvalue()

    def text_of(self, content) -> bytes:
        """A digest of an entry's text (and of what its links resolve to)."""
        text = getattr(content, "_content", "") or ""
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        if has_links(text):
            digest.update(self.link_map.encode())
        return digest.digest()

    def frozen_digest(self, value, pickler: "_KeyPickler") -> bytes:
        """A frozen dataclass, by its state: digested once a build when it
        shows no entry or page (whose digest depends on the page showing it)."""
        memo = self._frozen.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        state = value.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[2]
        buffer = io.BytesIO()
        inner = _KeyPickler(
            buffer, self, pickler.reads, pickler.own_content, pickler.path
        )
        try:
            inner.dump((type(value).__qualname__, state))
        except Exception:
            return f"unknown:{uuid.uuid4()}".encode()
        if inner.met_content:
            pickler.met_content = True  # and so does what holds it
            return buffer.getvalue()
        digest = hashlib.sha256(buffer.getvalue()).digest()
        self._frozen[id(value)] = (value, digest)
        return digest

    def own(self, content, reads: frozenset[str], path: tuple) -> tuple:
        """The page's own entry or page: all of its data and its text."""
        data = {
            name: value
            for name, value in vars(content).items()
            if name not in NOT_CONTENT_DATA and name not in TEXT_ATTRIBUTES
        }
        return ("own", type(content).__qualname__, self.text_of(content), data)

    def shown(self, content, reads: frozenset[str], path: tuple) -> bytes:
        """Another entry or page, by the attributes such pages read (an entry
        met again through its own attributes counts by its file only)."""
        source = str(getattr(content, "source_path", ""))
        if id(content) in path:
            return b"again:" + source.encode("utf-8", "surrogatepass")
        memo_key = (id(content), reads)
        if memo_key in self._memo:
            if self._visited is not None:
                self._visited |= self._memo[memo_key][2]
            return self._memo[memo_key][1]
        path = (*path, id(content))
        outer, self._visited = self._visited, {id(content)}
        parts = [type(content).__qualname__, source]
        for name in sorted(reads):
            if name in TEXT_ATTRIBUTES or name in SUMMARY_ATTRIBUTES:
                parts.append((name, self.text_of(content)))
                if name in SUMMARY_ATTRIBUTES:
                    parts.append(content.metadata)
                continue
            try:
                value = getattr(content, name)
            except Exception as error:
                parts.append((name, f"!{type(error).__name__}"))
                continue
            if callable(value) and not isinstance(value, type):
                value = "()"
            parts.append((name, value))
        try:
            digest = hashlib.sha256(self._pickled(parts, reads, None, path)).digest()
        finally:
            visited, self._visited = self._visited, outer
        if outer is not None:
            outer |= visited
        self._memo[memo_key] = (content, digest, frozenset(visited))
        for shown_id in visited:
            self._showing.setdefault(shown_id, set()).add(memo_key)
        return digest


class _Own:
    """The page's own entry or page, marked as such for the pickler."""

    def __init__(self, content):
        self.content = content


class _Digested:
    """A value already digested (a shared one), written as its digest."""

    def __init__(self, digest: bytes):
        self.digest = digest


def _is_shared(shared: Mapping, name: str, value) -> bool:
    """Whether a page's value is the build context's own (not one of the
    page's), and worth digesting once: text and numbers are written as fast."""
    return (
        shared.get(name, MISSING) is value
        and value is not None
        and not isinstance(value, str | int | float | bool | bytes)
    )


class _KeyPickler(pickle.Pickler):
    """A pickler that writes entries, taxonomies and pages of entries by the
    data templates use, never by identity (no settings, no context)."""

    def __init__(self, file, keys: OutputKeys, reads, own, path):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        # No memo: equal values write equal bytes whether or not they are one
        # object (entries kept by the model cache share less than fresh ones).
        self.fast = True
        self.keys, self.reads, self.own_content, self.path = keys, reads, own, path
        self.met_content = False  # whether it wrote an entry or page

    def reducer_override(self, obj):
        kind = type(obj)
        handler = _HANDLERS.get(kind, _UNKNOWN)
        if handler is _UNKNOWN:
            handler = _HANDLERS[kind] = _handler_for(kind)
        return NotImplemented if handler is None else handler(self, obj)


def _handler_for(kind):  # noqa: PLR0911 - one handler per kind of value
    """How the key pickler writes values of this type (None: as pickle does)."""
    if kind is _Digested:
        return lambda _, digested: (_rebuilt, ("digested", digested.digest))
    if kind is _Own:
        return _own_reducer
    if issubclass(kind, Content):
        return _content_reducer
    if dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen:
        return lambda pickler, value: (
            _rebuilt,
            ("frozen", pickler.keys.frozen_digest(value, pickler)),
        )
    if issubclass(kind, dict):
        return _dict_reducer
    if hasattr(kind, "slug") and hasattr(kind, "_normalize_key"):  # URLWrapper
        return lambda _, tag: (_rebuilt, (kind.__qualname__, tag.name, tag.slug))
    if kind.__module__ == "pelican.paginator" and kind.__name__ == "Paginator":
        return lambda _, p: (_rebuilt, ("paginator", p.name, p.url, p.num_pages))
    if kind.__module__ == "pelican.paginator" and kind.__name__ == "Page":
        return lambda _, page: (
            _rebuilt,
            ("page", page.number, page.name, page.object_list, page.paginator),
        )
    if issubclass(kind, Undefined):
        return lambda _, __: (_rebuilt, ("undefined",))
    if issubclass(kind, set | frozenset):
        return lambda _, items: (_rebuilt, ("set", sorted(map(repr, items))))
    return None


def _own_reducer(pickler, own):
    pickler.met_content = True
    return _rebuilt, pickler.keys.own(own.content, pickler.reads, pickler.path)


def _content_reducer(pickler, content):
    pickler.met_content = True
    if content is pickler.own_content:
        return _rebuilt, ("self",)
    return _rebuilt, (pickler.keys.shown(content, pickler.reads, pickler.path),)


def _dict_reducer(pickler, mapping):
    if "SITEURL" in mapping and "PATH" in mapping:
        return _rebuilt, ("settings or context",)  # named by what reads them
    return NotImplemented


# How each type of value is written into keys, found once per type.
_HANDLERS: dict[type, object] = {}
_UNKNOWN = object()


def _rebuilt(*parts):
    """Never called: keys are written, not read back."""
    return parts
