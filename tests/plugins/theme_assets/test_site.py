"""Built sites publish the theme's files under hashed names and link those."""

import hashlib
import re
import shutil

from plugins.theme_assets.names import without_comments
from tests.conftest import (
    ROOT,
    SAMPLE_CONTENT,
    folder_fingerprint,
    run_pelican,
    theme_path,
)
from workflow.check import check_site, html_files


def theme_copy(tmp_path):
    """A copy of the site's theme that a test may change."""
    return shutil.copytree(ROOT / "theme", tmp_path / "theme")


def build_with_theme(theme, output):
    result = run_pelican(
        SAMPLE_CONTENT, output, extra_settings=f"THEME = {str(theme)!r}"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_theme_files_are_published_only_under_names_carrying_their_digest(
    sample_site,
):
    published = {
        path: digest
        for path, digest in folder_fingerprint(sample_site.output).items()
        if path.startswith("theme/")
    }
    sources = folder_fingerprint(ROOT / "theme/static")
    assert len(published) == len(sources)
    for source, digest in sources.items():
        path = theme_path(sample_site.output, source)
        assert published[path][:8] in path  # what sha256sum shows of it
        if not source.endswith(".css"):
            assert published[path] == digest  # the same bytes
    stylesheet = (ROOT / "theme/static/css/site.css").read_bytes()
    written = sample_site.output / theme_path(sample_site.output, "css/site.css")
    assert written.read_bytes() == without_comments(stylesheet)
    assert b"/*" in stylesheet and b"/*" not in written.read_bytes()


def test_every_page_links_the_hashed_stylesheet_and_icon(sample_site):
    stylesheet = theme_path(sample_site.output, "css/site.css")
    icon = theme_path(sample_site.output, "favicon.svg")
    for page in html_files(sample_site.output):
        html = page.read_text(encoding="utf-8")
        assert f'{stylesheet}">' in html, page
        assert f'{icon}">' in html, page
        assert "theme/css/site.css" not in html, page
    assert check_site(sample_site.output) == []


def test_a_changed_stylesheet_gets_a_new_name_that_the_pages_link(
    sample_site, tmp_path
):
    theme = theme_copy(tmp_path)
    with (theme / "static/css/site.css").open("a") as stylesheet:
        stylesheet.write("\n.new-rule { color: inherit; }\n")
    output = build_with_theme(theme, tmp_path / "output")

    old_name = theme_path(sample_site.output, "css/site.css")
    new_name = theme_path(output, "css/site.css")
    assert new_name != old_name
    assert not (output / old_name).exists()
    page = (output / "journal/2023-08-30/index.html").read_text()
    assert new_name.removeprefix("theme/") in page
    # The icon did not change: same name, which browsers keep.
    assert theme_path(output, "favicon.svg") == theme_path(
        sample_site.output, "favicon.svg"
    )
    assert check_site(output) == []


def test_a_stylesheet_loads_other_theme_files_by_their_hashed_names(tmp_path):
    theme = theme_copy(tmp_path)
    (theme / "static/img").mkdir()
    (theme / "static/img/paper.png").write_bytes(b"\x89PNG a texture")
    with (theme / "static/css/site.css").open("a") as stylesheet:
        stylesheet.write("\nbody { background: url(../img/paper.png); }\n")
    output = build_with_theme(theme, tmp_path / "output")

    image = theme_path(output, "img/paper.png")
    css = (output / theme_path(output, "css/site.css")).read_text()
    assert f"url(../{image.removeprefix('theme/')})" in css
    expected = hashlib.sha256((output / image).read_bytes()).hexdigest()[:8]
    assert image == f"theme/img/paper.{expected}.png"


def test_a_template_asking_for_a_missing_theme_file_fails_the_build(tmp_path):
    theme = theme_copy(tmp_path)
    base = theme / "templates/base.html"
    base.write_text(
        base.read_text().replace(
            "'css/site.css'|theme_asset", "'css/gone.css'|theme_asset"
        )
    )
    result = run_pelican(
        SAMPLE_CONTENT, tmp_path / "output", extra_settings=f"THEME = {str(theme)!r}"
    )
    assert result.returncode != 0
    messages = result.stdout + result.stderr
    assert re.search(
        r"theme_assets: the template \w+\.html asks for the theme file "
        r"'css/gone\.css', which the theme's static folder does not have "
        r"\(it has: css/site\.css, favicon\.svg, js/search\.js\)",
        messages,
    )
    assert "name a file by its path in theme/static/" in messages
