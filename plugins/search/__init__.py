"""search: mark what the site's search index holds, and give the search page
its filters.

Once every entry and page is read, each gets `search`: its
`marks.SearchMarks` when readers may find it by searching (the theme then
marks its article for Pagefind: `data-pagefind-body`, its year filter, its
tags' keys), or None for hidden and draft ones. The search page
(`search.html`) gets `search_filters`: the tags and years it offers. The
index itself is built from the written site by `workflow/search_index.py`.
"""

from pelican import signals
from pelican.contents import Article

from ..shared.contents import build_contents
from .marks import search_filters, search_marks


def mark_searchable(generators) -> None:
    """Mark every entry and page for the index, and list the search filters."""
    searchable = []
    for content in build_contents(generators):
        is_entry = isinstance(content, Article)
        year = content.date.year if is_entry else None
        tags = [str(tag) for tag in getattr(content, "tags", None) or ()]
        content.search = search_marks(content.status, year, tags)
        if is_entry and content.search:
            searchable.append((year, tags))
    generators[0].context["search_filters"] = search_filters(searchable)


def register():
    """Register the plugin callbacks."""
    signals.all_generators_finalized.connect(mark_searchable)
