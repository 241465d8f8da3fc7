"""An edited entry is shown first: its page and its neighbours', nothing else."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT, copy_sample, write_content
from workflow.build import BuildError, build_site
from workflow.fast_rebuild import edited_sources, render_changed, touches

pytestmark = pytest.mark.usefixtures("in_process_builds")

SETTINGS = ROOT / "pelicanconf.py"


def site_files(output: Path) -> dict:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def entry(path, **links):
    return SimpleNamespace(source_path=path, save_as=f"{path}.html", **links)


def test_a_page_is_touched_when_it_is_changed_or_points_at_a_changed_one():
    older, edited, newer = entry("/c/a.md"), entry("/c/b.md"), entry("/c/c.md")
    newer.prev_article, older.next_article = edited, edited
    far = entry("/c/z.md", prev_article=newer)

    assert touches(edited, {"/c/b.md"})
    assert touches(older, {"/c/b.md"})
    assert touches(newer, {"/c/b.md"})
    assert not touches(far, {"/c/b.md"})


@pytest.fixture
def built(tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(
        content,
        {
            "journal/2023-09-05.md": "Title: Later\n\nA later entry.\n",
            "journal/2023-09-09.md": "Title: Latest\n\nThe latest entry.\n",
        },
    )
    output = tmp_path / "output"
    build_site(content, output, SETTINGS)
    return content, output


def test_an_edit_rewrites_the_entry_and_its_neighbours_only(built):
    content, output = built
    before = site_files(output)
    edited = content / "journal/2023-09-01.md"
    edited.write_text("Title: A new title\n\nNew words.\n", encoding="utf-8")

    pages = render_changed(content, output, SETTINGS, [edited])

    assert sorted(pages) == [
        "journal/2023-08-30/index.html",
        "journal/2023-09-01/index.html",
        "journal/2023-09-05/index.html",
    ]
    after = site_files(output)
    assert b"New words." in after["journal/2023-09-01/index.html"]
    unchanged = set(before) - set(pages)
    assert {name: after[name] for name in unchanged} == {
        name: before[name] for name in unchanged
    }
    assert sorted(path.name for path in output.parent.iterdir()) == [
        "content",
        "output",
    ]


def test_a_bad_edit_is_an_error_and_changes_nothing(built):
    content, output = built
    before = site_files(output)
    edited = content / "journal/2023-09-01.md"
    edited.write_text("Date: someday\n\nWords.\n", encoding="utf-8")

    with pytest.raises(BuildError, match="2023-09-01"):
        render_changed(content, output, SETTINGS, [edited])

    assert site_files(output) == before


def test_a_change_outside_the_content_renders_nothing(built, tmp_path):
    content, output = built
    before = site_files(output)

    assert render_changed(content, output, SETTINGS, [ROOT / "pelicanconf.py"]) == []
    assert site_files(output) == before


def test_only_edited_markdown_in_the_content_takes_the_fast_path(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "journal/2024-01-02.md": "Text.\n",
            "pages/leadership.md": "Title: Leadership\n",
            "extra/favicon.ico": "icon",
        },
    )
    entry, page = content / "journal/2024-01-02.md", content / "pages/leadership.md"

    assert edited_sources([page, entry], content) == [entry, page]
    assert edited_sources([entry, ROOT / "theme/templates/base.html"], content) == []
    assert edited_sources([entry, ROOT / "pelicanconf.py"], content) == []
    assert edited_sources([content / "extra/favicon.ico"], content) == []
    assert edited_sources([content / "journal/2024-01-03.md"], content) == []
    assert edited_sources([], content) == []
