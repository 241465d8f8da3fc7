"""The search index at the benchmark's size: what indexing costs the build, and
what a reader's first query downloads.

`measure_search(content, site, workdir, runs)` works on the project's
production build of the corpus (`site`, built from `content`):

- index, cold: `workflow.search_index.index_site` with an empty cache, so
  Pagefind indexes every year and the pages; in a process of its own (wall
  time, CPU time, peak memory), like every build of the benchmark;
- index, one edit: a sentence added to one entry's article in the built site
  (what a rebuild after the author's edit gives `index_site` to read), then
  `index_site` with the cache of the cold run: only the edited entry's year
  is indexed again;
- index, nothing changed: `index_site` once more;
- first query: `search/?q=team` loaded in Chromium (Playwright) over HTTP
  from a local server, as a reader who never searched before: every file it
  fetches (page, stylesheet, script, Pagefind's files), counted as the bytes
  of the files and as a host sends them, text gzip-compressed (Pagefind's own
  index files are compressed already).

`format_search_report` turns the results into the README's table, with the
budget of the first query (200 KB).
"""

import mimetypes
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from benchmarks.measure import gzip_size, median_run, run_measured
from workflow.check import site_url_of
from workflow.search_index import marked_element

ROOT = Path(__file__).resolve().parent.parent

FIRST_QUERY = "team"
FIRST_QUERY_BUDGET = 200 * 1024
# What a host compresses when it sends it; Pagefind's .pf_* and .pagefind
# files are gzip-compressed by Pagefind itself.
COMPRESSED_BY_HOST = {".html", ".css", ".js", ".json", ".svg"}
CHROMIUM = Path("/usr/bin/chromium")
SCENARIOS = (
    ("Search index, cold", "index cold"),
    ("Search index, one edit", "index edit"),
    ("Search index, nothing changed", "index unchanged"),
)


def index_command(site: Path, cache: Path) -> list:
    """`index_site` on a built site, in a process of its own."""
    code = (
        "import sys; from pathlib import Path; "
        "from workflow.search_index import index_site; "
        "index_site(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    return [sys.executable, "-c", code, site, cache]


def edit_entry_page(page: Path, round_number: int) -> None:
    """Add a sentence at the end of a built entry's article."""
    html = page.read_text(encoding="utf-8")
    _start, end, _start_tag = marked_element(html)
    closing = html.rindex("</", 0, end)  # where the article closes
    sentence = f"<p>Edited for the search benchmark, round {round_number}.</p>"
    page.write_text(html[:closing] + sentence + html[closing:], encoding="utf-8")


def site_file(site: Path, site_url: str, url: str) -> Path | None:
    """The file of the built site that a URL names, or None outside the site."""
    if not url.startswith(site_url + "/"):
        return None
    path = unquote(urlsplit(url).path).removeprefix(urlsplit(site_url).path)
    file = site / path.lstrip("/")
    return file / "index.html" if file.is_dir() or path.endswith("/") else file


def transfer_sizes(files) -> dict:
    """{files, bytes, bytes as a host sends them} of the files fetched (a file
    fetched twice counts twice)."""
    files = list(files)
    sent = sum(
        gzip_size(file.read_bytes())
        if file.suffix in COMPRESSED_BY_HOST
        else file.stat().st_size
        for file in files
    )
    return {
        "files": len(files),
        "bytes": sum(file.stat().st_size for file in files),
        "sent": sent,
    }


def first_query_files(site: Path, query: str = FIRST_QUERY) -> list[Path]:
    """The files Chromium fetches to show search/?q=QUERY with an empty cache.

    The site is built for its public address (publishconf.py): Chromium asks
    that address, and each request is answered with the built file, as a
    static host would; nothing goes out."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    site_url = site_url_of(site)
    fetched = []

    def answer(route):
        file = site_file(site, site_url, route.request.url)
        if file is None or not file.is_file():
            route.fulfill(status=404, body="")
            return
        fetched.append(file)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context()
        context.route("**/*", answer)
        page = context.new_page()
        page.goto(f"{site_url}/search/?q={query}")
        # The search starts before the page's load event; it is over when the
        # results stop being busy.
        page.wait_for_function("!document.querySelector('[aria-busy=\"true\"]')")
        shown = page.locator(".search-result").count()
        browser.close()
    if not shown:
        raise RuntimeError(f"search/?q={query} found nothing in {site}")
    return fetched


def measure_search(site: Path, workdir: Path, runs: int, progress=print) -> dict:
    """Index the production build of the corpus in `site` cold, after one edit
    and unchanged; measure the first query."""
    progress("Search: index cold, after one edit, unchanged; then the first query")
    samples: dict[str, list] = {}
    cache = Path(workdir) / "search-cache"
    pages = sorted((site / "journal").glob("*-*-*/index.html"))
    edited = pages[len(pages) // 3]
    for round_number in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        samples.setdefault("index cold", []).append(
            run_measured(index_command(site, cache), ROOT)
        )
        edit_entry_page(edited, round_number)
        samples.setdefault("index edit", []).append(
            run_measured(index_command(site, cache), ROOT)
        )
        samples.setdefault("index unchanged", []).append(
            run_measured(index_command(site, cache), ROOT)
        )
    results = {name: median_run(runs) for name, runs in samples.items()}
    indexes = [path for path in (site / "pagefind").iterdir() if path.is_dir()]
    found = {
        "builds": results,
        "indexes": len(indexes),
        "index files": sum(
            1 for path in (site / "pagefind").rglob("*") if path.is_file()
        ),
        "query": FIRST_QUERY,
    }
    if not CHROMIUM.is_file():
        found["first query"] = None
        return found
    try:
        found["first query"] = transfer_sizes(first_query_files(site))
    except ImportError:
        found["first query"] = None
    return found


def format_search_report(search: dict) -> str:
    """The search measures as Markdown, under the build tables."""
    lines = [
        "",
        f"Search: {search['indexes']} indexes (one a year and one for the pages), "
        f"{search['index files']} files.",
        "",
        "| Search index | Wall time | CPU time | Peak memory |",
        "|---|---|---|---|",
    ]
    for label, name in SCENARIOS:
        run = search["builds"][name]
        lines.append(
            f"| {label} | {run.wall:.2f} s | {run.cpu:.2f} s | {run.peak_mib:.0f} MiB |"
        )
    first = search["first query"]
    lines += [
        "",
        f"| First query, search/?q={search['query']} | Files | Bytes "
        "| As a host sends them (gzip) | Budget |",
        "|---|---|---|---|---|",
    ]
    if first is None:
        lines.append(
            "| Chromium, empty cache | not measured: Chromium and Playwright are "
            "needed (./scripts/setup --test) | | | |"
        )
    else:
        over = "over" if first["sent"] > FIRST_QUERY_BUDGET else "within"
        lines.append(
            f"| Chromium, empty cache | {first['files']} | {first['bytes']:,} "
            f"| {first['sent']:,} | {over} {FIRST_QUERY_BUDGET // 1024} KB |"
        )
    return "\n".join(lines) + "\n"
