"""Build a site, doing only what changed; a failed build changes nothing.

`build_site(content, output, settings_file)` is what `invoke build`,
`invoke serve` and `invoke publish` run:

1. The files the build reads (content, theme, plugins, settings, installed
   packages) are compared with the manifest of the last build of `output`
   (workflow/manifest.py). Nothing changed and the output is as it was left:
   there is nothing to do, and Pelican is not even imported.
2. Otherwise Pelican reads the whole site (unchanged Markdown from the content
   cache, workflow/content_cache.py) and writes into a scratch folder beside
   the output, through workflow/incremental.py: only the pages whose key
   changed, or whose entry's source did, are rendered; with the site's code
   changed (settings, theme, plugins, packages), or no usable manifest, every
   page is.
3. Only when Pelican succeeded does the output change: a full build's scratch
   folder replaces it whole (one rename); an incremental build moves each
   changed file in with an atomic rename, then removes the files the site no
   longer has. A build that fails, or is stopped before that point, leaves
   the output exactly as it was. (The preview's builds alone put the pages of
   the entries a save changed in place first, and put them back if the build
   then fails or is stopped: see `build`.)
"""

import copy
import dataclasses
import gc
import glob
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from plugins.shared.cache import (
    cache_path,
    remove_stale_folders,
    unwritable,
    write_whole,
)
from plugins.shared.git_head import git_head
from plugins.shared.logs import use_plain_log
from plugins.shared.parallel import signals_held
from workflow import content_cache, search_index
from workflow.manifest import (
    Manifest,
    OutputFile,
    file_digest,
    forget_manifest,
    inputs_digest,
    installed_packages,
    load_manifest,
    manifest_path,
    output_is_as_left,
    output_state,
    save_manifest,
    scan_files,
    settings_namespace,
)
from workflow.settings_file import settings_problem, settings_siblings


class BuildError(Exception):
    """The site could not be built; the message says why and what to do."""


