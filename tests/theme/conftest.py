"""The theme's test site, a local web server for it, and one shared browser.

The theme site is the sample site plus what shows every part of the theme: a
plain page (about the author), tags, enough entries for a second page of the
journal, an entry with related entries and one on the same day a year
earlier, and a hostile entry whose title, summary and tags are made of markup
characters; the page and the hostile entry were updated later ("Updated
YYYY-MM-DD").
"""

import functools
import http.server
import threading

import pytest

from tests.conftest import build_site, copy_sample, write_content

HOSTILE_TITLE = 'Fish <script>x</script> & "chips"'
HOSTILE_SUMMARY = "Salt & <b>vinegar</b> \"'</script><!--"
HOSTILE_TAG = '<i>crisps</i> & "peas"'

PLAIN_PAGE = """\
Title: About
Summary: Who writes this journal, and why.
Modified: 2024-02-01

I lead engineering teams. This page is a plain page: prose, a list, a quote,
some code and a table, so that every element of the theme has a page.

## What you will find here

- Dated **journal** entries about leading engineers.
- A [leadership Q&A](../leadership/) answered by a philosophy and a strategy.

> Make the right thing the easy thing.

```
invoke build --content ~/writing/journal/content --output ~/writing/site && invoke serve
```

| Year | Teams | Handbook |
| ---- | ----- | -------- |
| 2022 | 4     | https://handbook.example.org/engineering/2022/teams-and-rituals |
| 2023 | 9     | https://handbook.example.org/engineering/2023/teams-and-rituals |
"""

HOSTILE_ENTRY = f"""\
Title: {HOSTILE_TITLE}
Summary: {HOSTILE_SUMMARY}
Modified: 2023-09-20 08:00
Tags: leadership, {HOSTILE_TAG}

An entry whose title, summary and tag are made of markup characters, after
[an essay on leading](https://essays.example.org/leading-engineers).

```
kubectl rollout restart deployment/journal-web --namespace=engineering-leadership
```
"""


def filler_entry(day):
    """A short tagged entry of July 2023: enough of them page the journal."""
    return (
        f"Title: Notes from week {day}\n"
        "Tags: leadership, hiring\n\n"
        f"A short note written on 2023-07-{day:02d} about hiring and growing "
        "engineers.\n"
    )


THEME_FILES = {
    "pages/about.md": PLAIN_PAGE,
    "journal/2023-09-05-fish.md": HOSTILE_ENTRY,
    "journal/2022-12-30.md": "The last entry of 2022, untitled.\n",
    "journal/2022-07-04.md": (
        "Title: Hiring, a year earlier\nTags: hiring\n\nWhat I knew of hiring then.\n"
    ),
    **{f"journal/2023-07-{day:02d}.md": filler_entry(day) for day in range(1, 10)},
}

# One URL of every kind of page the theme renders, by name.
PAGE_TYPES = {
    "home": "",
    "home-page-2": "page/2/",
    "entry": "journal/2023-08-30/",
    "photo-entry": "journal/2023-09-01/",
    "entry-reading-on": "journal/2023-07-04/",
    "hostile-entry": "journal/2023-09-05-fish/",
    "qa": "leadership/",
    "page": "about/",
    "archives": "archives/",
    "year": "journal/2023/",
    "tags": "tags/",
    "tag": "tag/leadership/",
    "categories": "categories/",
    "category": "category/journal/",
    "search": "search/?q=leadership",
    "404": "404.html",
}


def settled(page):
    """Wait until the page shows what it loads (the search page's results)."""
    page.wait_for_function("!document.querySelector('[aria-busy=\"true\"]')")


@pytest.fixture(scope="session")
def theme_site(tmp_path_factory):
    """The theme site, built once with local settings."""
    root = tmp_path_factory.mktemp("theme")
    content = write_content(copy_sample(root / "content"), THEME_FILES)
    build = build_site(content, root / "output")
    assert build.returncode == 0, build.messages
    return build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host, without a log line per request."""

    def log_message(self, *args):
        pass


def serve(folder):
    """Serve `folder` on 127.0.0.1 on a free port; return (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def theme_url(theme_site):
    """The base URL of the theme site, served over HTTP on 127.0.0.1."""
    server, url = serve(theme_site.output)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def published_theme_url(tmp_path_factory):
    """The theme site as a host serves it: a production build whose SITEURL is
    the address of the local server that serves it."""
    root = tmp_path_factory.mktemp("published")
    server, url = serve(root / "output")
    content = write_content(copy_sample(root / "content"), THEME_FILES)
    build = build_site(
        content, root / "output", production=True, env={"SITEURL": url.rstrip("/")}
    )
    assert build.returncode == 0, build.messages
    yield url
    server.shutdown()
    server.server_close()
