"""The site's own Pelican plugins, one package: `PLUGINS = ["plugins.journal", ...]`.

Each plugin is a package of its own whose `__init__.py` holds `register()` and
the signal glue only; its decisions are plain functions beside it. What
several plugins need lives once, in `plugins.shared`.
"""
