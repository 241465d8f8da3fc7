"""Read a leadership Q&A page: questions, each with a philosophy and a strategy.

The page is Markdown rendered to HTML. Every ``## `` heading is a question;
under it come exactly one "The Philosophy" section (prose) and one "The
Strategy" section (a list whose every item starts with a bold label). Content
before the first question is the page's introduction.

``parse_questions`` takes the HTML and the heading words and returns either the
model that templates use, or every problem found on the page, each saying what
is wrong and how to fix it. It never raises on bad content and needs no Pelican.
"""

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..shared.slugs import DEFAULT_SLUG_RULE
from ..shared.text import plain_words
from .model import DEFAULT_HEADINGS, Problem, QAPage, Question, Strategy

__all__ = [
    "DEFAULT_HEADINGS",
    "Problem",
    "QAPage",
    "Question",
    "Strategy",
    "parse_questions",
]

Node = Tag | NavigableString

_LABEL_TAGS = ("strong", "b")
_LIST_TAGS = ("ul", "ol")
_SNIPPET_LENGTH = 40
_BLOCK_NAMES = {
    "p": "a paragraph",
    "ul": "a list",
    "ol": "a list",
    "blockquote": "a quote",
    "pre": "a code block",
    "table": "a table",
    "hr": "a horizontal rule",
    "h4": "a heading",
    "h5": "a heading",
    "h6": "a heading",
}


@dataclass(frozen=True)
class _Section:
    """An ``### `` section of a question: its kind (None if unknown) and blocks."""

    kind: str | None
    title: str
    blocks: tuple[Node, ...]


def parse_questions(
    html: str,
    headings: Mapping[str, str] = DEFAULT_HEADINGS,
    taken_ids: Iterable[str] = (),
    slugify: Callable[[str], str] = DEFAULT_SLUG_RULE,
) -> tuple[QAPage | None, list[Problem]]:
    """Read a Q&A page; return (page, []) when valid, else (None, every problem).

    ``headings`` names the two sections of a question, matched case-insensitively:
    ``{"philosophy": "The Philosophy", "strategy": "The Strategy"}`` by default
    (a missing key keeps its default; the plugin's settings check that the two
    differ). ``taken_ids`` are ids the rest of the page already uses (the
    theme's ``main``): no anchor takes one. ``slugify`` makes anchors from words
    (the site's slug rule; Pelican's default one when not given).
    """
    names = _section_names(headings)
    introduction, drafts = _split_questions(_blocks(html))
    problems = _introduction_problems(introduction, drafts)
    questions = []
    for number, (heading, body) in enumerate(drafts, start=1):
        question, messages = _read_question(number, heading, body, names)
        questions.append(question)
        problems += [_problem(question, message) for message in messages]
    problems += _repeated_question_problems(questions)
    if problems:
        return None, sorted(problems, key=lambda p: p.question_number or 0)
    page = QAPage(_join_html(introduction), _with_slugs(questions, taken_ids, slugify))
    return page, []


# Reading the page into blocks and questions


def _section_names(headings: Mapping[str, str]) -> dict[str, str]:
    """Return the section heading words by kind, defaults filling missing keys."""
    merged = {**DEFAULT_HEADINGS, **headings}
    return {kind: plain_words(merged[kind]) for kind in DEFAULT_HEADINGS}


def _blocks(html: str) -> list[Node]:
    """Return the page's top-level blocks, without comments or blank text."""
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for heading in soup.find_all(("h1", "h2", "h3")):
        # The toc extension's "¶" is no part of the text.
        for permalink in heading.find_all("a", class_="headerlink", recursive=False):
            permalink.decompose()
    return _meaningful(soup.contents)


def _split_questions(
    blocks: list[Node],
) -> tuple[list[Node], list[tuple[Tag, list[Node]]]]:
    """Split blocks into the introduction and (h2, body blocks) per question."""
    introduction: list[Node] = []
    questions: list[tuple[Tag, list[Node]]] = []
    for block in blocks:
        if _is_tag(block, "h2"):
            questions.append((block, []))
        elif questions:
            questions[-1][1].append(block)
        else:
            introduction.append(block)
    return introduction, questions


