"""Unit tests of the Q&A page parser: HTML in, questions or problems out."""

# The author writes curly quotes and apostrophes; the fixtures keep them as written.
# ruff: noqa: RUF001

import dataclasses

import pytest

from plugins.philosophy.questions import (
    DEFAULT_HEADINGS,
    Problem,
    QAPage,
    Question,
    Strategy,
    parse_questions,
)
from plugins.shared.slugs import slug_rule
from tests.conftest import SEED_LABELS, SEED_QUESTIONS

# The author's Q&A page, as Python-Markdown (Pelican's "extra" extensions)
# renders the Markdown of the seed material, wrapped to fit these lines.
SEED_HTML = """\
<h2>How do you define successful engineering leadership?</h2>
<h3>The Philosophy</h3>
<p>Many view technical leadership as being the “smartest architect in the room.” I
see it as the opposite. My job is to build a room where I don’t have to be the
smartest person because the systems, culture, and communication are so robust
that the team can out-innovate me.</p>
<h3>The Strategy</h3>
<ul>
<li><strong>Alignment:</strong> Does every engineer understand how their
  sprint task impacts the company’s bottom line?</li>
<li><strong>Velocity vs. Stability:</strong> We aren’t just “shipping fast”;
  we are building a predictable, repeatable engine that
  doesn’t collapse under its own weight at the next order of
  magnitude.</li>
<li><strong>The Human Growth Curve:</strong> Success is when the engineering
  team’s capability evolves faster than the product’s
  complexity. If the team feels stagnant, the tech stack will
  soon follow.</li>
</ul>
<h2>What is your approach to scaling technical organizations?</h2>
<h3>The Philosophy</h3>
<p>Scaling isn’t just “hiring more people” - that’s often how you slow down.
Scaling is about moving from Individual Heroics to Organizational Systems.</p>
<h3>The Strategy</h3>
<ul>
<li>
<p><strong>The 3-Continent Perspective:</strong> Having managed global
  teams, I focus on “High-Signal Communication.” As you grow,
  the cost of a meeting triples. I implement
  “Asynchronous-First” cultures that protect deep-work time
  while ensuring no one is blocked by a timezone.</p>
</li>
<li>
<p><strong>Modular Autonomy:</strong> I advocate for breaking down
  monolithic teams into autonomous units with clear ownership.
  This reduces the “communication tax” and allows us to scale
  the headcount without scaling the bureaucracy.</p>
</li>
<li>
<p><strong>Automation as Infrastructure:</strong> At petabyte scale, manual
  intervention is a failure. I treat the developer experience
  (CI/CD, observability, self-service infra) as a first-class
  product to keep the “path to production” frictionless.</p>
</li>
</ul>
<h2>How do you balance high-growth velocity with technical stability?</h2>
<h3>The Philosophy</h3>
<p>Technical debt isn’t a “bad thing” to be avoided; it’s a set of historical
decisions that no longer serve you. Like any loan, leverage can accelerate
growth when investments payoff. But if velocity and returns are slowing you need
a payment plan before the interest kills you.</p>
<h3>The Strategy</h3>
<ul>
<li>
<p><strong>The ROI Filter:</strong> I don’t refactor for the sake of “clean
  code.” I don’t refactor a micro-service with no users. I
  refactor when the pain on that debt - measured in bugs,
  downtime, or developer frustration - starts to exceed the
  cost of the fix.</p>
</li>
<li>
<p><strong>Zero-Downtime Culture:</strong> Especially at scale, stability is
  a feature. I implement “Guardrail Engineering” where the
  system is designed to fail gracefully, ensuring that a
  Series B growth spike becomes a success story rather than a
  post-mortem.</p>
</li>
<li>
<p><strong>The 70/20/10 Rule:</strong> I typically aim to dedicate 70% of
  resources to new features, 20% to infrastructure/debt, and
  10% to R&amp;D. This ensures we never stop innovating, but we
  never stop fortifying either.</p>
</li>
</ul>
"""


PHILOSOPHY = (
    "<h3>The Philosophy</h3>\n<p>Build a room where the team out-innovates me.</p>"
)
STRATEGY = (
    "<h3>The Strategy</h3>\n"
    "<ul>\n<li><strong>Alignment:</strong> Every task serves the company.</li>\n</ul>"
)