@dataclass(frozen=True)
class Built:
    """What a build did to the output folder."""

    output: Path
    kind: str  # "unchanged", "incremental" or "full"
    written: int = 0
    deleted: int = 0
    rendered: int = 0
    # The output's files written or removed, but those shown early as they are
    # now (None: any may have been, a full build replaced the folder).
    changed: tuple[str, ...] | None = ()


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, scanned without Pelican."""

    digest: str
    files: dict[str, list]
    code: list[Path]  # the theme, plugin and settings files among `files`
    commit: str | None  # the commit the content is at (None outside git)


# The folders builds make beside the output, by purpose.
STAGING_PURPOSES = ("build", "old", "preview")


def staging_folder(output: Path, purpose: str = "staging") -> Path:
    """Return a new, unused folder beside `output` (same file system)."""
    return output.with_name(f".{output.name}.{purpose}-{uuid.uuid4().hex[:8]}")


def read_site_settings(settings_file: Path, content: Path, output: Path, **overrides):
    """Read Pelican settings for building `content` into `output`."""
    from pelican.settings import read_settings  # noqa: PLC0415

    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **overrides}
    try:
        settings = read_settings(str(settings_file), override=override)
    except Exception as error:
        raise BuildError(refused_settings(settings_file, error)) from None
    # A copy: Pelican changes some settings in place (MARKDOWN's extensions),
    # which would otherwise leak into the next build of the same process.
    return copy.deepcopy(settings)


def refused_settings(settings_file: Path, error: Exception) -> str:
    """What is wrong with the settings file Pelican could not read."""
    from pelican.settings import get_settings_from_file  # noqa: PLC0415

    try:
        values = get_settings_from_file(str(settings_file))
    except Exception as running_error:
        return settings_problem(settings_file, running_error)
    return settings_problem(settings_file, error, values)


def load_build_code(settings_file: Path, content: Path, output: Path) -> None:
    """Import what a build that changes something runs: Pelican, the site's
    plugins and the Markdown extensions its settings name. The preview does it
    once, so that each of its rebuilds, forked from it, starts with them."""
    from markdown import Markdown  # noqa: PLC0415
    from pelican.plugins._utils import load_plugins  # noqa: PLC0415
    from pelican.readers import Readers  # noqa: PLC0415

    import workflow.incremental  # noqa: F401, PLC0415

    settings = read_site_settings(settings_file, content, output)
    load_plugins(settings)
    Readers(settings)  # completes the MARKDOWN setting, as a build's readers do
    Markdown(**settings["MARKDOWN"])


def run_pelican(settings, make_pelican=None):
    """Run one Pelican build with these settings (with `make_pelican(settings)`,
    a Pelican of one's own); return it; raise BuildError on failure."""
    from pelican import Pelican  # noqa: PLC0415

    use_plain_log(logging.WARNING)
    try:
        pelican = (make_pelican or Pelican)(settings)
        pelican.run()
    except Exception as error:
        raise BuildError(str(error)) from error
    finally:
        forget_rendered_content()
    return pelican


def forget_rendered_content() -> None:
    """Drop what Pelican memoized about this build's pages.

    Pelican keeps every page's content and summary in class-level caches that
    outlive the build: a process that builds again and again (`invoke serve`)
    would hold every earlier build in memory."""
    from pelican.contents import Content  # noqa: PLC0415

    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def build_scratch(output: Path) -> Path:
    """A new scratch folder for a build of `output`, beside it, once what
    builds killed outright left there is swept away."""
    sweep_stale_folders(output, time.time())
    return staging_folder(output, "build")


def sweep_stale_folders(output: Path, now: float) -> None:
    """Remove what builds killed outright (SIGKILL, a power cut) left beside
    the output: their scratch folders, and the pages a preview kept aside,
    once a day old (a build under way is younger)."""
    name = glob.escape(output.name)
    remove_stale_folders(
        (
            folder
            for purpose in STAGING_PURPOSES
            for folder in output.parent.glob(f".{name}.{purpose}-*")
        ),
        now,
    )


def swap_in(staging: Path, output: Path, keep: tuple[str, ...] = ()) -> None:
    """Put the finished `staging` folder in the place of `output`. The folders
    of `output` named in `keep` go along, unless `staging` has its own (the
    search index, which the build then brings up to date as after an edit:
    a new template does not make it be unpacked again)."""
    if not output.exists():
        staging.rename(output)
        return
    for name in keep:
        kept = output / name
        if kept.is_dir() and not kept.is_symlink() and not (staging / name).exists():
            kept.rename(staging / name)
    retired = staging_folder(output, "old")
    output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired)


def check_folders(content: Path, output: Path) -> None:
    """Refuse folders a build cannot use, saying which and what to do."""
    if not content.is_dir():
        raise BuildError(
            f"{content}: no such content folder; pass --content with the folder "
            "that holds journal/ and pages/"
        )
    if output.exists() and not output.is_dir():
        raise BuildError(
            f"{output}: is a file, not a folder; pass --output with a folder "
            "(it is created if missing)"
        )
    if output == content or output in content.parents:
        raise BuildError(
            f"{output}: the output folder would replace the content; "
            "choose another --output"
        )
    if content in output.parents:
        raise BuildError(
            f"{output}: the output folder is inside the content folder {content} "
            "(the next build would read the site as content); choose an --output "
            "outside it"
        )


def build_site(content: Path, output: Path, settings_file: Path, **overrides) -> Path:
    """Build `content` into `output`, doing only what changed since the last
    build of `output`; on failure `output` is left untouched."""
    return build(content, output, settings_file, **overrides).output


