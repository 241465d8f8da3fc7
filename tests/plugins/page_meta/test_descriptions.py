"""A description reads only the first paragraph, and says what reading it all says."""

import markdown
import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import corpus_files
from plugins.page_meta.descriptions import description, first_paragraph
from plugins.shared.text import soup_text


def first_paragraph_of_the_whole(html):
    soup = BeautifulSoup(html, "html.parser")
    for paragraph in soup.find_all("p"):
        words = soup_text(paragraph)
        if words:
            return words
    return soup_text(soup)


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


def test_a_page_of_photos_is_described_by_what_they_show():
    html = (
        '<p><img alt="The team at the offsite" src="a.jpg"></p>\n'
        '<p><img src="b.jpg" alt="Our &quot;war room&quot;"></p>'
    )
    assert description(None, html, 200) == 'The team at the offsite Our "war room"'
    other = """<p><img data-alt="not this" src="c.jpg" alt='The board'></p>"""
    assert description(None, other, 200) == "The board"
    assert description("Typed.", html, 200) == "Typed."
    assert description(None, "<p>Words first.</p>" + html, 200) == "Words first."
