"""`invoke serve`: preview, rebuild on change, reload the open page, stop cleanly."""

import datetime
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from benchmarks.differential import copy_project
from tests.conftest import ROOT, SAMPLE_CONTENT, build_site, copy_sample, run_invoke
from workflow.serve import (
    Rebuilds,
    _stop,
    page_changed,
    page_file,
    served_site_settings,
    watch,
    with_reload_script,
)

ENTRY = "journal/2023-08-30.md"
ENTRY_URL = "journal/2023-08-30/"


class Preview:
    """A running `invoke serve` of a content folder, as the author starts it."""

    def __init__(self, content, output, project=ROOT):
        self.content, self.output = content, output
        self.lines = []
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "invoke", "serve", "--port", "0"),
                *("--content", str(content), "--output", str(output)),
            ],
            cwd=project,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        line = self.wait_for("Serving ")
        self.url = line.split(" on ", 1)[1].split()[0]
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text, after=0, timeout=30):
        """The first line after line number `after` that holds `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if text in line:
                    return line
            if self.process.poll() is not None and not self.reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(
            f"no {text!r} from invoke serve:\n" + "\n".join(self.lines)
        )

    def get(self, path=""):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def edit(self, text):
        """Save the entry of 2023-08-30 with `text` as its last paragraph."""
        path = self.content / ENTRY
        original = getattr(self, "_original", None) or path.read_text()
        self._original = original
        path.write_text(f"{original}\n\n{text}\n", encoding="utf-8")

    def save_a_fix(self, mistake):
        """Remove the file with a mistake and save an edit: the preview
        rebuilds and shows the edit."""
        before = len(self.lines)
        mistake.unlink()
        self.edit("Fixed and rebuilt.")
        self.wait_for("Rebuilt in ", after=before)
        wait_until(lambda: "Fixed and rebuilt." in self.get(ENTRY_URL))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)


@pytest.fixture
def preview(tmp_path):
    """`invoke serve` of a copy of the sample content on a free port."""
    running = Preview(copy_sample(tmp_path / "content"), tmp_path / "output")
    yield running
    running.stop()


def port_is_free(port):
    """Nobody listens there and a new server (as `invoke serve` binds) can."""
    with socket.socket() as client:
        if client.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            server.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_until(condition, timeout=30, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {message}")


def test_serve_builds_serves_and_ctrl_c_stops_it_with_the_port_freed(preview):
    assert preview.url.startswith("http://127.0.0.1:")
    assert "Engineering Leadership Journal" in preview.get()
    assert "Well it is coming up on two business days" in preview.get(ENTRY_URL)

    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=15) == 0
    preview.reader.join(timeout=5)
    assert "Stopped." in preview.lines
    assert not any("Traceback" in line for line in preview.lines)
    assert port_is_free(preview.port)
    leftovers = [
        p.name for p in preview.output.parent.iterdir() if ".output." in p.name
    ]
    assert leftovers == []


ATOM = "{http://www.w3.org/2005/Atom}"


def feed_links(xml):
    """Every link of the feed: its own and those of its entries."""
    feed = ET.fromstring(xml)
    assert feed.findall(f"{ATOM}entry")
    return [link.get("href") for link in feed.iter(f"{ATOM}link")]


def local_addresses(html):
    """The page's absolute URLs on this machine: canonical, link preview, JSON-LD."""
    return re.findall(r"https?://(?:127\.0\.0\.1|localhost)[^\s\"'<>]*", html)


def test_the_preview_says_nothing_to_rebuild_only_after_a_save(preview):
    """Starting, the watcher looks once for what was saved meanwhile: when
    nothing was, it says nothing. A save that changes nothing says so."""
    time.sleep(1.5)  # the watcher's first look is over
    entry = preview.content / ENTRY
    entry.write_text(entry.read_text())  # saved again, as it was
    preview.wait_for("Nothing to rebuild.")
    time.sleep(0.5)
    serving = next(n for n, line in enumerate(preview.lines) if "Serving " in line)
    assert preview.lines[serving + 1 :] == ["Nothing to rebuild."]


def site_files(output):
    """The built site's files, but the search index's."""
    return {
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file() and path.relative_to(output).parts[0] != "pagefind"
    }


