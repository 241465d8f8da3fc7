"""The differential check of incremental builds: equal to a clean build, always.

`run_sequence(folder, steps, seed)` sets up a copy of the project (tasks,
settings, theme, plugins, workflow) with a small journal, whose feed holds its
newest entries and archives the older ones month by month, then applies a
seeded random sequence of the author's actions: add, delete, retitle and
redate entries (their neighbours change), toggle a draft, retag, edit a text,
edit the Q&A page, edit a template, the stylesheet, a setting or a plugin,
and swap the content folder for another. After every action it builds the
site incrementally into one output folder, as the author does again and
again, and cleanly (a fresh copy of the project with no cache at all, into a
new folder), and compares the two: every file byte for byte, none extra or
missing. It returns the differences found, step by step (none, when the
incremental build is right).

The test suite runs a short sequence; `invoke bench` a long one.
"""

import compileall
import py_compile
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("tasks.py", "invoke.yaml", "pelicanconf.py", "publishconf.py")
PROJECT_FOLDERS = ("workflow", "plugins", "theme")
TAGS = ("hiring", "scaling", "delivery", "culture", "strategy", "mentoring")
# Entries of the small journal's subscription document: the others are in the
# feed's archives, which its actions then change as a real journal's do.
FEED_NEWEST = 3
CATEGORIES = ("Leadership", "Teams", "Notes")
ACTIONS = (
    "add",
    "delete",
    "retitle",
    "redate",
    "draft",
    "retag",
    "edit",
    "qa",
    "template",
    "stylesheet",
    "setting",
    "plugin",
    "swap",
)
QA_PAGE = """\
Title: Leadership
Template: philosophy
Summary: How I lead.

## How do you define successful engineering leadership?

### The Philosophy

{philosophy}

### The Strategy

- **Alignment:** Every engineer knows why their work matters.
- **Velocity vs. Stability:** We ship fast and predictably.
"""


@dataclass
class Step:
    """One action and what it left different between the two builds."""

    number: int
    action: str
    what: str
    differences: list[str] = field(default_factory=list)


def copy_project(source: Path, destination: Path, compiled: bool = False) -> Path:
    """A copy of the project's code (not its content, caches or outputs);
    `compiled`: with its modules compiled, as Python keeps them on an author's
    machine after the first run (not where PYTHONDONTWRITEBYTECODE is set)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(source / name, destination / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(
            source / name,
            destination / name,
            ignore=shutil.ignore_patterns("__pycache__"),
            dirs_exist_ok=True,
        )
    if compiled:
        for name in PROJECT_FILES:
            if name.endswith(".py"):
                py_compile.compile(str(destination / name), doraise=True)
        for name in PROJECT_FOLDERS:
            compileall.compile_dir(destination / name, quiet=1)
    return destination


def entry_text(rng: random.Random, number: int, title=True) -> str:
    """A short entry with a summary-free first paragraph, tags and a category."""
    tags = ", ".join(sorted(rng.sample(TAGS, rng.randint(1, 3))))
    lines = []
    if title:
        lines.append(f"Title: Note {number} on {rng.choice(TAGS)}")
    lines += [f"Tags: {tags}", f"Category: {rng.choice(CATEGORIES)}", ""]
    words = " ".join(rng.choice(TAGS) for _ in range(rng.randint(20, 60)))
    lines += [f"Entry {number}: {words}.", "", f"A second paragraph, {number}.", ""]
    return "\n".join(lines)


def write_journal(content: Path, rng: random.Random, entries: int) -> Path:
    """A small journal: dated entries (some untitled), a Q&A page, an image."""
    journal = content / "journal"
    journal.mkdir(parents=True, exist_ok=True)
    for number in range(entries):
        day = f"2023-{1 + number % 12:02d}-{1 + (number * 7) % 28:02d}"
        name = f"{day}-{number}.md" if number % 4 == 0 else f"{day}.md"
        path = journal / name
        if not path.exists():
            path.write_text(entry_text(rng, number, title=number % 5 != 0))
    pages = content / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "leadership.md").write_text(
        QA_PAGE.format(philosophy="Build a room that out-innovates me.")
    )
    (pages / "about.md").write_text("Title: About\n\nWho writes this journal.\n")
    (content / "extra").mkdir(exist_ok=True)
    (content / "extra" / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return content


class Author:
    """The author's hands on a project copy: each action changes a file."""

    def __init__(self, project: Path, content: Path, spare: Path, seed: int):
        self.project, self.content, self.spare = project, content, spare
        self.rng = random.Random(seed)
        self.added = 1000

    def entries(self) -> list[Path]:
        return sorted((self.content / "journal").glob("*.md"))

    def act(self, action: str) -> str:
        return getattr(self, f"_{action}")()

    def _add(self) -> str:
        self.added += 1
        day = f"2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        path = self.content / "journal" / f"{day}-{self.added}.md"
        path.write_text(entry_text(self.rng, self.added))
        return f"added {path.name}"

    def _delete(self) -> str:
        entries = self.entries()
        if len(entries) <= 3:
            return self._add()
        path = self.rng.choice(entries)
        path.unlink()
        return f"deleted {path.name}"

    def _rewrite(self, change) -> str:
        path = self.rng.choice(self.entries())
        lines = path.read_text().split("\n")
        path.write_text("\n".join(change(lines)))
        return path.name

    def _retitle(self) -> str:
        title = f"Title: Retitled {self.rng.randint(1, 10**6)}"

        def change(lines):
            kept = [line for line in lines if not line.startswith("Title:")]
            return [title, *kept]

        return f"retitled {self._rewrite(change)}"

    def _redate(self) -> str:
        date = f"Date: {self.rng.randint(2019, 2025)}-{self.rng.randint(1, 12):02d}-"
        date += f"{self.rng.randint(1, 28):02d}"

        def change(lines):
            return [date, *(line for line in lines if not line.startswith("Date:"))]

        return f"redated {self._rewrite(change)}"

    def _draft(self) -> str:
        def change(lines):
            if "Status: draft" in lines:
                return [line for line in lines if line != "Status: draft"]
            return ["Status: draft", *lines]

        return f"toggled draft on {self._rewrite(change)}"

    def _retag(self) -> str:
        tags = "Tags: " + ", ".join(self.rng.sample(TAGS, self.rng.randint(1, 3)))

        def change(lines):
            return [tags, *(line for line in lines if not line.startswith("Tags:"))]

        return f"retagged {self._rewrite(change)}"

    def _edit(self) -> str:
        words = " ".join(self.rng.choice(TAGS) for _ in range(self.rng.randint(3, 30)))
        return f"edited {self._rewrite(lambda lines: [*lines, words, ''])}"

    def _qa(self) -> str:
        page = self.content / "pages" / "leadership.md"
        philosophy = f"Build a room, version {self.rng.randint(1, 10**6)}."
        page.write_text(QA_PAGE.format(philosophy=philosophy))
        return "edited the Q&A page"

    def _template(self) -> str:
        footer = self.project / "theme" / "templates" / "partials" / "site_footer.html"
        footer.write_text(
            footer.read_text() + f"<!-- edit {self.rng.randint(1, 10**6)} -->\n"
        )
        return "edited the footer template"

    def _stylesheet(self) -> str:
        css = self.project / "theme" / "static" / "css" / "site.css"
        css.write_text(css.read_text() + f"\n/* edit {self.rng.randint(1, 10**6)} */\n")
        return "edited the stylesheet"

    def _setting(self) -> str:
        conf = self.project / "pelicanconf.py"
        subtitle = f"Notes, version {self.rng.randint(1, 10**6)}."
        conf.write_text(conf.read_text() + f"\nSITESUBTITLE = {subtitle!r}\n")
        return f"set SITESUBTITLE to {subtitle!r}"

    def _plugin(self) -> str:
        module = self.project / "plugins" / "journal" / "neighbours.py"
        module.write_text(
            module.read_text() + f"\n# edit {self.rng.randint(1, 10**6)}\n"
        )
        return "edited a plugin"

    def _swap(self) -> str:
        staged = self.content.with_name(self.content.name + ".swap")
        self.content.rename(staged)
        self.spare.rename(self.content)
        staged.rename(self.spare)
        return "swapped the content folder for another"


