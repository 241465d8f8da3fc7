"""Pelican settings for local work (`invoke build`, `invoke serve`).

`pelican content -s pelicanconf.py -o output` works from the repository root too.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

# The author, shown on the home page and in every footer, and named in the
# structured data (the profile plugin; see plugins/profile/settings.py).
# Placeholders, as they say: put your own name, line and profiles here.
AUTHOR = "The Author"
PROFILE_BIO = (
    "Placeholder: set AUTHOR, PROFILE_BIO and PROFILE_LINKS in pelicanconf.py "
    "to introduce yourself in one line."
)
PROFILE_LINKS = (
    ("LinkedIn", "https://linkedin.example/in/placeholder"),
    ("GitHub", "https://github.example/placeholder"),
    ("Mastodon", "https://mastodon.example/@placeholder"),
    ("Email", "mailto:placeholder@example.org"),
)
SITENAME = "Engineering Leadership Journal"
SITESUBTITLE = "A journal and a leadership Q&A from an engineering leader."
# Local builds use a local address so the feed's ids and links are absolute;
# pages link relatively, so the output also works from any folder or port.
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = True
FEED_DOMAIN = SITEURL

PATH = "content"
# Files that are not the author's but their editor's or system's: an Emacs
# lock (`.#2024-05-01.md`, a link to nowhere), macOS's `._2024-05-01.md` and
# `.DS_Store`, a vim swap file, a backup. (Pelican's default, "**/.*", is
# matched against file names alone, which hold no "/": it leaves out none.)
IGNORE_FILES = [".#*", "._*", ".DS_Store", "*.swp", "*~"]
OUTPUT_PATH = "output"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

THEME = str(ROOT / "theme")
# The site's plugins are one package, `plugins/`, at the repository's root.
PLUGIN_PATHS = [str(ROOT)]
# Setting PLUGINS turns off auto-discovery: list pelican-neighbors and
# pelican-sitemap too. theme_assets gives the theme's files (and FAVICON) their
# hashed names before other plugins read them; pinned_urls fixes every address
# once all other plugins ran: keep it last.
PLUGINS = [
    "plugins.strict_build",
    "plugins.theme_assets",
    "neighbors",
    "plugins.journal",
    "plugins.updated",
    "plugins.reading",
    "plugins.philosophy",
    "plugins.atom_feed",
    "plugins.profile",
    "plugins.page_meta",
    "plugins.images",
    "plugins.search",
    "sitemap",
    "plugins.pinned_urls",
]

# Titles, summaries and labels are plain text: templates escape everything
# that is not rendered content. Each build reads the templates afresh: Jinja
# need not check the files for changes on every include (auto_reload), a file
# check per included partial, thousands per build.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,
}
# `Summary:` is plain text too, kept as typed (Pelican would render it as
# Markdown into HTML).
FORMATTED_FIELDS = []

# Markdown as Pelican reads it, without syntax colouring (codehilite): the
# theme has no colours for it, so Pygments' markup would only weigh on every
# page, and it costs a fifth of the Markdown rendering. Code blocks come out as
# <pre><code class="language-...">.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

# Journal entries live in content/journal/, named YYYY-MM-DD[-slug].md; the
# date comes from `Date:` or, failing that, from the file name. The slug is the
# file name, so every entry has its own URL, untitled or not.
ARTICLE_PATHS = ["journal"]
PAGE_PATHS = ["pages"]
FILENAME_METADATA = r"(?P<date>\d{4}-\d{2}-\d{2})"
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "journal/{slug}/"
ARTICLE_SAVE_AS = "journal/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# Files in content/extra/ are copied as-is to the root of the site.
STATIC_PATHS = ["extra", "images"]
PATH_METADATA = r"extra/(?P<url>(?P<save_as>.+))"

# Only what the site links is generated (every page costs build time): no
# author pages (the site has one author) and no per-author or per-category
# feeds.
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "search", "404"]
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
# The search page: every page's search box leads there (plugins/search,
# workflow/search_index.py).
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
AUTHORS_SAVE_AS = ""
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_URL = "journal/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "journal/{date:%Y}/index.html"

# Files derived from the content (resized photos, link-preview cards...) are
# kept here between builds, named by what they are made from; deleting the
# folder is always safe (plugins/shared/cache.py).
BUILD_CACHE_PATH = str(ROOT / ".cache" / "derived")

# Lists of entries show ten a page: the home page at `./`, then `page/2/`...;
# a tag's at `tag/x/`, then `tag/x/page/2/`. The home page's address is the
# site's root (`{SITEURL}/`, as every page's header links it), not Pelican's
# default `index.html`, which gave page 2's "Newer entries" a second address.
INDEX_URL = ""
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# One feed of every entry, with absolute URLs (the atom_feed plugin makes it
# one that every reader accepts; see plugins/atom_feed/settings.py): the
# newest FEED_MAX_ITEMS entries in full in feeds/all.atom.xml, the older ones
# in its monthly archives, feeds/archive/YYYY-MM.atom.xml (RFC 5005).
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_MAX_ITEMS = 20
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# sitemap.xml lists every page a reader can land on; robots.txt (a theme
# template, unless content/extra/robots.txt replaces it) names it.
SITEMAP = {
    "format": "xml",
    "exclude": [r"^404\.html$", r"^robots\.txt$", r"^authors?/"],
}
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}

# The icon browsers show; content/extra/favicon.ico (or .svg, .png) replaces it.
# The theme's files are published under hashed names (theme/favicon.1a2b3c4d.svg,
# see plugins/theme_assets): name them here by their plain path.
FAVICON = "theme/favicon.svg"