def question(text="How do you lead?", *sections):
    """The HTML of one question; a valid philosophy and strategy by default."""
    return "\n".join([f"<h2>{text}</h2>", *(sections or (PHILOSOPHY, STRATEGY))])


def strategy_list(*items, tag="ul"):
    """The HTML of a strategy section holding these list items."""
    lis = "".join(f"<li>{item}</li>\n" for item in items)
    return f"<h3>The Strategy</h3>\n<{tag}>\n{lis}</{tag}>"


def valid(html, **kwargs):
    page, problems = parse_questions(html, **kwargs)
    assert problems == []
    assert isinstance(page, QAPage)
    return page


def problems_of(html, **kwargs):
    page, problems = parse_questions(html, **kwargs)
    assert page is None, "a page with problems gives no model, not half of one"
    assert problems
    return [str(problem) for problem in problems]


# The model's shape: the Pelican glue and the templates rely on these names


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Strategy, ["label", "slug", "html"]),
        (
            Question,
            [
                "number",
                "text",
                "slug",
                "philosophy_html",
                "strategies",
                "strategies_numbered",
            ],
        ),
        (QAPage, ["introduction_html", "questions"]),
        (Problem, ["question_number", "question_text", "message"]),
    ],
)
def test_the_model_has_the_agreed_fields(model, fields):
    assert [field.name for field in dataclasses.fields(model)] == fields


def test_the_model_is_immutable():
    page = valid(question())
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.questions[0].text = "Another question?"


def test_the_default_headings_are_the_authors_words():
    assert DEFAULT_HEADINGS == {
        "philosophy": "The Philosophy",
        "strategy": "The Strategy",
    }


# The author's own page


def test_the_seed_page_has_three_questions_of_three_strategies_each():
    page = valid(SEED_HTML)
    assert page.introduction_html == ""
    assert [q.number for q in page.questions] == [1, 2, 3]
    assert [q.text for q in page.questions] == SEED_QUESTIONS
    labels = [[s.label for s in q.strategies] for q in page.questions]
    assert labels == SEED_LABELS


def test_the_seed_page_anchors_come_from_the_words():
    page = valid(SEED_HTML)
    assert [q.slug for q in page.questions] == [
        "how-do-you-define-successful-engineering-leadership",
        "what-is-your-approach-to-scaling-technical-organizations",
        "how-do-you-balance-high-growth-velocity-with-technical-stability",
    ]
    first, _, third = page.questions
    assert [s.slug for s in first.strategies] == [
        "how-do-you-define-successful-engineering-leadership-alignment",
        "how-do-you-define-successful-engineering-leadership-velocity-vs-stability",
        "how-do-you-define-successful-engineering-leadership-the-human-growth-curve",
    ]
    assert third.strategies[2].slug == (
        "how-do-you-balance-high-growth-velocity-with-technical-stability"
        "-the-702010-rule"
    )


def test_the_seed_philosophy_is_kept_as_html():
    first = valid(SEED_HTML).questions[0]
    assert first.philosophy_html.startswith("<p>Many view technical leadership")
    assert first.philosophy_html.endswith("the team can out-innovate me.</p>")
    assert first.philosophy_text.startswith(
        "Many view technical leadership as being the “smartest architect in the "
        "room.” I see it as the opposite."
    )


def test_the_seed_strategies_hold_the_html_after_their_label():
    page = valid(SEED_HTML)
    alignment = page.questions[0].strategies[0]
    assert alignment.html == (
        "Does every engineer understand how their\n"
        "  sprint task impacts the company’s bottom line?"
    )
    rule = page.questions[2].strategies[2]  # an item of a loose list
    assert rule.html.startswith("I typically aim to dedicate 70% of")
    assert "10% to R&amp;D." in rule.html
    assert "<p>" not in rule.html
    assert "<strong>" not in rule.html
    assert "10% to R&D." in rule.explanation_text


def test_the_seed_answer_is_plain_text_for_json_ld():
    first = valid(SEED_HTML).questions[0]
    lines = first.answer_text.splitlines()
    assert lines[0] == first.philosophy_text
    assert lines[1:] == first.strategy_text.splitlines()
    assert lines[1] == (
        "Alignment: Does every engineer understand how their sprint task impacts "
        "the company’s bottom line?"
    )
    assert [line.split(":")[0] for line in lines[1:]] == SEED_LABELS[0]