def build(project: Path, content: Path, output: Path) -> subprocess.CompletedProcess:
    """`invoke build` in a project copy, as the author runs it."""
    command = [sys.executable, "-m", "invoke", "build"]
    command += ["--content", str(content), "--output", str(output)]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, check=False
    )


def differences(expected: Path, found: Path) -> list[str]:
    """Every file that differs between two built sites, missing or extra."""

    def files(folder):
        return {
            path.relative_to(folder).as_posix(): path
            for path in Path(folder).rglob("*")
            if path.is_file()
        }

    clean, incremental = files(expected), files(found)
    problems = [f"missing {name}" for name in sorted(clean.keys() - incremental.keys())]
    problems += [f"extra {name}" for name in sorted(incremental.keys() - clean.keys())]
    problems += [
        f"differs {name}"
        for name in sorted(clean.keys() & incremental.keys())
        if clean[name].read_bytes() != incremental[name].read_bytes()
    ]
    return problems


def action_sequence(steps: int, seed: int) -> list[str]:
    """`steps` actions in a seeded random order, each action at least once
    when there are steps enough."""
    rng = random.Random(seed)
    every = rng.sample(ACTIONS, len(ACTIONS))
    return (every + [rng.choice(ACTIONS) for _ in range(steps)])[:steps]


def run_sequence(folder: Path, steps: int, seed: int, progress=None) -> list[Step]:
    """Apply `steps` seeded random actions; after each, compare the incremental
    build with a clean one. Return every step, with what differed."""
    folder = Path(folder)
    rng = random.Random(seed)
    actions = action_sequence(steps, seed)
    project = copy_project(ROOT, folder / "project")
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nFEED_MAX_ITEMS = {FEED_NEWEST}\n")
    content = write_journal(folder / "content", rng, 8)
    spare = write_journal(folder / "spare", random.Random(seed + 1), 5)
    author = Author(project, content, spare, seed)
    output = folder / "output"
    first = build(project, content, output)
    if first.returncode:
        raise RuntimeError(f"the first build failed:\n{first.stderr}")
    done = []
    for number, action in enumerate(actions, start=1):
        step = Step(number, action, author.act(action))
        incremental = build(project, content, output)
        oracle = copy_project(project, folder / f"clean-{number}")
        clean = build(oracle, content, folder / f"clean-{number}-output")
        if incremental.returncode or clean.returncode:
            step.differences.append(
                f"build failed: incremental {incremental.returncode} "
                f"{incremental.stderr[-800:]} clean {clean.returncode} "
                f"{clean.stderr[-800:]}"
            )
        else:
            step.differences = differences(folder / f"clean-{number}-output", output)
        shutil.rmtree(oracle, ignore_errors=True)
        shutil.rmtree(folder / f"clean-{number}-output", ignore_errors=True)
        done.append(step)
        if progress:
            progress(step)
    return done
