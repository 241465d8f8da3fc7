"""Preview: serve the built site on 127.0.0.1, rebuild on change, reload the page.

The built pages carry no JavaScript: the preview server adds a one-line reload
script to each HTML page as it serves it, and tells the page through
Server-Sent Events when a rebuild has finished. The server starts first and
the site is built for its address (http://127.0.0.1:<port>), so the absolute
URLs in the feed and the page heads name the port actually served.
"""

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import watchfiles

from workflow.build import BuildError, build_site
from workflow.fast_rebuild import edited_sources, render_changed

RELOAD_PATH = "/__preview__/reload"
KEEPALIVE_SECONDS = 15
# The watcher wakes at least this often (milliseconds) when nothing changes.
WATCH_TIMEOUT_MS = 500


def snapshot(paths) -> dict:
    """{path: (mtime, size, inode)} of every file under the paths (a path may be
    a file): taken once before the first build, so that what is saved while it
    runs, before the watcher starts, is not lost."""
    state = {}
    for root in map(Path, paths):
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            if "__pycache__" in path.parts:
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while we looked
                continue
            if path.is_file():
                state[str(path)] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return state


def changed(before: dict, after: dict) -> list:
    """Return the paths added, removed or modified between two snapshots."""
    return sorted(
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
    )


def watch(paths, rebuild, seen: dict | None = None, stop=None) -> None:
    """Call `rebuild(changed paths)` whenever files under `paths` change.

    The kernel tells of changes (watchfiles); a file saved while `rebuild`
    runs is kept by the watcher and starts the next rebuild, so no edit is
    lost. `seen`, a snapshot taken before the first build, catches what was
    saved before the watcher started. Runs until `stop` (a threading.Event)
    is set, or until Ctrl-C.
    """
    for changes in watchfiles.watch(
        *paths, stop_event=stop, rust_timeout=WATCH_TIMEOUT_MS, yield_on_timeout=True
    ):
        found = {path for _change, path in changes}
        if seen is not None:
            found.update(changed(seen, snapshot(paths)))
            seen = None
        if found:
            rebuild(sorted(found))


def served_site_settings(port: int) -> dict:
    """The settings that make a build name the preview's own address.

    pelicanconf.py's SITEURL (and FEED_DOMAIN, set from it) name port 8000;
    the feed's ids and links, link previews and structured data are absolute,
    so a preview on another port builds with its real address instead."""
    site_url = f"http://127.0.0.1:{port}"
    return {"SITEURL": site_url, "FEED_DOMAIN": site_url}


def refresh(
    paths, content, output, settings_file, *, announce, report=None, overrides=None
):
    """Bring the preview up to date after `paths` changed.

    When only entries or pages were edited, their pages (and their neighbours')
    are shown first, in about a second; then the whole site is built again,
    with `overrides` (a dict) over the settings file's settings.
    `announce()` reloads the open page; `report(line)` tells the author.
    """
    report = report or functools.partial(print, flush=True)
    overrides = overrides or {}
    sources = edited_sources(paths, content)
    if sources:
        try:
            pages = render_changed(content, output, settings_file, sources, overrides)
        except BuildError:
            pass  # the full build below reports the problem
        else:
            announce()
            report(f"Updated {', '.join(pages)}; rebuilding the rest.")
    try:
        build_site(content, output, settings_file, **overrides)
    except BuildError as error:
        report(f"Build failed, previous site still served:\n{error}")
    else:
        announce()
        report("Rebuilt.")


def reload_script(generation: int) -> bytes:
    """The script the preview adds to a page built in `generation`."""
    return (
        f'<script>new EventSource("{RELOAD_PATH}?since={generation}")'
        ".onmessage = () => location.reload();</script>"
    ).encode()


def with_reload_script(html: bytes, generation: int) -> bytes:
    """The page with the reload script just before </body> (or at its end)."""
    script = reload_script(generation)
    position = html.lower().rfind(b"</body>")
    if position < 0:
        return html + script
    return html[:position] + script + html[position:]


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site quietly; HTML pages get the reload script on the way out."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if urlsplit(self.path).path == RELOAD_PATH:
            self.send_reload_events()
            return
        page, status = self.html_page(), 200
        if page is None and self.is_missing():
            page, status = self.not_found_page(), 404
        if page is None:
            super().do_GET()
            return
        body = with_reload_script(page.read_bytes(), self.server.generation)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def html_page(self):
        """The HTML file this request asks for, or None to serve it as usual."""
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return None  # the stock handler redirects to the folder's URL
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def is_missing(self):
        """Whether nothing in the site answers this request."""
        return not Path(self.translate_path(self.path)).exists()

    def not_found_page(self):
        """The site's own 404.html, as a host shows it, or None."""
        page = Path(self.directory) / "404.html"
        return page if page.is_file() else None

    def send_reload_events(self):
        """Stream one 'reload' event per finished rebuild (Server-Sent Events)."""
        query = parse_qs(urlsplit(self.path).query)
        since = int(query.get("since", [self.server.generation])[0])
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.server.stopping:
                generation = self.server.wait_for_rebuild(since, KEEPALIVE_SECONDS)
                if generation > since:
                    self.wfile.write(b"data: reload\n\n")
                    since = generation
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


class PreviewServer(http.server.ThreadingHTTPServer):
    """A preview of one output folder that counts the rebuilds it announces."""

    daemon_threads = True

    def __init__(self, output: Path, port: int):
        self.generation = 0
        self.stopping = False
        self._rebuilt = threading.Condition()
        handler = functools.partial(PreviewHandler, directory=str(output))
        super().__init__(("127.0.0.1", port), handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def announce_rebuild(self) -> None:
        """Tell every open page that a new build is in place."""
        with self._rebuilt:
            self.generation += 1
            self._rebuilt.notify_all()

    def wait_for_rebuild(self, since: int, timeout: float) -> int:
        """Wait until a build newer than `since` (or the stop); return the newest."""
        with self._rebuilt:
            self._rebuilt.wait_for(
                lambda: self.generation > since or self.stopping, timeout
            )
            return self.generation

    def stop(self) -> None:
        """Stop serving, end every open event stream and free the port."""
        with self._rebuilt:
            self.stopping = True
            self._rebuilt.notify_all()
        self.shutdown()
        self.server_close()


def start_server(output: Path, port: int) -> PreviewServer:
    """Serve `output` on 127.0.0.1:port (0 picks a free port) in a thread.

    The folder is looked up on each request, so it may be built (or rebuilt)
    after the server started."""
    server = PreviewServer(output, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