def test_a_stylesheet_edit_says_how_many_files_were_written_and_removed(tmp_path):
    """The edit renames the stylesheet (its name holds its digest): a full
    rebuild, which writes every file and removes the old stylesheet."""
    project = copy_project(ROOT, tmp_path / "project")
    running = Preview(copy_sample(tmp_path / "content"), tmp_path / "output", project)
    try:
        time.sleep(1)  # the watcher's first look is over
        before = site_files(running.output)
        stylesheet = project / "theme" / "static" / "css" / "site.css"
        stylesheet.write_text(stylesheet.read_text() + "\nhr { opacity: 0.9; }\n")
        rebuilt = running.wait_for("Rebuilt in ")
        after = site_files(running.output)
    finally:
        running.stop()
    written, removed = re.search(
        r"\(full\): \d+ page\(s\) rendered, (\d+) file\(s\) written, (\d+) removed",
        rebuilt,
    ).groups()
    assert [path for path in before - after if path.endswith(".css")]
    assert int(removed) == len(before - after) == 1
    assert int(written) == len(after)


def test_the_site_names_the_address_it_is_served_on(preview):
    served = preview.url  # http://127.0.0.1:<port>/ with a port picked at random
    assert preview.port != 8000
    links = feed_links(preview.get("feeds/all.atom.xml"))
    assert all(link.startswith(served) for link in links), links
    for page in ["", ENTRY_URL, "leadership/"]:
        found = local_addresses(preview.get(page))
        assert found, page
        assert all(url.startswith(served) for url in found), (page, found)

    before = len(preview.lines)
    preview.edit("Still on the same address.")
    preview.wait_for("Rebuilt in ", after=before)
    page = preview.get(ENTRY_URL)
    assert "Still on the same address." in page
    found = local_addresses(page)
    assert found
    assert all(url.startswith(served) for url in found), found
    links = feed_links(preview.get("feeds/all.atom.xml"))
    assert all(link.startswith(served) for link in links), links


def test_a_preview_builds_with_its_own_address_in_siteurl_and_feed_domain():
    assert served_site_settings(8123) == {
        "SITEURL": "http://127.0.0.1:8123",
        "FEED_DOMAIN": "http://127.0.0.1:8123",
    }