def test_the_seed_anchors_are_all_different():
    page = valid(SEED_HTML)
    anchors = [q.slug for q in page.questions]
    anchors += [s.slug for q in page.questions for s in q.strategies]
    assert len(set(anchors)) == len(anchors)
    assert len(anchors) == len(SEED_QUESTIONS) + sum(map(len, SEED_LABELS))


# Questions, introduction and philosophy


@pytest.mark.parametrize(
    ("introduction", "expected"),
    [
        ("", ""),
        ("<p>How I lead.</p>", "<p>How I lead.</p>"),
        (
            "\n<p>One.</p>\n\n<p>Two &amp; more.</p>\n",
            "<p>One.</p>\n<p>Two &amp; more.</p>",
        ),
        (
            "<p>Notes.</p>\n<h3>Context</h3>\n<h4>More</h4>",
            "<p>Notes.</p>\n<h3>Context</h3>\n<h4>More</h4>",
        ),
        ("<!-- draft -->\n<p>Kept.</p>", "<p>Kept.</p>"),
    ],
)
def test_content_before_the_first_question_is_the_introduction(introduction, expected):
    page = valid(introduction + "\n" + question())
    assert page.introduction_html == expected
    assert len(page.questions) == 1


def test_every_h2_is_a_question_numbered_from_one():
    page = valid("\n".join(question(f"Question {n}?") for n in "ABC"))
    assert [(q.number, q.text) for q in page.questions] == [
        (1, "Question A?"),
        (2, "Question B?"),
        (3, "Question C?"),
    ]


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("How do you lead?", "How do you lead?"),
        ("  How do\n  you   lead? ", "How do you lead?"),
        ("R&amp;D &lt;or&gt; &quot;ops&quot;?", 'R&D <or> "ops"?'),
        ("Why <em>scale</em> with <code>CI/CD</code>?", "Why scale with CI/CD?"),
    ],
)
def test_a_question_text_is_plain_text(heading, text):
    assert valid(question(heading)).questions[0].text == text


def test_heading_ids_and_permalinks_of_the_toc_extension_are_ignored():
    html = (
        '<h2 id="how-do-you-lead">How do you lead?'
        '<a class="headerlink" href="#how-do-you-lead" title="Permanent link">'
        "&para;</a></h2>\n"
        '<h3 id="the-philosophy">The Philosophy'
        '<a class="headerlink" href="#the-philosophy">&para;</a></h3>\n'
        "<p>Listen first.</p>\n"
        '<h3 id="the-strategy">The Strategy</h3>\n'
        "<ul>\n<li><strong>Alignment:</strong> Explain why.</li>\n</ul>"
    )
    first = valid(html).questions[0]
    assert (first.text, first.slug) == ("How do you lead?", "how-do-you-lead")


def test_the_philosophy_keeps_every_block_of_prose_including_subheadings():
    philosophy = (
        "<h3>The Philosophy</h3>\n<p>First.</p>\n\n<h4>Why it matters</h4>\n"
        "<blockquote>\n<p>Quoted.</p>\n</blockquote>\n<h5>Aside</h5>\n<p>Last.</p>"
    )
    first = valid(question("Q?", philosophy, STRATEGY)).questions[0]
    assert first.philosophy_html == (
        "<p>First.</p>\n<h4>Why it matters</h4>\n"
        "<blockquote>\n<p>Quoted.</p>\n</blockquote>\n<h5>Aside</h5>\n<p>Last.</p>"
    )
    assert first.philosophy_text == "First. Why it matters Quoted. Aside Last."


def test_the_strategy_may_come_before_the_philosophy():
    first = valid(question("Q?", STRATEGY, PHILOSOPHY)).questions[0]
    assert first.philosophy_text == "Build a room where the team out-innovates me."
    assert [s.label for s in first.strategies] == ["Alignment"]


def test_whitespace_and_comments_between_blocks_are_ignored():
    noisy = (
        "\n\n<!-- intro to come -->\n<h2>How do you lead?</h2>\n\n<!-- note -->\n"
        "<h3>The Philosophy</h3>\n \n<p>Build a room where the team out-innovates"
        " me.</p>\n<!-- more later -->\n\n<h3>The Strategy</h3>\n<ul>\n<!-- x -->\n"
        "<li><strong>Alignment:</strong> Every task serves the company.</li>\n"
        "</ul>\n\n"
    )
    assert valid(noisy) == valid(question())