def _introduction_problems(
    introduction: list[Node], questions: list[tuple[Tag, list[Node]]]
) -> list[Problem]:
    messages = _title_heading_messages(introduction)
    if not questions:
        messages.append(
            "no question found. Fix: start each question with a '## ' heading, "
            "e.g. '## How do you define successful engineering leadership?'."
        )
    return [Problem(None, None, message) for message in messages]


def _title_heading_messages(blocks: Iterable[Node]) -> list[str]:
    """Report every h1: the page title comes from the Title: metadata."""
    return [
        f'the top-level heading "{plain_words(h1.get_text())}" is not allowed here; '
        "the page title comes from 'Title:'. Fix: use '## ' for a question or "
        "'### ' for a section."
        for block in blocks
        if isinstance(block, Tag)
        for h1 in ([block] if block.name == "h1" else block.find_all("h1"))
    ]


# One question


def _read_question(
    number: int, heading: Tag, body: list[Node], names: dict[str, str]
) -> tuple[Question, list[str]]:
    """Read one question; return it (meaningful only if valid) and its problems."""
    text = plain_words(heading.get_text())
    messages = [] if text else [_empty_question_message()]
    messages += _title_heading_messages(body)
    lead, sections = _split_sections(_without_h1(body), names)
    if lead:
        messages.append(_lead_message(lead[0], names))
    messages += _section_messages(sections, names)
    strategy = _first_section(sections, "strategy")
    strategies, _ = _read_strategies(strategy, names["strategy"])
    question = Question(
        number=number,
        text=text,
        slug="",
        philosophy_html=_join_html(_first_section(sections, "philosophy")),
        strategies=tuple(strategies),
        strategies_numbered=_numbered(strategy),
    )
    return question, messages


def _split_sections(
    body: list[Node], names: dict[str, str]
) -> tuple[list[Node], list[_Section]]:
    """Split a question's body into blocks before any h3 and its h3 sections."""
    kinds = {_key(name): kind for kind, name in names.items()}
    lead: list[Node] = []
    sections: list[_Section] = []
    for block in body:
        if _is_tag(block, "h3"):
            title = plain_words(block.get_text())
            sections.append(_Section(kinds.get(_key(title)), title, ()))
        elif sections:
            last = sections[-1]
            sections[-1] = replace(last, blocks=(*last.blocks, block))
        else:
            lead.append(block)
    return lead, sections


def _section_messages(sections: list[_Section], names: dict[str, str]) -> list[str]:
    """Report unknown, repeated, empty, malformed and missing sections.

    A misspelt heading ("The Strategie") is reported once, with a suggestion,
    not a second time as the missing section it was meant to be.
    """
    messages = []
    seen: set[str] = set()
    meant: set[str | None] = set()
    for section in sections:
        if section.kind is None:
            closest = _closest_kind(section.title, names)
            messages.append(_unknown_section_message(section.title, closest, names))
            meant.add(closest)
            continue
        if section.kind in seen:
            messages.append(_repeated_section_message(names[section.kind]))
        seen.add(section.kind)
        if section.kind == "strategy":
            messages += _read_strategies(section.blocks, names["strategy"])[1]
        elif not section.blocks:
            messages.append(_empty_philosophy_message(names["philosophy"]))
    missing = [kind for kind in names if kind not in seen | meant]
    return messages + [_missing_section_message(kind, names) for kind in missing]


def _first_section(sections: list[_Section], kind: str) -> tuple[Node, ...] | None:
    """Return the blocks of the first section of this kind, None if there is none."""
    return next((s.blocks for s in sections if s.kind == kind), None)


# The strategy list


def _read_strategies(
    blocks: tuple[Node, ...] | None, name: str
) -> tuple[list[Strategy], list[str]]:
    """Read the items of a strategy section (None: there is no such section)."""
    if blocks is None:
        return [], []
    lists = [block for block in blocks if _is_tag(block, _LIST_TAGS)]
    messages = [
        _not_a_list_message(block, name)
        for block in blocks
        if not _is_tag(block, _LIST_TAGS)
    ]
    items = [item for block in lists for item in block.find_all("li", recursive=False)]
    if not items and not messages:
        messages.append(_empty_strategy_message(name))
    strategies = []
    for position, item in enumerate(items, start=1):
        strategy, message = _read_strategy(position, item)
        if message:
            messages.append(message)
        else:
            strategies.append(strategy)
    return strategies, messages


