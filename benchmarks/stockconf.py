"""Stock Pelican for the benchmark: its default theme, no plugins.

Only this differs from Pelican's defaults: no plugins (PLUGINS = [] turns off
auto-discovery of the installed ones), a `philosophy` template that renders
the Q&A page as a plain page (the corpus asks for it), and the time zone and
site address Pelican warns about when they are missing (they cost nothing).
"""

from pathlib import Path

PLUGINS = []
THEME_TEMPLATES_OVERRIDES = [str(Path(__file__).resolve().parent / "stock_templates")]
TIMEZONE = "UTC"
SITEURL = "https://journal.example.com"