# Strategy lists and labels


@pytest.mark.parametrize(
    ("item", "label", "html"),
    [
        (
            "<strong>Alignment:</strong> Every task counts.",
            "Alignment",
            "Every task counts.",
        ),
        (
            "<strong>Alignment</strong>: Every task counts.",
            "Alignment",
            "Every task counts.",
        ),
        (
            "<strong>Alignment</strong> : Every task counts.",
            "Alignment",
            "Every task counts.",
        ),
        (
            "<strong>Alignment</strong> Every task counts.",
            "Alignment",
            "Every task counts.",
        ),
        ("<b>Alignment:</b> Every task counts.", "Alignment", "Every task counts."),
        (
            "\n<strong>Alignment:</strong> Every task counts.\n",
            "Alignment",
            "Every task counts.",
        ),
        (
            "<!-- draft --><strong>Alignment:</strong> Every task.",
            "Alignment",
            "Every task.",
        ),
        (
            "<strong> Velocity  vs.\n Stability: </strong> Both.",
            "Velocity vs. Stability",
            "Both.",
        ),
        (
            "<strong><em>Alignment</em>:</strong> Every <em>task</em>.",
            "Alignment",
            "Every <em>task</em>.",
        ),
        (
            "<strong>Alignment:</strong> x &lt; y &amp; z",
            "Alignment",
            "x &lt; y &amp; z",
        ),
        (
            "<strong>R&amp;D &lt;20%&gt; &quot;Bets&quot; &amp; 'more':</strong> x",
            "R&D <20%> \"Bets\" & 'more'",
            "x",
        ),
    ],
)
def test_a_strategy_is_a_plain_text_label_and_the_html_after_it(item, label, html):
    page = valid(question("Q?", PHILOSOPHY, strategy_list(item)))
    (strategy,) = page.questions[0].strategies
    assert (strategy.label, strategy.html) == (label, html)


TWO_ITEMS = [
    "<strong>Alignment:</strong> Every task counts.",
    "<strong>Velocity vs. Stability:</strong> Ship, predictably.",
]


@pytest.mark.parametrize(
    "strategy",
    [
        pytest.param(strategy_list(*TWO_ITEMS), id="tight unordered"),
        pytest.param(strategy_list(*TWO_ITEMS, tag="ol"), id="tight ordered"),
        pytest.param(
            strategy_list(*(f"\n<p>{item}</p>\n" for item in TWO_ITEMS)),
            id="loose unordered",
        ),
        pytest.param(
            strategy_list(*(f"\n<p>{item}</p>\n" for item in TWO_ITEMS), tag="ol"),
            id="loose ordered",
        ),
        pytest.param(
            strategy_list(TWO_ITEMS[0])
            + f"\n<!-- a list break -->\n<ol>\n<li>{TWO_ITEMS[1]}</li>\n</ol>",
            id="two lists in a row",
        ),
    ],
)
def test_ordered_unordered_and_loose_lists_give_the_same_strategies(strategy):
    page = valid(question("Q?", PHILOSOPHY, strategy))
    strategies = page.questions[0].strategies
    assert [(s.label, s.html) for s in strategies] == [
        ("Alignment", "Every task counts."),
        ("Velocity vs. Stability", "Ship, predictably."),
    ]
    assert [s.text for s in strategies] == [
        "Alignment: Every task counts.",
        "Velocity vs. Stability: Ship, predictably.",
    ]


@pytest.mark.parametrize(
    ("strategy", "numbered"),
    [
        pytest.param(strategy_list(*TWO_ITEMS), False, id="bullets"),
        pytest.param(strategy_list(*TWO_ITEMS, tag="ol"), True, id="numbers"),
        pytest.param(
            strategy_list(TWO_ITEMS[0])
            + f"\n<!-- a list break -->\n<ol>\n<li>{TWO_ITEMS[1]}</li>\n</ol>",
            False,
            id="bullets then numbers",
        ),
    ],
)
def test_strategies_written_as_a_numbered_list_stay_numbered(strategy, numbered):
    page = valid(question("Q?", PHILOSOPHY, strategy))
    assert page.questions[0].strategies_numbered is numbered


