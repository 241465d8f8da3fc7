"""Plain text from HTML, and script-safe JSON."""

import json

import markdown
import pytest

from benchmarks.corpus import entry_text
from plugins.shared.text import (
    first_paragraph_text,
    html_text,
    plain_words,
    script_safe_json,
    soup_text,
    word_count,
)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two</p>", "One Two"),
        ("Don<em>'</em>t <strong>stop</strong>", "Don't stop"),
        ("<ul><li>A</li><li>B<br>C</li></ul>", "A B C"),
        ("Fish &amp; chips &lt;3", "Fish & chips <3"),
        ("  plain\n text ", "plain text"),
        ("", ""),
        (None, ""),
    ],
)
def test_html_text_is_what_a_reader_sees_on_one_line(html, text):
    assert html_text(html) == text


def test_plain_words_make_every_run_of_white_space_one_space():
    assert plain_words(" a \n\t b  ") == "a b"


@pytest.mark.parametrize(
    "value", ['Fish </script><!-- & "chips"', "line\u2028separator\u2029here"]
)
def test_json_for_a_script_element_holds_no_markup_or_line_separators(value):
    text = script_safe_json({"headline": value})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"headline": value}


TRICKY_HTML = [
    "<p>a<script>x=1</script>b<style>c{}</style><!--c--><![CDATA[cd]]>e</p>",
    "<p>Fish &amp; chips&nbsp;&lt;3 &#x263A;</p><p>Second.</p>",
    "<h2>Head</h2><p> </p><p>First <em>words</em><br>after a break</p>",
    "<p>Unclosed first<p>second</p>",
    "<p>a<b>c</p>d</b>",
    "<ul><li>One</li><li>Two</li></ul>",
    "<blockquote><p>Quoted.</p></blockquote><p>Mine.</p>",
    "<p><img src='a.png' alt='x'></p><p>Then words.</p>",
    "<div><p>In a div</p></div><table><tr><td>a</td><td>b</td></tr></table>",
    "<template><p>Not shown</p></template><p>Shown</p>",
    "",
    "plain text only",
]


@pytest.mark.parametrize("html", TRICKY_HTML)
def test_the_standard_library_reads_the_text_beautifulsoup_reads(html):
    from bs4 import BeautifulSoup  # noqa: PLC0415

    assert html_text(html) == soup_text(BeautifulSoup(html, "html.parser"))


@pytest.mark.parametrize("html", TRICKY_HTML)
def test_the_first_paragraph_is_the_first_that_beautifulsoup_finds_words_in(html):
    from bs4 import BeautifulSoup  # noqa: PLC0415

    soup = BeautifulSoup(html, "html.parser")
    expected = next((words for p in soup.find_all("p") if (words := soup_text(p))), "")
    assert first_paragraph_text(html) == expected


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ("<p>One</p><p>Two</p>", 2),
        ("<p>One</p>\n<p>Two three</p>", 3),
        ("Don<em>'</em>t <strong>stop</strong>", 2),
        ("<ul><li>A</li><li>B<br>C</li></ul>", 3),
        ("<h2>Heading</h2><pre><code>x = 1</code></pre>", 4),
        ("Fish &amp; chips &lt;3", 4),
        ('<p>A <a href="https://x.org/a b">link</a>.</p><!-- a comment -->', 2),
        ("", 0),
        (None, 0),
    ],
)
def test_word_count_counts_the_words_a_reader_sees(html, count):
    assert word_count(html) == count
    assert word_count(html) == len(html_text(html).split())


def test_word_count_agrees_with_the_words_of_a_whole_entry():
    body = entry_text(7, 10).split("\n\n", 1)[1]
    html = markdown.markdown(body, extensions=["extra"])
    assert word_count(html) == len(html_text(html).split()) > 500