def test_a_port_in_use_is_a_clear_message(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_invoke(
            *("serve", "--port", str(port), "--content", str(SAMPLE_CONTENT)),
            *("--output", str(tmp_path / "output")),
        )
    assert result.returncode != 0
    assert f"Cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "--port 0" in result.stderr
    assert "Traceback" not in result.stderr


def scripts(html):
    """The scripts a browser runs in a page (JSON-LD is data, not a script)."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        script
        for script in soup.find_all("script")
        if script.get("type") != "application/ld+json"
    ]


def test_the_built_pages_carry_no_script_only_the_preview_adds_one(preview):
    on_disk = (preview.output / ENTRY_URL / "index.html").read_text()
    served = preview.get(ENTRY_URL)
    assert scripts(on_disk) == []
    assert len(scripts(served)) == 1
    assert "EventSource" in served


def test_an_edit_is_rebuilt_and_the_open_page_reloads_itself(preview, browser):
    from playwright.sync_api import expect  # noqa: PLC0415

    page = browser.new_page()
    try:
        page.goto(preview.url + ENTRY_URL)
        expect(page.locator("main")).not_to_contain_text("A sentence saved now.")
        page.wait_for_timeout(300)  # the page's event stream is open
        preview.edit("A sentence saved now.")
        expect(page.locator("main")).to_contain_text(
            "A sentence saved now.", timeout=20_000
        )
        assert page.url == preview.url + ENTRY_URL
    finally:
        page.close()


@pytest.fixture
def slow_preview(tmp_path):
    """`invoke serve` of a journal big enough that a rebuild takes a while."""
    content = copy_sample(tmp_path / "content")
    for number in range(300):
        day = datetime.date(2019, 1, 1) + datetime.timedelta(days=number)
        text = f"Title: Entry {number}\n\n" + "Some words of the day. " * 60
        (content / "journal" / f"{day}.md").write_text(text)
    running = Preview(content, tmp_path / "output")
    yield running
    running.stop()


def test_edits_saved_while_rebuilds_run_all_reach_the_preview(slow_preview):
    preview = slow_preview
    for version in range(1, 9):
        preview.edit(f"Draft number {version} of my closing thought.")
        time.sleep(0.2)
    wait_until(
        lambda: "Draft number 8 of" in preview.get(ENTRY_URL),
        message="the last edit in the preview",
    )
    time.sleep(1)  # no later rebuild brings an older draft back
    assert "Draft number 8 of" in preview.get(ENTRY_URL)


def test_an_edit_renders_only_the_pages_it_changes(slow_preview):
    preview = slow_preview
    before = len(preview.lines)
    preview.edit("Shown at once.")
    rebuilt = preview.wait_for("Rebuilt in ", after=before)
    assert "(incremental): 1 page(s) rendered" in rebuilt
    assert "Shown at once." in preview.get(ENTRY_URL)


def test_saves_in_quick_succession_all_reach_the_preview(
    slow_preview,
):
    preview = slow_preview
    before = len(preview.lines)
    (preview.content / "journal" / "2019-01-05.md").write_text(
        "Title: Retitled, so every list shows it\n\nWords.\n"
    )
    time.sleep(0.3)
    preview.edit("The last word.")
    preview.wait_for("Rebuilt in ", after=before)
    wait_until(lambda: "The last word." in preview.get(ENTRY_URL))
    assert "Retitled, so every list shows it" in preview.get("journal/2019/")


def test_a_failed_rebuild_keeps_the_previous_site_and_a_fix_is_picked_up(preview):
    undated = preview.content / "journal/notes.md"
    before = len(preview.lines)
    undated.write_text("An entry without a date.\n")
    failure = preview.wait_for("Build failed", after=before)
    assert "previous site still served" in failure
    preview.wait_for("notes.md", after=before)
    assert "Well it is coming up" in preview.get(ENTRY_URL)

    preview.save_a_fix(undated)


@pytest.mark.parametrize("built_before", [True, False])
def test_a_preview_started_on_bad_content_serves_on_until_a_fix(tmp_path, built_before):
    """It says why once, serves the last good site (or nothing yet), and
    builds once the fix is saved."""
    content, output = copy_sample(tmp_path / "content"), tmp_path / "output"
    if built_before:
        assert build_site(content, output).returncode == 0
    undated = content / "journal/notes.md"
    undated.write_text("An entry without a date.\n")

    preview = Preview(content, output)
    try:
        failure = preview.wait_for("Build failed")
        kept = "previous site still served" if built_before else "nothing built yet"
        assert kept in failure
        preview.wait_for("notes.md: this entry has no date")
        if built_before:
            assert "Well it is coming up" in preview.get(ENTRY_URL)

        preview.save_a_fix(undated)
        assert sum("Build failed" in line for line in preview.lines) == 1
    finally:
        preview.stop()
    assert preview.process.returncode == 0


def test_a_file_saved_during_a_rebuild_starts_another_rebuild(tmp_path):
    entry = tmp_path / "entry.md"
    entry.write_text("first")
    built, stop = [], threading.Event()

    def rebuild(paths):
        built.append((paths, entry.read_text()))
        if len(built) == 1:  # the build when the watcher starts
            entry.write_text("second, saved while the build ran")
        elif "second" in entry.read_text() and len(built) >= 2:
            stop.set()

    watcher = threading.Thread(target=watch, args=([tmp_path], rebuild, stop))
    watcher.daemon = True
    watcher.start()
    watcher.join(timeout=10)
    stop.set()
    assert built[0] == ([], "first")
    assert built[1] == ([str(entry)], "second, saved while the build ran")


def test_a_settings_file_saved_as_a_new_file_is_seen_every_time(tmp_path):
    """Editors (and git) often save by writing a new file and renaming it
    over the old one: the kernel's watch of a file is gone after the first."""
    folder, settings = tmp_path / "content", tmp_path / "pelicanconf.py"
    folder.mkdir()
    settings.write_text("SITENAME = 'A'\n")
    seen, stop = [], threading.Event()

    def save_as_new(text):
        (tmp_path / "new.py").write_text(text)
        os.replace(tmp_path / "new.py", settings)

    def rebuild(paths):
        seen.append(paths)
        if len(seen) <= 3:
            save_as_new(f"SITENAME = '{len(seen)}'\n")
        else:
            stop.set()

    watcher = threading.Thread(
        target=watch, args=([folder], rebuild, stop), kwargs={"files": [settings]}
    )
    watcher.daemon = True
    watcher.start()
    watcher.join(timeout=20)
    stop.set()
    assert seen == [[], [str(settings)], [str(settings)], [str(settings)]]


def test_the_reload_script_goes_just_before_the_end_of_the_body():
    html = b"<html><body><p>Hi</p></body></html>"
    result = with_reload_script(html, 3)
    assert result.startswith(b"<html><body><p>Hi</p><script>")
    assert b'EventSource("/__preview__/reload?since=3")' in result
    assert result.endswith(b"</script></body></html>")


class ReloadEvents:
    """The reload events the preview sends a page open at `path`, as its
    script listens to them (the address its script names)."""

    def __init__(self, preview, path):
        source = re.search(r'EventSource\("([^"]+)"\)', preview.get(path)).group(1)
        self.stream = urllib.request.urlopen(preview.url + source.lstrip("/"))
        self.reloads = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            for line in self.stream:
                self.reloads += line.strip() == b"data: reload"
        except (OSError, ValueError):
            pass  # the preview stopped


def test_a_save_reloads_the_pages_it_changed_once_and_no_other(preview):
    entry, home = ReloadEvents(preview, ENTRY_URL), ReloadEvents(preview, "")
    time.sleep(0.3)  # both streams open

    before = len(preview.lines)
    preview.edit("A closing line only this page shows.")
    preview.wait_for("Rebuilt in ", after=before)
    time.sleep(1)  # any later reload would have come
    # The entry's page, shown first, does not reload again for the rest
    # (the feed); the home page shows no closing line.
    assert (entry.reloads, home.reloads) == (1, 0)

    before = len(preview.lines)
    text = (preview.content / ENTRY).read_text()
    (preview.content / ENTRY).write_text("Title: Now with a title\n\n" + text)
    preview.wait_for("Rebuilt in ", after=before)
    wait_until(lambda: home.reloads == 1, message="the home page's reload")
    time.sleep(1)
    assert (entry.reloads, home.reloads) == (2, 1)


def test_a_page_reloads_for_itself_and_what_it_loads_not_other_pages_or_feeds():
    entry = frozenset({page_file("/journal/2023-08-30/")})
    assert entry == {"journal/2023-08-30/index.html"}
    assert page_file("/") == "index.html"
    assert page_file("/search/") == "search/index.html"
    assert page_file("/journal/caf%C3%A9/") == "journal/café/index.html"
    assert page_changed(entry, frozenset({"journal/2023-08-30/index.html"}))
    assert not page_changed(entry, frozenset())
    assert not page_changed(
        entry, frozenset({"index.html", "feeds/all.atom.xml", "sitemap.xml"})
    )
    assert page_changed(entry, frozenset({"theme/css/site.1a2b3c4d.css"}))
    assert page_changed(entry, frozenset({"images/cards/x.png"}))
    assert page_changed(entry, None), "a full build: every page"
    assert page_changed(frozenset(), frozenset({"index.html"})), "a page unknown"


def test_a_missing_address_shows_the_sites_own_404_page_with_its_style(preview):
    with pytest.raises(urllib.error.HTTPError) as missing:
        preview.get("journal/no/such/entry/")
    assert missing.value.code == 404
    page = BeautifulSoup(missing.value.read().decode("utf-8"), "html.parser")
    assert page.h1.get_text(strip=True) == "Page not found"
    stylesheet = page.find("link", rel="stylesheet")["href"]
    assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{8}\.css", stylesheet)
    assert "--" in preview.get(stylesheet.lstrip("/"))  # the tokens load


def test_a_newer_request_stops_the_stale_rebuild(tmp_path):
    content = copy_sample(tmp_path / "content")
    for number in range(200):
        day = datetime.date(2019, 1, 1) + datetime.timedelta(days=number)
        (content / "journal" / f"{day}.md").write_text(f"Title: E {number}\n\nW.\n")
    said, reloads = [], []
    rebuilds = Rebuilds(
        content,
        tmp_path / "output",
        ROOT / "pelicanconf.py",
        served_site_settings(8123),
        announce=reloads.append,
        report=said.append,
    )
    try:
        rebuilds.request()  # a first, full build: seconds
        # Well before its pages are in place (the index follows them, and a
        # build stopped while it indexes has shown its pages already).
        time.sleep(0.1)
        rebuilds.request()
        wait_until(lambda: reloads, message="the second build")
    finally:
        rebuilds.stop()  # its search index: not into the next tests
    assert said == ["A newer save arrived: rebuilding."]
    assert len(reloads) == 1, "the stopped build announced nothing"
    assert (tmp_path / "output" / "journal" / "2019-07-19" / "index.html").is_file()
    assert not list(tmp_path.glob(".output.*")), "the stopped build left its scratch"


def test_the_search_index_follows_a_rebuild_once_its_pages_are_shown(tmp_path):
    content, output = copy_sample(tmp_path / "content"), tmp_path / "output"
    said, reloads = [], []
    rebuilds = Rebuilds(
        content,
        output,
        ROOT / "pelicanconf.py",
        served_site_settings(8124),
        announce=reloads.append,
        report=said.append,
    )

    def year_key():
        listed = output / "pagefind" / "indexes.json"
        if not listed.is_file():
            return None
        indexes = json.loads(listed.read_text(encoding="utf-8"))["indexes"]
        return {index["name"]: index["key"] for index in indexes}.get("2023")

    rebuilds.request()
    wait_until(lambda: reloads and year_key(), message="the first build's index")
    wait_until(lambda: not rebuilds.child.is_alive(), message="the first build's end")
    before = year_key()
    entry = content / "journal" / "2023-08-30.md"
    entry.write_text(entry.read_text() + "\nA word only this edit has: quokka.\n")
    rebuilds.request()
    # Its entry's page first, then the rest: both may come between two looks.
    wait_until(lambda: len(reloads) >= 2, message="the edit's pages")
    wait_until(lambda: year_key() not in (None, before), message="the edit's index")
    rebuilds.stop()
    assert said == []


def test_the_edited_entry_is_shown_first_then_the_rest_of_the_site(tmp_path):
    content, output = copy_sample(tmp_path / "content"), tmp_path / "output"
    shown = []

    def pages_on_show(changed):  # what the open pages reload to, each time
        page = (output / ENTRY_URL / "index.html").read_text(encoding="utf-8")
        home = (output / "index.html").read_text(encoding="utf-8")
        shown.append(("Retitled at last" in page, "Retitled at last" in home))

    rebuilds = Rebuilds(
        content,
        output,
        ROOT / "pelicanconf.py",
        served_site_settings(8125),
        announce=pages_on_show,
        report=print,
    )
    try:
        rebuilds.request()
        wait_until(lambda: shown, message="the first build")
        wait_until(lambda: not rebuilds.child.is_alive(), message="its end")
        entry = content / ENTRY
        entry.write_text("Title: Retitled at last\n\n" + entry.read_text())
        rebuilds.request()
        wait_until(lambda: len(shown) == 3, message="the edit's pages")
    finally:
        rebuilds.stop()
    # First the entry (the rest follows: the home page may be done already),
    # then all of the site.
    assert shown[1][0], "the entry's page is in place at the first reload"
    assert shown[2] == (True, True)


def test_a_rebuild_that_fails_after_showing_its_entry_puts_it_back(tmp_path):
    content, output = copy_sample(tmp_path / "content"), tmp_path / "output"
    entry_page = output / ENTRY_URL / "index.html"
    shown = []
    rebuilds = Rebuilds(
        content,
        output,
        ROOT / "pelicanconf.py",
        served_site_settings(8126),
        announce=lambda changed: shown.append(entry_page.read_text(encoding="utf-8")),
        report=print,
    )
    # Pasted by mistake: a text no feed document can hold (the feed, made
    # after the entries' pages, fails the build).
    rng = random.Random(7)
    pasted = "".join(rng.choices(string.ascii_letters + string.digits, k=300_000))
    try:
        rebuilds.request()
        wait_until(lambda: shown, message="the first build")
        wait_until(lambda: not rebuilds.child.is_alive(), message="its end")
        before = entry_page.read_bytes()
        entry = content / ENTRY
        entry.write_text(entry.read_text() + f"\n\nPasted: {pasted}\n")
        rebuilds.request()
        wait_until(lambda: not rebuilds.child.is_alive(), message="the failure")
        wait_until(lambda: len(shown) == 3, message="the reload after it")
    finally:
        rebuilds.stop()
    assert "Pasted: " in shown[1], "shown early"
    assert "Pasted: " not in shown[2], "then put back, and the page reloaded"
    assert entry_page.read_bytes() == before
    assert rebuilds.child.exitcode == 1, "the build failed"
    assert not list(tmp_path.glob(".output.*")), "nothing left aside"


def deaf_rebuild(deaf):
    """A rebuild that takes no notice of being stopped."""
    os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    deaf.set()
    time.sleep(60)


def test_a_rebuild_that_does_not_stop_is_killed_after_a_grace_period():
    context = multiprocessing.get_context("fork")
    deaf = context.Event()
    child = context.Process(target=deaf_rebuild, args=(deaf,))
    child.start()
    assert deaf.wait(30), "in its own process group, SIGTERM ignored"
    started = time.monotonic()

    _stop(child, grace=0.5)

    assert time.monotonic() - started < 5
    assert child.exitcode == -signal.SIGKILL


@pytest.mark.parametrize(
    ("folders", "said"),
    [
        (("missing", "output"), "no such content folder"),
        (("content", "content/out"), "the output folder is inside the content folder"),
    ],
)
def test_a_preview_of_folders_no_save_can_fix_stops_at_once(tmp_path, folders, said):
    copy_sample(tmp_path / "content")
    content, output = (tmp_path / folder for folder in folders)
    result = run_invoke(
        "serve",
        "--port",
        "0",
        "--content",
        str(content),
        "--output",
        str(output),
        timeout=60,
    )
    assert result.returncode != 0
    assert said in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Serving" not in result.stdout
