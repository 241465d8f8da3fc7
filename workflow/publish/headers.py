"""What a host should say about each file: its Content-Type and how long
browsers and caches may keep it (Cache-Control). Plain functions on paths.

Theme files are published under names that carry a digest of their bytes
(plugins/theme_assets), so they never change under their name: a year,
`immutable`. Every other file (pages, the feed, the sitemap, the author's
images) keeps its address when it changes: `publish.html_max_age` seconds.
"""

import json
import mimetypes
import posixpath
import sys

from plugins.theme_assets.names import is_hashed_name

THEME_FOLDER = "theme/"  # THEME_STATIC_DIR: where hashed theme files live
YEAR = 365 * 24 * 60 * 60
# Bumped whenever the functions below give a file other headers (a change
# of their tables counts by itself): a host that keeps headers with its files
# (S3) gives the files already there new ones.
RULES_VERSION = 1
IMMUTABLE = f"public, max-age={YEAR}, immutable"

# The types of a site's files, whatever the machine's /etc/mime.types says
# (a fresh MimeTypes reads Python's own table only, the same everywhere).
SITE_TYPES = {
    ".atom.xml": "application/atom+xml",
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
}
PYTHON_TYPES = mimetypes.MimeTypes()
# Text types: read as UTF-8, which every file the build writes is.
TEXT_TYPES = ("text/", "application/json", "application/manifest+json")
TEXT_SUFFIXES = ("+xml", "/xml", "/javascript")


def content_type(path: str) -> str:
    """The Content-Type of a site's file, with charset=utf-8 for text."""
    name = posixpath.basename(path).lower()
    found = next(
        (kind for suffix, kind in SITE_TYPES.items() if name.endswith(suffix)), None
    )
    found = found or PYTHON_TYPES.guess_type(name)[0] or "application/octet-stream"
    if found.startswith(TEXT_TYPES) or found.endswith(TEXT_SUFFIXES):
        return f"{found}; charset=utf-8"
    return found


def is_immutable(path: str) -> bool:
    """True for a theme file under its hashed name: it never changes there."""
    return path.startswith(THEME_FOLDER) and is_hashed_name(path)


def cache_control(path: str, html_max_age: int) -> str:
    """How long browsers and caches may keep a file before asking again."""
    if is_immutable(path):
        return IMMUTABLE
    return f"public, max-age={html_max_age}"


def hosts_headers_file() -> str:
    """`_headers`, which Netlify and Cloudflare Pages read from the root of a
    published branch: theme files (hashed names) are kept a year. Other files
    keep those hosts' own default (asked again on every visit; they clear
    their caches when a new version is published). One rule only: both
    hosts join the values of a header that several rules give a path."""
    return (
        "# Cache-Control for Netlify and Cloudflare Pages (invoke publish writes\n"
        "# this file; GitHub Pages ignores it). Theme files carry a digest of\n"
        "# their content in their names, so they never change under a name.\n"
        f"/{THEME_FOLDER}*\n"
        f"  Cache-Control: {IMMUTABLE}\n"
    )


def header_rules(html_max_age: int) -> str:
    """What decides the headers of every file: these rules, their tables, the
    Python whose table of types they fall back on, and the setting. A host
    that was given files under other rules gives them new headers."""
    return json.dumps(
        {
            "html_max_age": html_max_age,
            "rules": RULES_VERSION,
            "types": SITE_TYPES,
            "immutable": [THEME_FOLDER, IMMUTABLE],
            "python": list(sys.version_info[:2]),
        },
        sort_keys=True,
    )
