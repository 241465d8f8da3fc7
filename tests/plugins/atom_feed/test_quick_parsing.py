"""The feed reads only what it needs: links already absolute are left as they
are, and a feed is checked while it is written."""

from bs4 import BeautifulSoup

from plugins.atom_feed.check import FeedChecker
from plugins.atom_feed.text import absolute_links
from tests.plugins.page_meta.test_descriptions import rendered_entries

SITE = "https://journal.example.com"


def test_feed_links_of_corpus_entries_are_absolute_whether_written_so_or_not():
    for name, html in rendered_entries():
        page = f"{SITE}/journal/{name.removeprefix('journal/')[:-3]}/"
        absolute = html.replace('href="{filename}', f'href="{SITE}/journal/')
        relative = html.replace('href="{filename}', 'href="../')

        assert absolute_links(absolute, page) == absolute, name
        assert str(BeautifulSoup(absolute_links(relative, page), "html.parser")) == (
            str(BeautifulSoup(absolute, "html.parser"))
        ), name


FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>J</title>
<id>https://j.example/</id><updated>2024-01-02T00:00:00Z</updated>
<link href="https://j.example/" rel="alternate"/>
{entries}</feed>"""
ENTRY = """<entry><title>{title}</title><id>{id}</id>
<updated>2024-01-02T00:00:00Z</updated><content type="html">&lt;p&gt;x</content>
</entry>"""


def test_a_feed_checked_while_it_is_written_keeps_no_entry_and_misses_nothing():
    entries = [
        ENTRY.format(title=f"Entry {number}", id=f"https://j.example/{number}/")
        for number in range(1, 300)
    ]
    entries[149] = ENTRY.format(title="Relative", id="/150/")
    xml = FEED.format(entries="".join(entries)).encode("utf-8")
    checker = FeedChecker()

    for start in range(0, len(xml), 97):
        checker.write(xml[start : start + 97])
    problems = checker.close()

    assert checker.root.find("{http://www.w3.org/2005/Atom}entry") is None
    assert problems[0].startswith("entry 1 ('Entry 1') has no author")
    assert "entry 150 ('Relative'): <id> '/150/' is not absolute" in "\n".join(problems)
    assert len(problems) == 299 + 1


def test_a_broken_feed_is_named_broken_whenever_it_breaks():
    checker = FeedChecker()
    checker.write(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>J</ti')
    checker.write(b"t></feed>")
    assert checker.close()[0].startswith("the feed is not well-formed XML")
