"""Page keys: the same values give the same key, a changed value another."""

import copy
from dataclasses import dataclass
from datetime import datetime

from jinja2 import DictLoader, Environment
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from workflow.output_keys import OutputKeys, Reads


@dataclass(frozen=True)
class Link:
    """A value a plugin gives entries: an entry's link to another."""

    title: str
    entry: object = None


@dataclass(frozen=True)
class Links:
    links: tuple


def page_key(keys: OutputKeys, value) -> str:
    environment = Environment(loader=DictLoader({"page.html": "{{ value }}"}))
    template = environment.get_template("page.html")
    return keys.key(template, "page/index.html", {"value": value})


def entry(title: str) -> Article:
    return Article(
        "<p>Words.</p>",
        metadata={"title": title, "date": datetime(2023, 8, 30)},
        settings=copy.deepcopy(DEFAULT_CONFIG),
        source_path="/content/journal/2023-08-30.md",
    )


def test_a_frozen_value_is_keyed_by_what_it_holds():
    keys = OutputKeys(Reads(), "links")

    assert page_key(keys, Link("Older")) == page_key(keys, Link("Older"))
    assert page_key(keys, Link("Older")) != page_key(keys, Link("Newer"))
    shown = (Link("Older"), Link("Newer"))
    assert page_key(keys, shown) == page_key(keys, (Link("Older"), Link("Newer")))


def test_a_frozen_value_that_shows_an_entry_follows_that_entry():
    keys = OutputKeys(Reads({"page.html": ["title"]}), "links")
    shown = entry("Hiring in winter")
    link = Link("Older", shown)
    nested = Links((link,))
    before = page_key(keys, link), page_key(keys, nested)

    shown.title = "Hiring in spring"
    keys.forget(shown)  # what the build does when a plugin changes an entry

    assert page_key(keys, link) != before[0]
    assert page_key(keys, nested) != before[1]