def _numbered(blocks: tuple[Node, ...] | None) -> bool:
    """Tell whether a strategy section is written as numbered lists only."""
    lists = [block for block in blocks or () if _is_tag(block, _LIST_TAGS)]
    return bool(lists) and all(block.name == "ol" for block in lists)


def _read_strategy(position: int, item: Tag) -> tuple[Strategy | None, str | None]:
    """Read one list item, "<strong>Label:</strong> explanation"."""
    nodes = _meaningful(item.contents)
    further_blocks: list[Node] = []
    if nodes and _is_tag(nodes[0], "p"):  # a loose list: <li><p>...</p>...</li>
        further_blocks = nodes[1:]
        nodes = _meaningful(nodes[0].contents)
    if not nodes or not _is_tag(nodes[0], _LABEL_TAGS):
        return None, _no_label_message(position, item)
    label = plain_words(nodes[0].get_text()).removesuffix(":").rstrip()
    if not label:
        return None, _empty_label_message(position)
    explanation = _join_html(
        [_explanation_after(nodes[0]), *map(_html, further_blocks)]
    )
    if not explanation:
        return None, _no_explanation_message(position, label)
    return Strategy(label=label, slug="", html=explanation), None


def _explanation_after(label: Tag) -> str:
    """Return the HTML after the bold label, without the colon that ends it."""
    after = "".join(_html(node) for node in label.next_siblings)
    return after.strip().removeprefix(":").strip()


# Page-wide checks and slugs


def _repeated_question_problems(questions: list[Question]) -> list[Problem]:
    """Report each question that repeats an earlier one's text."""
    first_numbers: dict[str, int] = {}
    problems = []
    for question in questions:
        key = _key(question.text)
        if key and key in first_numbers:
            message = _repeated_question_message(first_numbers[key])
            problems.append(_problem(question, message))
        first_numbers.setdefault(key, question.number)
    return problems


def _with_slugs(
    questions: list[Question],
    taken_ids: Iterable[str],
    slugify: Callable[[str], str],
) -> tuple[Question, ...]:
    """Give every question and strategy a unique anchor slug, in page order.

    A question's slug comes from its text; a strategy's is its question's slug,
    "-", and the slug of its label. Clashes get "-2", "-3"... in one namespace,
    which starts with the ids taken by the rest of the page.
    """
    used: set[str] = set(taken_ids)
    result = []
    for question in questions:
        question_slug = _unique(
            slugify(question.text) or f"question-{question.number}", used
        )
        strategies = tuple(
            replace(
                strategy,
                slug=_unique(
                    f"{question_slug}-{slugify(strategy.label) or f'strategy-{n}'}",
                    used,
                ),
            )
            for n, strategy in enumerate(question.strategies, start=1)
        )
        result.append(replace(question, slug=question_slug, strategies=strategies))
    return tuple(result)


def _unique(slug: str, used: set[str]) -> str:
    """Return slug, or slug-2, slug-3... whichever is not used yet; mark it used."""
    candidate, suffix = slug, 1
    while candidate in used:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    used.add(candidate)
    return candidate


# Problem messages: what is wrong, then "Fix:" and how to fix it


def _problem(question: Question, message: str) -> Problem:
    return Problem(question.number, question.text or None, message)


def _empty_question_message() -> str:
    return "the question heading is empty. Fix: write the question after '## '."


def _lead_message(block: Node, names: dict[str, str]) -> str:
    return (
        f"{_block_words(block)} comes before any section. Fix: put it under "
        f"'### {names['philosophy']}', or move it into the introduction "
        "before the first question."
    )


def _closest_kind(title: str, names: dict[str, str]) -> str | None:
    """Return the kind of section whose heading the title most resembles."""
    kinds = {_key(name): kind for kind, name in names.items()}
    close = difflib.get_close_matches(_key(title), list(kinds), n=1)
    return kinds[close[0]] if close else None


