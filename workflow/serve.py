"""Preview: serve the built site on 127.0.0.1, rebuild on change, reload the page.

The built pages carry no JavaScript: the preview server adds a one-line reload
script to each HTML page as it serves it, and tells the page through
Server-Sent Events when a rebuild has finished. The server starts first and
the site is built for its address (http://127.0.0.1:<port>), so the absolute
URLs in the feed and the page heads name the port actually served.

Each rebuild is an incremental build (workflow/build.py) in a child process
forked from the preview, so it starts with Pelican already loaded. A file
saved while a rebuild runs stops that rebuild (it is stale) and starts
another: the preview shows what was saved last, as soon as one build can.
Stopping a rebuild is always safe: it changes the output at its very end,
and not while it does so. Only the pages of the entries the save changed go in
earlier, as soon as they are rendered: the open page reloads then (the author
sees the entry they edit first), and the rest of the site follows. A rebuild
that fails or is stopped puts those pages back as they were. Each time, the
preview tells the open pages which files changed, and a page reloads only if
it is one of them or loads one (a stylesheet, a picture). The search index
follows each rebuild's pages (workflow/search_index.py): pages reload as soon
as they are in place, before the index is brought up to date.
"""

import functools
import http.server
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from contextlib import suppress
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import watchfiles

from plugins.shared.parallel import STOPPING, signals_held
from workflow.build import BuildError, build, index_search

RELOAD_PATH = "/__preview__/reload"
KEEPALIVE_SECONDS = 15
# Files no page loads: a rebuild that changes only those and other pages does
# not reload a page (the feed, the sitemap, robots.txt, the search index's).
NOT_LOADED_BY_PAGES = (".html", ".xml", ".txt", ".json")
# The rebuilds whose changes the preview remembers (an older page reloads).
REMEMBERED_REBUILDS = 256
# The watcher wakes at least this often (milliseconds) when nothing changes.
WATCH_TIMEOUT_MS = 500
# A save is taken as done once no file changed for this long (milliseconds;
# watchfiles waits 50): an editor writes a file at once, and a save in
# several steps that is cut in two only rebuilds twice.
SAVE_SETTLES_MS = 10


def watch(paths, rebuild, stop=None, files=()) -> None:
    """Call `rebuild(changed paths)` whenever files under `paths` change, or
    one of `files`, and once when the watcher starts (for what was saved
    before it did).

    The kernel tells of changes under `paths` (watchfiles); a file saved while
    `rebuild` runs is kept by the watcher and reported at the next turn, so no
    edit is lost. `files` (the settings) are looked at each turn instead, at
    least every WATCH_TIMEOUT_MS: many editors save a file by writing a new
    one in its place, which the kernel's watch of the old one never sees.
    Runs until `stop` (a threading.Event) is set, or until Ctrl-C.
    """
    states = {str(file): file_state(file) for file in files}
    first = True
    for changes in watchfiles.watch(
        *paths,
        stop_event=stop,
        rust_timeout=WATCH_TIMEOUT_MS,
        yield_on_timeout=True,
        step=SAVE_SETTLES_MS,
    ):
        changed = {path for _change, path in changes}
        for file, state in states.items():
            if (now := file_state(file)) != state:
                states[file] = now
                changed.add(file)
        if changed or first:
            rebuild(sorted(changed))
        first = False


