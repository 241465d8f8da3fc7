"""The build benchmark runs and reports every measure (never a timed test)."""

import json
import re

from benchmarks import corpus
from benchmarks.measure import file_system, page_type
from tests.conftest import run_invoke

MEASURES = [
    f"{build}: {measure}"
    for build in [
        "Full build, cold",
        "Rebuild, nothing changed",
        "Rebuild after one edit",
    ]
    for measure in ["wall time", "CPU time", "peak memory"]
] + ["Full build, cold: per entry"]
SEARCH_MEASURES = [
    f"Search index, {when}" for when in ["cold", "one edit", "nothing changed"]
]


def test_invoke_bench_on_a_small_journal_reports_every_measure(tmp_path):
    result = run_invoke(
        *("bench", "--entries", "5", "--runs", "1", "--results", str(tmp_path)),
        *("--serve-saves", "1", "--sequence", "1"),
        timeout=600,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    for measure in MEASURES:
        row = re.search(
            rf"^\| {re.escape(measure)} \| (.+) \| (.+) \| (.+) \|$",
            report,
            re.MULTILINE,
        )
        assert row, f"no row {measure!r} in:\n{report}"
        project, stock, ratio = row.groups()
        assert re.fullmatch(r"[\d.]+ (s|ms|MiB)", project), row.group(0)
        assert re.fullmatch(r"[\d.]+ (s|ms|MiB)", stock), row.group(0)
        assert re.fullmatch(r"\d+\.\d\d", ratio), row.group(0)
    for page in ["entry", "Q&A page", "index", "tag", "archives", "feed"]:
        assert re.search(rf"^\| {re.escape(page)} \| \d+, ", report, re.MULTILINE)
    assert re.search(
        r"^Preview \(`invoke serve`\): 1 saves .* 0 never shown; 0 ",
        report,
        re.MULTILINE,
    )
    assert "Differential sequence: 1 random author actions, every incremental" in report
    for measure in SEARCH_MEASURES:
        assert re.search(
            rf"^\| {measure} \| [\d.]+ s \| [\d.]+ s \| \d+ MiB \|$",
            report,
            re.MULTILINE,
        ), f"no row {measure!r} in:\n{report}"
    first_query = re.search(
        r"^\| Chromium, empty cache \| \d+ \| [\d,]+ \| [\d,]+ "
        r"\| within 200 KB \|$",
        report,
        re.MULTILINE,
    )
    assert first_query, report
    assert "Python 3." in report
    assert re.search(r"work folder on [\w.]+ \([^)]*\)", report), report
    assert "Pelican 4.12" in report
    assert (tmp_path / "latest.md").read_text(encoding="utf-8") in report
    saved = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert saved["entries"] == 5
    assert saved["files"]["project"] > 5
    assert saved["files"]["stock"] > 5


def test_invoke_list_describes_the_bench_task():
    result = run_invoke("--list")
    line = next(line for line in result.stdout.splitlines() if "bench" in line)
    assert "stock Pelican" in line


def test_the_corpus_is_the_same_every_time():
    assert corpus.corpus_files(30) == corpus.corpus_files(30)


def test_the_corpus_holds_n_dated_entries_and_one_qa_page():
    files = corpus.corpus_files(60)
    entries = [name for name in files if name.startswith("journal/")]
    assert len(entries) == 60
    assert len(set(entries)) == 60
    assert all(
        re.fullmatch(r"journal/\d{4}-\d{2}-\d{2}(-[a-z-]+)?\.md", name)
        for name in entries
    )
    assert any("-" in name[len("journal/2019-01-01") :] for name in entries), (
        "no two entries share a day"
    )
    assert list(files).count("pages/leadership.md") == 1


def test_corpus_entries_have_about_600_words_headings_lists_code_links_and_tags():
    for name, text in corpus.corpus_files(20).items():
        if not name.startswith("journal/"):
            continue
        assert 550 <= len(text.split()) <= 750, name
        assert "\n## " in text and "\n### " in text
        assert "\n- **" in text and "\n1. " in text
        assert "\n```" in text
        assert "](https://" in text
        assert re.search(r"^Tags: \w+", text, re.MULTILINE)


def test_some_corpus_entries_are_untitled():
    texts = [
        text
        for name, text in corpus.corpus_files(30).items()
        if name.startswith("journal/")
    ]
    untitled = [text for text in texts if not text.startswith("Title:")]
    assert 0 < len(untitled) < len(texts) / 2


def test_corpus_entries_link_older_entries_that_exist():
    files = corpus.corpus_files(40)
    for text in files.values():
        for target in re.findall(r"\{filename\}([^)]+)", text):
            assert f"journal/{target}" in files


def test_the_corpus_qa_page_follows_the_philosophy_format():
    text = corpus.corpus_files(1)["pages/leadership.md"]
    assert "\nTemplate: philosophy\n" in text
    questions = text.split("\n## ")[1:]
    assert len(questions) == corpus.QUESTIONS
    for question in questions:
        assert question.count("\n### The Philosophy\n") == 1
        assert question.count("\n### The Strategy\n") == 1
        strategy = question.split("\n### The Strategy\n")[1].strip().splitlines()
        assert strategy
        assert all(re.match(r"- \*\*[^*]+:\*\* ", line) for line in strategy)


def test_pages_are_sorted_into_types_for_both_site_layouts():
    assert page_type("journal/2020-01-02/index.html", "project") == "entry"
    assert page_type("journal/2020-01-02-more/index.html", "project") == "entry"
    assert page_type("journal/2020/index.html", "project") == "year archive"
    assert page_type("page/3/index.html", "project") == "index"
    assert page_type("tag/hiring/page/2/index.html", "project") == "tag"
    assert page_type("leadership/index.html", "project") == "Q&A page"
    assert page_type("theme/css/site.css", "project") is None
    assert page_type("tags-are-hard.html", "stock") == "entry"
    assert page_type("tags.html", "stock") is None
    assert page_type("pages/leadership.html", "stock") == "Q&A page"
    assert page_type("feeds/all.atom.xml", "stock") == "feed"


MOUNTS = """\
/dev/vda / ext4 rw,relatime,discard 0 0
tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0
/dev/vdb /work/my\\040disk xfs rw,noatime 0 0
"""


def test_the_report_names_the_file_system_of_the_work_folder():
    assert file_system("/tmp/bench", MOUNTS) == "ext4 (rw,relatime,discard)"
    assert file_system("/dev/shm/bench", MOUNTS) == "tmpfs (rw,nosuid,nodev)"
    assert file_system("/work/my disk/bench", MOUNTS) == "xfs (rw,noatime)"
    assert file_system("/dev/shmx", MOUNTS) == "ext4 (rw,relatime,discard)"
    assert file_system("/anywhere", "") == "unknown"
