"""Pelican, made to render and write only what changed since the last build.

`IncrementalPelican` is Pelican with three parts swapped for ours:

- `KeyedWriter` (Pelican's `get_writer` way of changing how pages are
  written): it works out each page's key (workflow/output_keys.py) and renders
  only the pages whose key differs from the last build's, into a scratch
  folder; a page whose key is the same is kept as the output holds it. The
  pages of entries whose source changed are rendered first, without waiting
  for a key (what shows an edit, or indexes it, may start then). Pages are
  rendered in worker processes when there are many (Jinja holds the GIL).
- `KeptStaticGenerator`: a static file whose source is unchanged is not
  copied again; nor is a file a plugin copies from its cache (a feed archive,
  a picture) that the output holds as it is (`keep_cached_files`).
- `ReadAheadArticles` / `ReadAheadPages`: before Pelican reads the content
  one file after the other, the Markdown of every file the content cache does
  not hold yet is rendered in worker processes, into that cache.

Everything Pelican and the plugins decide is left to them: the site is read
whole every time (from the content cache), so every list, link and neighbour
is what a clean build makes of it. What a build produced is recorded in a
`BuildRecord`, from which workflow/build.py puts the changed files in place
and writes the manifest.
"""

import gc
import logging
import os
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican, signals
from pelican import generators as generators_module
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from plugins.shared.cache import publishing_cached
from plugins.shared.contents import build_contents, link_targets, move_attachments
from plugins.shared.parallel import forked_map, forked_shares, worker_count
from workflow.content_cache import Store, readers_folder, record_name
from workflow.linear_lists import EntryList, period_archives
from workflow.linear_lists import process_translations as linear_process_translations
from workflow.manifest import Manifest, OutputFile
from workflow.output_keys import OutputKeys, Reads

logger = logging.getLogger(__name__)

# Below these counts a worker process costs more than it saves.
PARALLEL_READS = 48
PARALLEL_RENDERS = 64
PARALLEL_KEYS = 1000


@dataclass
class BuildRecord:
    """What one build decided about its output files.

    `kept`: files the output already holds as this build would write them;
    `keys`: the key of every page, static file and file copied from a plugin's
    cache this build produced (written into the scratch folder or kept)."""

    previous: Manifest | None
    output_state: dict[str, tuple[int, int]]
    source_digests: dict[str, str]  # content file (absolute) -> digest
    cache_root: Path | None = None  # the caches' folder (None: no caching)
    model_folder: Path | None = None  # where entries are kept as Pelican made them
    templates_folder: Path | None = None  # where compiled templates are kept
    stores: dict = field(default_factory=dict)  # folder -> the Store of it

    kept: dict[str, OutputFile] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    reads: Reads = field(init=False)
    rendered: int = 0
    valid_until: str | None = None  # when a future-dated entry comes due
    templates: dict = field(default_factory=dict)  # template: its variables
    # Called once every entry's page is written or kept (they are rendered
    # then), before the other pages: what follows the entries may start.
    after_entries: list[Callable[[], None]] = field(default_factory=list)
    # Called once the pages of the entries whose source changed are rendered,
    # before the other entries' pages are: what shows an edit may show it.
    # Told whether the other pages' keys are then worked out on every core.
    after_edited: list[Callable[[bool], None]] = field(default_factory=list)

    def __post_init__(self):
        self.reads = Reads(self.previous.reads if self.previous else {})

    def store(self, folder: Path, settings: dict, context: dict | None = None):
        """The one Store of `folder` for this build (generators share it)."""
        if folder not in self.stores:
            self.stores[folder] = Store(folder, settings, context)
        return self.stores[folder]

    def keep_used_records(self) -> None:
        """Drop the stores' records this build did not use (a finished build
        read the whole site)."""
        for store in self.stores.values():
            store.keep_used()

    def close_stores(self) -> None:
        """Close the stores' databases (every record is written already)."""
        for store in self.stores.values():
            store.close()

    def edited(self, content) -> bool:
        """Whether the source of this entry or page changed since the last build
        (its pages are rendered again whatever their keys)."""
        if self.previous is None:
            return False
        source = str(getattr(content, "source_path", ""))
        before = self.previous.inputs.get(source)
        return before is not None and before[2] != self.source_digests.get(source)

    def as_left(self, name: str) -> OutputFile | None:
        """The previous build's file `name` when the output still holds it as
        that build left it; else None."""
        record = self.previous.files.get(name) if self.previous else None
        if record is None or self.output_state.get(name) != record.state:
            return None
        return record

    def unchanged(self, name: str, key: str) -> OutputFile | None:
        """The previous build's file `name` when it had this key and the output
        still holds it as it was left; else None."""
        record = self.as_left(name)
        return record if record is not None and record.key == key else None