def test_a_loose_item_keeps_its_further_blocks():
    item = (
        "\n<p><strong>Modular Autonomy:</strong> Small teams.</p>\n"
        "<p>Clear ownership.</p>\n<ul>\n<li>No shared backlog.</li>\n</ul>\n"
    )
    (strategy,) = (
        valid(question("Q?", PHILOSOPHY, strategy_list(item))).questions[0].strategies
    )
    assert strategy.html == (
        "Small teams.\n<p>Clear ownership.</p>\n"
        "<ul>\n<li>No shared backlog.</li>\n</ul>"
    )
    assert strategy.text == (
        "Modular Autonomy: Small teams. Clear ownership. No shared backlog."
    )


def test_a_nested_list_belongs_to_its_strategy():
    item = "<strong>Alignment:</strong> Two habits:\n<ul>\n<li>why</li>\n</ul>\n"
    page = valid(question("Q?", PHILOSOPHY, strategy_list(item)))
    (strategy,) = page.questions[0].strategies
    assert strategy.html == "Two habits:\n<ul>\n<li>why</li>\n</ul>"


# Configurable heading words


@pytest.mark.parametrize(
    "title",
    [
        "The Philosophy",
        "the philosophy",
        "THE PHILOSOPHY",
        "  The   Philosophy ",
        "The\nPhilosophy",
    ],
)
def test_section_headings_match_whatever_the_case_and_spacing(title):
    philosophy = f"<h3>{title}</h3>\n<p>Prose.</p>"
    assert valid(question("Q?", philosophy, STRATEGY)).questions[0].philosophy_text == (
        "Prose."
    )


WHY_HOW = {"philosophy": "Why", "strategy": "How"}
WHY_HOW_QUESTION = (
    "<h2>How do you hire?</h2>\n<h3>why</h3>\n<p>People first.</p>\n"
    "<h3>How</h3>\n<ul>\n<li><strong>Pairing:</strong> Work together.</li>\n</ul>"
)


def test_heading_words_are_configurable():
    page = valid(WHY_HOW_QUESTION, headings=WHY_HOW)
    first = page.questions[0]
    assert first.philosophy_text == "People first."
    assert [s.label for s in first.strategies] == ["Pairing"]


def test_the_default_heading_words_no_longer_apply_once_changed():
    problems = problems_of(question(), headings=WHY_HOW)
    assert problems[0].startswith('question 1 "How do you lead?": unknown section')
    assert "did you mean" not in problems[0]
    assert any('"Why" is missing' in problem for problem in problems)


def test_a_heading_word_left_out_keeps_its_default():
    html = "<h2>Q?</h2>\n<h3>Why</h3>\n<p>Prose.</p>\n" + STRATEGY
    valid(html, headings={"philosophy": "Why"})


def test_problems_speak_the_configured_heading_words():
    html = WHY_HOW_QUESTION.replace("<h3>How</h3>", "<h3>Hwo</h3>")
    assert problems_of(html, headings=WHY_HOW) == [
        'question 1 "How do you hire?": unknown section "Hwo"; a question has only '
        '"Why" and "How". Fix: did you mean \'### How\'?'
    ]


# Slugs


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "How do you define successful engineering leadership?",
            "how-do-you-define-successful-engineering-leadership",
        ),
        ("Velocity vs. Stability", "velocity-vs-stability"),
        ("The 3-Continent Perspective", "the-3-continent-perspective"),
        ("The 70/20/10 Rule", "the-702010-rule"),
        ("What’s a “good” team?", "whats-a-good-team"),
        ("Café & naïve façade", "cafe-naive-facade"),
        ("  spaces -- and   dashes ", "spaces-and-dashes"),
        ("Как масштабировать команду?", "kak-masshtabirovat-komandu"),
        ("Straße", "strasse"),
        ("领导力", "ling-dao-li"),
    ],
)
def test_a_question_anchor_is_its_words_by_the_sites_slug_rule(text, slug):
    page = valid(question(text))
    assert page.questions[0].slug == slug


