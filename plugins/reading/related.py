"""Related entries: for each entry, the others that share the most tags with
it, the nearest in date first among those that share as many.

Plain data in, plain data out: the entries are given in the journal's order
(oldest first) as their moments (seconds, or any number that orders them)
and their tags; the answer is, for each entry, the positions of its related
entries, the most related first. Ties are broken completely: more tags
shared, then the nearer in date, then the older, then the nearer in the
journal's order (entries of the same moment), so the same journal always
gives the same answer.

It scales with the journal, not with the pairs of entries: every tag is one
big integer whose bit `i` says whether entry `i` has it, and for one entry
with k tags, k*(k+1)/2 operations on those integers (each a C loop over a
few hundred machine words, even for 10,000 entries) give the set of entries
sharing at least 1, 2, ... k of its tags. The nearest members of a set are
its highest set bit below the entry's position and its lowest above it.
"""

from collections.abc import Iterable, Sequence


def related_entries(
    moments: Sequence[float], tags: Sequence[Iterable[str]], limit: int
) -> list[tuple[int, ...]]:
    """For the entry at each position, the positions of up to `limit` other
    entries sharing at least one tag with it: those sharing the most tags
    first, then the nearest in date (the older on a tie, then the nearer in
    the journal's order). `moments` and `tags` are in the journal's order."""
    entry_tags = [sorted(set(names)) for names in tags]
    tagged = tag_bits(entry_tags)
    return [
        _related_to(position, entry_tags[position], tagged, moments, limit)
        for position in range(len(moments))
    ]


def tag_bits(entry_tags: Sequence[Iterable[str]]) -> dict[str, int]:
    """Every tag as an integer whose bit `i` is set when entry `i` has it."""
    bits: dict[str, int] = {}
    for position, names in enumerate(entry_tags):
        for name in names:
            bits[name] = bits.get(name, 0) | (1 << position)
    return bits


def sharing_at_least(entry_tags: Sequence[str], tagged: dict[str, int]) -> list[int]:
    """`result[n]`: the entries having at least n of these tags, as bits
    (`result[0]` is every entry: -1, all bits set)."""
    at_least = [-1] + [0] * len(entry_tags)
    for seen, name in enumerate(entry_tags, start=1):
        bits = tagged[name]
        for shared in range(seen, 0, -1):
            at_least[shared] |= at_least[shared - 1] & bits
    return at_least


def _related_to(
    position: int,
    entry_tags: Sequence[str],
    tagged: dict[str, int],
    moments: Sequence[float],
    limit: int,
) -> tuple[int, ...]:
    if not limit or not entry_tags:
        return ()
    chosen: list[int] = []
    taken = 1 << position  # the entry itself, then every entry chosen
    at_least = sharing_at_least(entry_tags, tagged)
    # The most tags shared first: every entry sharing more than `shared` was
    # chosen already when the loop reaches `shared`, or the list is full.
    for shared in range(len(entry_tags), 0, -1):
        candidates = at_least[shared] & ~taken
        while candidates and len(chosen) < limit:
            nearest = _nearest(candidates, position, moments)
            chosen.append(nearest)
            candidates &= ~(1 << nearest)
            taken |= 1 << nearest
        if len(chosen) == limit:
            break
    return tuple(chosen)


def _nearest(candidates: int, position: int, moments: Sequence[float]) -> int:
    """The candidate nearest in date to the entry at `position` (the older on
    a tie): the nearest one before it in the journal's order, or the nearest
    one after it if that one is nearer in date."""
    before = candidates & ((1 << position) - 1)
    after = candidates >> (position + 1)
    older = before.bit_length() - 1 if before else None
    newer = position + (after & -after).bit_length() if after else None
    if older is None:
        return newer
    if newer is None:
        return older
    moment = moments[position]
    if moments[newer] - moment < moment - moments[older]:
        return newer
    return older