# The build under way in this process: its writer and generators report to it.
_build: BuildRecord | None = None


class IncrementalPelican(Pelican):
    """Pelican that renders only the pages whose inputs changed."""

    def __init__(self, settings, record: BuildRecord):
        self.record = record
        super().__init__(settings)

    def _get_writer(self):
        # Asked once every generator has read its part of the site: what they
        # made is frozen too, kept to the build's end as the entries are (the
        # collector's full passes while pages are written went through it:
        # 0.25 s -> 0.13 s at 10,000 entries).
        gc.freeze()
        return KeyedWriter(self.output_path, self.settings, self.record)

    def _get_generator_classes(self):
        swaps = {
            ArticlesGenerator: ReadAheadArticles,
            PagesGenerator: ReadAheadPages,
            StaticGenerator: KeptStaticGenerator,
        }
        return [swaps.get(cls, cls) for cls in super()._get_generator_classes()]

    def run(self):
        global _build  # noqa: PLW0603 - one build at a time in a process
        _build = self.record
        signals.generator_init.connect(keep_compiled_templates)
        signals.article_generator_write_article.connect(forget_shown_contents)
        signals.page_generator_write_page.connect(forget_shown_contents)
        signals.all_generators_finalized.connect(note_future_entries)
        try:
            super().run()
        finally:
            signals.generator_init.disconnect(keep_compiled_templates)
            signals.article_generator_write_article.disconnect(forget_shown_contents)
            signals.page_generator_write_page.disconnect(forget_shown_contents)
            signals.all_generators_finalized.disconnect(note_future_entries)
            _build = None


def keep_compiled_templates(generator):
    """Jinja compiles each template once, not once a build: the compiled code
    is kept beside the build's caches (checked against the template's text)."""
    if _build is not None and _build.templates_folder is not None:
        _build.templates_folder.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(
            str(_build.templates_folder)
        )


def note_future_entries(generators):
    """With WITH_FUTURE_DATES off, an entry dated later appears when its time
    comes: the build's output stands until the first such time."""
    if _build is None or generators[0].settings.get("WITH_FUTURE_DATES", True):
        return
    now = datetime.now(UTC)
    dates = [
        content.date
        for content in build_contents(generators)
        if getattr(content, "date", None) is not None
    ]
    later = sorted(date if date.tzinfo else date.replace(tzinfo=UTC) for date in dates)
    later = [date for date in later if date > now]
    _build.valid_until = later[0].astimezone(UTC).isoformat() if later else None


# The writer -----------------------------------------------------------------------

_active_writer = None


def forget_shown_contents(sender, content=None, **kwargs):
    """A plugin may give the entry about to be written new attributes: digests
    of entries made before then are made again."""
    if _active_writer is not None and _active_writer.keys is not None:
        _active_writer.keys.forget(content)