def test_a_site_that_keeps_unicode_slugs_keeps_anchors_in_their_script():
    keep = slug_rule({"SLUGIFY_USE_UNICODE": True})
    page, problems = parse_questions(
        question("Как масштабировать команду?"), slugify=keep
    )
    assert problems == []
    assert page.questions[0].slug == "как-масштабировать-команду"
    assert (
        page.questions[0].strategies[0].slug == "как-масштабировать-команду-alignment"
    )


def test_a_strategy_slug_is_its_question_slug_and_its_label():
    page = valid(question("How do you lead?"))
    assert page.questions[0].strategies[0].slug == "how-do-you-lead-alignment"


def test_questions_with_the_same_slug_get_numbered_suffixes():
    page = valid(
        question("What is scale?")
        + question("What is scale!")
        + question("What is, scale")
    )
    assert [q.slug for q in page.questions] == [
        "what-is-scale",
        "what-is-scale-2",
        "what-is-scale-3",
    ]
    assert [q.strategies[0].slug for q in page.questions] == [
        "what-is-scale-alignment",
        "what-is-scale-2-alignment",
        "what-is-scale-3-alignment",
    ]


def test_strategies_with_the_same_label_get_numbered_suffixes():
    strategy = strategy_list(
        "<strong>Alignment:</strong> One.",
        "<strong>alignment</strong>: Two.",
        "<strong>Alignment!</strong> Three.",
    )
    page = valid(question("Q?", PHILOSOPHY, strategy))
    assert [s.slug for s in page.questions[0].strategies] == [
        "q-alignment",
        "q-alignment-2",
        "q-alignment-3",
    ]


def test_questions_and_strategies_share_one_set_of_anchors():
    teams = strategy_list("<strong>Teams:</strong> Small ones.")
    page = valid(question("Lead", PHILOSOPHY, teams) + question("Lead teams?"))
    first, second = page.questions
    assert first.strategies[0].slug == "lead-teams"
    assert second.slug == "lead-teams-2"
    assert second.strategies[0].slug == "lead-teams-2-alignment"


def test_anchors_never_take_an_id_the_rest_of_the_page_uses():
    page = valid(question("Main?") + question("Nav"), taken_ids={"main", "nav"})
    assert [q.slug for q in page.questions] == ["main-2", "nav-2"]


def test_words_without_a_slug_fall_back_to_their_position():
    odd_labels = strategy_list("<strong>Alignment:</strong> x", "<strong>¿?</strong> y")
    page = valid(question("？！", PHILOSOPHY, odd_labels) + question("???"))
    first, second = page.questions
    assert (first.slug, second.slug) == ("question-1", "question-2")
    assert [s.slug for s in first.strategies] == [
        "question-1-alignment",
        "question-1-strategy-2",
    ]


def test_slugs_are_stable_across_builds_and_appended_questions():
    once = valid(SEED_HTML)
    assert valid(SEED_HTML) == once
    grown = valid(SEED_HTML + "\n" + question("How do you hire?"))
    assert grown.questions[:3] == once.questions


# Problems: every one is reported, with what is wrong and how to fix it


@pytest.mark.parametrize(
    "html",
    [
        "",
        "\n\n",
        "<p>Just an introduction.</p>",
        "<h3>The Philosophy</h3>\n<p>Prose.</p>",
        "<!-- nothing yet -->",
    ],
)
def test_a_page_without_questions_is_a_problem(html):
    assert problems_of(html) == [
        "page: no question found. Fix: start each question with a '## ' heading, "
        "e.g. '## How do you define successful engineering leadership?'."
    ]


EMPTY_PHILOSOPHY = "<h3>The Philosophy</h3>"
LABEL_FIX = "Fix: begin the item with '**Label:**'"


