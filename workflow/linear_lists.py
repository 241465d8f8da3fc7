"""Pelican's list work, in linear time: the same lists, built in O(n).

Pelican files entries under tags, categories, authors and periods by asking,
for each entry, whether it is in another list (`article in articles`): a
search of that list each time. At a thousand entries it goes unnoticed; at
ten thousand it is seconds of every build. Entries compare by identity (no
`__eq__` of their own), so asking a set of their ids gives the same answers
at once:

- `EntryList` is a list that answers `in` from such a set, for the lists of a
  tag, a category and an author;
- `period_archives` is Pelican's `Generator._build_period_archives`, and
  `process_translations` Pelican's `utils.process_translations`, each with
  its one list search made a set lookup.

Everything else is Pelican's own code, and the lists come out the same, item
for item, in the same order.
"""

import calendar
from collections import defaultdict
from collections.abc import Collection, Iterable
from itertools import groupby
from operator import attrgetter

from pelican.utils import get_original_items


class EntryList(list):
    """A list of entries (compared by identity) that answers `in` at once."""

    def __init__(self, items: Iterable = ()):
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        if type(item).__eq__ is not object.__eq__:
            return super().__contains__(item)
        return id(item) in self._ids

    def append(self, item) -> None:
        super().append(item)
        self._ids.add(id(item))

    def __reduce_ex__(self, protocol):
        return list, (list(self),)  # a plain list wherever it is written


def filed_in_linear_time(groups: Iterable[tuple]) -> list[tuple]:
    """(tag, its entries) pairs with each list made an EntryList."""
    return [(group, EntryList(entries)) for group, entries in groups]


def period_archives(sorted_articles, articles, settings) -> dict:
    """Pelican's Generator._build_period_archives, in linear time."""
    archives = defaultdict(list)
    granularities = {
        "year": attrgetter("date.year"),
        "month": attrgetter("date.year", "date.month"),
        "day": attrgetter("date.year", "date.month", "date.day"),
    }
    for granularity, key in granularities.items():
        save_as_format = settings[f"{granularity.upper()}_ARCHIVE_SAVE_AS"]
        url_format = settings[f"{granularity.upper()}_ARCHIVE_URL"]
        if not save_as_format:
            continue  # the archives of this period are not needed
        for period, group in groupby(sorted_articles, key=key):
            dates = list(group)
            in_period = {id(article) for article in dates}
            first = dates[0].date
            archive = {
                "dates": dates,
                "articles": [a for a in articles if id(a) in in_period],
                "save_as": save_as_format.format(date=first),
                "url": url_format.format(date=first),
            }
            if granularity == "year":
                archive["period"] = archive["period_num"] = (period,)
            else:
                month = calendar.month_name[period[1]]
                archive["period"] = (period[0], month, *period[2:])
                archive["period_num"] = tuple(period)
            archives[granularity].append(archive)
    return archives


def process_translations(
    content_list: list, translation_id: str | Collection[str] | None = None
) -> tuple[list, list]:
    """Pelican's utils.process_translations, in linear time."""
    if not translation_id:
        return content_list, []
    if isinstance(translation_id, str):
        translation_id = {translation_id}
    try:
        content_list.sort(key=attrgetter(*translation_id))
    except TypeError:
        raise TypeError(
            f"Cannot unpack {translation_id}, 'translation_id' must be falsy, a"
            " string or a collection of strings"
        ) from None
    except AttributeError:
        raise AttributeError(
            f"Cannot use {translation_id} as 'translation_id', there "
            "appear to be items without these metadata "
            "attributes"
        ) from None
    index = []
    for id_values, group in groupby(content_list, attrgetter(*translation_id)):
        values = (id_values,) if len(translation_id) == 1 else id_values
        with_str = "with" + ", ".join([' {} "{{}}"'] * len(translation_id)).format(
            *translation_id
        ).format(*values)
        items = list(group)
        index.extend(get_original_items(items, with_str))
        for item in items:
            item.translations = [other for other in items if other is not item]
    originals = {id(item) for item in index}
    return index, [item for item in content_list if id(item) not in originals]
