"""`invoke new` starts today's journal entry and never overwrites a file."""

import datetime
from pathlib import Path

import pytest

from tests.conftest import run_invoke
from workflow.new_entry import create_entry, entry_names

DAY = datetime.date(2024, 5, 1)


def new_entry(content, *args):
    """Run `invoke new` on a content folder; return (path printed, result)."""
    result = run_invoke("new", "--content", str(content), *args)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip(), result


def today_names():
    """Today's date as the file name starts, robust to a run across midnight."""
    return {datetime.date.today().isoformat()}


def test_new_creates_an_entry_dated_today_and_prints_its_path(tmp_path):
    before = today_names()
    printed, _ = new_entry(tmp_path)
    days = before | today_names()
    assert printed in {str(tmp_path / "journal" / f"{day}.md") for day in days}
    assert Path(printed).is_file()


def test_new_with_a_title_names_the_file_after_it_and_sets_the_title(tmp_path):
    printed, _ = new_entry(tmp_path, "--title", "What interviewing taught me")
    day = printed.rsplit("/", 1)[-1][:10]
    assert printed.endswith(f"/journal/{day}-what-interviewing-taught-me.md")
    text = (tmp_path / "journal" / f"{day}-what-interviewing-taught-me.md").read_text()
    assert text.splitlines()[0] == "Title: What interviewing taught me"


def test_a_second_entry_on_the_same_day_gets_its_own_file(tmp_path):
    first, _ = new_entry(tmp_path)
    (tmp_path / "journal" / first.rsplit("/", 1)[-1]).write_text("My words.\n")
    second, _ = new_entry(tmp_path)
    third, _ = new_entry(tmp_path)
    assert len({first, second, third}) == 3
    assert (tmp_path / "journal" / first.rsplit("/", 1)[-1]).read_text() == (
        "My words.\n"
    )


def test_new_entries_of_one_day_build_into_pages_of_their_own(tmp_path, build):
    paths = [new_entry(tmp_path / "content")[0] for _ in range(2)]
    titled, _ = new_entry(tmp_path / "content", "--title", "A <b>bold</b> day")
    started = build(tmp_path / "content")
    assert started.returncode != 0, "nothing half-written is published"
    assert f"{Path(titled).name}: this entry has no text yet" in started.messages
    for path in [*paths, titled]:
        with open(path, "a", encoding="utf-8") as entry:
            entry.write("\nWhat the day taught me.\n")
    result = build(tmp_path / "content")
    assert result.returncode == 0, result.messages
    slugs = [path.rsplit("/", 1)[-1].removesuffix(".md") for path in paths]
    for path in [*paths, titled]:
        slug = path.rsplit("/", 1)[-1].removesuffix(".md")
        assert (result.output / "journal" / slug / "index.html").is_file(), slug
    first = result.page(f"journal/{slugs[0]}/index.html")
    assert first.find("a", rel="next")["href"].endswith(f"/{slugs[1]}/")


@pytest.mark.parametrize(
    ("title", "first_names"),
    [
        ("", ["2024-05-01.md", "2024-05-01-2.md", "2024-05-01-3.md"]),
        (
            "Scaling teams",
            ["2024-05-01-scaling-teams.md", "2024-05-01-scaling-teams-2.md"],
        ),
        ("Équipe & Co.", ["2024-05-01-equipe-co.md"]),
        ("  Q3: Hiring, 2 teams!  ", ["2024-05-01-q3-hiring-2-teams.md"]),
        ("Как масштабировать команду", ["2024-05-01-kak-masshtabirovat-komandu.md"]),
        ("Straße", ["2024-05-01-strasse.md"]),
        ("!!!", ["2024-05-01.md", "2024-05-01-2.md"]),
    ],
)
def test_entry_names_are_dated_and_numbered_when_taken(title, first_names):
    names = entry_names(DAY, title)
    assert [next(names) for _ in first_names] == first_names


def test_create_entry_skips_names_already_taken(tmp_path):
    (tmp_path / "2024-05-01.md").write_text("existing")
    (tmp_path / "2024-05-01-2.md").write_text("existing too")
    path = create_entry(tmp_path, DAY)
    assert path.name == "2024-05-01-3.md"
    assert (tmp_path / "2024-05-01.md").read_text() == "existing"
    assert (tmp_path / "2024-05-01-2.md").read_text() == "existing too"


def test_new_names_a_title_of_any_script_by_the_sites_slug_rule(tmp_path):
    printed, _ = new_entry(tmp_path, "--title", "Как масштабировать команду")
    assert printed.endswith("-kak-masshtabirovat-komandu.md")
    text = Path(printed).read_text(encoding="utf-8")
    assert text.startswith("Title: Как масштабировать команду\n")
