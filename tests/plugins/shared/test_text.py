"""Plain text from HTML, and script-safe JSON."""

import json

import pytest

from plugins.shared.text import html_text, plain_words, script_safe_json


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
