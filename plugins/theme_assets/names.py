"""Content-hashed names for the theme's files: plain data in, plain data out.

`css/site.css` is published as `css/site.3f2a9c1e.css`, the first eight hex
digits of the SHA-256 of what is written (`sha256sum` shows them too), so a
host and a browser may keep it for a year: a changed file gets a new name,
and the pages of the new build link that one. A stylesheet is published
without its comments (written for whoever changes the theme, they are a
tenth of what a reader's first page weighs with it; a `/*! ... */` stays),
and its `url(...)` and `@import` of another theme file are rewritten to that
file's hashed name, so the stylesheet's own name changes whenever a file it
loads does.
"""

import hashlib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

PLUGIN = "theme_assets"
DIGEST_LENGTH = 8
# A name this plugin made: `site.3f2a9c1e.css`, `LICENSE.3f2a9c1e`.
HASHED_NAME = re.compile(rf"\.[0-9a-f]{{{DIGEST_LENGTH}}}(\.[^./]+)?$")
STYLESHEET_SUFFIXES = (".css",)
# url(x), url('x'), url("x") and @import "x" in a stylesheet.
REFERENCE = re.compile(
    r"""(?P<start>url\(\s*(?P<quote>['"]?))(?P<url>[^'")\s]+)(?P=quote)\s*\)"""
    r"""|(?P<import>@import\s+(?P<import_quote>['"]))(?P<import_url>[^'"]+)"""
    r"""(?P=import_quote)"""
)


# A comment of a stylesheet (not one kept, `/*! ... */`), matched after any
# string, which may hold "/*" as it is.
CSS_STRING_OR_COMMENT = re.compile(
    r"""(?P<string>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*(?!!).*?\*/""",
    re.DOTALL,
)
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")


class ThemeAssetError(ValueError):
    """A theme file cannot be named or found; the message says which and why."""


@dataclass(frozen=True)
class Asset:
    """One theme file as the site publishes it."""

    source: str  # its path in the theme's static folder: css/site.css
    name: str  # its published path there: css/site.3f2a9c1e.css
    data: bytes  # what is written (a stylesheet with its references hashed)


def hashed_name(path: str, data: bytes) -> str:
    """`path` with the digest of `data` before its last suffix."""
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    folder, name = posixpath.split(path)
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot and stem else f"{name}.{digest}"
    return posixpath.join(folder, hashed)


def is_hashed_name(path: str) -> bool:
    """True for a name that carries a digest the way `hashed_name` writes it."""
    return bool(HASHED_NAME.search(posixpath.basename(path)))


def referenced_file(stylesheet: str, url: str, files) -> str | None:
    """The theme file a stylesheet's url points at, or None for anything else
    (another site, data:, a path from the site's root, a file not in `files`)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
        return None
    folder = posixpath.dirname(stylesheet)
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    return path if path in files else None


def without_comments(css: bytes) -> bytes:
    """The stylesheet without its comments, and without the blank lines and
    spaces they leave; its strings and every rule as they were."""
    text = css.decode("utf-8", errors="surrogateescape")
    text = CSS_STRING_OR_COMMENT.sub(lambda match: match["string"] or "", text)
    text = TRAILING_SPACE.sub("", text)
    text = BLANK_LINES.sub("\n", text).lstrip("\n")
    return text.encode("utf-8", errors="surrogateescape")


def with_hashed_references(stylesheet: str, css: bytes, files, name_of) -> bytes:
    """The stylesheet with each reference to a theme file in `files` pointing
    at `name_of(that file)`, relative to the stylesheet as before."""
    text = css.decode("utf-8", errors="surrogateescape")
    folder = posixpath.dirname(stylesheet) or "."

    def hashed(match: re.Match) -> str:
        url = match["url"] or match["import_url"]
        target = referenced_file(stylesheet, url, files)
        if target is None:
            return match[0]
        parts = urlsplit(url)
        new = posixpath.relpath(name_of(target), folder)
        new += f"?{parts.query}" if parts.query else ""
        new += f"#{parts.fragment}" if parts.fragment else ""
        return match[0].replace(url, new, 1)

    return REFERENCE.sub(hashed, text).encode("utf-8", errors="surrogateescape")


def hashed_assets(files: Mapping[str, bytes]) -> dict[str, Asset]:
    """{source path: Asset} for every theme file, `files` being {path: bytes}."""
    assets: dict[str, Asset] = {}

    def asset(path: str, referrers: tuple[str, ...]) -> Asset:
        if path in assets:
            return assets[path]
        if path in referrers:
            loop = " -> ".join([*referrers[referrers.index(path) :], path])
            raise ThemeAssetError(
                f"{PLUGIN}: the theme's stylesheets refer to each other in a loop "
                f"({loop}); a file's name carries the hash of the files it "
                "refers to, so a loop cannot be named: remove one of the references"
            )
        data = files[path]
        if path.endswith(STYLESHEET_SUFFIXES):
            data = with_hashed_references(
                path,
                without_comments(data),
                files,
                lambda target: asset(target, (*referrers, path)).name,
            )
        assets[path] = Asset(path, hashed_name(path, data), data)
        return assets[path]

    for path in sorted(files):
        asset(path, ())
    return dict(sorted(assets.items()))


def asset_path(
    assets: Mapping[str, Asset],
    static_dir: str,
    source: str,
    asked_by: str = "a template",
) -> str:
    """Where the site publishes the theme file `source` (`css/site.css` is
    `theme/css/site.3f2a9c1e.css`): a path inside the site."""
    found = assets.get(source)
    if found is None:
        known = ", ".join(assets) or "none"
        raise ThemeAssetError(
            f"{PLUGIN}: {asked_by} asks for the theme file {source!r}, which the "
            f"theme's static folder does not have (it has: {known}); name a file "
            "by its path in theme/static/, like 'css/site.css'"
        )
    return f"{static_dir}/{found.name}"


def hashed_site_path(path: str | None, assets, static_dir: str) -> str | None:
    """A path inside the site (a setting such as FAVICON) that names a theme
    file by its plain name, given its hashed name; any other path as it is."""
    prefix = f"{static_dir}/"
    if path and path.startswith(prefix) and path[len(prefix) :] in assets:
        return asset_path(assets, static_dir, path[len(prefix) :])
    return path


@dataclass(frozen=True)
class ThemeAssets:
    """Every theme file of a build, and the site's folder for them."""

    static_dir: str
    assets: Mapping[str, Asset]

    def path(self, source: str, asked_by: str = "a template") -> str:
        """The published path of the theme file `source` (see `asset_path`)."""
        return asset_path(self.assets, self.static_dir, source, asked_by)
