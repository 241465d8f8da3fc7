"""Stock Pelican for the benchmark: its default theme, no plugins.

Only what the corpus needs to build at all differs from Pelican's defaults:
no plugins (PLUGINS = [] turns off auto-discovery of the installed ones), and
a `philosophy` template that renders the Q&A page as a plain page.
"""

from pathlib import Path

PLUGINS = []
THEME_TEMPLATES_OVERRIDES = [str(Path(__file__).resolve().parent / "stock_templates")]
TIMEZONE = "UTC"
SITEURL = "https://journal.example.com"
