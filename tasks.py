"""Tasks for the author: build, serve, clean and test the site (`invoke --list`)."""

import subprocess
import sys
import time
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from workflow.build import BuildError, build_site  # noqa: E402
from workflow.serve import changed, snapshot, start_server  # noqa: E402

SETTINGS = {False: ROOT / "pelicanconf.py", True: ROOT / "publishconf.py"}
FOLDER_HELP = {
    "content": "content folder to build (default: content/)",
    "output": "folder to write the site into (default: output/)",
}


def _folder(path, default):
    """Resolve a folder the author named (relative to where they are) or a default."""
    return Path(path).resolve() if path else ROOT / default


def _build(content, output, production=False):
    try:
        return build_site(content, output, SETTINGS[production])
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
    output = _build(_folder(content, "content"), _folder(output, "output"), production)
    print(f"Built {output}")


@task(help={**FOLDER_HELP, "port": "port on 127.0.0.1 (default: 8000)"})
def serve(c, content=None, output=None, port=8000):
    """Build, serve on 127.0.0.1 and rebuild when a source file changes."""
    content, output = _folder(content, "content"), _folder(output, "output")
    _build(content, output)
    watched = [content, ROOT / "theme", ROOT / "plugins", *SETTINGS.values()]
    server = start_server(output, int(port))
    print(f"Serving {output} on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    seen = snapshot(watched)
    try:
        while True:
            time.sleep(0.5)
            now = snapshot(watched)
            if changed(seen, now):
                seen = now
                try:
                    build_site(content, output, SETTINGS[False])
                    print("Rebuilt.")
                except BuildError as error:
                    print(f"Build failed, previous site still served:\n{error}")
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
        server.server_close()


@task(help={"output": FOLDER_HELP["output"]})
def clean(c, output=None):
    """Remove the built site."""
    import shutil  # noqa: PLC0415

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
    }
)
def bench(c, entries=1000, runs=3, results=None):
    """Benchmark the production build against stock Pelican on a generated journal."""
    command = [sys.executable, "-m", "benchmarks", f"--entries={entries}"]
    command += [f"--runs={runs}", f"--results={_folder(results, 'benchmarks/results')}"]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode:
        raise Exit(code=result.returncode)
