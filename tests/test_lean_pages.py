"""The build writes only what the site shows and links."""

from tests.conftest import write_content

ENTRY = """Title: Error budgets

How we count them:

```python
def error_budget(slo, minutes):
    return (1 - slo) * minutes
```
"""


def test_a_code_block_is_plain_preformatted_code(build, tmp_path):
    content = write_content(tmp_path / "content", {"journal/2024-01-02.md": ENTRY})

    result = build(content)

    assert result.returncode == 0, result.messages
    page = result.page("journal/2024-01-02/index.html")
    code = page.select_one("pre > code.language-python")
    assert code is not None
    assert "def error_budget(slo, minutes):" in code.get_text()
    assert not page.select(".highlight, pre span")


def test_no_author_pages_are_written(build, tmp_path):
    content = write_content(
        tmp_path / "content",
        {"journal/2024-01-02.md": "Title: One\nAuthor: Someone Else\n\nText.\n"},
    )

    result = build(content)

    assert result.returncode == 0, result.messages
    assert not (result.output / "author").exists()
    assert not (result.output / "authors").exists()
    assert not list(result.output.rglob("*someone-else*"))
