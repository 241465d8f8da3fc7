"""Tasks for the author: new, build, serve, check, publish (`invoke --list`)."""

import atexit
import contextlib
import datetime
import functools
import gc
import signal
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task

from workflow.build import BuildError, build_site, check_folders, load_build_code
from workflow.invoke_yaml import invoke_yaml_problem

# The other tasks import what they need when they run, so that `invoke build`
# (and `invoke --list`) start without loading what they do not use.

ROOT = Path(__file__).resolve().parent
# invoke reads invoke.yaml once this file is loaded: a mistake in it is told
# here, plainly, before invoke meets it with a traceback.
if problem := invoke_yaml_problem(ROOT / "invoke.yaml"):
    raise Exit(problem, code=1)
SETTINGS = {False: ROOT / "pelicanconf.py", True: ROOT / "publishconf.py"}
FOLDER_HELP = {
    "content": "content folder to build (default: content/)",
    "output": "folder to write the site into (default: output/)",
}


def _folder(path, default):
    """Resolve a folder the author named (relative to where they are) or a default."""
    return Path(path).resolve() if path else ROOT / default


def _build(content, output, production=False, **overrides):
    try:
        return build_site(content, output, SETTINGS[production], **overrides)
    except BuildError as error:
        raise Exit(
            f"Build failed; {output} is left as it was.\n{error}", code=1
        ) from None


@task(
    help={
        **FOLDER_HELP,
        "production": "use publishconf.py: absolute URLs (env SITEURL overrides)",
    }
)
def build(c, content=None, output=None, production=False):
    """Build the site; a failed build leaves the output folder as it was."""
    # Stopped (SIGTERM), a build cleans up as it does on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    output = _build(_folder(content, "content"), _folder(output, "output"), production)
    print(f"Built {output}")
    # On the way out, Python's collector need not go through every object of
    # the build once more (at exit: a task after this one still collects).
    atexit.register(gc.freeze)


@task(
    help={
        "title": "the entry's title; it also names the file (optional)",
        "content": "content folder whose journal/ receives the entry "
        "(default: content/)",
    }
)
def new(c, title="", content=None):
    """Create today's journal entry under a new name and print its path."""
    from pelican.settings import get_settings_from_file

    from plugins.shared.slugs import slug_rule
    from workflow.new_entry import create_entry
    from workflow.settings_file import settings_problem

    # The file is named by the site's own slug rule, as its tags are.
    try:
        settings = get_settings_from_file(str(SETTINGS[False]))
    except Exception as error:
        raise Exit(settings_problem(SETTINGS[False], error), code=1) from None
    journal = _folder(content, "content") / "journal"
    print(create_entry(journal, datetime.date.today(), title, slug_rule(settings)))


@task(help={**FOLDER_HELP, "port": "port on 127.0.0.1 (default: 8000; 0: any free)"})
def serve(c, content=None, output=None, port=8000):
    """Build, serve locally, rebuild on change and reload the open page."""
    from workflow.serve import Rebuilds, served_site_settings, start_server, watch

    content, output = _folder(content, "content"), _folder(output, "output")
    try:  # a folder no save can put right stops the preview at once
        check_folders(content.resolve(), output.resolve())
    except BuildError as error:
        raise Exit(str(error), code=1) from None
    watched = [content, ROOT / "theme", ROOT / "plugins"]
    try:
        # First, so that the site is built for the port really served (--port 0).
        server = start_server(output, int(port))
    except OSError as error:
        raise Exit(
            f"Cannot serve on 127.0.0.1:{port} ({error.strerror}); "
            "pass another --port, or --port 0 for any free one"
        ) from None
    overrides = served_site_settings(server.port)
    rebuilds = Rebuilds(
        content,
        output,
        SETTINGS[False],
        overrides,
        announce=server.announce_rebuild,
        report=functools.partial(print, flush=True),
    )
    try:
        _first_preview(content, output, overrides)
        # Each rebuild is forked from here: with what the first build left
        # collected and the rest frozen, it does not go through them again.
        gc.collect()
        gc.freeze()
        print(f"Serving {output} on {overrides['SITEURL']}/ (Ctrl-C stops)", flush=True)
        watch(watched, rebuilds.request, files=SETTINGS.values())
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
    finally:
        rebuilds.stop()
        server.stop()


