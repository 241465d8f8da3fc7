"""The build benchmark: this project against stock Pelican on one corpus.

`run_benchmark(entries, runs, workdir)` generates the corpus (stock Pelican
gets a copy in which every entry has a title: it skips untitled entries, and
must read every entry this project reads) and a copy of the project (so that
the benchmark's caches are its own), then, for `runs` rounds, alternating
which of the two goes first, each build in a process of its own:

- cold: the production build with no output and no cache at all, on both
  sides (stock Pelican as it comes: no content cache);
- nothing changed: the build again; stock Pelican with its content cache on
  (what its autoreload does), primed by a build before;
- one edit: a line appended to one entry, then the build again, stock
  Pelican with its content cache.

It reports medians of wall time, CPU time (the build and its worker
processes) and peak memory (of the largest process), and the gzip size of
each type of page; optionally the preview's time from a save to the page
showing it (`serve_saves`) and a long differential sequence
(`sequence_steps`, see benchmarks/differential.py).
"""

import shutil
import sys
from pathlib import Path

from benchmarks import corpus
from benchmarks.differential import copy_project, run_sequence
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
from benchmarks.search import format_search_report, measure_search
from benchmarks.serve import measure_preview

ROOT = Path(__file__).resolve().parent.parent
STOCK = Path(__file__).resolve().parent / "stockconf.py"
EDITED_ENTRY_INDEX = 0.5  # which entry the edit goes to: the middle one
TOOLS = ("project", "stock")
# The rows of the report: (label, project's measure, stock's measure).
SCENARIOS = (
    ("Full build, cold", "cold project", "cold stock"),
    ("Rebuild, nothing changed", "unchanged project", "unchanged stock"),
    ("Rebuild after one edit", "edit project", "edit stock"),
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


def edit(entry: Path, round_number: int) -> None:
    """Append one line to an entry, as an author saving a small edit."""
    with entry.open("a", encoding="utf-8") as file:
        file.write(f"\nEdited for the benchmark, round {round_number}.\n")


def run_benchmark(
    entries: int,
    runs: int,
    workdir: Path,
    *,
    progress=print,
    serve_saves: int = 0,
    sequence_steps: int = 0,
) -> dict:
    """Build the corpus with both tools, alternating; return the results."""
    workdir = Path(workdir)
    project = copy_project(ROOT, workdir / "project", compiled=True)
    content = {
        "project": corpus.write_corpus(workdir / "content", entries),
        "stock": corpus.write_corpus(workdir / "stock-content", entries, titled=True),
    }
    name = corpus.entry_name(int(entries * EDITED_ENTRY_INDEX))
    edited = {tool: content[tool] / "journal" / name for tool in TOOLS}
    out = {tool: workdir / f"{tool}-output" for tool in TOOLS}
    stock_cache = workdir / "stock-cache"
    samples: dict[str, list] = {}

    def measure(name, command, cwd):
        progress(f"  {name}")
        samples.setdefault(name, []).append(run_measured(command, cwd=cwd))

    load_before = load_average()
    progress(f"Corpus: {entries} entries in {workdir}")
    for round_number in range(runs):
        progress(f"Round {round_number + 1} of {runs}")
        order = TOOLS if round_number % 2 == 0 else TOOLS[::-1]
        for tool in order:
            shutil.rmtree(out[tool], ignore_errors=True)
            if tool == "project":
                shutil.rmtree(project / ".cache", ignore_errors=True)
                build = project_build(content[tool], out[tool])
                measure("cold project", build, project)
                measure("unchanged project", build, project)
                edit(edited[tool], round_number)
                measure("edit project", build, project)
            else:
                shutil.rmtree(stock_cache, ignore_errors=True)
                measure("cold stock", stock_build(content[tool], out[tool]), ROOT)
                cached = stock_build(content[tool], out[tool], stock_cache)
                run_measured(cached, cwd=ROOT)  # primes the content cache
                measure("unchanged stock", cached, ROOT)
                edit(edited[tool], round_number)
                measure("edit stock", cached, ROOT)
    results = {
        "entries": entries,
        "runs": runs,
        "machine": machine(workdir),
        "load": {"before": load_before, "after": load_average()},
        "builds": {name: median_run(measured) for name, measured in samples.items()},
        "files": {tool: count_files(out[tool]) for tool in TOOLS},
        "pages": {tool: size_summary(page_sizes(out[tool], tool)) for tool in TOOLS},
        "search": measure_search(out["project"], workdir, runs),
    }
    if serve_saves:
        progress(f"Preview: {serve_saves} saves, {1.5} s apart")
        preview = measure_preview(
            project,
            content["project"],
            workdir / "preview-output",
            serve_saves,
            edited["project"],
        )
        results["preview"] = {
            "saves": serve_saves,
            "median": preview.median,
            "worst": preview.worst,
            "lost": preview.lost,
            "left_running": preview.left_running,
        }
    if sequence_steps:
        progress(f"Differential sequence: {sequence_steps} steps")
        steps = run_sequence(workdir / "sequence", sequence_steps, seed=entries)
        results["sequence"] = {
            "steps": len(steps),
            "differing": [
                f"step {step.number} ({step.what}): {step.differences[:3]}"
                for step in steps
                if step.differences
            ],
        }
    return results


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
        f"{info['system']}, work folder on {info.get('file system', 'unknown')}; "
        f"Python {info['python']}, Pelican {info['pelican']}, "
        f"Markdown {info['markdown']}. Load average {results['load']['before']} "
        f"before, {results['load']['after']} after.",
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
    if "preview" in results:
        preview = results["preview"]
        lines += [
            "",
            f"Preview (`invoke serve`): {preview['saves']} saves 1.5 s apart, each "
            f"shown {preview['median']:.2f} s after the save (median; slowest "
            f"{preview['worst']:.2f} s); {preview['lost']} never shown; "
            f"{preview['left_running']} process(es) left running after Ctrl-C.",
        ]
    if "sequence" in results:
        sequence = results["sequence"]
        verdict = (
            "every incremental build equal to a clean build"
            if not sequence["differing"]
            else "DIFFERENCES: " + "; ".join(sequence["differing"])
        )
        lines += [
            "",
            f"Differential sequence: {sequence['steps']} random author actions, "
            f"{verdict}.",
        ]
    return "\n".join(lines) + "\n" + format_search_report(results["search"])
