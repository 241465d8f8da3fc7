"""Pinned addresses: the same site, with each address worked out once."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from plugins.pinned_urls.pins import pin_urls
from tests.conftest import ROOT, copy_sample, write_content
from workflow.build import BuildError, build_site, read_site_settings

pytestmark = pytest.mark.usefixtures("in_process_builds")


def site_files(output: Path) -> dict:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def test_every_entry_and_page_gets_its_own_address_pinned():
    entry = SimpleNamespace(
        url="journal/2023-08-30/", save_as="journal/2023-08-30/index.html"
    )
    draft = SimpleNamespace(url="drafts/x/", save_as="")
    page = SimpleNamespace(url="leadership/", save_as="leadership/index.html")
    generator = SimpleNamespace(articles=[entry], drafts=[draft], pages=[page])

    pin_urls(generator)

    assert entry.override_url == "journal/2023-08-30/"
    assert entry.override_save_as == "journal/2023-08-30/index.html"
    assert draft.override_url == "drafts/x/"
    assert draft.override_save_as == ""
    assert page.override_url == "leadership/"
    assert page.override_save_as == "leadership/index.html"


def test_an_address_the_author_set_is_kept():
    entry = SimpleNamespace(
        url="computed/",
        override_url="chosen/",
        save_as="computed/index.html",
        override_save_as="chosen/index.html",
    )
    pin_urls(SimpleNamespace(articles=[entry]))
    assert entry.override_url == "chosen/"
    assert entry.override_save_as == "chosen/index.html"


def test_the_site_is_byte_for_byte_the_same_with_pinned_addresses(tmp_path):
    content = copy_sample(tmp_path / "content")
    write_content(
        content,
        {
            "journal/2023-09-02.md": "Tags: hiring\n\n[Older]({filename}2023-08-30.md)",
            "journal/2023-09-02-later.md": "Title: Later\nTags: hiring\n\nMore.\n",
        },
    )
    settings = ROOT / "publishconf.py"
    plugins = read_site_settings(settings, content, tmp_path / "x")["PLUGINS"]
    assert plugins[-1] == "plugins.pinned_urls"

    build_site(content, tmp_path / "pinned", settings)
    build_site(content, tmp_path / "unpinned", settings, PLUGINS=plugins[:-1])

    pinned = site_files(tmp_path / "pinned")
    assert pinned == site_files(tmp_path / "unpinned")
    assert "journal/2023-09-02-later/index.html" in pinned


def test_a_page_at_the_address_of_another_fails_the_build_naming_it(tmp_path):
    """Pinning leaves Pelican's rule whole: only an author's Save_as: may
    overwrite a page (a pinned file would pass for one)."""
    content = copy_sample(tmp_path / "content")
    write_content(content, {"pages/archives.md": "Title: Archives\n\nMy own list.\n"})

    with pytest.raises(BuildError, match=r"archives/index\.html"):
        build_site(content, tmp_path / "output", ROOT / "publishconf.py")
    assert not (tmp_path / "output").exists()