class KeyedWriter(Writer):
    """Pelican's Writer, rendering a page only when its key changed."""

    def __init__(self, output_path, settings, record: BuildRecord):
        global _active_writer  # noqa: PLW0603 - one writer per build
        super().__init__(output_path, settings=settings)
        self.record = record
        self.keys = None
        self.pending = []  # pages to render: (template, name, context, values, own)
        self.undecided = []  # pages written whose key is not worked out yet
        self._tracked = set()
        self._job = None
        _active_writer = self

    # Pelican's write_file, with pagination, deciding page by page.
    def write_file(  # noqa: PLR0917 - Pelican's own signature
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return
        if self.keys is None:
            resolve_attachments(context)
            known = self.record.previous.templates if self.record.previous else None
            self.keys = OutputKeys(self.record.reads, link_targets(context), known)
        self._context = context
        self._track_reads(template.environment)

        if paginated is None:
            paginated = {
                key: val for key, val in kwargs.items() if key in {"articles", "dates"}
            }
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._page(template, name, context, kwargs, relative_urls, override_output)
            return
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page)
            for key, val in paginated.items()
        }
        for page_num in range(next(iter(paginators.values())).num_pages):
            paginated_kwargs = kwargs.copy()
            for key, paginator in paginators.items():
                page = paginator.page(page_num + 1)
                paginated_kwargs.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": (
                            paginator.page(page_num) if page_num > 0 else None
                        ),
                        f"{key}_next_page": (
                            paginator.page(page_num + 2)
                            if page_num + 1 < paginator.num_pages
                            else None
                        ),
                    }
                )
            self._page(
                template,
                page.save_as,
                context,
                paginated_kwargs,
                relative_urls,
                override_output,
            )

    @staticmethod
    def _page_values(context, name, kwargs, relative_urls) -> dict:
        """What a page's template gets besides the build's context (Pelican's
        Writer._get_localcontext, kept small: the context is added when the
        page is rendered)."""
        values = {"localsiteurl": context.get("localsiteurl", None)}
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            values["SITEURL"] = relative_url
            values["localsiteurl"] = relative_url
        values["output_file"] = name
        values.update(kwargs)
        return values

    @staticmethod
    def _localcontext(context, values) -> dict:
        localcontext = context.copy()
        localcontext.update(values)
        return localcontext

    def _page(self, template, name, context, kwargs, relative_urls, override):  # noqa: PLR0917
        path = sanitised_join(self.output_path, name)
        if not self._claim(path, override):
            return
        values = self._page_values(context, name, kwargs, relative_urls)
        localcontext = self._localcontext(context, values)
        # What Pelican's writer does before rendering: content reads its links
        # against the page being written.
        if values["localsiteurl"]:
            context["localsiteurl"] = values["localsiteurl"]
        own = values.get("article") or values.get("page")
        self.keys.names(template)  # worked out here once, for the manifest too
        job = (template, name, context, values, own)
        # With a last build to compare with, the page's key decides (decide()).
        (self.pending if self.record.previous is None else self.undecided).append(job)
        signals.content_written.send(path, context=localcontext)

    def _claim(self, path, override) -> bool:
        """Pelican's rule for writing one file twice (see Writer._open_w):
        False when an earlier write that overrides it wins."""
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" a second time '
                    "(was previously overwritten)"
                )
            return False
        if path in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to '
                "it previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def decide(self) -> None:
        """Work out the key of each page written since (in worker processes
        when many): a page whose key is the last build's is kept as the
        output holds it, the others are to be rendered."""
        jobs, self.undecided = self.undecided, []
        if not jobs:
            return
        keys = forked_map(self._key_of, jobs, least=PARALLEL_KEYS)
        for job, key in zip(jobs, keys, strict=True):
            name = job[1]
            self.record.keys[name] = key
            kept = self.record.unchanged(name, key)
            if kept is None:
                self.pending.append(job)
            else:
                self.record.kept[name] = kept

    def _key_of(self, job) -> str:
        template, name, context, values, _ = job
        localcontext = self._localcontext(context, values)
        return self.keys.key(template, name, localcontext, context)

    def render_edited(self) -> None:
        """Render the pages of the entries whose source changed, before any key
        is worked out (theirs have most likely changed; a page rendered to the
        same bytes is not written); then tell who follows them."""
        edited, others = [], []
        for job in self.undecided:
            own = job[4]
            edit = own is not None and self.record.edited(own)
            (edited if edit else others).append(job)
        self.undecided = others
        self.record.rendered += len(edited)
        self._render_all(edited)
        every_core = worker_count(len(others), PARALLEL_KEYS) >= 2
        for follow in self.record.after_edited:
            follow(every_core)

    def render_pending(self):
        """Render every page whose key changed, in worker processes when many."""
        self.decide()
        pending, self.pending = self.pending, []
        self.record.rendered += len(pending)
        if self.keys is not None:
            self.record.templates = self.keys.template_names()
        self._render_all(pending)

    def _render_all(self, pending) -> None:
        workers = worker_count(len(pending), PARALLEL_RENDERS)
        if workers < 2:
            for job in pending:
                self._render(*job)
            return
        for ((reads, keys),) in forked_shares(
            lambda number, count: [self._render_share(pending[number::count])],
            workers,
        ):
            self.record.reads.merge(Reads(reads))
            self.record.keys.update(keys)

    def _render_share(self, jobs) -> tuple[dict, dict]:
        """In a worker: render these pages; what templates read, their keys."""
        for job in jobs:
            self._render(*job)
        names = [job[1] for job in jobs]
        return self.record.reads.as_data(), {
            name: self.record.keys[name] for name in names
        }

    def _render(self, template, name, context, values, own):
        """Render one page into the scratch folder; its key, worked out once
        the page has shown what it reads, is the one the next build compares."""
        if values["localsiteurl"]:
            context["localsiteurl"] = values["localsiteurl"]
        localcontext = self._localcontext(context, values)
        self._job = (template.name, own)
        try:
            output = template.render(localcontext)
        finally:
            self._job = None
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(output)
        self.record.keys[name] = self.keys.key(template, name, localcontext, context)

    # Which attributes templates read from entries that are not their own page's.
    def _track_reads(self, env):
        if id(env) in self._tracked:
            return
        self._tracked.add(id(env))
        getattr_, getitem_ = env.getattr, env.getitem
        writer = self

        def tracked_getattr(obj, attribute):
            writer._note_read(obj, attribute)
            return getattr_(obj, attribute)

        def tracked_getitem(obj, argument):
            if isinstance(argument, str):
                writer._note_read(obj, argument)
            return getitem_(obj, argument)

        env.getattr = tracked_getattr
        env.getitem = tracked_getitem

    def _note_read(self, obj, attribute):
        job = self._job
        if (
            job is not None
            and obj is not job[1]
            and hasattr(obj, "_content")
            and hasattr(obj, "source_path")
        ):
            self.record.reads.add(job[0], attribute)


