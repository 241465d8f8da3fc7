"""An entry's words, counted as Markdown renders it.

A Markdown extension (Python-Markdown's own way to take part in rendering):
once an entry's HTML is made, it counts the words a reader sees
(`shared.text.word_count`) and adds them to the entry's metadata as
`word_count`. Pelican's content cache keeps an entry's metadata with its
HTML, so an entry is counted once, when it is rendered, and never again while
it is unchanged. The reading plugin adds the extension to the MARKDOWN
setting when a build starts.
"""

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from ..shared.text import word_count

# The metadata field (and attribute of Pelican's entry) that holds the count.
FIELD = "word_count"


class WordCounter(Postprocessor):
    """Counts the words of the finished HTML into the document's metadata."""

    def run(self, text: str) -> str:
        meta = getattr(self.md, "Meta", None)
        if meta is not None:
            meta[FIELD] = [str(word_count(text))]
        return text


class WordCountExtension(Extension):
    """Counts every document's words into its metadata (`word_count`)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 0: after every other postprocessor, on the HTML as it ends.
        md.postprocessors.register(WordCounter(md), "reading_word_count", 0)


def makeExtension(**kwargs) -> WordCountExtension:
    """The extension, as Python-Markdown loads it by this module's name."""
    return WordCountExtension(**kwargs)
