"""Check a feed before it is written: what would keep a reader from taking it.

`feed_problems` takes the feed's XML text and returns every problem found, as
plain strings; an empty list means the feed is fit to write. It checks what
RFC 4287 requires of this site's feed with the standard library alone: the
XML is well-formed, the required elements are there once, ids, links and the
icon are absolute, dates carry a time zone, and the schema's two Schematron
rules hold. (The tests also validate the feed against the RFC's RELAX NG
schema.)
"""

import re
from xml.etree import ElementTree

from ..shared.urls import is_absolute_iri

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)
FEED_ONCE = ("id", "title", "updated")
ENTRY_ONCE = ("id", "title", "updated")
SET_SITEURL = "set SITEURL and FEED_DOMAIN to the site's address, like https://..."


class InvalidFeed(Exception):
    """A feed document would not be valid Atom; nothing was written."""

    def __init__(self, where: str, problems: list[str]):
        self.where, self.problems = where, list(problems)
        super().__init__(
            f"atom_feed: the feed {where} would not be valid Atom, so it was "
            "not written:\n" + "\n".join(f"  - {problem}" for problem in problems)
        )

    def __reduce__(self):  # made in a worker process, raised in the build
        return InvalidFeed, (self.where, self.problems)


def feed_problems(xml_text: str | bytes) -> list[str]:
    """Every reason why this Atom feed would not be valid, or []."""
    checker = FeedChecker()
    checker.write(xml_text)
    return checker.close()


class FeedChecker:
    """A file to write an Atom feed into: it checks the feed as it comes, one
    entry at a time, and keeps no entry once checked, so that a feed of
    thousands of entries is never held whole in memory. `close()` returns
    every problem found, or []."""

    def __init__(self) -> None:
        self.parser = ElementTree.XMLPullParser(events=("start", "end"))
        self.root = None
        self.not_a_feed = None
        self.broken = None
        self.entry_problems = []
        self.entries_without_author = []
        self.entries = 0

    def write(self, data: str | bytes) -> None:
        if self.broken or self.not_a_feed:
            return
        try:
            self.parser.feed(data.encode("utf-8") if isinstance(data, str) else data)
            self._check_events()
        except ElementTree.ParseError as error:
            self.broken = f"the feed is not well-formed XML ({error})"

    def close(self) -> list[str]:
        if not (self.broken or self.not_a_feed):
            try:
                self.parser.close()
                self._check_events()
            except ElementTree.ParseError as error:
                self.broken = f"the feed is not well-formed XML ({error})"
        if self.broken or self.not_a_feed:
            return [self.broken or self.not_a_feed]
        problems = element_problems(self.root, "the feed", FEED_ONCE)
        problems += self.entry_problems
        if self.root.find(ATOM + "author") is None:
            problems += [
                f"{where} has no author, and neither has the feed"
                for where in self.entries_without_author
            ]
            problems.sort(key=self._entry_order(problems))
        return problems

    def _check_events(self) -> None:
        for event, element in self.parser.read_events():
            if self.root is None:
                self.root = element
                if element.tag != ATOM + "feed":
                    self.not_a_feed = (
                        f"the document is <{element.tag}>, not an Atom <feed>"
                    )
                    return
            elif (
                event == "end"
                and element.tag == ATOM + "entry"
                and (element in list(self.root))
            ):
                self._check_entry(element)
                self.root.remove(element)

    def _check_entry(self, entry: ElementTree.Element) -> None:
        self.entries += 1
        title = entry.findtext(ATOM + "title") or ""
        where = f"entry {self.entries} ({title!r})"
        self.entry_problems += element_problems(entry, where, ENTRY_ONCE)
        if not has_alternate_link_or_content(entry):
            self.entry_problems.append(
                f"{where} has neither a rel='alternate' link nor content"
            )
        if entry.find(ATOM + "author") is None:
            self.entries_without_author.append(where)

    @staticmethod
    def _entry_order(problems):
        """Sort key: the feed's own problems first, then entry by entry."""
        order = {problem: index for index, problem in enumerate(problems)}

        def key(problem):
            match = re.match(r"entry (\d+) ", problem)
            return (int(match.group(1)) if match else 0, order[problem])

        return key


def element_problems(
    element: ElementTree.Element, where: str, once: tuple[str, ...]
) -> list[str]:
    """Problems of a feed or entry element: its required children, its
    absolute ids, links and icon, and its dates."""
    problems = [
        f"{where} needs exactly one <{name}>, it has {count}"
        for name in once
        if (count := len(element.findall(ATOM + name))) != 1
    ]
    for name in ("id", "icon", "logo"):
        for child in element.findall(ATOM + name):
            if not is_absolute_iri(child.text):
                problems.append(
                    f"{where}: <{name}> {child.text!r} is not absolute; {SET_SITEURL}"
                )
    for link in element.findall(ATOM + "link"):
        href = link.get("href")
        if not is_absolute_iri(href):
            rel = link.get("rel", "alternate")
            problems.append(
                f"{where}: the {rel} link {href!r} is not absolute; {SET_SITEURL}"
            )
    for name in ("updated", "published"):
        for child in element.findall(ATOM + name):
            if not RFC3339.fullmatch((child.text or "").strip()):
                problems.append(
                    f"{where}: <{name}> {child.text!r} is no date and time "
                    "with a time zone (RFC 3339)"
                )
    return problems


def has_alternate_link_or_content(entry: ElementTree.Element) -> bool:
    """RFC 4287's rule: an entry has a rel='alternate' link or content."""
    links = entry.findall(ATOM + "link")
    return entry.find(ATOM + "content") is not None or any(
        link.get("rel", "alternate") == "alternate" for link in links
    )
