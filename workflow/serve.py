"""Preview: serve the built site on 127.0.0.1 and rebuild when a source changes."""

import functools
import http.server
import threading
from pathlib import Path


def watched_files(folders):
    """Yield every file under the watched folders (a folder may be a file)."""
    for folder in map(Path, folders):
        if folder.is_file():
            yield folder
        elif folder.is_dir():
            yield from (path for path in folder.rglob("*") if path.is_file())


def snapshot(folders) -> dict:
    """Return {path: (mtime, size)} for every file under the watched folders."""
    state = {}
    for path in watched_files(folders):
        if "__pycache__" in path.parts:
            continue
        stat = path.stat()
        state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def changed(before: dict, after: dict) -> list:
    """Return the paths added, removed or modified between two snapshots."""
    return sorted(
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without a log line per request."""

    def log_message(self, format, *args):
        pass


def start_server(output: Path, port: int):
    """Serve `output` on 127.0.0.1:port in a background thread."""
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server