def _unknown_section_message(
    title: str, meant: str | None, names: dict[str, str]
) -> str:
    philosophy, strategy = names["philosophy"], names["strategy"]
    fix = (
        f"did you mean '### {names[meant]}'?"
        if meant
        else f"name it '### {philosophy}' or '### {strategy}', or make it a "
        f"'#### ' heading inside \"{philosophy}\"."
    )
    return (
        f'unknown section "{title}"; a question has only "{philosophy}" and '
        f'"{strategy}". Fix: {fix}'
    )


def _repeated_section_message(name: str) -> str:
    return f"\"{name}\" is given twice. Fix: merge both into one '### {name}' section."


def _empty_philosophy_message(name: str) -> str:
    return f"\"{name}\" is empty. Fix: write at least one paragraph under '### {name}'."


def _missing_section_message(kind: str, names: dict[str, str]) -> str:
    name = names[kind]
    what = "prose" if kind == "philosophy" else "a list of '- **Label:** text' items"
    return f"\"{name}\" is missing. Fix: add '### {name}' followed by {what}."


def _empty_strategy_message(name: str) -> str:
    return (
        f"\"{name}\" has no list. Fix: add items '- **Label:** explanation' "
        f"under '### {name}'."
    )


def _not_a_list_message(block: Node, name: str) -> str:
    return (
        f'"{name}" must be a list whose every item starts with a bold label, '
        f"but it holds {_block_words(block)}. Fix: write each strategy as "
        "'- **Label:** explanation', or move the block into the philosophy."
    )


def _no_label_message(position: int, item: Tag) -> str:
    return (
        f'strategy {position} "{_snippet(item)}" does not start with a bold label. '
        "Fix: begin the item with '**Label:**', e.g. '- **Alignment:** ...'."
    )


def _empty_label_message(position: int) -> str:
    return (
        f"strategy {position} has an empty bold label. Fix: write the label "
        "between the asterisks, e.g. '**Alignment:**'."
    )


def _no_explanation_message(position: int, label: str) -> str:
    return (
        f'strategy {position} "{label}" has no explanation. Fix: write it after '
        f"'**{label}:**'."
    )


def _repeated_question_message(first_number: int) -> str:
    return (
        f"it repeats question {first_number}. Fix: merge the two questions or "
        "reword one of them."
    )


# Small helpers on nodes and text


def _is_tag(node: object, names: str | tuple[str, ...]) -> bool:
    wanted = (names,) if isinstance(names, str) else names
    return isinstance(node, Tag) and node.name in wanted


def _meaningful(nodes: Iterable[Node]) -> list[Node]:
    """Drop blank text between blocks."""
    return [n for n in nodes if not (isinstance(n, NavigableString) and not n.strip())]


def _without_h1(blocks: list[Node]) -> list[Node]:
    return [block for block in blocks if not _is_tag(block, "h1")]


def _html(node: Node) -> str:
    if isinstance(node, Tag):
        return node.decode()
    return node.output_ready()


def _join_html(parts: Iterable[Node | str] | None) -> str:
    """Join blocks (or HTML strings) into one fragment, one block per line."""
    texts = [part if isinstance(part, str) else _html(part) for part in parts or ()]
    return "\n".join(text for text in texts if text.strip())


def _block_words(block: Node) -> str:
    if isinstance(block, Tag) and "footnote" in block.get("class", []):
        return "footnotes (not supported on this page; write the note inline)"
    name = block.name if isinstance(block, Tag) else None
    kind = _BLOCK_NAMES.get(name, f"a <{name}> block" if name else "text")
    return f'{kind} "{_snippet(block)}"'


def _snippet(node: Node) -> str:
    text = plain_words(node.get_text() if isinstance(node, Tag) else str(node))
    if len(text) <= _SNIPPET_LENGTH:
        return text
    return text[: _SNIPPET_LENGTH - 3].rstrip() + "..."


def _key(text: str) -> str:
    """Compare headings and questions case-insensitively, whitespace-normalised."""
    return plain_words(text).casefold()
