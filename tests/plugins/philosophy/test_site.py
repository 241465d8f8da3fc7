"""The leadership Q&A page in a built site: questions, anchors, JSON-LD, errors."""

# The author writes curly quotes and apostrophes; the fixtures keep them as written.
# ruff: noqa: RUF001

import gzip
import json

import pytest

from tests.conftest import (
    SEED_LABELS,
    SEED_QUESTIONS,
    Build,
    build_site,
    folder_fingerprint,
    run_pelican,
    words,
    write_content,
)
from workflow.check import broken_links

SEED_PHILOSOPHY_STARTS = [
    "Many view technical leadership as being the “smartest architect in the room.”",
    "Scaling isn’t just “hiring more people” - that’s often how you slow down.",
    "Technical debt isn’t a “bad thing” to be avoided;",
]

ENTRY = {"journal/2024-01-02.md": "Title: Hiring notes\n\nWhat interviews taught me.\n"}


def jsonld_of(page):
    """The page's one JSON-LD script, read back with json."""
    (script,) = page.find_all("script")
    assert script["type"] == "application/ld+json"
    assert script.parent.name == "head"
    return json.loads(script.string)


def qa_markup(page):
    """(question text, id, [strategy labels], [strategy ids]) per section."""
    return [
        (
            section.h2.get_text(),
            section["id"],
            [label.get_text() for label in section.select(".qa-strategy-label")],
            [item["id"] for item in section.select("li.qa-strategy")],
        )
        for section in page.select("article.qa section.qa-question")
    ]


def build_with_settings(tmp_path, content, settings):
    """Build content with the pelican command, pelicanconf.py and these settings."""
    output = tmp_path / "output"
    result = run_pelican(content, output, extra_settings=settings)
    return Build(result.returncode, result.stdout, result.stderr, output)


# The author's page


def test_the_sample_page_has_three_questions_of_three_strategies_with_exact_labels(
    sample_site,
):
    page = sample_site.page("leadership/index.html")
    markup = qa_markup(page)
    assert [text for text, *_ in markup] == SEED_QUESTIONS
    assert [labels for _, _, labels, _ in markup] == SEED_LABELS


def test_every_question_and_strategy_has_its_own_anchor(sample_site):
    page = sample_site.page("leadership/index.html")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    markup = qa_markup(page)
    assert [anchor for _, anchor, _, _ in markup] == [
        "how-do-you-define-successful-engineering-leadership",
        "what-is-your-approach-to-scaling-technical-organizations",
        "how-do-you-balance-high-growth-velocity-with-technical-stability",
    ]
    assert markup[0][3] == [
        "how-do-you-define-successful-engineering-leadership-alignment",
        "how-do-you-define-successful-engineering-leadership-velocity-vs-stability",
        "how-do-you-define-successful-engineering-leadership-the-human-growth-curve",
    ]
    assert all(len(strategy_ids) == 3 for *_, strategy_ids in markup)


def test_the_table_of_contents_links_every_question_in_order(sample_site):
    page = sample_site.page("leadership/index.html")
    toc = page.select_one('article.qa nav.qa-toc[aria-label="Questions"]')
    links = [(a["href"], a.get_text()) for a in toc.find_all("a")]
    sections = page.select("section.qa-question")
    assert links == [(f"#{s['id']}", s.h2.get_text()) for s in sections]
    assert broken_links(sample_site.output) == []


def test_each_question_leads_with_the_philosophy_then_lists_the_strategy(
    sample_site,
):
    page = sample_site.page("leadership/index.html")
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Leadership"]
    for section, start in zip(
        page.select("section.qa-question"), SEED_PHILOSOPHY_STARTS, strict=True
    ):
        assert section["aria-labelledby"] == section.h2["id"]
        headings = [(h.name, h.get_text()) for h in section.find_all(["h2", "h3"])]
        assert headings[1:] == [("h3", "The Philosophy"), ("h3", "The Strategy")]
        philosophy = section.select_one(".qa-philosophy")
        assert words(philosophy.p.get_text()).startswith(start)
        strategies = section.select_one("ul.qa-strategies")
        assert philosophy.find_next("ul") is strategies
        assert len(strategies.find_all("li", class_="qa-strategy")) == 3


def test_a_strategy_shows_its_label_then_its_explanation(sample_site):
    page = sample_site.page("leadership/index.html")
    item = page.select_one("li.qa-strategy")
    assert words(item.get_text()) == (
        "Alignment: Does every engineer understand how their sprint task "
        "impacts the company’s bottom line?"
    )


