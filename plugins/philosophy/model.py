"""The Q&A page as templates use it: questions, strategies, and problems.

Plain frozen dataclasses (what `questions.parse_questions` returns), kept apart
from the parser so that a build that finds the page unchanged, and reads the
model from its cache, needs no HTML parser at all.
"""

from dataclasses import dataclass

from ..shared.text import html_text

DEFAULT_HEADINGS = {"philosophy": "The Philosophy", "strategy": "The Strategy"}


@dataclass(frozen=True)
class Strategy:
    """One item of a question's strategy list: a bold label and its explanation."""

    label: str
    slug: str
    html: str

    @property
    def explanation_text(self) -> str:
        """The explanation as plain text."""
        return html_text(self.html)

    @property
    def text(self) -> str:
        """The strategy as one plain-text line, "Label: explanation"."""
        return f"{self.label}: {self.explanation_text}"


@dataclass(frozen=True)
class Question:
    """One ``## `` question with its philosophy and its strategies.

    ``strategies_numbered`` is true when the author wrote the strategies as a
    numbered list (``1. **Label:** ...``), so the page keeps their numbers.
    """

    number: int
    text: str
    slug: str
    philosophy_html: str
    strategies: tuple[Strategy, ...]
    strategies_numbered: bool = False

    @property
    def philosophy_text(self) -> str:
        """The philosophy as plain text."""
        return html_text(self.philosophy_html)

    @property
    def strategy_text(self) -> str:
        """The strategies as plain text, one "Label: explanation" line each."""
        return "\n".join(strategy.text for strategy in self.strategies)

    @property
    def answer_text(self) -> str:
        """The whole answer as plain text: the philosophy, then the strategies."""
        return "\n".join([self.philosophy_text, self.strategy_text])


@dataclass(frozen=True)
class QAPage:
    """A valid Q&A page: its introduction and its questions in page order."""

    introduction_html: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Problem:
    """Something wrong on a Q&A page: where, what, and how to fix it."""

    question_number: int | None
    question_text: str | None
    message: str

    def __str__(self) -> str:
        if self.question_number is None:
            return f"page: {self.message}"
        where = f"question {self.question_number}"
        if self.question_text:
            where += f' "{self.question_text}"'
        return f"{where}: {self.message}"
