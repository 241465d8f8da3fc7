"""Check a built site before anyone reads it.

Every internal link and anchor resolves; every page has a title, a
description and a canonical URL; every document of the Atom feed is valid with
absolute ids and links, and its archives are all reached from
feeds/all.atom.xml; no page loads script from another origin.

The functions here take a folder of built files and return problems as plain
strings naming the file (and line) and what is wrong; nothing is printed.
"""

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
from bs4 import BeautifulSoup

from plugins.shared.urls import is_absolute_iri

FEED = "feeds/all.atom.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
HISTORY = "{http://purl.org/syndication/history/1.0}"

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"))


def html_files(output: Path) -> list[Path]:
    """Every HTML page of the built site, in a stable order."""
    return sorted(Path(output).rglob("*.html"))


class ParsedPages(dict):
    """Each built page parsed once, when first asked for: {path: soup}; and
    its ids gathered once, when a link first points into it."""

    def __init__(self):
        super().__init__()
        self._ids: dict[Path, set[str]] = {}

    def __missing__(self, page: Path):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        self[page] = soup
        return soup

    def ids(self, page: Path) -> set[str]:
        if page not in self._ids:
            self._ids[page] = page_ids(self[page])
        return self._ids[page]


def page_links(soup):
    """Yield (line, url) for every link a page makes to another resource."""
    for tag_name, attribute in LINK_ATTRIBUTES:
        for tag in soup.find_all(tag_name):
            url = tag.get(attribute)
            if url:
                yield tag.sourceline, url


def page_ids(soup) -> set[str]:
    """Every id a page defines (the anchors a link can point at)."""
    return {tag["id"] for tag in soup.find_all(id=True)}


