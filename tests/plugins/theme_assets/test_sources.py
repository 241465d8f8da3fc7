"""The theme's static files, by the path Pelican would publish each under."""

from plugins.theme_assets.sources import theme_files
from tests.conftest import write_content


def test_a_folder_gives_its_files_by_their_path_inside_it(tmp_path):
    theme = write_content(
        tmp_path / "theme",
        {
            "static/css/site.css": "body {}",
            "static/favicon.svg": "<svg/>",
            "static/.#site.css": "an editor's lock file",
            "static/.#drafts/notes.css": "in an ignored folder",
        },
    )
    files = theme_files([str(theme / "static")], [".#*"])
    assert files == {"css/site.css": b"body {}", "favicon.svg": b"<svg/>"}


def test_a_single_file_is_published_under_its_name_and_later_paths_win(tmp_path):
    theme = write_content(
        tmp_path / "theme",
        {"static/robots.css": "first", "extra/robots.css": "second"},
    )
    files = theme_files([str(theme / "static"), str(theme / "extra/robots.css")])
    assert files == {"robots.css": b"second"}


def test_a_missing_static_path_gives_nothing(tmp_path):
    assert theme_files([str(tmp_path / "nowhere")]) == {}
