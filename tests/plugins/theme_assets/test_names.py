"""Hashed names for the theme's files, decided on plain data."""

import hashlib

import pytest

from plugins.theme_assets.names import (
    ThemeAssetError,
    asset_path,
    hashed_assets,
    hashed_name,
    hashed_site_path,
    is_hashed_name,
    without_comments,
)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("css/site.css", "css/site.{}.css"),
        ("favicon.svg", "favicon.{}.svg"),
        ("js/search.min.js", "js/search.min.{}.js"),
        ("fonts/LICENSE", "fonts/LICENSE.{}"),
    ],
)
def test_a_name_carries_the_digest_of_the_bytes_before_its_suffix(path, expected):
    assert hashed_name(path, b"body {}") == expected.format(digest(b"body {}"))
    assert is_hashed_name(hashed_name(path, b"body {}"))


def test_the_same_bytes_keep_their_name_and_other_bytes_get_another():
    assert hashed_name("css/site.css", b"a") == hashed_name("css/site.css", b"a")
    assert hashed_name("css/site.css", b"a") != hashed_name("css/site.css", b"b")


@pytest.mark.parametrize(
    "name", ["site.css", "photo.2023.jpg", "site.3F2A9C1E.css", "site.3f2a9c1.css"]
)
def test_plain_names_are_not_taken_for_hashed_ones(name):
    assert not is_hashed_name(name)


def test_a_stylesheet_is_published_without_its_comments():
    css = b"""/* The tokens: change these. */
:root {
  --accent: #0b5; /* green */
}

/*! Kept: a licence. */
a::after { content: "/* no comment */"; }
b::before { content: '*/ \\' /*'; }
/* A comment
   of two lines. */
b { color: red; }
"""
    assert (
        without_comments(css)
        == b""":root {
  --accent: #0b5;
}
/*! Kept: a licence. */
a::after { content: "/* no comment */"; }
b::before { content: '*/ \\' /*'; }
b { color: red; }
"""
    )
    [asset] = hashed_assets({"css/site.css": css}).values()
    assert asset.data == without_comments(css)
    assert asset.name == hashed_name("css/site.css", asset.data)


def test_every_file_gets_its_hashed_name_and_keeps_its_bytes():
    files = {"css/site.css": b"body { color: red }", "favicon.svg": b"<svg/>"}
    assets = hashed_assets(files)
    assert list(assets) == ["css/site.css", "favicon.svg"]
    for source, asset in assets.items():
        assert asset.source == source
        assert asset.data == files[source]
        assert asset.name == hashed_name(source, files[source])


STYLESHEET = b"""\
body { background: url(../img/paper.png); }
@import 'print.css';
@font-face { src: url("../fonts/serif.woff2?v=2#face"); }
.icon { background: url('data:image/png;base64,AAAA'); }
.logo { background: url(https://example.org/logo.png); }
.root { background: url(/img/paper.png); }
.gone { background: url(../img/missing.png); }
"""


def test_a_stylesheet_links_the_hashed_names_of_the_theme_files_it_loads():
    files = {
        "css/site.css": STYLESHEET,
        "css/print.css": b"@media print {}",
        "img/paper.png": b"PNG",
        "fonts/serif.woff2": b"WOFF2",
    }
    assets = hashed_assets(files)
    css = assets["css/site.css"].data.decode()
    paper = assets["img/paper.png"].name.removeprefix("img/")
    font = assets["fonts/serif.woff2"].name.removeprefix("fonts/")
    printing = assets["css/print.css"].name.removeprefix("css/")
    assert f"url(../img/{paper})" in css
    assert f"@import '{printing}'" in css
    assert f'url("../fonts/{font}?v=2#face")' in css
    # Anything that is no theme file is left as it was.
    assert "url('data:image/png;base64,AAAA')" in css
    assert "url(https://example.org/logo.png)" in css
    assert "url(/img/paper.png)" in css
    assert "url(../img/missing.png)" in css
    assert assets["css/site.css"].name == hashed_name("css/site.css", css.encode())


def test_a_changed_image_gives_the_stylesheet_that_loads_it_a_new_name():
    before = hashed_assets({"css/site.css": STYLESHEET, "img/paper.png": b"PNG"})
    after = hashed_assets({"css/site.css": STYLESHEET, "img/paper.png": b"PNG 2"})
    assert before["css/site.css"].name != after["css/site.css"].name


def test_stylesheets_that_load_each_other_are_an_error_naming_the_loop():
    files = {"a.css": b"@import 'b.css';", "b.css": b"@import url(a.css);"}
    with pytest.raises(ThemeAssetError, match=r"a\.css -> b\.css -> a\.css"):
        hashed_assets(files)


def test_a_theme_file_is_found_by_its_plain_path():
    assets = hashed_assets({"css/site.css": b"x"})
    expected = f"theme/css/site.{digest(b'x')}.css"
    assert asset_path(assets, "theme", "css/site.css") == expected


def test_an_unknown_theme_file_is_an_error_naming_the_files_there_are():
    assets = hashed_assets({"css/site.css": b"x", "favicon.svg": b"y"})
    with pytest.raises(ThemeAssetError) as raised:
        asset_path(assets, "theme", "js/search.js")
    assert str(raised.value).startswith("theme_assets: ")
    assert "'js/search.js'" in str(raised.value)
    assert "css/site.css, favicon.svg" in str(raised.value)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("theme/favicon.svg", "theme/favicon.{}.svg"),
        ("favicon.ico", "favicon.ico"),  # the author's own, from extra/
        ("theme/missing.svg", "theme/missing.svg"),
        (None, None),
    ],
)
def test_a_setting_naming_a_theme_file_gets_its_hashed_name(path, expected):
    assets = hashed_assets({"favicon.svg": b"<svg/>"})
    expected = expected and expected.format(digest(b"<svg/>"))
    assert hashed_site_path(path, assets, "theme") == expected
