"""Measure one command in a child process, and the pages a build wrote.

`run_measured` times a command and reads the child's own resource usage
(os.wait4): wall time, CPU time and peak resident memory of that one build.
The other functions are plain: medians, page types, gzip sizes.
"""

import gzip
import os
import platform
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

PAGE_BUDGET = 14 * 1024  # gzip bytes: what the first round trip can carry

# Which page type a built file is, per site layout: the first pattern that
# matches its path (relative to the output folder) wins.
PAGE_TYPES = {
    "project": (
        ("entry", r"journal/\d{4}-\d{2}-\d{2}[^/]*/index\.html"),
        ("year archive", r"journal/\d{4}/index\.html"),
        ("index", r"(page/\d+/)?index\.html"),
        ("tag", r"tag/.+\.html"),
        ("category", r"category/.+\.html"),
        ("author", r"author/.+\.html"),
        ("archives", r"archives/index\.html"),
        ("Q&A page", r"leadership/index\.html"),
        ("feed", r"feeds/.+\.xml"),
    ),
    "stock": (
        ("index", r"index\.html"),
        ("tag", r"tag/.+\.html"),
        ("category", r"category/.+\.html"),
        ("author", r"author/.+\.html"),
        ("archives", r"archives\.html"),
        ("Q&A page", r"pages/leadership\.html"),
        ("feed", r"feeds/.+\.xml"),
        ("entry", r"(?!(tags|categories|authors)\.html$)[^/]+\.html"),
    ),
}


class BenchmarkError(Exception):
    """A measured command failed; the message holds the end of its output."""


@dataclass(frozen=True)
class Run:
    """One measured command: seconds of wall and CPU time, peak memory in MiB."""

    wall: float
    cpu: float
    peak_mib: float


def run_measured(command, cwd=None, env=None) -> Run:
    """Run `command` in a child process; return its time and peak memory."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            log.seek(0)
            output = log.read().decode(errors="replace")[-4000:]
            raise BenchmarkError(
                f"{' '.join(map(str, command))} failed "
                f"(exit {child.returncode}):\n{output}"
            )
    # ru_maxrss is in KiB on Linux
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median_run(runs) -> Run:
    """The median of each measure over several runs."""
    runs = list(runs)
    return Run(
        statistics.median(run.wall for run in runs),
        statistics.median(run.cpu for run in runs),
        statistics.median(run.peak_mib for run in runs),
    )


def page_type(relative: str, layout: str) -> str | None:
    """The type of a built file (entry, index, tag...), or None for assets."""
    for name, pattern in PAGE_TYPES[layout]:
        if re.fullmatch(pattern, relative):
            return name
    return None


def gzip_size(data: bytes) -> int:
    """Bytes on the wire for a page a server sends gzip-compressed."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_sizes(output: Path, layout: str) -> dict[str, list[int]]:
    """{page type: gzip sizes of its pages} for a built site."""
    output = Path(output)
    sizes: dict[str, list[int]] = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        kind = page_type(path.relative_to(output).as_posix(), layout)
        if kind:
            sizes.setdefault(kind, []).append(gzip_size(path.read_bytes()))
    return sizes


def size_summary(sizes: dict[str, list[int]]) -> dict[str, dict]:
    """{page type: {pages, median, max}} from gzip sizes."""
    return {
        kind: {
            "pages": len(values),
            "median": int(statistics.median(values)),
            "max": max(values),
        }
        for kind, values in sizes.items()
    }


def count_files(output: Path) -> int:
    """How many files a build wrote."""
    return sum(1 for path in Path(output).rglob("*") if path.is_file())


def cpu_model() -> str:
    """The processor's name as /proc/cpuinfo gives it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> str:
    """The machine's memory, as /proc/meminfo gives it."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    """The 1-minute load average: how busy the machine was."""
    return f"{os.getloadavg()[0]:.2f}"


def file_system(folder: Path, mounts: str) -> str:
    """The file system `folder` is on, with its mount options, from the text of
    /proc/mounts: its speed at making and removing files weighs on builds."""
    folder_text, best = str(Path(folder).resolve()), ("", "unknown")
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        point = fields[1].replace("\\040", " ")
        inside = folder_text == point or folder_text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best[0]):
            best = (point, f"{fields[2]} ({fields[3]})")
    return best[1]


def machine(workdir: Path | None = None) -> dict:
    """What the numbers were measured on (and the work folder's file system)."""
    try:
        mounts = Path("/proc/mounts").read_text()
    except OSError:
        mounts = ""
    return {
        "file system": file_system(workdir or Path.cwd(), mounts),
        "cpus": os.cpu_count(),
        "cpu": cpu_model(),
        "memory": memory_gib(),
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "system": f"{platform.system()} {platform.release()}",
    }