def build(
    content: Path,
    output: Path,
    settings_file: Path,
    search=True,
    show_early=None,
    **overrides,
) -> Built:
    """Build `content` into `output`; return what the build did. With `search`
    False the search index is left to the caller (`index_search`).

    With `show_early` (the preview), the entries' pages an edit changed are put
    in the output as soon as they are rendered, and `show_early(names)` is
    called with their names; the rest of the output follows at the end. A
    build that fails or is stopped puts those pages back as they were."""
    content, output = Path(content).resolve(), Path(output).resolve()
    settings_file = Path(settings_file).resolve()
    check_folders(content, output)
    frozen_before = gc.get_freeze_count()  # the preview's, kept so
    cache_root = content_cache.root_beside(settings_file)
    record_file = manifest_path(cache_root, output, settings_file)
    previous, mark = load_manifest(record_file), read_index_mark(record_file)
    inputs = scan_inputs(settings_file, content, overrides, previous)
    state = pages_state(output)
    if previous and nothing_changed(previous, inputs, state):
        if search:
            index_search(output, settings_file, overrides, previous, mark)
        return Built(output, "unchanged")

    from workflow.incremental import BuildRecord, IncrementalPelican  # noqa: PLC0415

    scratch = build_scratch(output)
    record = indexing = None
    early = EarlyPages(output, scratch, show_early)
    try:
        settings = read_site_settings(settings_file, content, scratch, **overrides)
        site = site_digest(settings, inputs)
        reusable = previous if previous and previous.site == site and state else None
        caching = cache_is_writable(cache_root)
        record = BuildRecord(
            previous=reusable,
            output_state=state,
            source_digests={name: entry[2] for name, entry in inputs.files.items()},
            cache_root=cache_root if caching else None,
            model_folder=model_folder(cache_root, settings, inputs, content),
            # Jinja folds filters of constant values into its compiled code
            # (a page address holds SITEURL): compiled for these settings only.
            templates_folder=cache_root / "templates" / site[:20] if caching else None,
        )
        indexing = (
            follow_with_search(settings, cache_root, (scratch, output), record)
            if search
            else None
        )
        early.follow(record)
        run_pelican(settings, lambda settings: IncrementalPelican(settings, record))
        index = prepare_search(indexing, scratch, output, record) if search else None
        with signals_held():
            if caching:
                forget_manifest(record_file)
            built, files = put_in_place(scratch, output, record)
            built = early.done(built, files)
            indexed = (
                search_index.install_index(output, index, mark and mark.files)
                if index
                else None
            )
            if caching:
                manifest = Manifest(
                    site=site,
                    inputs_digest=inputs.digest,
                    inputs=inputs.files,
                    files=files,
                    reads=record.reads.as_data(),
                    templates=record.templates,
                    valid_until=record.valid_until,
                    written_ns=time.time_ns(),
                )
                save_build(record_file, manifest, indexed)
        record.keep_used_records()
        content_cache.prune(cache_root)
    finally:
        early.settle(in_place=False)
        if indexing is not None:
            indexing.stop()
        if record is not None:
            record.close_stores()  # what a failed build made is good to keep
        shutil.rmtree(scratch, ignore_errors=True)
        # What the build kept whole (workflow/incremental.py) may go now: a
        # process that goes on (the preview's first build) collects it.
        if not frozen_before:
            gc.unfreeze()
    return built


# The search index ---------------------------------------------------------------
# It follows the pages (workflow/search_index.py): made before the output
# changes, put in place with them; the output's state leaves it aside.


def pages_state(output: Path) -> dict[str, tuple[int, int]]:
    """The output's files, as the manifest knows them: all but the search index."""
    if not output.is_dir():
        return {}
    return output_state(output, leave_out=frozenset({search_index.INDEX_FOLDER}))


def search_pages(scratch: Path, output: Path, record) -> tuple[list, dict]:
    """Every page of the site this build leaves (path from the site's root,
    file): those in `scratch` and those the output keeps; and the digests of
    the kept ones (the index read them before)."""
    return pages_beside(scratch, output, record.kept)


def pages_beside(scratch: Path, output: Path, kept: dict) -> tuple[list, dict]:
    """The pages in `scratch`, and those of `kept` (the output's files as the
    last build left them: name, OutputFile) that it lacks, with their digests."""
    pages = dict(search_index.site_pages(scratch))
    digests = {}
    folder = str(output)
    for name, file in kept.items():
        if name.endswith(".html") and name not in pages:
            pages[name] = os.path.join(folder, name)  # text: cheaper than a Path
            digests[name] = file.digest
    return sorted(pages.items()), digests


def search_cache(settings, cache_root: Path) -> Path:
    """Where search indexes are kept between builds (BUILD_CACHE_PATH/search)."""
    return cache_path({"CACHE_PATH": str(cache_root), **settings}, "search")


