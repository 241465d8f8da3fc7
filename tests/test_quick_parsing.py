"""Reading only what is needed of an entry gives what reading it all gives."""

import markdown
import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import corpus_files
from plugins.atom_feed.text import absolute_links
from plugins.page_meta.describe import first_paragraph, plain_words

SITE = "https://journal.example.com"


def first_paragraph_of_the_whole(html):
    soup = BeautifulSoup(html, "html.parser")
    for paragraph in soup.find_all("p"):
        words = plain_words(paragraph.get_text(" "))
        if words:
            return words
    return plain_words(soup.get_text(" "))


def rendered_entries():
    renderer = markdown.Markdown(extensions=["extra", "meta"])
    for name, text in corpus_files(40).items():
        yield name, renderer.reset().convert(text)


@pytest.mark.parametrize(
    "html",
    [
        "<h2>Heading</h2><p>Words.</p>",
        "<p><img src='a.png'></p><p>Then words.</p>",
        "<blockquote><p>Quoted.</p></blockquote><p>Mine.</p>",
        "<ul><li>No paragraph</li></ul>",
        "<p>Unclosed first<p>second</p>",
        "",
    ],
)
def test_the_first_paragraph_is_the_same_as_from_the_whole_text(html):
    assert first_paragraph(html) == first_paragraph_of_the_whole(html)


def test_every_corpus_entry_gets_the_description_of_its_whole_text():
    for name, html in rendered_entries():
        assert first_paragraph(html) == first_paragraph_of_the_whole(html), name


def test_feed_links_of_corpus_entries_are_absolute_whether_written_so_or_not():
    for name, html in rendered_entries():
        page = f"{SITE}/journal/{name.removeprefix('journal/')[:-3]}/"
        absolute = html.replace('href="{filename}', f'href="{SITE}/journal/')
        relative = html.replace('href="{filename}', 'href="../')

        assert absolute_links(absolute, page) == absolute, name
        assert str(BeautifulSoup(absolute_links(relative, page), "html.parser")) == (
            str(BeautifulSoup(absolute, "html.parser"))
        ), name
