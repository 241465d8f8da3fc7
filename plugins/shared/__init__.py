"""Helpers that several plugins use, each written once.

- `settings`: the one way a plugin reads its settings (and says what is wrong);
- `text`: plain text from HTML, JSON that is safe inside a script element;
- `urls`: absolute URLs and addresses of pages;
- `contents`: every entry and page of a build, plain facts about an entry, and
  the journal's order;
- `slugs`: anchors and file names from words, by the site's own slug rule;
- `logs`: plain, unwrapped log lines;
- `cache`: files derived from the content, kept between builds by what they
  are made from.
"""