def likely_pages(scratch: Path, output: Path, record) -> tuple[list, dict]:
    """The pages this build will most likely leave, once the pages of the
    entries an edit changed are rendered: those, and every other page as the
    output holds it from the last build (the digests of those). An edit that
    changes other entries' pages too (a new title shown by its neighbours)
    proves it wrong: its index is then started again, once they are known."""
    files = record.previous.files
    left = {name: file for name in files if (file := record.as_left(name))}
    return pages_beside(scratch, output, left)


def follow_with_search(
    settings, cache_root: Path, folders: tuple[Path, Path], record
) -> search_index.Indexing:
    """The search index of this build. The entries' pages are written before
    the lists, the feed and the static files: the indexes they make are
    started then, and made while the build goes on. An incremental build
    starts them sooner, from the pages of the entries it sees edited, when a
    core is free while the other pages' keys are worked out."""
    try:
        indexing = search_index.Indexing(search_cache(settings, cache_root))
    except search_index.SearchIndexError as error:
        raise BuildError(str(error)) from error
    scratch, output = folders

    def guess(every_core: bool) -> None:
        if not every_core:
            indexing.start(*likely_pages(scratch, output, record))

    if record.previous is not None:
        record.after_edited.append(guess)
    record.after_entries.append(
        lambda: indexing.start(*search_pages(scratch, output, record))
    )
    return indexing


def prepare_search(indexing, scratch: Path, output: Path, record):
    """The search index of the pages this build leaves, made where missing;
    the output unchanged."""
    try:
        return indexing.prepare(*search_pages(scratch, output, record))
    except search_index.SearchIndexError as error:
        raise BuildError(str(error)) from error


def index_search(
    output: Path, settings_file: Path, overrides=None, manifest=None, mark=None
) -> None:
    """Bring the search index of the built site in `output` up to date (with
    the manifest of its last build and the index's mark, when the caller has
    them already)."""
    settings_file, output = Path(settings_file).resolve(), Path(output).resolve()
    cache_root = content_cache.root_beside(settings_file)
    record_file = manifest_path(cache_root, output, settings_file)
    manifest = manifest or load_manifest(record_file)
    mark = mark or read_index_mark(record_file)
    if manifest is not None and index_follows(mark, manifest, output):
        return
    settings = {**json.loads(settings_namespace(settings_file)), **(overrides or {})}
    try:
        indexed = search_index.index_site(
            output,
            search_cache(settings, cache_root),
            as_left(manifest, output),
            as_installed=mark and mark.files,
        )
    except search_index.SearchIndexError as error:
        raise BuildError(str(error)) from error
    if manifest is not None:
        mark_index(record_file, manifest, indexed)


def as_left(manifest: Manifest | None, output: Path) -> dict[str, str]:
    """The digests of the output's files that are as the last build left them."""
    if manifest is None:
        return {}
    state = pages_state(output)
    return {
        name: kept.digest
        for name, kept in manifest.files.items()
        if state.get(name) == kept.state
    }


def save_build(record_file: Path, manifest: Manifest, indexed: dict | None) -> None:
    """Keep the manifest of a build in place, noting whether the output's
    index follows it (`indexed`: its files as the build left them)."""
    save_manifest(record_file, manifest)
    if indexed is not None:
        mark_index(record_file, manifest, indexed)


# Which build the output's index follows: a build that changes nothing need
# not read every page again to know that its index is up to date. (The
# preview indexes after its build, and may be stopped before it is done.) The
# mark also holds the index's files as they were left, by size and time: an
# index whose files were changed by hand is put right by the next build. It
# outlives builds that do not index (the preview's, a failed one): it then
# follows none of them, and still tells what the index's files should be.


@dataclass(frozen=True)
class IndexMark:
    """The build the output's index follows (its manifest's time), and the
    index's files as they were left: {path in pagefind/: (size, mtime_ns)}."""

    built: int
    files: dict[str, tuple[int, int]]


def index_marker(record_file: Path) -> Path:
    return record_file.with_suffix(".indexed")


def index_files(output: Path) -> dict[str, tuple[int, int]]:
    """The files of the output's search index, as they are now."""
    return output_state(output / search_index.INDEX_FOLDER)