@pytest.mark.parametrize(
    ("html", "fragments"),
    [
        pytest.param(
            question("Q?", STRATEGY),
            [
                'question 1 "Q?": "The Philosophy" is missing.',
                "Fix: add '### The Philosophy'",
            ],
            id="missing philosophy",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY),
            ['"The Strategy" is missing.', "'- **Label:** text' items"],
            id="missing strategy",
        ),
        pytest.param(
            question("Q?", EMPTY_PHILOSOPHY, STRATEGY),
            ['"The Philosophy" is empty.', "Fix: write at least one paragraph"],
            id="empty philosophy",
        ),
        pytest.param(
            question("Q?", EMPTY_PHILOSOPHY + "\n<!-- to do -->", STRATEGY),
            ['"The Philosophy" is empty.'],
            id="philosophy of only a comment",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, "<h3>The Strategy</h3>"),
            ['"The Strategy" has no list.', "Fix: add items"],
            id="empty strategy",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, "<h3>The Strategy</h3>\n<ul></ul>"),
            ['"The Strategy" has no list.'],
            id="strategy list without items",
        ),
        pytest.param(
            question(
                "Q?",
                PHILOSOPHY,
                "<h3>The Strategy</h3>\n<p><strong>Alignment:</strong> x</p>",
            ),
            [
                '"The Strategy" must be a list whose every item starts with a bold',
                'a paragraph "Alignment: x"',
                "Fix: write each strategy as '- **Label:** explanation'",
            ],
            id="strategy that is not a list",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, STRATEGY, "<p>And one more thing.</p>"),
            ['but it holds a paragraph "And one more thing."'],
            id="strategy with an extra paragraph",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, STRATEGY, "<h4>Notes</h4>"),
            ['but it holds a heading "Notes"'],
            id="strategy with a subheading",
        ),
        pytest.param(
            question(
                "Q?",
                PHILOSOPHY,
                STRATEGY,
                '<div class="footnote">\n<hr />\n<ol><li id="fn:1">A note.</li></ol>'
                "\n</div>",
            ),
            ["footnotes (not supported on this page; write the note inline)"],
            id="footnotes after the strategy",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("Alignment: x")),
            ['strategy 1 "Alignment: x" does not start with a bold label.', LABEL_FIX],
            id="item without a bold label",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("<em>Alignment:</em> x")),
            ['strategy 1 "Alignment: x" does not start with a bold label.'],
            id="item with an italic label",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("Always <strong>align</strong>.")),
            ['strategy 1 "Always align." does not start with a bold label.'],
            id="item whose bold words are not first",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("\n<p>Alignment: x</p>\n")),
            ['strategy 1 "Alignment: x" does not start with a bold label.'],
            id="loose item without a bold label",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list(TWO_ITEMS[0], "No label here.")),
            ['strategy 2 "No label here." does not start with a bold label.'],
            id="second item without a bold label",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("<strong></strong> x")),
            ["strategy 1 has an empty bold label.", "Fix: write the label"],
            id="empty label",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("<strong> : </strong> x")),
            ["strategy 1 has an empty bold label."],
            id="label of only a colon",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, strategy_list("<strong>Alignment:</strong> ")),
            ['strategy 1 "Alignment" has no explanation.', "'**Alignment:**'"],
            id="label without explanation",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, "<h3>The Strategie</h3>\n<ul><li>x</li></ul>"),
            [
                'unknown section "The Strategie"; a question has only "The Philosophy" '
                'and "The Strategy".',
                "Fix: did you mean '### The Strategy'?",
            ],
            id="misspelt section heading",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, "<h3>The Strategie</h3>\n<p>x</p>", STRATEGY),
            ["Fix: did you mean '### The Strategy'?"],
            id="misspelt section heading beside the right one",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, STRATEGY, "<h3>Background</h3>\n<p>x</p>"),
            [
                'unknown section "Background"',
                "Fix: name it '### The Philosophy' or '### The Strategy', or make it a "
                "'#### ' heading inside \"The Philosophy\".",
            ],
            id="unknown section heading",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, STRATEGY, PHILOSOPHY),
            ['"The Philosophy" is given twice.', "Fix: merge both into one"],
            id="philosophy twice",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, STRATEGY, STRATEGY),
            ['"The Strategy" is given twice.'],
            id="strategy twice",
        ),
        pytest.param(
            question("Q?", "<p>Stray words.</p>\n<p>More.</p>", PHILOSOPHY, STRATEGY),
            [
                'a paragraph "Stray words." comes before any section.',
                "Fix: put it under '### The Philosophy', or move it into the "
                "introduction",
            ],
            id="paragraphs before any section",
        ),
        pytest.param(
            question("Q?", "<p>" + "Long words " * 9 + "</p>", PHILOSOPHY, STRATEGY),
            ['a paragraph "Long words Long words Long words Long..." comes before'],
            id="long paragraph before any section, quoted in short",
        ),
        pytest.param(
            question("Q?", "Bare words", PHILOSOPHY, STRATEGY),
            ['text "Bare words" comes before any section.'],
            id="text before any section",
        ),
        pytest.param(
            question("Q?", PHILOSOPHY, "<h1>Big</h1>", STRATEGY),
            [
                'question 1 "Q?": the top-level heading "Big" is not allowed here',
                "Fix: use '## ' for a question or '### ' for a section.",
            ],
            id="h1 in a question",
        ),
        pytest.param(
            question(
                "Q?", PHILOSOPHY, "<blockquote><h1>Quoted</h1></blockquote>", STRATEGY
            ),
            ['the top-level heading "Quoted" is not allowed here'],
            id="h1 nested in the philosophy",
        ),
        pytest.param(
            "<h1>Leadership</h1>\n" + question(),
            ['page: the top-level heading "Leadership" is not allowed here'],
            id="h1 in the introduction",
        ),
        pytest.param(
            "<h2> </h2>\n" + PHILOSOPHY + STRATEGY,
            ["question 1: the question heading is empty. Fix: write the question"],
            id="empty question",
        ),
    ],
)
def test_each_bad_case_is_one_problem_saying_what_and_how_to_fix(html, fragments):
    (problem,) = problems_of(html)
    for fragment in fragments:
        assert fragment in problem


