"""A deterministic journal for the benchmark: N entries and one Q&A page.

`corpus_files(entries)` decides every file's name and text (plain data, no
disk); `write_corpus(folder, entries)` writes them. The same arguments always
give the same bytes, so two builds (and two machines) read the same site.

Each entry has about 600 words with headings, lists, a code block, links to an
older entry and to another site, and a few tags; every tenth entry is
untitled, and every 25th shares its day with the entry before it (a file
named YYYY-MM-DD-slug.md). The Q&A page follows DESIGN.md's
`Template: philosophy` format.
"""

import datetime
import random
from pathlib import Path

FIRST_DAY = datetime.date(2019, 1, 7)
WORDS_PER_ENTRY = 600
UNTITLED_EVERY = 10
SAME_DAY_EVERY = 25
QUESTIONS = 6

TAG_WORDS = (
    "leadership hiring career strategy architecture delivery incidents "
    "mentoring planning culture metrics reliability security budgets "
    "onboarding reviews remote scaling product roadmaps writing feedback "
    "teams platform debt"
)
TAGS = TAG_WORDS.split()

VOCABULARY_WORDS = (
    "team teams engineer engineers leader leadership system systems product "
    "roadmap quarter sprint release review reviews incident incidents "
    "on-call latency budget budgets hiring interview interviews feedback "
    "growth career ownership autonomy alignment velocity stability debt "
    "platform service services migration database cache queue pipeline "
    "deploy deploys rollback metric metrics signal noise meeting meetings "
    "decision decisions trade-off trade-offs risk risks customer customers "
    "strategy plan plans goal goals outcome outcomes culture trust clarity "
    "context writing document documents design designs architecture scale "
    "growth cost costs time week month year morning afternoon the a an of "
    "to in on for with without about before after during because while "
    "and but or so yet we they it this that these those every each some "
    "most few many more less better worse faster slower simple hard clear "
    "small large early late often rarely always never again together alone "
    "is are was were be been being have has had do does did can could will "
    "would should must may might learn learned build built ship shipped "
    "measure measured change changed keep kept ask asked listen listened "
    "explain explained write wrote read decide decided move moved fix fixed "
    "break broke grow grew hire hired coach coached lead led own owned"
)
VOCABULARY = VOCABULARY_WORDS.split()

CODE_SNIPPETS = (
    (
        "python",
        [
            "def error_budget(slo, window_minutes):",
            '    """Minutes of failure a quarter allows."""',
            "    return round((1 - slo) * window_minutes, 1)",
            "",
            "print(error_budget(0.999, 90 * 24 * 60))",
        ],
    ),
    (
        "yaml",
        [
            "review:",
            "  owners: [platform, product]",
            "  cadence: weekly",
            "  checklist:",
            "    - rollback plan",
            "    - on-call briefed",
        ],
    ),
    (
        "shell",
        [
            "git log --since='1 week ago' --oneline | wc -l",
            "kubectl rollout status deploy/api --timeout=120s",
        ],
    ),
)


def entry_day(index: int) -> datetime.date:
    """The day of entry `index` (0-based): one a day, a few sharing a day."""
    same_days = (index + 1) // SAME_DAY_EVERY
    return FIRST_DAY + datetime.timedelta(days=index - same_days)


def entry_name(index: int) -> str:
    """The entry's file name: YYYY-MM-DD.md, or YYYY-MM-DD-slug.md when it shares
    its day with the entry before it."""
    day = entry_day(index).isoformat()
    if index and entry_day(index - 1) == entry_day(index):
        return f"{day}-second-thoughts.md"
    return f"{day}.md"


def _sentence(rng: random.Random, low=8, high=18) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences=(3, 5)) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _title(rng: random.Random) -> str:
    return " ".join(rng.choices(VOCABULARY, k=rng.randint(3, 7))).capitalize()


def entry_text(index: int, entries: int, titled: bool = False) -> str:
    """The Markdown text of entry `index` of a journal of `entries` entries;
    `titled` gives the untitled ones a title too (stock Pelican skips an
    entry without one, and must read every entry this project reads)."""
    rng = random.Random(f"entry-{index}")
    lines = []
    title = _title(rng)
    if titled or index % UNTITLED_EVERY != UNTITLED_EVERY - 1:
        lines.append(f"Title: {title}")
    lines.append(f"Tags: {', '.join(rng.sample(TAGS, rng.randint(1, 4)))}")
    lines.append("")
    body = [_paragraph(rng), "", f"## {_title(rng)}", "", _paragraph(rng), ""]
    body += [
        f"- **{word.capitalize()}:** {_sentence(rng, 6, 12)}"
        for word in rng.sample(VOCABULARY, 4)
    ]
    language, code = rng.choice(CODE_SNIPPETS)
    body += ["", _paragraph(rng), "", f"```{language}", *code, "```", ""]
    body += [f"### {_title(rng)}", "", _paragraph(rng), ""]
    body += [f"{n}. {_sentence(rng, 5, 10)}" for n in range(1, 4)]
    body += [""]
    if index:
        older = entry_name(rng.randrange(index))
        body.append(
            f"As I wrote in [an older entry]({{filename}}{older}): {_sentence(rng)}"
        )
    body.append(
        f"The [essay that started this](https://example.org/essays/{index}) "
        f"says so too. {_sentence(rng)}"
    )
    words = sum(len(line.split()) for line in body)
    while words < WORDS_PER_ENTRY:
        paragraph = _paragraph(rng, (2, 4))
        body += ["", paragraph]
        words += len(paragraph.split())
    return "\n".join(lines + body) + "\n"


def qa_page_text(questions: int = QUESTIONS) -> str:
    """The Q&A page: every `##` a question with The Philosophy and The Strategy."""
    rng = random.Random("qa-page")
    lines = [
        "Title: Leadership",
        "Template: philosophy",
        "Summary: How I lead, scale and balance engineering organizations.",
        "",
        _paragraph(rng, (2, 3)),
    ]
    for _ in range(questions):
        question = " ".join(rng.choices(VOCABULARY, k=rng.randint(5, 9)))
        lines += ["", f"## How do you {question}?", "", "### The Philosophy", ""]
        lines += [_paragraph(rng), "", _paragraph(rng), "", "### The Strategy", ""]
        lines += [
            f"- **{_title(rng)}:** {_paragraph(rng, (1, 3))}"
            for _ in range(rng.randint(2, 4))
        ]
    return "\n".join(lines) + "\n"


def corpus_files(entries: int, titled: bool = False) -> dict[str, str]:
    """Every file of the corpus: {path relative to the content folder: text}."""
    files = {
        f"journal/{entry_name(index)}": entry_text(index, entries, titled)
        for index in range(entries)
    }
    files["pages/leadership.md"] = qa_page_text()
    return files


def write_corpus(folder: Path, entries: int, titled: bool = False) -> Path:
    """Write the corpus of `entries` journal entries into `folder`; return it."""
    folder = Path(folder)
    for relative, text in corpus_files(entries, titled).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
