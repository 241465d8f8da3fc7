"""How long the preview takes to show a save, as the author sees it.

`measure_preview(project, content, output, saves)` starts `invoke serve` in a
project copy, then saves an entry `saves` times, 1.5 s apart, each time with
a sentence of its own, and times how long it takes until the served page
holds that sentence. It stops the preview with Ctrl-C and checks that nothing
it started is left running.
"""

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SAVE_INTERVAL = 1.5
GIVE_UP_SECONDS = 30.0


@dataclass(frozen=True)
class PreviewTimes:
    """Seconds from each save to the page showing it; saves never shown."""

    seconds: list[float]
    lost: int
    left_running: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def worst(self) -> float:
        return max(self.seconds) if self.seconds else float("nan")


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _descendants(pid: int) -> list[int]:
    """The processes started by `pid`, and theirs (from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, pending = [], [pid]
    while pending:
        for child in parents.get(pending.pop(), ()):
            found.append(child)
            pending.append(child)
    return found


def _alive(pids) -> int:
    return sum(1 for pid in pids if Path(f"/proc/{pid}").exists())


def measure_preview(project: Path, content: Path, output: Path, saves: int, entry):
    """Start `invoke serve`, save `entry` `saves` times; return PreviewTimes."""
    command = [sys.executable, "-m", "invoke", "serve", "--port", "0"]
    command += ["--content", str(content), "--output", str(output)]
    process = subprocess.Popen(
        command,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(line.rstrip() for line in process.stdout),
        daemon=True,
    )
    reader.start()
    deadline = time.monotonic() + 600
    while not any("Serving " in line for line in lines):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("invoke serve did not start:\n" + "\n".join(lines))
        time.sleep(0.05)
    url = next(line for line in lines if "Serving " in line).split(" on ")[1].split()[0]
    page = f"{url}journal/{entry.stem}/"
    seconds, lost, started = [], 0, []
    original = entry.read_text(encoding="utf-8")
    try:
        time.sleep(SAVE_INTERVAL)
        for number in range(saves):
            sentence = f"Saved for the preview, number {number} at {time.time()}."
            entry.write_text(f"{original}\n{sentence}\n", encoding="utf-8")
            saved = time.monotonic()
            while sentence not in _page(page):
                if time.monotonic() - saved > GIVE_UP_SECONDS:
                    lost += 1
                    break
                time.sleep(0.01)
            else:
                seconds.append(time.monotonic() - saved)
            started += _descendants(process.pid)
            time.sleep(max(0.0, SAVE_INTERVAL - (time.monotonic() - saved)))
    finally:
        started += _descendants(process.pid)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
        entry.write_text(original, encoding="utf-8")
    time.sleep(0.5)
    return PreviewTimes(seconds, lost, _alive(set(started)))