def mark_index(
    record_file: Path, manifest: Manifest, files: dict[str, tuple[int, int]]
) -> None:
    """Note that the output's index follows the build of this manifest, with
    these files (by size and time, as the install left them)."""
    data = pickle.dumps(dataclasses.astuple(IndexMark(manifest.written_ns, files)))
    with suppress(OSError):
        write_whole(
            index_marker(record_file), lambda partial: partial.write_bytes(data)
        )


def read_index_mark(record_file: Path) -> IndexMark | None:
    """The mark of the last build that indexed the output (None: none, or
    one that cannot be read: an index not known to follow any build)."""
    try:
        return IndexMark(*pickle.loads(index_marker(record_file).read_bytes()))
    except Exception:  # missing, cut, or written by an earlier version
        return None


def index_follows(mark: IndexMark | None, manifest: Manifest, output: Path) -> bool:
    """Whether the output's index follows the build of this manifest, and is
    there as it was left."""
    return (
        mark is not None
        and mark.built == manifest.written_ns
        and search_index.MANIFEST in mark.files
        and index_files(output) == mark.files
    )


def cache_is_writable(cache_root: Path) -> bool:
    """Whether builds can keep what they make (a read-only checkout cannot:
    every build is then a full one, slower but never a failed one)."""
    error = unwritable(cache_root)
    if error is not None:
        logging.getLogger(__name__).warning(
            "%s: the build cache cannot be used (%s); building without it",
            cache_root,
            error.strerror or error,
        )
    return error is None


# Deciding what to do ----------------------------------------------------------------


def scan_inputs(
    settings_file: Path, content: Path, overrides: dict, previous: Manifest | None
) -> Inputs:
    """Every file the build reads, and one digest of them all (no Pelican)."""
    try:
        namespace = settings_namespace(settings_file)
    except Exception as error:
        raise BuildError(settings_problem(settings_file, error)) from None
    settings = {**json.loads(namespace), **overrides}
    code = [settings_file, *settings_siblings(settings_file)]
    code += code_folders(settings_file, settings)
    known = previous.inputs if previous else {}
    written = previous.written_ns if previous else 0
    # What Pelican leaves out of the content (an editor's swap file) changes
    # nothing: a build with nothing else changed has nothing to do.
    ignored = settings.get("IGNORE_FILES") or ()
    files = scan_files([content], known, written, ignored)
    files |= scan_files(code, known, written)
    # The commit the content is at: entries are dated by their git history.
    commit = git_head(content)
    packages = f"{installed_packages()}\ngit:{commit}"
    digest = inputs_digest(namespace, overrides, files, packages)
    return Inputs(digest, files, code, commit)


def code_folders(settings_file: Path, settings: dict) -> list[Path]:
    """The theme and the local plugin packages the settings name."""
    folders = []
    theme = settings.get("THEME")
    if isinstance(theme, str):
        path = Path(theme)
        if not path.is_absolute():
            path = settings_file.parent / path
        if path.is_dir():
            folders.append(path.resolve())
    folders += content_cache.plugin_folders(settings)
    return folders


def nothing_changed(previous: Manifest, inputs: Inputs, state: dict) -> bool:
    """Whether the last build's output still stands for these inputs."""
    if previous.inputs_digest != inputs.digest:
        return False
    if previous.valid_until and datetime.now(UTC).isoformat() >= previous.valid_until:
        return False
    return output_is_as_left(previous, state)


def site_digest(settings: dict, inputs: Inputs, theme: bool = True) -> str:
    """A digest of the site's code: its settings as Pelican read them, the
    theme (unless `theme` is False), plugins and settings files, the installed
    packages."""
    digest = hashlib.sha256(
        content_cache.settings_text(settings, {"OUTPUT_PATH", "CACHE_PATH"}).encode()
    )
    left_out = "" if theme else theme_folder(settings)
    code = [str(path) for path in inputs.code if str(path) != left_out]
    for name in sorted(inputs.files):
        if any(name == root or name.startswith(root + os.sep) for root in code):
            digest.update(f"{name}\0{inputs.files[name][2]}\n".encode())
    digest.update(installed_packages().encode())
    return digest.hexdigest()


