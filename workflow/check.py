"""Check a built site: every internal link and anchor resolves.

The functions here take a folder of built files and return problems as plain
strings naming the file (and line) and what is wrong; nothing is printed.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"))


def html_files(output: Path) -> list[Path]:
    """Every HTML page of the built site, in a stable order."""
    return sorted(Path(output).rglob("*.html"))


def page_links(html: str):
    """Yield (line, url) for every link a page makes to another resource."""
    soup = BeautifulSoup(html, "html.parser")
    for tag_name, attribute in LINK_ATTRIBUTES:
        for tag in soup.find_all(tag_name):
            url = tag.get(attribute)
            if url:
                yield tag.sourceline, url


def page_ids(html: str) -> set[str]:
    """Every id a page defines (the anchors a link can point at)."""
    soup = BeautifulSoup(html, "html.parser")
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


def broken_links(output: Path, site_url: str = "") -> list[str]:
    """Every internal link or anchor of the built site that leads nowhere."""
    output = Path(output).resolve()
    ids_cache: dict[Path, set[str]] = {}
    problems = []
    for page in html_files(output):
        html = page.read_text(encoding="utf-8")
        for line, url in page_links(html):
            problem = link_problem(output, page, url, site_url, ids_cache)
            if problem:
                problems.append(f"{page.relative_to(output)}:{line}: {problem}")
    return problems


def link_problem(output, page, url, site_url, ids_cache):
    """Say what is wrong with one link, or return None when it resolves."""
    found = local_target(output, page, url, site_url)
    if found is None:
        return None
    target, fragment = found
    if output not in target.parents:
        return f"link {url!r} points outside the site"
    if not target.is_file():
        return f"link {url!r} leads to a missing file"
    if fragment and target.suffix == ".html":
        if target not in ids_cache:
            ids_cache[target] = page_ids(target.read_text(encoding="utf-8"))
        if unquote(fragment) not in ids_cache[target]:
            return f"link {url!r} points at a missing anchor #{fragment}"
    return None