def local_target(output: Path, page: Path, url: str, site_url: str = ""):
    """Return (file, fragment) a link points at inside the site, or None if the
    link leaves the site (another origin, mailto:, ...)."""
    if site_url and url.startswith(site_url.rstrip("/") + "/"):
        url = "/" + url[len(site_url.rstrip("/")) + 1 :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = output / path.lstrip("/")
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve(), parts.fragment


def broken_links(output: Path, site_url: str = "", pages=None) -> list[str]:
    """Every internal link or anchor of the built site that leads nowhere."""
    output = Path(output).resolve()
    pages = ParsedPages() if pages is None else pages
    problems = []
    for page in html_files(output):
        for line, url in page_links(pages[page]):
            problem = link_problem(output, page, url, site_url, pages)
            if problem:
                problems.append(f"{page.relative_to(output)}:{line}: {problem}")
    return problems


def link_problem(output, page, url, site_url, pages):
    """Say what is wrong with one link, or return None when it resolves."""
    found = local_target(output, page, url, site_url)
    if found is None:
        return None
    target, fragment = found
    if output not in target.parents:
        return f"link {url!r} points outside the site"
    if not target.is_file():
        return f"link {url!r} leads to a missing file"
    if (
        fragment
        and target.suffix == ".html"
        and unquote(fragment) not in pages.ids(target)
    ):
        return f"link {url!r} points at a missing anchor #{fragment}"
    return None


def site_url_of(output: Path) -> str:
    """The site's address as its feed states it ('' when there is no feed)."""
    try:
        root = ET.parse(Path(output) / FEED).getroot()
    except (OSError, ET.ParseError):
        return ""
    for link in root.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href", "").rstrip("/")
    return ""


def origin(url: str) -> tuple[str, str]:
    """(scheme, host[:port]) of an absolute URL."""
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def head_problems(soup, page, output, site_url, absolute_canonical=False):
    """Yield (line, problem) for a page's title, description and canonical URL."""
    head = soup.head
    line = head.sourceline if head else 1
    title = soup.title
    if not title or not title.get_text(strip=True):
        yield line, "the page has no <title>"
    description = soup.find("meta", attrs={"name": "description"})
    if not description or not description.get("content", "").strip():
        yield (
            description.sourceline if description else line,
            'the page has no <meta name="description"> with content',
        )
    canonical = soup.find("link", rel="canonical")
    href = canonical.get("href", "") if canonical else ""
    if not href:
        yield line, 'the page has no <link rel="canonical"> with an href'
        return
    if absolute_canonical and not (site_url and href.startswith(site_url + "/")):
        yield (
            canonical.sourceline,
            f"canonical URL {href!r} is not an absolute address under {site_url}/",
        )
        return
    found = local_target(output, page, href, site_url)
    if found is None or found[0] != page.resolve():
        yield canonical.sourceline, f"canonical URL {href!r} is not this page's address"


def script_problems(soup, site_url):
    """Yield (line, problem) for every script the page loads from another origin."""
    for script in soup.find_all("script", src=True):
        src = script["src"]
        if urlsplit(src).netloc and origin(src) != origin(site_url):
            yield script.sourceline, f"script {src!r} is loaded from another origin"


def page_problems(
    output: Path, site_url: str = "", absolute_canonical=False, pages=None
):
    """Title, description, canonical URL and scripts of every page."""
    output = Path(output).resolve()
    pages = ParsedPages() if pages is None else pages
    problems = []
    for page in html_files(output):
        soup = pages[page]
        found = [
            *head_problems(soup, page, output, site_url, absolute_canonical),
            *script_problems(soup, site_url),
        ]
        name = page.relative_to(output)
        problems += [f"{name}:{line}: {text}" for line, text in found]
    return problems


def feed_problems(output: Path, site_url: str | None = None) -> list[str]:
    """Every document of the Atom feed parses, feedparser reads it cleanly, its
    ids and links are absolute; the archive documents (RFC 5005) are all
    reached from the subscription document, each once, linked both ways, and
    no entry is in two of them. The site's other Atom files (*.atom.xml: a
    tag's feed, an archive no link reaches) are checked too."""
    output = Path(output).resolve()
    if not (output / FEED).is_file():
        return [f"{FEED}: the Atom feed is missing"]
    site_url = site_url_of(output) if site_url is None else site_url
    problems, read = [], set()
    chain = archive_chain(output, site_url, problems, read)
    problems += chain_problems(output, site_url, chain)
    for path in sorted(output.rglob("*.atom.xml")):
        if path in read:
            continue
        root, found = document_problems(output, path)
        problems += found
        if root is not None and root.find(f"{HISTORY}archive") is not None:
            problems.append(
                f"{path.relative_to(output).as_posix()}: an archive document that "
                f"no prev-archive link from {FEED} reaches; delete it or rebuild"
            )
    return problems


def archive_chain(output: Path, site_url: str, problems: list[str], read: set):
    """[(path, root)] of the subscription document, then of each archive
    document its prev-archive links lead to, the newest first. The problems
    of each document, and of a link that leads nowhere or back, are added to
    `problems`; each document read, to `read`."""
    chain, path = [], (output / FEED).resolve()
    while path is not None:
        read.add(path)
        root, found = document_problems(output, path)
        problems += found
        if root is None:
            break
        chain.append((path, root))
        target = feed_links(root).get("prev-archive")
        path = linked_file(output, site_url, target) if target else None
        name = chain[-1][0].relative_to(output).as_posix()
        if target and path is None:
            problems.append(f"{name}: prev-archive {target!r} leads to no file")
        elif path in {seen for seen, _ in chain}:
            problems.append(f"{name}: prev-archive {target!r} leads back")
            path = None
    return chain


def chain_problems(output: Path, site_url: str, chain) -> list[str]:
    """What is wrong with the marks and links of the subscription document and
    its archives (newest first), and entries found in two of them."""
    problems, entries = [], {}
    for index, (path, root) in enumerate(chain):
        name = path.relative_to(output).as_posix()
        links = feed_links(root)
        marked = root.find(f"{HISTORY}archive") is not None
        if index == 0 and marked:
            problems.append(f"{name}: the subscription document is marked archive")
        if index > 0 and not marked:
            problems.append(f"{name}: an archive document without <fh:archive/>")
        current = linked_file(output, site_url, links.get("current"))
        if index > 0 and current != chain[0][0]:
            problems.append(f"{name}: its current link does not lead to {FEED}")
        newer = chain[index - 1][0] if index > 1 else None
        if newer and linked_file(output, site_url, links.get("next-archive")) != newer:
            problems.append(
                f"{name}: its next-archive link does not lead to "
                f"{newer.relative_to(output).as_posix()}, which links it as "
                "prev-archive"
            )
        for entry in root.findall(f"{ATOM}entry"):
            entry_id = entry.findtext(f"{ATOM}id", "")
            if entry_id in entries:
                problems.append(
                    f"{name}: the entry {entry_id!r} is also in {entries[entry_id]}"
                )
            entries.setdefault(entry_id, name)
    return problems


def feed_links(root) -> dict[str, str]:
    """{rel: href} of a feed document's own links."""
    return {
        link.get("rel", "alternate"): link.get("href", "")
        for link in root.findall(f"{ATOM}link")
    }


def linked_file(output: Path, site_url: str, url: str | None):
    """The file of the site a feed's link leads to, or None."""
    if not url:
        return None
    found = local_target(output, output / FEED, url, site_url)
    if found is None or not found[0].is_file() or output not in found[0].parents:
        return None
    return found[0]


def document_problems(output: Path, path: Path):
    """(root element or None, problems) of one feed document: it parses,
    feedparser reads it cleanly, its ids and links are absolute."""
    name = path.relative_to(output).as_posix()
    data = path.read_bytes()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return None, [f"{name}:{error.position[0]}: not well-formed XML: {error}"]
    if root.tag != f"{ATOM}feed":
        return None, []
    problems = []
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"{name}: feedparser cannot read it: {parsed.bozo_exception}")
    for element in [root, *root.findall(f"{ATOM}entry")]:
        urls = [("id", element.findtext(f"{ATOM}id", ""))]
        links = element.findall(f"{ATOM}link")
        urls += [("link", link.get("href", "")) for link in links]
        where = element.findtext(f"{ATOM}title", "") or "the feed"
        problems += [
            f"{name}: {where!r} has a {kind} that is not absolute: {url!r}"
            for kind, url in urls
            if not is_absolute_iri(url)
        ]
    return root, problems


def check_site(output: Path, site_url: str | None = None, absolute_canonical=False):
    """Every problem of a built site, as 'file[:line]: what is wrong' strings.

    `site_url` defaults to the address the feed states; `absolute_canonical`
    demands absolute canonical URLs, as a production build has.
    """
    output = Path(output)
    if not (output / "index.html").is_file():
        return [f"{output}: no index.html; build the site first (invoke build)"]
    site_url = (site_url if site_url is not None else site_url_of(output)).rstrip("/")
    pages = ParsedPages()  # each page parsed once, for its links and its head
    return [
        *broken_links(output, site_url, pages),
        *page_problems(output, site_url, absolute_canonical, pages),
        *feed_problems(output, site_url),
    ]