# Source files Pelican reads as entries and pages; the others are static files.
SOURCE_SUFFIXES = frozenset({".md", ".markdown", ".mkd", ".mdown", ".rst", ".html"})


def theme_folder(settings: dict) -> str:
    """The theme's folder, as the build's inputs name it ("" for none)."""
    theme = settings.get("THEME")
    return str(Path(theme).resolve()) if isinstance(theme, str) and theme else ""


def model_folder(
    cache_root: Path, settings: dict, inputs: Inputs, content: Path
) -> Path:
    """Where entries are kept as Pelican made them: for these settings,
    plugins and packages (not the theme: entries are made before any template
    is read, so a template or stylesheet edited does not make them again),
    these static files (an entry may be made with what it links, such as
    images) and this commit (an entry is dated by its git history)."""
    code = site_digest(settings, inputs, theme=False)
    digest = hashlib.sha256(f"{code}\ngit:{inputs.commit}".encode())
    root = str(content) + os.sep
    for name in sorted(inputs.files):
        suffix = os.path.splitext(name)[1].lower()
        if name.startswith(root) and suffix not in SOURCE_SUFFIXES:
            digest.update(f"{name}\0{inputs.files[name][2]}\n".encode())
    return cache_root / "models" / digest.hexdigest()[:20]


# Showing an edit early (the preview) ------------------------------------------------


def pages_to_show_early(written: dict[str, str], record) -> list[str]:
    """Of the pages written so far (name: digest of the file), those to put in
    the output before the rest: the ones the last build wrote otherwise and the
    output still holds as it left them. (A new page is linked from nowhere
    until the lists that show it are written: it waits for them.)"""
    if record.previous is None:  # a full build: the folder is replaced whole
        return []
    return sorted(
        name
        for name, digest in written.items()
        if name.endswith(".html")
        and (old := record.as_left(name)) is not None
        and old.digest != digest
    )


class EarlyPages:
    """Pages put in the output before the rest of their build (from its
    `scratch` folder, when there is someone to `tell`), and the files they
    replaced, kept aside (in a folder beside the output) until the build is in
    place or has failed."""

    def __init__(self, output: Path, scratch: Path, tell=None):
        self.output, self.scratch, self.tell = output, scratch, tell
        self.aside: Path | None = None
        self.shown: list[str] = []
        self.digests: dict[str, str] = {}  # of the pages shown, as shown

    def follow(self, record) -> None:
        """Show the entries' pages once the build has rendered them."""
        if self.tell is not None:
            record.after_edited.append(
                lambda every_core: self.show(record) and self.tell(self.shown)
            )

    def show(self, record) -> bool:
        """Put the pages of the scratch folder worth showing early in the output
        (each with an atomic rename; the scratch keeps its copy, which the build
        puts in place again at its end); whether any was."""
        scratch = self.scratch
        written = {
            name: file_digest(path)
            for name, path in scratch_files(scratch)
            if name.endswith(".html")
        }
        names = pages_to_show_early(written, record)
        if not names:
            return False
        self.aside = staging_folder(self.output, "preview")
        with signals_held():
            for name in names:
                target, old, new = (
                    self.output / name,
                    self.aside / "old" / name,
                    self.aside / "new" / name,
                )
                old.parent.mkdir(parents=True, exist_ok=True)
                new.parent.mkdir(parents=True, exist_ok=True)
                keep_aside(target, old)
                shutil.copyfile(scratch / name, new)
                os.replace(new, target)
                self.shown.append(name)
                self.digests[name] = written[name]
                # The output holds another file now: the build puts its own
                # in place at its end whatever its digest.
                found = target.stat()
                record.output_state[name] = (found.st_size, found.st_mtime_ns)
        return True

    def done(self, built: Built, files: dict) -> Built:
        """The build is in place: the pages shown early stay; what the build
        changed besides them, or since (`files`: the manifest's)."""
        self.settle(in_place=True)
        if built.changed is None or not self.digests:
            return built
        shown = {
            name
            for name, digest in self.digests.items()
            if name in files and files[name].digest == digest
        }
        changed = tuple(name for name in built.changed if name not in shown)
        return dataclasses.replace(built, changed=changed)

    def settle(self, in_place: bool) -> None:
        """The build is in place (the pages stay) or is not (they are put back
        as they were); either way nothing is left aside."""
        if self.aside is None:
            return
        with signals_held():
            for name in [] if in_place else self.shown:
                try:
                    os.replace(self.aside / "old" / name, self.output / name)
                except OSError as error:  # the next build renders it again
                    logging.getLogger(__name__).warning(
                        "%s: could not put back the page as it was (%s)",
                        self.output / name,
                        error.strerror or error,
                    )
            shutil.rmtree(self.aside, ignore_errors=True)
        self.aside, self.shown = None, []