def resolve_attachments(context) -> None:
    """Resolve every {attach} link before any page is rendered or kept.

    Pelican moves a file an {attach} link names beside the entry linking it
    when it renders that entry; a kept page is not rendered, and a page
    rendered in a worker process moves the file in that process only. So the
    links of every entry and page holding one are resolved here first, in
    the order Pelican renders them."""
    contents = [
        *context.get("articles", ()),
        *context.get("hidden_articles", ()),
        *context.get("drafts", ()),
        *context.get("pages", ()),
        *context.get("hidden_pages", ()),
        *context.get("draft_pages", ()),
    ]
    items = [
        item
        for content in contents
        for item in (content, *getattr(content, "translations", ()))
    ]
    move_attachments(items, context.get("localsiteurl") or "")


# Static files -----------------------------------------------------------------------


@publishing_cached.connect
def keep_cached_files(_sender, files) -> list[str]:
    """Of the files a plugin is about to copy from its cache, (path in the
    site, cached file), those the output holds as the last build left them:
    kept, not copied. A cached file is named by the digest of what it is made
    from, so its name is the key of the output's file."""
    record = _build
    if record is None:
        return []
    # A path written before in this build, or twice here, is copied as it
    # comes: the last copy wins, as in a clean build.
    once = {path for path, count in Counter(p for p, _ in files).items() if count == 1}
    kept = []
    for path, cached in files:
        before = path in record.keys
        key = f"cached:{Path(cached).name}"
        record.keys[path] = key
        found = record.unchanged(path, key) if path in once and not before else None
        if found is not None:
            record.kept[path] = found
            kept.append(path)
    return kept


