"""On this day: for each entry, the entries of the same month and day in other
years. Plain dates in, positions out.

The dates are given in the journal's order (oldest first); each entry gets
the positions of the others written on its month and day in another year,
in the journal's order. 29 February meets only 29 February. One look-up in a
(month, day) index per entry: a journal of any length costs one pass.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date


def on_this_day(days: Sequence[date]) -> list[tuple[int, ...]]:
    """For the entry at each position, the positions of the entries of the
    same month and day in other years, oldest first."""
    by_day: dict[tuple[int, int], list[int]] = defaultdict(list)
    for position, day in enumerate(days):
        by_day[day.month, day.day].append(position)
    return [
        tuple(
            other
            for other in by_day[day.month, day.day]
            if days[other].year != day.year
        )
        for day in days
    ]
