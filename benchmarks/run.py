"""The build benchmark: this project against stock Pelican on one corpus.

`run_benchmark(entries, runs, workdir)` generates the corpus, then, for
`runs` rounds, alternating which of the two goes first:

- cold build: the project's `invoke build --production` with an empty
  content cache, and stock Pelican 4.12 (default theme, no plugins);
- warm build: the same again, nothing changed, each with its content cache;
- one edit: a line appended to one entry, then the project's full rebuild,
  the project's fast path (only the edited entry and its neighbours; what
  `invoke serve` can show first), and stock Pelican's rebuild with its cache
  (what its autoreload does on every save).

Every build runs in its own process; the report holds medians of wall time,
CPU time and peak memory, and the gzip size of each type of page.
`format_report` turns the results into the Markdown tables of the README.
"""

import shutil
import sys
from pathlib import Path

from benchmarks import corpus
from benchmarks.measure import (
    PAGE_BUDGET,
    count_files,
    load_average,
    machine,
    median_run,
    page_sizes,
    run_measured,
    size_summary,
)

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = ROOT / "publishconf.py"
STOCK = Path(__file__).resolve().parent / "stockconf.py"
EDITED_ENTRY_INDEX = 0.5  # which entry the edit goes to: the middle one
TOOLS = ("project", "stock")
# The rows of the report: (label, project's measure, stock's measure). Stock
# Pelican's autoreload rebuilds the whole site on a save: that is when it
# shows the edited entry.
SCENARIOS = (
    ("Full build, cold", "cold project", "cold stock"),
    ("Full build, warm cache", "warm project", "warm stock"),
    ("One edit, full rebuild", "edit rebuild project", "edit rebuild stock"),
)
PAGE_ORDER = (
    "entry",
    "Q&A page",
    "index",
    "tag",
    "archives",
    "year archive",
    "category",
    "author",
    "feed",
)


def project_build(content, output):
    """The author's production build: `invoke build --production`."""
    build = ["build", "--production", "--content", content, "--output", output]
    return [sys.executable, "-m", "invoke", *build]


def stock_build(content, output, cache=None):
    """Stock Pelican's build; with `cache`, its content cache (autoreload's way)."""
    command = [sys.executable, "-m", "pelican", content, "-s", STOCK, "-o", output]
    if cache:
        cached = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
        command += ["-e", *cached, f'CACHE_PATH="{cache}"']
    return command


def clear_project_cache(content: Path) -> None:
    """Remove every cache of the project's builds: the next build is cold."""
    shutil.rmtree(PRODUCTION.parent / ".cache", ignore_errors=True)


def edit(entry: Path, round_number: int) -> None:
    """Append one line to an entry, as an author saving a small edit."""
    with entry.open("a", encoding="utf-8") as file:
        file.write(f"\nEdited for the benchmark, round {round_number}.\n")


def run_benchmark(entries: int, runs: int, workdir: Path, progress=print) -> dict:
    """Build the corpus with both tools, alternating; return the results."""
    workdir = Path(workdir)
    content = corpus.write_corpus(workdir / "content", entries)
    edited = content / "journal" / corpus.entry_name(int(entries * EDITED_ENTRY_INDEX))
    out = {tool: workdir / f"{tool}-output" for tool in TOOLS}
    stock_cache = workdir / "stock-cache"
    samples: dict[str, list] = {}

    def measure(name, command):
        progress(f"  {name}")
        samples.setdefault(name, []).append(run_measured(command, cwd=ROOT))

    load_before = load_average()
    progress(f"Corpus: {entries} entries in {content}; priming stock's cache")
    run_measured(stock_build(content, workdir / "primer", stock_cache), ROOT)
    shutil.rmtree(workdir / "primer")
    for round_number in range(runs):
        progress(f"Round {round_number + 1} of {runs}")
        order = TOOLS if round_number % 2 == 0 else TOOLS[::-1]
        for tool in order:
            shutil.rmtree(out[tool], ignore_errors=True)
            if tool == "project":
                clear_project_cache(content)
                measure("cold project", project_build(content, out[tool]))
                measure("warm project", project_build(content, out[tool]))
            else:
                measure("cold stock", stock_build(content, out[tool]))
                measure("warm stock", stock_build(content, out[tool], stock_cache))
        for tool in order:
            edit(edited, round_number)
            if tool == "project":
                measure("edit rebuild project", project_build(content, out[tool]))
            else:
                cached = stock_build(content, out[tool], stock_cache)
                measure("edit rebuild stock", cached)
    return {
        "entries": entries,
        "runs": runs,
        "machine": machine(),
        "load": {"before": load_before, "after": load_average()},
        "builds": {name: median_run(measured) for name, measured in samples.items()},
        "files": {tool: count_files(out[tool]) for tool in TOOLS},
        "pages": {tool: size_summary(page_sizes(out[tool], tool)) for tool in TOOLS},
    }


def _ratio(project: float, stock: float) -> str:
    return f"{project / stock:.2f}" if stock else "n/a"


def _row(label, project, stock, unit, digits=2):
    return (
        f"| {label} | {project:.{digits}f} {unit} | {stock:.{digits}f} {unit} "
        f"| {_ratio(project, stock)} |"
    )


def format_report(results: dict) -> str:
    """The results as Markdown: builds, then gzip bytes per page type."""
    builds, entries = results["builds"], results["entries"]
    info = results["machine"]
    lines = [
        f"{entries} entries, median of {results['runs']} alternating runs. "
        f"Machine: {info['cpus']} x {info['cpu']}, {info['memory']} memory, "
        f"{info['system']}; Python {info['python']}, Pelican {info['pelican']}, "
        f"Markdown {info['markdown']}. Load average {results['load']['before']} "
        f"before, {results['load']['after']} after (the machine is shared).",
        "",
        "| Build | This project | Stock Pelican | Ratio |",
        "|---|---|---|---|",
    ]
    for label, project_name, stock_name in SCENARIOS:
        project, stock = builds[project_name], builds[stock_name]
        lines.append(_row(f"{label}: wall time", project.wall, stock.wall, "s"))
        if project_name == "cold project":
            per_entry = (1000 * project.wall / entries, 1000 * stock.wall / entries)
            lines.append(_row(f"{label}: per entry", *per_entry, "ms", 1))
        lines.append(_row(f"{label}: CPU time", project.cpu, stock.cpu, "s"))
        memory = (project.peak_mib, stock.peak_mib)
        lines.append(_row(f"{label}: peak memory", *memory, "MiB", 0))
    lines.append(
        f"| Files written | {results['files']['project']} "
        f"| {results['files']['stock']} | |"
    )
    lines += [
        "",
        "| Page type | This project: pages, median, largest (gzip bytes) "
        "| Stock Pelican: pages, median, largest |",
        "|---|---|---|",
    ]
    pages = results["pages"]
    kinds = [kind for kind in PAGE_ORDER if kind in pages["project"] | pages["stock"]]
    for kind in kinds:
        cells = []
        for tool in TOOLS:
            summary = pages[tool].get(kind)
            if summary is None:
                cells.append("none")
                continue
            over = " (over 14 KB)" if summary["max"] > PAGE_BUDGET else ""
            cells.append(
                f"{summary['pages']}, {summary['median']:,}, {summary['max']:,}{over}"
            )
        lines.append(f"| {kind} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + "\n"
