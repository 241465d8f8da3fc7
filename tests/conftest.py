"""Shared fixtures: build real sites with the project's own `invoke build`."""

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
# The author's material; a copy travels with the tests for clones without shared/.
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_e3a097d91f36d65e.txt"
SEED = SHARED_SEED if SHARED_SEED.is_file() else ROOT / "tests" / "data" / "seed.txt"
SEED_QUESTIONS = [
    "How do you define successful engineering leadership?",
    "What is your approach to scaling technical organizations?",
    "How do you balance high-growth velocity with technical stability?",
]
SEED_LABELS = [
    ["Alignment", "Velocity vs. Stability", "The Human Growth Curve"],
    ["The 3-Continent Perspective", "Modular Autonomy", "Automation as Infrastructure"],
    ["The ROI Filter", "Zero-Downtime Culture", "The 70/20/10 Rule"],
]

# Debian's Chromium, as root, on a machine with no way out to the internet.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def words(text):
    """Text with every run of white space made one space."""
    return " ".join(text.split())


def seed_entry_paragraphs():
    """The paragraphs of the author's entry of 2023-08-30, as in the seed."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[1 : lines.index("Older post")])
    return [words(p) for p in body.split("\n\n") if p.strip()]


def theme_file(output, source):
    """The published copy of the theme file `source` (`css/site.css`), whose
    name carries a digest of its bytes: `theme/css/site.3f2a9c1e.css`."""
    source = Path(source)
    folder = Path(output) / "theme" / source.parent
    found = [
        path
        for path in folder.glob(f"{source.stem}.*{source.suffix}")
        if re.fullmatch(rf"{re.escape(source.stem)}\.[0-9a-f]{{8}}", path.stem)
    ]
    assert len(found) == 1, f"{source}: {found or 'no hashed copy'} in {folder}"
    return found[0]


def theme_path(output, source):
    """The path inside the site of the theme file `source`, as pages link it."""
    return theme_file(output, source).relative_to(output).as_posix()


def folder_fingerprint(folder):
    """{relative path: sha256} of every file in a folder."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


@dataclass
class Build:
    """The outcome of one `invoke build`: exit code, messages and output folder."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def messages(self):
        return self.stdout + self.stderr

    def page(self, relative):
        """The built page at this path, parsed."""
        path = self.output / relative
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def run_invoke(*args, env=None, cwd=ROOT, timeout=120):
    """Run an invoke task of this project the way the author does."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def build_site(content, output, *, production=False, env=None):
    """Build `content` into `output` with `invoke build`."""
    args = ["build", "--content", str(content), "--output", str(output)]
    if production:
        args.append("--production")
    result = run_invoke(*args, env=env)
    return Build(result.returncode, result.stdout, result.stderr, Path(output))


def run_pelican(content, output, settings="pelicanconf.py", extra_settings=""):
    """Build with the plain `pelican` command from the repository root; with
    `extra_settings`, a settings file that imports `settings` and adds them."""
    settings_file = ROOT / settings
    if extra_settings:
        settings_file = Path(output).parent / f"extra_{Path(settings).name}"
        settings_file.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            f"from {Path(settings).stem} import *  # noqa: F403\n{extra_settings}\n",
            encoding="utf-8",
        )
    command = [sys.executable, "-m", "pelican", str(content)]
    command += ["-s", str(settings_file), "-o", str(output)]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )


def write_content(folder, files):
    """Write a content folder from {relative path: text, or bytes for a
    file such as a photo}; return the folder."""
    folder = Path(folder)
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def copy_sample(destination):
    """A copy of the sample content that a test may change."""
    return Path(shutil.copytree(SAMPLE_CONTENT, destination))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample site, built once with local settings."""
    build = build_site(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output")
    assert build.returncode == 0, build.messages
    return build


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    """The sample site, built once with production settings and a known SITEURL."""
    output = tmp_path_factory.mktemp("production") / "output"
    build = build_site(
        SAMPLE_CONTENT,
        output,
        production=True,
        env={"SITEURL": "https://leader.example.org"},
    )
    assert build.returncode == 0, build.messages
    return build


@pytest.fixture
def build(tmp_path):
    """Build a content folder into tmp_path/output."""

    def _build(content, **kwargs):
        return build_site(content, tmp_path / "output", **kwargs)

    return _build


@pytest.fixture
def in_process_builds():
    """Let a test run Pelican in the test process, and leave no trace of it.

    A build connects its plugins' receivers to Pelican's signals for good and
    adds handlers to the root logger; later tests must not meet them."""
    import weakref  # noqa: PLC0415

    from blinker import Signal  # noqa: PLC0415
    from pelican.plugins import signals  # noqa: PLC0415

    def connected():
        return {
            signal: set(signal.receivers)
            for signal in vars(signals).values()
            if isinstance(signal, Signal)
        }

    before = connected()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for signal, receiver_ids in connected().items():
        for receiver_id in receiver_ids - before.get(signal, set()):
            receiver = signal.receivers.get(receiver_id)
            if isinstance(receiver, weakref.ref):
                receiver = receiver()
            if receiver is not None:
                signal.disconnect(receiver)
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, shared by every browser test."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    assert CHROMIUM.is_file(), "Chromium is missing: run ./scripts/setup --test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