def file_state(path) -> tuple[int, int, int] | None:
    """A file as the watcher tells it changed: which file (a new one saved in
    its place is another), its size and time; None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def served_site_settings(port: int) -> dict:
    """The settings that make a build name the preview's own address.

    pelicanconf.py's SITEURL (and FEED_DOMAIN, set from it) name port 8000;
    the feed's ids and links, link previews and structured data are absolute,
    so a preview on another port builds with its real address instead."""
    site_url = f"http://127.0.0.1:{port}"
    return {"SITEURL": site_url, "FEED_DOMAIN": site_url}


def failure_message(error, output: Path) -> str:
    """What the author reads after a rebuild that failed."""
    if output.is_dir():
        return f"Build failed, previous site still served:\n{error}"
    return f"Build failed, nothing built yet; save a fix to build:\n{error}"


def build_message(built, seconds: float, saved: bool = True) -> str | None:
    """What the author reads after a rebuild; None after the watcher's first
    look (`saved` False: no file was seen saved) found nothing to do."""
    if built.kind == "unchanged":
        return "Nothing to rebuild." if saved else None
    return (
        f"Rebuilt in {seconds:.1f} s ({built.kind}): {built.rendered} page(s) "
        f"rendered, {built.written} file(s) written, {built.deleted} removed."
    )


class Rebuilds:
    """The preview's rebuilds: one at a time, each in a forked child process;
    a newer request stops a running one and starts afresh."""

    def __init__(self, content, output, settings_file, overrides, *, announce, report):
        self.arguments = (content, output, settings_file, overrides)
        self.announce, self.report = announce, report
        self.lock = threading.Lock()
        self.child = None

    def request(self, paths=()) -> None:
        """Build now, for the files saved at `paths` (none: the watcher's first
        look, for what was saved before it started); a build still running
        is stale and is stopped first."""
        with self.lock:
            if self.child is not None and self.child.is_alive():
                _stop(self.child)
                self.report("A newer save arrived: rebuilding.")
            context = multiprocessing.get_context("fork")
            said, saying = context.Pipe(duplex=False)
            child = context.Process(
                target=_build_in_child,
                args=(*self.arguments, saying),
                kwargs={"saved": bool(paths)},
            )
            with signals_held():  # a Ctrl-C is taken once the child is forked
                child.start()
            saying.close()  # the child's end: read to its end when it exits
            self.child = child
        threading.Thread(target=self._wait, args=(child, said), daemon=True).start()

    def _wait(self, child, said) -> None:
        # The child says when pages are in place, and which: the edited
        # entry's first ("early"), then the rest of the build's ("shown"),
        # before the search index follows them. The open pages are told each
        # time, and once more when a build that showed its entry early fails
        # or is stopped: the entry's page is put back as it was.
        told = []
        with said:
            while "shown" not in told:
                ready = multiprocessing.connection.wait([said, child.sentinel])
                if said not in ready and not said.poll():
                    break  # the child is gone, and said all it had to
                try:
                    what, pages = said.recv()
                except EOFError:
                    break
                told.append(what)
                self.announce(pages)
        if told == ["early"]:
            self.announce(pages)  # put back as they were
        child.join()

    def stop(self) -> None:
        """Stop the rebuild under way, if any (Ctrl-C)."""
        with self.lock:
            if self.child is not None and self.child.is_alive():
                _stop(self.child)


def _stop(child, grace: float = 10.0) -> None:
    """Stop a rebuild and what it started (Pagefind, indexing the search):
    the child leads a process group of its own. One still running `grace`
    seconds later is killed outright (its scratch folder is swept later)."""
    try:
        os.killpg(child.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        child.terminate()  # not yet in a group of its own
    child.join(grace)
    if child.is_alive():
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.kill()
        child.join()


def _build_in_child(
    content, output, settings_file, overrides, saying, *, saved=True
) -> None:
    """In the child: build, say what happened (`saved` False: only when there
    was something to do), tell `saying` "early" once the edited entries'
    pages are in place and "shown" once all pages are, bring the search index
    up to date, exit 0 when all is."""
    signal.signal(signal.SIGTERM, _stop_child)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the preview handles Ctrl-C
    os.setpgid(0, 0)  # stopped with all it starts
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)  # held by the fork
    started = time.perf_counter()
    try:
        built = build(
            content,
            output,
            settings_file,
            search=False,
            show_early=lambda pages: saying.send(("early", tuple(pages))),
            **overrides,
        )
    except BuildError as error:
        print(failure_message(error, output), flush=True)
        os._exit(1)
    message = build_message(built, time.perf_counter() - started, saved)
    if message:
        print(message, flush=True)
    saying.send(("shown", built.changed))
    try:
        index_search(output, settings_file, overrides)
    except BuildError as error:
        print(f"The search index could not be brought up to date:\n{error}", flush=True)
        os._exit(1)
    os._exit(0)


def _stop_child(signum, frame):
    raise SystemExit(143)


def reload_script(generation: int, files=()) -> bytes:
    """The script the preview adds to a page built in `generation`, made of
    `files` of the site (its own; the 404 page's too, for a missing one)."""
    shown = "".join(f"&page={quote(name)}" for name in files)
    return (
        f'<script>new EventSource("{RELOAD_PATH}?since={generation}{shown}")'
        ".onmessage = () => location.reload();</script>"
    ).encode()


def with_reload_script(html: bytes, generation: int, files=()) -> bytes:
    """The page with the reload script just before </body> (or at its end)."""
    script = reload_script(generation, files)
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
        files = [page_file(urlsplit(self.path).path)]
        if status == 404:
            files.append(page.name)
        body = with_reload_script(page.read_bytes(), self.server.generation, files)
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
        """Stream a 'reload' event once a finished rebuild changed what the
        page shows (Server-Sent Events)."""
        query = parse_qs(urlsplit(self.path).query)
        since = int(query.get("since", [self.server.generation])[0])
        files = frozenset(query.get("page", ()))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.server.stopping:
                generation = self.server.wait_for_rebuild(since, KEEPALIVE_SECONDS)
                if generation > since:
                    if self.server.changed_for(files, since, generation):
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
        self.changes: dict[int, frozenset[str] | None] = {}  # by generation
        self.stopping = False
        self._rebuilt = threading.Condition()
        handler = functools.partial(PreviewHandler, directory=str(output))
        super().__init__(("127.0.0.1", port), handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def announce_rebuild(self, changed=None) -> None:
        """Tell the open pages that a new build is in place, which changed
        these files of the site (None: any)."""
        with self._rebuilt:
            self.generation += 1
            self.changes[self.generation] = (
                None if changed is None else frozenset(changed)
            )
            self.changes.pop(self.generation - REMEMBERED_REBUILDS, None)
            self._rebuilt.notify_all()

    def changed_for(self, files: frozenset[str], since: int, until: int) -> bool:
        """Whether the builds after `since` up to `until` changed what a page
        made of `files` shows."""
        with self._rebuilt:
            builds = range(since + 1, until + 1)
            changes = [self.changes.get(number) for number in builds]
        return any(page_changed(files, changed) for changed in changes)

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


def page_file(url_path: str) -> str:
    """The file of the site an address names: `/journal/x/` is
    `journal/x/index.html`."""
    name = unquote(url_path).lstrip("/")
    return f"{name}index.html" if not name or name.endswith("/") else name


def page_changed(files: frozenset[str], changed: frozenset[str] | None) -> bool:
    """Whether a build that changed these files (None: any, or not known)
    changed a page made of `files`: one of them, or a file pages load (a
    stylesheet, a picture); other pages, the feed or the sitemap do not."""
    if changed is None or not files:
        return True
    return bool(files & changed) or any(
        not name.endswith(NOT_LOADED_BY_PAGES) for name in changed
    )


def start_server(output: Path, port: int) -> PreviewServer:
    """Serve `output` on 127.0.0.1:port (0 picks a free port) in a thread.

    The folder is looked up on each request, so it may be built (or rebuilt)
    after the server started."""
    server = PreviewServer(output, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
