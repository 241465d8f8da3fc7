"""Code blocks and tables a keyboard can scroll: each takes the focus."""

import markdown

from plugins.reading.scrolling import focusable

TEXT = """\
A fenced block:

```
invoke build
```

An indented one:

    invoke serve

| Year | Teams |
| ---- | ----- |
| 2023 | 9     |

<pre tabindex="-1">The author's own.</pre>
<table class="wide" data-note="a > b"><tr><td>1</td></tr></table>

Words about `<pre>` and <code>&lt;table&gt;</code>.
"""


def test_every_code_block_and_table_markdown_renders_takes_the_focus():
    html = markdown.Markdown(
        extensions=["markdown.extensions.extra", "plugins.reading.scrolling"],
        output_format="html5",
    ).convert(TEXT)
    assert html.count('<pre tabindex="0">') == 2
    assert '<table tabindex="0">' in html
    assert '<pre tabindex="-1">' in html  # the author's own stays
    assert '<table class="wide" data-note="a > b" tabindex="0">' in html
    assert "<code>&lt;pre&gt;</code>" in html


def test_only_start_tags_of_code_blocks_and_tables_change():
    html = '<p>pre</p><prefix></prefix><PRE class="x">a</PRE><tables>'
    assert focusable(html) == (
        '<p>pre</p><prefix></prefix><PRE class="x" tabindex="0">a</PRE><tables>'
    )