@pytest.mark.parametrize(
    "repeated",
    [
        "How do you lead?",
        "how do you LEAD?",
        "  How do\nyou   lead? ",
        "How do you <em>lead</em>?",
    ],
)
def test_a_question_asked_twice_is_a_problem(repeated):
    html = (
        question("How do you lead?") + question("How do you hire?") + question(repeated)
    )
    (problem,) = problems_of(html)
    assert problem.startswith("question 3 ")
    assert problem.endswith(
        ": it repeats question 1. Fix: merge the two questions or reword one of them."
    )


def test_every_problem_of_the_page_is_reported_at_once():
    html = "\n".join(
        [
            "<h1>Leadership</h1>",
            question("How do you lead?", strategy_list("No label.")),
            question(
                "How do you hire?", "<p>Stray.</p>", PHILOSOPHY, "<h3>Strategie</h3>"
            ),
            question(
                "How do you LEAD?",
                EMPTY_PHILOSOPHY,
                STRATEGY,
                strategy_list("<strong></strong> x"),
            ),
        ]
    )
    page, problems = parse_questions(html)
    assert page is None
    assert [(p.question_number, p.message.split(".")[0]) for p in problems] == [
        (
            None,
            'the top-level heading "Leadership" is not allowed here; the page title '
            "comes from 'Title:'",
        ),
        (1, 'strategy 1 "No label'),
        (1, '"The Philosophy" is missing'),
        (2, 'a paragraph "Stray'),
        (
            2,
            'unknown section "Strategie"; a question has only "The Philosophy" and '
            '"The Strategy"',
        ),
        (3, '"The Philosophy" is empty'),
        (3, '"The Strategy" is given twice'),
        (3, "strategy 1 has an empty bold label"),
        (3, "it repeats question 1"),
    ]
    assert {p.question_text for p in problems} == {
        None,
        "How do you lead?",
        "How do you hire?",
        "How do you LEAD?",
    }


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem(None, None, "no question found."), "page: no question found."),
        (
            Problem(2, "What is your approach?", '"The Strategy" is missing.'),
            'question 2 "What is your approach?": "The Strategy" is missing.',
        ),
        (
            Problem(4, None, "the question heading is empty."),
            "question 4: the question heading is empty.",
        ),
    ],
)
def test_a_problem_reads_where_then_what(problem, text):
    assert str(problem) == text


@pytest.mark.parametrize(
    "html",
    [
        "<h2>",
        "<ul><li>",
        "</p></div>",
        "plain words",
        "<h2>Q?</h2>words",
        "<h2>Q?</h2><h3>",
        "<h2>Q?</h2><h3>The Strategy</h3><ol><li><strong>",
        "<h2>Q?</h2><h3>The Philosophy</h3><p>x<h3>The Strategy</h3><ul><li><b>A</b>",
        "<h2><h3>The Philosophy</h3></h2>",
    ],
)
def test_broken_html_gives_problems_or_a_page_never_an_exception(html):
    page, problems = parse_questions(html)
    assert (page is None) == bool(problems)
    assert all(isinstance(problem, Problem) for problem in problems)