def _first_preview(content, output, overrides) -> None:
    """The preview's first build, and what its rebuilds will run loaded. One
    that fails is said nothing of: the watcher's first look builds again (for
    what was saved meanwhile) and says why, and the preview goes on with the
    last good site, if any, until a fix is saved."""
    with contextlib.suppress(BuildError):
        build_site(content, output, SETTINGS[False], **overrides)
    with contextlib.suppress(BuildError):  # the settings may be the mistake
        load_build_code(SETTINGS[False], content, output)


@task(help={"output": "built site to check (default: output/)"})
def check(c, output=None):
    """Check a built site: links, anchors, page heads, feed, scripts."""
    from workflow.check import check_site

    output = _folder(output, "output")
    problems = check_site(output)
    if problems:
        raise Exit(
            "\n".join([*problems, f"{len(problems)} problem(s) in {output}"]), code=1
        )
    print(f"No problems found in {output}")


@task(
    help={
        "content": FOLDER_HELP["content"],
        "target": "user@host:/path, a local folder, a git repository ending in "
        ".git, or s3://BUCKET[/FOLDER] (default: publish.target in invoke.yaml)",
        "dry-run": "list what would be added, changed and deleted; change nothing",
        "force": "delete more than publish.max_deletes files if need be",
    }
)
def publish(c, content=None, target=None, dry_run=False, force=False):
    """Build with publishconf.py, check, and put the site on its host."""
    from workflow import publish as publishing

    sources = publishing.SiteSources(
        content=_folder(content, "content"),
        settings_file=SETTINGS[True],
        repository=ROOT,
        source_folders=(ROOT / "theme", ROOT / "plugins"),
    )
    try:
        settings = publishing.publish_settings(c.config.get("publish"))
        target = publishing.chosen_target(target, settings)
        changes, site_url = publishing.publish_content(
            sources, target, settings, dry_run=dry_run, force=force
        )
    except publishing.PublishError as error:
        raise Exit(str(error)) from None
    except KeyboardInterrupt:
        raise Exit(
            "Stopped. If the upload had begun, the target may hold part of the new "
            "site (nothing it needs is deleted before the rest is there): publish "
            "again to finish.",
            code=130,
        ) from None
    if dry_run:
        print(publishing.listing(changes))
        print(f"Dry run: nothing was changed on {target}.")
    else:
        print(publishing.summary(changes, target, site_url))


@task(help={"output": FOLDER_HELP["output"]})
def clean(c, output=None):
    """Remove the built site."""
    import shutil

    output = _folder(output, "output")
    shutil.rmtree(output, ignore_errors=True)
    print(f"Removed {output}")


@task(help={"args": "extra pytest arguments, e.g. '-k journal -x'"})
def test(c, args=""):
    """Run the test suite."""
    command = [sys.executable, "-m", "pytest", *args.split()]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode:
        raise Exit(code=result.returncode)


@task(
    help={
        "entries": "journal entries in the generated corpus (default: 1000)",
        "runs": "alternating runs per measure; the report holds medians (default: 3)",
        "results": "folder for latest.md and latest.json (default: benchmarks/results)",
        "serve-saves": "saves timed in the preview, 1.5 s apart (default: 7; 0: none)",
        "sequence": "steps of the differential check (default: 40; 0: none)",
    }
)
def bench(c, entries=1000, runs=3, results=None, serve_saves=7, sequence=40):  # noqa: PLR0917
    """Benchmark the production build against stock Pelican on a generated journal."""
    command = [sys.executable, "-m", "benchmarks", f"--entries={entries}"]
    command += [f"--runs={runs}", f"--results={_folder(results, 'benchmarks/results')}"]
    command += [f"--serve-saves={serve_saves}", f"--sequence={sequence}"]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode:
        raise Exit(code=result.returncode)