def keep_aside(path: Path, aside: Path) -> None:
    """Keep the file `path` as it is (same size and time) at `aside` too: a
    second link to it where the file system has links, a copy elsewhere."""
    try:
        os.link(path, aside, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, aside, follow_symlinks=False)


# Putting the build in place ---------------------------------------------------------


def put_in_place(scratch: Path, output: Path, record) -> tuple[Built, dict]:
    """Make the output what the build in `scratch` left: the whole folder for
    a full build, the changed files for an incremental one. Return what was
    done and the manifest's files."""
    if record.previous is None:
        files = full_files(scratch, record)
        # The old folder goes whole: what it held that the new one lacks (an
        # old stylesheet's hashed name, say) is removed.
        removed = sum(name not in files for name in record.output_state)
        swap_in(scratch, output, keep=(search_index.INDEX_FOLDER,))
        built = Built(output, "full", len(files), removed, record.rendered, None)
        return built, files
    files, written, removed = apply_changes(scratch, output, record)
    changed = tuple(sorted([*written, *removed]))
    built = Built(
        output, "incremental", len(written), len(removed), record.rendered, changed
    )
    return built, files


def scratch_files(scratch: Path):
    """Every file a build wrote into its scratch folder: (its path relative to
    the folder, its path), as text (no Path: 15,000 files at 10,000 entries)."""
    top = os.fspath(scratch)
    for directory, _, files in os.walk(top):
        folder = os.path.relpath(directory, top)
        prefix = "" if folder == os.curdir else folder.replace(os.sep, "/") + "/"
        for name in files:
            yield prefix + name, os.path.join(directory, name)


def full_files(scratch: Path, record) -> dict[str, OutputFile]:
    """The manifest's record of every file of a full build."""
    files = {}
    for name, path in scratch_files(scratch):
        stat = os.stat(path)
        files[name] = OutputFile(
            file_digest(path), stat.st_size, stat.st_mtime_ns, record.keys.get(name)
        )
    return files


def apply_changes(scratch: Path, output: Path, record):
    """Move the files of `scratch` that differ into `output`, remove those the
    site no longer has; return (the manifest's files, the names of those
    written, of those removed)."""
    previous, state = record.previous.files, record.output_state
    files = dict(record.kept)
    written = []
    for name, path in scratch_files(scratch):
        digest = file_digest(path)
        old = previous.get(name)
        if old is not None and old.digest == digest and state.get(name) == old.state:
            files[name] = OutputFile(
                digest, old.size, old.mtime_ns, record.keys.get(name)
            )
            continue
        target = output / name
        make_room(target, output)
        os.replace(path, target)
        stat = target.stat()
        files[name] = OutputFile(
            digest, stat.st_size, stat.st_mtime_ns, record.keys.get(name)
        )
        written.append(name)
    removed = [name for name in state if name not in files]
    for name in removed:
        (output / name).unlink(missing_ok=True)
    remove_empty_folders(output, removed)
    return files, written, removed


def make_room(target: Path, output: Path) -> None:
    """Make sure `target` can be renamed into place: its folders exist as
    folders, and no folder stands where the file goes."""
    for parent in reversed(target.relative_to(output).parents[:-1]):
        folder = output / parent
        if folder.is_file() or folder.is_symlink():
            folder.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)


def remove_empty_folders(output: Path, removed: list[str]) -> None:
    """Remove the folders that removing these files left empty."""
    folders = {parent for name in removed for parent in Path(name).parents[:-1]}
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        with suppress(OSError):  # not empty, or already gone
            (output / folder).rmdir()