class KeptStaticGenerator(StaticGenerator):
    """Pelican's StaticGenerator, keeping static files whose source is unchanged."""

    def _file_update_required(self, staticfile):
        record = _build
        if record is None:
            return True
        source = os.path.join(self.path, staticfile.source_path)
        digest = record.source_digests.get(source)
        # The key is the static file's, even over a file written before it:
        # the manifest tells what the output's file was made from.
        if digest is None:
            record.keys.pop(staticfile.save_as, None)
            return True
        record.keys[staticfile.save_as] = digest
        if os.path.lexists(os.path.join(self.output_path, staticfile.save_as)):
            return True  # written by a generator before: the static file wins
        kept = record.unchanged(staticfile.save_as, digest)
        if kept is None:
            return True
        record.kept[staticfile.save_as] = kept
        return False

    def generate_output(self, writer):
        # Pelican copies static files last, over anything written before (an
        # author's robots.txt over the theme's): pages are rendered first.
        writer.render_pending()
        super().generate_output(writer)


# Reading ahead ---------------------------------------------------------------------

_reading = None


def _read_source(source):
    """In a worker: (record name, what the content cache keeps of the
    (path, record name) source, pickled as its record), or None when it
    cannot be read (Pelican reads it again and reports the error)."""
    from pelican.readers import _filter_discardable_metadata  # noqa: PLC0415
    from pelican.utils import file_suffix  # noqa: PLC0415

    path, name = source
    readers, store = _reading
    reader = readers.readers.get(file_suffix(path))
    if reader is None:
        return None
    try:
        content, metadata = reader.read(path)
    except Exception:
        return None
    return name, store.dumps((content, _filter_discardable_metadata(metadata)))


