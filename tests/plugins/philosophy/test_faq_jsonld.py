"""The Q&A page's schema.org FAQPage JSON-LD: complete, and safe in <script>."""

import json
import re

import pytest

from plugins.philosophy.faq_jsonld import faq_page_jsonld
from plugins.philosophy.questions import parse_questions
from plugins.shared.contents import ImageFacts

URL = "https://leader.example.org/leadership/"


def qa_page(*questions):
    """A parsed Q&A page from (question, philosophy, [(label, explanation)])."""
    html = "".join(
        f"<h2>{text}</h2><h3>The Philosophy</h3><p>{philosophy}</p>"
        "<h3>The Strategy</h3><ul>"
        + "".join(f"<li><strong>{label}:</strong> {why}</li>" for label, why in items)
        + "</ul>"
        for text, philosophy, items in questions
    )
    page, problems = parse_questions(html)
    assert problems == []
    return page


TWO_QUESTIONS = qa_page(
    (
        "How do you lead?",
        "Build a <em>room</em> that out-innovates me.",
        [("Alignment", "Every task counts."), ("Velocity", "Ship, predictably.")],
    ),
    ("How do you scale?", "Systems over heroics.", [("Autonomy", "Small teams.")]),
)


def test_it_is_a_faq_page_with_one_question_per_question():
    data = json.loads(faq_page_jsonld("Leadership", URL, TWO_QUESTIONS))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["name"] == "Leadership"
    assert data["url"] == URL
    assert [q["@type"] for q in data["mainEntity"]] == ["Question", "Question"]
    assert [q["name"] for q in data["mainEntity"]] == [
        "How do you lead?",
        "How do you scale?",
    ]


def test_it_names_the_picture_of_its_link_previews():
    card = ImageFacts(URL + "card.png", 1200, 630, "Leadership", "image/png")
    data = json.loads(faq_page_jsonld("Leadership", URL, TWO_QUESTIONS, card))
    assert data["image"] == {
        "@type": "ImageObject",
        "url": URL + "card.png",
        "width": 1200,
        "height": 630,
    }
    assert "image" not in json.loads(faq_page_jsonld("L", URL, TWO_QUESTIONS))


def test_each_question_links_its_anchor_on_the_page():
    data = json.loads(faq_page_jsonld("Leadership", URL, TWO_QUESTIONS))
    assert [q["url"] for q in data["mainEntity"]] == [
        URL + "#how-do-you-lead",
        URL + "#how-do-you-scale",
    ]


def test_the_accepted_answer_is_the_philosophy_then_the_strategies_as_text():
    data = json.loads(faq_page_jsonld("Leadership", URL, TWO_QUESTIONS))
    answers = [q["acceptedAnswer"] for q in data["mainEntity"]]
    assert [a["@type"] for a in answers] == ["Answer", "Answer"]
    assert answers[0]["text"] == (
        "Build a room that out-innovates me.\n"
        "Alignment: Every task counts.\n"
        "Velocity: Ship, predictably."
    )
    assert answers[1]["text"] == "Systems over heroics.\nAutonomy: Small teams."


HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!-- <script>",
    'He said "ship it" & left',
    "R&amp;D is not R&D",
    "it's <b>bold</b> > all",
    "line\u2028separator\u2029paragraph",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_text_can_end_the_script_element_and_all_of_it_reads_back(text):
    jsonld = faq_page_jsonld(text, URL, TWO_QUESTIONS)
    assert not re.search(r"[<>&\u2028\u2029]", jsonld)
    assert json.loads(jsonld)["name"] == text


def test_a_hostile_title_and_question_read_back_exactly():
    page = qa_page(
        (
            "Why &lt;/script&gt; &amp; “quotes”?",
            'Keep &lt;b&gt; &amp; "x" as typed.',
            [('&lt;b&gt; &amp; "R&amp;D"', "Even &lt;/script&gt;.")],
        ),
    )
    jsonld = faq_page_jsonld('</script> "Q&A"', URL, page)
    assert "</" not in jsonld
    data = json.loads(jsonld)
    assert data["name"] == '</script> "Q&A"'
    (question,) = data["mainEntity"]
    assert question["name"] == "Why </script> & “quotes”?"
    assert question["acceptedAnswer"]["text"] == (
        'Keep <b> & "x" as typed.\n<b> & "R&D": Even </script>.'
    )