def test_the_json_ld_is_a_faq_page_with_one_question_per_question(sample_site):
    page = sample_site.page("leadership/index.html")
    data = jsonld_of(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["name"] == "Leadership"
    questions = data["mainEntity"]
    assert [q["@type"] for q in questions] == ["Question"] * 3
    assert [q["name"] for q in questions] == SEED_QUESTIONS
    for question, start, labels in zip(
        questions, SEED_PHILOSOPHY_STARTS, SEED_LABELS, strict=True
    ):
        answer = question["acceptedAnswer"]
        assert answer["@type"] == "Answer"
        assert answer["text"].startswith(start)
        for label in labels:
            assert f"\n{label}: " in answer["text"]


def test_the_json_ld_gives_the_public_address_in_production(production_site):
    data = jsonld_of(production_site.page("leadership/index.html"))
    assert data["url"] == "https://leader.example.org/leadership/"
    assert data["mainEntity"][0]["url"] == (
        "https://leader.example.org/leadership/"
        "#how-do-you-define-successful-engineering-leadership"
    )


def test_the_page_stays_within_14_kb_gzipped(sample_site):
    html = (sample_site.output / "leadership" / "index.html").read_bytes()
    assert len(gzip.compress(html)) <= 14 * 1024


# Plain text stays plain text

HOSTILE_PAGE = """\
Title: </script> "Q&A" & <b>
Template: philosophy

## Why `</script>` & "quotes" matter?

### The Philosophy

Keep `</script>` & "it's" safe.

### The Strategy

- **`<b>` & "R&D" `</script>`:** Shown as typed.
"""


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    content = write_content(folder / "content", {"pages/qa.md": HOSTILE_PAGE})
    result = build_site(content, folder / "output")
    assert result.returncode == 0, result.messages
    return result


def test_hostile_text_cannot_end_the_json_ld_script(hostile_page):
    html = (hostile_page.output / "qa" / "index.html").read_text(encoding="utf-8")
    assert html.count("<script") == html.count("</script>") == 1
    data = jsonld_of(hostile_page.page("qa/index.html"))
    assert data["name"] == '</script> "Q&A" & <b>'
    (question,) = data["mainEntity"]
    assert question["name"] == 'Why </script> & "quotes" matter?'
    assert question["acceptedAnswer"]["text"] == (
        'Keep </script> & "it\'s" safe.\n<b> & "R&D" </script>: Shown as typed.'
    )


def test_hostile_titles_questions_and_labels_show_as_typed(hostile_page):
    page = hostile_page.page("qa/index.html")
    assert page.title.get_text().startswith('</script> "Q&A" & <b> · ')
    assert page.h1.get_text() == '</script> "Q&A" & <b>'
    assert page.select_one(".qa-toc a").get_text() == 'Why </script> & "quotes" matter?'
    assert page.h2.get_text() == 'Why </script> & "quotes" matter?'
    label = page.select_one(".qa-strategy-label")
    assert label.get_text() == '<b> & "R&D" </script>'
    assert label.find(True) is None, "a label is text, never markup"
    assert page.find("b") is None


# Several Q&A pages, introductions, numbered strategies, links in answers

LEADERSHIP_PAGE = """\
Title: Leadership
Template: philosophy

How I lead, in [my journal]({filename}/journal/2024-01-02.md) too.

## How do you hire?

### the philosophy

Slowly, and [with notes]({filename}/journal/2024-01-02.md).

### THE STRATEGY

- **Structured interviews:** The same questions for everyone.
- **Work samples:** Real work, paid.
"""
HIRING_PAGE = """\
Title: Hiring
Template: philosophy

## How do you hire?

### The Philosophy

By the team, for the team.

### The Strategy

1. **Scorecards:** Written before the first interview.
2. **Debriefs:** Everyone speaks before the manager.

## Main?

### The Philosophy

The skip link still leads to the page's main content.

### The Strategy

- **Ids:** Questions never take the theme's.
"""
ABOUT_PAGE = "Title: About\n\n## A heading, not a question\n\nJust a page.\n"
SEVERAL_PAGES = {
    **ENTRY,
    "pages/leadership.md": LEADERSHIP_PAGE,
    "pages/hiring.md": HIRING_PAGE,
    "pages/about.md": ABOUT_PAGE,
}


@pytest.fixture(scope="module")
def several_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("several")
    content = write_content(folder / "content", SEVERAL_PAGES)
    result = build_site(content, folder / "output")
    assert result.returncode == 0, result.messages
    return result


def test_each_qa_page_of_a_site_has_its_own_questions_and_json_ld(several_pages):
    leadership = several_pages.page("leadership/index.html")
    hiring = several_pages.page("hiring/index.html")
    assert qa_markup(leadership) == [
        (
            "How do you hire?",
            "how-do-you-hire",
            ["Structured interviews", "Work samples"],
            ["how-do-you-hire-structured-interviews", "how-do-you-hire-work-samples"],
        )
    ]
    assert qa_markup(hiring)[0] == (
        "How do you hire?",
        "how-do-you-hire",
        ["Scorecards", "Debriefs"],
        ["how-do-you-hire-scorecards", "how-do-you-hire-debriefs"],
    )
    assert jsonld_of(leadership)["name"] == "Leadership"
    assert jsonld_of(hiring)["name"] == "Hiring"
    answer = jsonld_of(hiring)["mainEntity"][0]["acceptedAnswer"]["text"]
    assert answer.startswith("By the team, for the team.\nScorecards: Written")


def test_headings_match_whatever_their_case_and_show_the_settings_words(
    several_pages,
):
    section = several_pages.page("leadership/index.html").select_one("section")
    assert [h3.get_text() for h3 in section.find_all("h3")] == [
        "The Philosophy",
        "The Strategy",
    ]


def test_the_introduction_comes_before_the_table_of_contents(several_pages):
    page = several_pages.page("leadership/index.html")
    introduction = page.select_one("article.qa > .qa-introduction")
    assert words(introduction.get_text()) == "How I lead, in my journal too."
    assert introduction.find_next("nav") is page.select_one("nav.qa-toc")


def test_a_question_never_takes_an_id_of_the_theme(several_pages):
    page = several_pages.page("hiring/index.html")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert page.select_one("#main").name == "main"
    assert qa_markup(page)[1][:2] == ("Main?", "main-2")


def test_numbered_strategies_stay_numbered(several_pages):
    first, second = several_pages.page("hiring/index.html").select("section")
    assert first.select_one("ol.qa-strategies") is not None
    assert first.select_one("ul") is None
    assert second.select_one("ul.qa-strategies") is not None


def test_a_page_of_another_template_is_no_qa_page(several_pages):
    page = several_pages.page("about/index.html")
    assert page.select_one(".qa, .qa-toc") is None
    [data] = [json.loads(script.string) for script in page.find_all("script")]
    assert data["@type"] == "ProfilePage"  # a page's, no QAPage
    assert page.h2.get_text() == "A heading, not a question"


def test_links_in_answers_lead_to_their_pages(several_pages):
    page = several_pages.page("leadership/index.html")
    philosophy_link = page.select_one(".qa-philosophy a")
    assert philosophy_link["href"] == "../journal/2024-01-02/"
    assert broken_links(several_pages.output) == []


def test_links_in_answers_are_absolute_in_production(build, tmp_path):
    content = write_content(tmp_path / "content", SEVERAL_PAGES)
    site = "https://leader.example.org"
    result = build(content, production=True, env={"SITEURL": site})
    assert result.returncode == 0, result.messages
    page = result.page("leadership/index.html")
    assert page.select_one(".qa-philosophy a")["href"] == (
        f"{site}/journal/2024-01-02/"
    )
    assert broken_links(result.output, site) == []


# Settings


CUSTOM_TEMPLATE = '{% extends "philosophy.html" %}\n'
CUSTOM_PAGE = """\
Title: FAQ
Template: faq

## How do you lead?

### why

By example.

### How

- **Example:** I do what I ask.
"""


def test_heading_words_and_the_template_come_from_settings(tmp_path):
    write_content(tmp_path / "templates", {"faq.html": CUSTOM_TEMPLATE})
    content = write_content(tmp_path / "content", {"pages/faq.md": CUSTOM_PAGE})
    result = build_with_settings(
        tmp_path,
        content,
        'PHILOSOPHY_HEADINGS = {"philosophy": "Why", "strategy": "How"}\n'
        'PHILOSOPHY_TEMPLATE = "faq"\n'
        f"THEME_TEMPLATES_OVERRIDES = [{str(tmp_path / 'templates')!r}]",
    )
    assert result.returncode == 0, result.messages
    page = result.page("faq/index.html")
    section = page.select_one("section.qa-question")
    assert [h3.get_text() for h3 in section.find_all("h3")] == ["Why", "How"]
    assert qa_markup(page)[0][2] == ["Example"]
    assert jsonld_of(page)["mainEntity"][0]["acceptedAnswer"]["text"] == (
        "By example.\nExample: I do what I ask."
    )


def test_with_other_heading_words_the_default_ones_are_an_error(tmp_path):
    content = write_content(tmp_path / "content", {"pages/leadership.md": HIRING_PAGE})
    result = build_with_settings(
        tmp_path, content, 'PHILOSOPHY_HEADINGS = {"philosophy": "Why"}'
    )
    assert result.returncode != 0
    assert (
        'pages/leadership.md: question 1 "How do you hire?": unknown section '
        '"The Philosophy"; a question has only "Why" and "The Strategy".'
    ) in result.messages


def test_a_bad_heading_setting_fails_the_build_naming_the_setting(tmp_path):
    content = write_content(tmp_path / "content", {"pages/hiring.md": HIRING_PAGE})
    write_content(tmp_path / "output", {"index.html": "the previous site\n"})
    before = folder_fingerprint(tmp_path / "output")
    result = build_with_settings(
        tmp_path,
        content,
        'PHILOSOPHY_HEADINGS = {"philosophy": "How", "strategy": "how"}',
    )
    assert result.returncode != 0
    assert (
        "philosophy: setting PHILOSOPHY_HEADINGS gives both sections the heading 'how'"
    ) in result.messages
    assert folder_fingerprint(tmp_path / "output") == before


# Bad pages: every problem of every page, then nothing written

GOOD_ANSWER = """\
### The Philosophy

By example.

### The Strategy

- **Example:** I do what I ask.
"""
BAD_PAGE = f"""\
Title: Leadership
Template: philosophy

## How do you lead?

{GOOD_ANSWER}
## How do you hire?

### The Philosophy

Slowly.

## How do you plan?

### The Strategy

- **Roadmaps:** Quarterly.

## How do you decide?

### The Philosophy

### The Strategy

- **Data:** First.

## How do you scale?

### The Philosophy

Systems.

### The Strategy

Hire more people.

## How do you coach?

### The Philosophy

One to ones.

### The Strategy

- Weekly one-to-ones.

## How do you review?

### The Philosophy

Kindly.

### The Strategie

- **Care:** Always.

## How do you rest?

### The Philosophy

Often.

### The Philosophy

Really.

### The Strategy

- **Sleep:** Eight hours.

## How do you write?

Stray text.

{GOOD_ANSWER}
## How do you lead?

{GOOD_ANSWER}"""

# (question, what is wrong, how to fix it): one line each in the build's report.
BAD_PAGE_PROBLEMS = [
    (
        'question 2 "How do you hire?"',
        '"The Strategy" is missing.',
        "Fix: add '### The Strategy' followed by a list of '- **Label:** text' items.",
    ),
    (
        'question 3 "How do you plan?"',
        '"The Philosophy" is missing.',
        "Fix: add '### The Philosophy' followed by prose.",
    ),
    (
        'question 4 "How do you decide?"',
        '"The Philosophy" is empty.',
        "Fix: write at least one paragraph under '### The Philosophy'.",
    ),
    (
        'question 5 "How do you scale?"',
        '"The Strategy" must be a list whose every item starts with a bold label, '
        'but it holds a paragraph "Hire more people.".',
        "Fix: write each strategy as '- **Label:** explanation'",
    ),
    (
        'question 6 "How do you coach?"',
        'strategy 1 "Weekly one-to-ones." does not start with a bold label.',
        "Fix: begin the item with '**Label:**'",
    ),
    (
        'question 7 "How do you review?"',
        'unknown section "The Strategie"',
        "Fix: did you mean '### The Strategy'?",
    ),
    (
        'question 8 "How do you rest?"',
        '"The Philosophy" is given twice.',
        "Fix: merge both into one '### The Philosophy' section.",
    ),
    (
        'question 9 "How do you write?"',
        'a paragraph "Stray text." comes before any section.',
        "Fix: put it under '### The Philosophy'",
    ),
    (
        'question 10 "How do you lead?"',
        "it repeats question 1.",
        "Fix: merge the two questions or reword one of them.",
    ),
]


def test_a_bad_qa_page_fails_the_build_naming_every_problem_and_its_fix(
    build, tmp_path
):
    content = write_content(
        tmp_path / "content",
        {
            **ENTRY,
            "pages/leadership.md": BAD_PAGE,
            "pages/empty.md": "Title: Empty\nTemplate: philosophy\n\nNo question.\n",
        },
    )
    write_content(tmp_path / "output", {"index.html": "the previous site\n"})
    before = folder_fingerprint(tmp_path / "output")

    result = build(content)

    assert result.returncode != 0
    assert "the build found 10 problems:" in result.messages
    report = [
        line for line in result.stderr.splitlines() if line.startswith("  - pages/")
    ]
    assert len(report) == 10
    for where, what, fix in BAD_PAGE_PROBLEMS:
        (line,) = [line for line in report if f"leadership.md: {where}:" in line]
        assert line.startswith(f"  - pages/leadership.md: {where}: "), line
        assert what in line
        assert fix in line
    assert any(
        line.startswith("  - pages/empty.md: page: no question found. Fix: ")
        for line in report
    )
    assert "Traceback" not in result.messages
    assert folder_fingerprint(tmp_path / "output") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_the_plain_pelican_command_fails_on_a_bad_qa_page(tmp_path):
    content = write_content(tmp_path / "content", {"pages/qa.md": BAD_PAGE})
    result = run_pelican(content, tmp_path / "out")
    assert result.returncode != 0
    assert 'pages/qa.md: question 2 "How do you hire?": ' in result.stderr
    assert not (tmp_path / "out" / "qa" / "index.html").exists()