class ReadAhead:
    """What the article and page generators do before Pelican reads anything:
    take rendered Markdown and entries already made from the build's stores
    (workflow/content_cache.py), by the digests the build already has, and
    render the Markdown the store lacks on every core."""

    def prepare(self):
        """Use the build's stores (no build: Pelican's own caching)."""
        self._models = None
        if _build is None or _build.cache_root is None:
            return
        self._readers_store = _build.store(
            readers_folder(_build.cache_root, self.settings), self.settings
        )
        self._models = _build.store(_build.model_folder, self.settings, self.context)
        readers, store = self.readers, self._readers_store

        def cached(path, default=None):
            name = self._record(path)
            found = store.get(name) if name else None
            return default if found is None else found

        def keep(path, data):
            name = self._record(path)
            if name:
                store.put(name, data)

        readers.get_cached_data, readers.cache_data = cached, keep
        readers.save_cache = lambda: None

    def _record(self, filename) -> str | None:
        path = os.path.abspath(os.path.join(self.path, filename))
        digest = _build.source_digests.get(path) if _build else None
        return record_name(path, digest) if digest else None

    # The model cache, in place of Pelican's generator-level content cache.
    def get_cached_data(self, filename, default=None):
        name = self._record(filename) if self._models is not None else None
        found = self._models.get(name) if name else None
        return default if found is None else found

    def cache_data(self, filename, data):
        name = self._record(filename) if self._models is not None else None
        if name is None:
            return
        if not self.settings.get("WITH_FUTURE_DATES", True):
            date = getattr(data, "date", None)
            if date is not None and _is_later(date):
                return  # published when its time comes: made again each build
        work_out_slugs(data)
        self._models.put(name, data)

    def save_cache(self):
        pass  # each entry is kept as it is made

    def read_ahead(self, paths_setting, excludes_setting) -> int | None:
        """Read ahead; return how many sources Pelican is left to parse itself
        (None: all of them, with no cache)."""
        global _reading  # noqa: PLW0603 - inherited by the forked workers
        if self._models is None:
            return None
        missing = []
        models, rendered = self._models.names(), self._readers_store.names()
        for relative in self.get_files(
            self.settings[paths_setting], exclude=self.settings[excludes_setting]
        ):
            name = self._record(relative)
            if name is None:
                continue
            # Both records belong to the site as it is: kept by keep_used().
            self._models.used.add(name)
            self._readers_store.used.add(name)
            if name in models:
                continue  # made from the model cache: nothing to read
            if name not in rendered:
                path = os.path.abspath(os.path.join(self.path, relative))
                missing.append((path, name))
        if worker_count(len(missing), PARALLEL_READS // 2) < 2:
            return len(missing)  # Pelican reads the few it lacks itself
        _reading = (self.readers, self._readers_store)
        try:
            found = forked_map(_read_source, missing, least=PARALLEL_READS // 2)
        finally:
            _reading = None
        # Into the store, where Pelican reads them, each let go of as it goes.
        while found:
            record = found.pop()
            if record is not None and record[1] is not None:
                self._readers_store.write(*record)
        return 0


class ReadAheadArticles(ReadAhead, ArticlesGenerator):
    """ArticlesGenerator that reads ahead, keeps entries as made, and files
    them under tags, categories, authors and periods in linear time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare()
        self.tags = defaultdict(EntryList)
        self.categories = defaultdict(EntryList)
        self.authors = defaultdict(EntryList)

    def generate_context(self):
        parsed_here = self.read_ahead("ARTICLE_PATHS", "ARTICLE_EXCLUDES")
        # Markdown leaves garbage in cycles: the collector runs while it parses.
        few = parsed_here is not None and parsed_here < PARALLEL_READS
        with linear_translations(), site_kept_whole(pause=few):
            super().generate_context()

    def _build_period_archives(self, sorted_articles, articles, settings):
        return period_archives(sorted_articles, articles, settings)

    def generate_output(self, writer):
        # Pelican's, with the feed after the pages rather than before: what
        # follows the entries' pages (their search index) starts the sooner.
        self.generate_pages(writer)
        self.generate_feeds(writer)
        signals.article_writer_finalized.send(self, writer=writer)

    def generate_articles(self, write):
        super().generate_articles(write)
        if _build is None or not (_build.after_entries or _build.after_edited):
            return
        if _active_writer is not None:
            _active_writer.render_edited()
            _active_writer.render_pending()
        for follow in _build.after_entries:
            follow()


class ReadAheadPages(ReadAhead, PagesGenerator):
    """PagesGenerator that reads ahead and keeps pages as made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare()

    def generate_context(self):
        self.read_ahead("PAGE_PATHS", "PAGE_EXCLUDES")
        with linear_translations():
            super().generate_context()


@contextmanager
def site_kept_whole(pause: bool):
    """With `pause`, Python's cycle collector is paused while the entries are
    read (from the caches: each of its full passes would go through every
    entry read so far, ten of them at 10,000 entries); once read, they are
    frozen, kept to the build's end."""
    collecting = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        gc.freeze()


@contextmanager
def linear_translations():
    """Pelican's generators sort translations out with a list search per
    entry: for the time they read, they use the same function in linear time."""
    original = generators_module.process_translations
    generators_module.process_translations = linear_process_translations
    try:
        yield
    finally:
        generators_module.process_translations = original


def work_out_slugs(content) -> None:
    """Work out the slugs of an entry's tags, category and authors before it
    is kept, so that the builds that take it from the cache do not slugify
    its tags again (Pelican does so lazily, for each entry's own: 25,000
    times at 10,000 entries). A name with no letter or digit is left to
    Pelican, which warns of it (and strict_build stops) on every build."""
    wrappers = [
        *(getattr(content, "tags", None) or ()),
        *(getattr(content, "authors", None) or ()),
        getattr(content, "category", None),
    ]
    for wrapper in wrappers:
        if not isinstance(wrapper, URLWrapper) or not wrapper._slug_from_name:
            continue  # a slug the author set stays as it is
        if wrapper._slug is None and any(map(str.isalnum, wrapper.name)):
            wrapper.slug  # noqa: B018 - worked out, and kept on the wrapper
        if wrapper._slug == "":
            # None after all (Pelican may have asked already: a category's
            # slug makes the entry's address): told whenever it is asked.
            wrapper._slug = None


def _is_later(date) -> bool:
    moment = date if date.tzinfo else date.replace(tzinfo=UTC)
    return moment > datetime.now(UTC)
