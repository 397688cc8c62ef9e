"""Conflicts among many intervals without comparing every pair: counted, grouped and listed by sweep.

compare.py hands a typed field's stances here when every conflict between them is one of two
kinds: two keys of one interval class (resolved dates; amounts in one unit) whose intervals are
disjoint, or an explicit extra edge (a denial and the same value affirmed or expected). Keys
are numbered in the order compare.py sorts them, and the results are exactly those of comparing
every pair in that order; only the cost differs:

- the number of conflicting pairs, and which keys conflict at all: O(n log n) for n keys;
- the first `limit` conflicting pairs in (i, j) order: O((n + limit) log n);
- greedy grouping: O(log n) tree nodes per key when keys arrive in order of a point inside
  their interval (dates sort by start), O(groups) per key at worst (see `_GroupBounds`);
- with a time-separation test, which keys conflict with a partner they are not separated from:
  each key walks its partners until one is not separated, O(log n) each, so O(n²) in the
  worst case (every conflict time-separated); compare.py only asks this of fields with
  `time_separated_days`, whose values (offices, stances) are few.

Bounds arrive as ranks (ints, order and equality of the original bounds kept; see `ranked`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

Interval = tuple[int, int, int]
"""A key's interval class and the ranks of its low and high bounds (low <= high)."""

_BELOW = -1
"""Lower than every rank: the low bound of a group with no member in a class."""
_ABOVE = 1 << 62
"""Higher than every rank: the high bound of a group with no member in a class."""


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


_T = TypeVar("_T", bound=_Ordered)


def ranked(bounds: Sequence[tuple[_T, _T]]) -> list[tuple[int, int]]:
    """Each (low, high) as ranks among all the bounds given: comparisons between them keep their result."""
    rank = {value: number for number, value in enumerate(sorted({b for pair in bounds for b in pair}))}
    return [(rank[low], rank[high]) for low, high in bounds]


@dataclass(frozen=True, slots=True)
class Sweep:
    """What compare.py needs of a field's conflict graph, keys numbered in their sorted order."""

    groups: list[int]
    """Each key's group, from 1, exactly as greedy first-fit grouping in key order assigns it."""
    listed: list[tuple[int, int]]
    """The first `limit` conflicting pairs (i < j) in the order of a loop over i, then j."""
    plain: list[bool]
    """Whether a key conflicts with at least one partner it is not time-separated from."""
    total: int
    """How many pairs conflict."""


def sweep(
    intervals: Sequence[Interval | None],
    extra: Sequence[Sequence[int]],
    limit: int,
    separated: Callable[[int, int], bool] | None = None,
) -> Sweep:
    """Groups, listed pairs, plain keys and pair count of keys that conflict as intervals or by extra edges.

    Two keys conflict when they share an interval class and their intervals are disjoint, or
    when each is in the other's `extra` list (symmetric; never two keys of one class).
    `separated(i, j)` (i < j) tells whether a conflicting pair is time-separated; None: never.
    """
    count = len(intervals)
    members_of: dict[int, list[Interval]] = {}
    for key, interval in enumerate(intervals):
        if interval is not None:
            members_of.setdefault(interval[0], []).append((key, interval[1], interval[2]))
    # A class of one key has no partner in it: its key conflicts only through extra edges.
    classes = {kind: _Class(members) for kind, members in members_of.items() if len(members) > 1}
    # Each key of a class of two or more keys: that class, and the key's index in it.
    where: dict[int, tuple[_Class, int]] = {
        key: (members, index) for members in classes.values() for index, key in enumerate(members.keys)
    }

    total = sum(members.disjoint_pairs() for members in classes.values())
    total += sum(1 for key in range(count) for other in extra[key] if other > key)

    def partners(key: int) -> Iterator[int]:
        """Every key `key` conflicts with: extra edges, then its class in key order."""
        yield from extra[key]
        if key in where:
            members, own = where[key]
            low, high = members.lows[own], members.highs[own]
            index = members.next_disjoint(0, low, high)
            while index is not None:
                yield members.keys[index]
                index = members.next_disjoint(index + 1, low, high)

    plain = [False] * count
    for key in range(count):
        if separated is None:
            # Every conflicting pair is plain: a key is plain iff it has a partner at all.
            members, own = where.get(key, (None, 0))
            plain[key] = bool(extra[key]) or (
                members is not None and members.has_partner(members.lows[own], members.highs[own])
            )
        elif not plain[key]:
            for other in partners(key):
                if not separated(min(key, other), max(key, other)):
                    plain[key] = plain[other] = True
                    break

    return Sweep(
        groups=_groups(intervals, extra, classes),
        listed=_listed(intervals, extra, where, limit),
        plain=plain,
        total=total,
    )


def _listed(
    intervals: Sequence[Interval | None],
    extra: Sequence[Sequence[int]],
    where: dict[int, tuple[_Class, int]],
    limit: int,
) -> list[tuple[int, int]]:
    """The first `limit` conflicting pairs (i, j), i < j, in the order of a loop over i then j."""
    listed: list[tuple[int, int]] = []
    for key in range(len(intervals)):
        if len(listed) >= limit:
            break
        later = sorted(other for other in extra[key] if other > key)
        members, low, high, index = None, 0, 0, None
        if key in where:
            members, own = where[key]
            low, high = members.lows[own], members.highs[own]
            index = members.next_disjoint(own + 1, low, high)
        # Merge the two ascending streams of later partners: the class's and the extra edges'.
        taken = 0
        while len(listed) < limit:
            in_class = members.keys[index] if members is not None and index is not None else None
            by_edge = later[taken] if taken < len(later) else None
            if in_class is None and by_edge is None:
                break
            if by_edge is None or (in_class is not None and in_class < by_edge):
                assert members is not None and index is not None and in_class is not None
                listed.append((key, in_class))
                index = members.next_disjoint(index + 1, low, high)
            else:
                listed.append((key, by_edge))
                taken += 1
    return listed


def _groups(
    intervals: Sequence[Interval | None], extra: Sequence[Sequence[int]], classes: dict[int, _Class]
) -> list[int]:
    """First-fit grouping in key order: a key joins the first group with no member it conflicts with.

    A key conflicts with a group's members of its class iff it misses their common intersection
    (kept per group by `_GroupBounds`), and with the groups of its extra partners placed before it.
    """
    count = len(intervals)
    bounds = {kind: _GroupBounds(count) for kind in classes}
    group_of = [0] * count
    made = 0
    for key, interval in enumerate(intervals):
        excluded = {group_of[other] for other in extra[key] if other < key}
        tree = bounds.get(interval[0]) if interval is not None else None
        if interval is None or tree is None:
            group = 0
            while group in excluded:
                group += 1
        else:
            _, low, high = interval
            start = 0
            while True:  # at most len(excluded) + 1 searches
                found = tree.first(start, made, low, high)
                if found is None or found not in excluded:
                    group = made if found is None else found
                    break
                start = found + 1
        if group == made:
            made += 1
        if interval is not None and tree is not None:
            tree.narrow(group, interval[1], interval[2])
        group_of[key] = group
    return [group + 1 for group in group_of]


def _size(count: int) -> int:
    size = 1
    while size < count:
        size *= 2
    return size


class _Class:
    """The keys of one interval class in key order, and a tree to find those disjoint from an interval."""

    def __init__(self, members: list[tuple[int, int, int]]) -> None:
        """Members as (key, low, high), in key order."""
        self.keys = keys = [key for key, _, _ in members]
        self.lows = lows = [low for _, low, _ in members]
        self.highs = highs = [high for _, _, high in members]
        self.sorted_lows = sorted(lows)
        self.size = size = _size(len(keys))
        # Per tree node: the highest low and the lowest high below it (padding never matches).
        self.max_low = [_BELOW] * (2 * size)
        self.min_high = [_ABOVE] * (2 * size)
        self.max_low[size : size + len(keys)] = lows
        self.min_high[size : size + len(keys)] = highs
        for node in range(size - 1, 0, -1):
            self.max_low[node] = max(self.max_low[2 * node], self.max_low[2 * node + 1])
            self.min_high[node] = min(self.min_high[2 * node], self.min_high[2 * node + 1])

    def disjoint_pairs(self) -> int:
        """Pairs of disjoint intervals, each counted once: from the left one (its high < the other's low)."""
        return sum(len(self.lows) - bisect_right(self.sorted_lows, high) for high in self.highs)

    def has_partner(self, low: int, high: int) -> bool:
        """Whether some interval of the class is disjoint from [low, high]."""
        return self.max_low[1] > high or self.min_high[1] < low

    def next_disjoint(self, start: int, low: int, high: int) -> int | None:
        """The first index >= start whose interval is disjoint from [low, high]."""
        max_low, min_high, size = self.max_low, self.min_high, self.size
        stack = [(1, 0, size)]
        while stack:
            node, first, last = stack.pop()
            if last <= start or (max_low[node] <= high and min_high[node] >= low):
                continue  # before start, or every interval below overlaps [low, high]
            if node >= size:
                return first
            middle = (first + last) // 2
            stack.append((2 * node + 1, middle, last))
            stack.append((2 * node, first, middle))
        return None


class _GroupBounds:
    """For one interval class: each group's intersection of its members' intervals, in a sparse tree.

    A key of the class may join a group iff its interval meets that intersection (a group with
    no member of the class admits any). Finding the first such group descends a tree over group
    numbers holding, per node, the lowest intersection low and the highest intersection high
    below it. The pruning never drops a group that fits; it can fail to prune a node whose
    groups all miss (some to the left of the interval, others to the right), so a search costs
    O(groups) at worst. When keys arrive in order of a point inside their interval (compare.py
    sorts dates by start), every group's low is at most the arriving key's high, the node test
    reduces to "some high reaches the key's low", which is exact, and a search costs O(log n).
    Nodes are kept in dicts so that many classes of few keys cost memory in proportion to keys.
    """

    def __init__(self, capacity: int) -> None:
        self.size = _size(capacity)
        self.low: dict[int, int] = {}
        self.high: dict[int, int] = {}

    def narrow(self, group: int, low: int, high: int) -> None:
        """Add a member with interval [low, high] to a group."""
        node = self.size + group
        if node in self.low:
            low, high = max(low, self.low[node]), min(high, self.high[node])
        self.low[node], self.high[node] = low, high
        node //= 2
        while node:
            low = min(self.low.get(2 * node, _BELOW), self.low.get(2 * node + 1, _BELOW))
            high = max(self.high.get(2 * node, _ABOVE), self.high.get(2 * node + 1, _ABOVE))
            if self.low.get(node) == low and self.high.get(node) == high:
                break  # nothing above changes either
            self.low[node], self.high[node] = low, high
            node //= 2

    def first(self, start: int, stop: int, low: int, high: int) -> int | None:
        """The first group in [start, stop) whose members of the class all overlap [low, high]."""
        lows, highs, size = self.low, self.high, self.size
        stack = [(1, 0, size)]
        while stack:
            node, first, last = stack.pop()
            if last <= start or first >= stop:
                continue
            if lows.get(node, _BELOW) > high or highs.get(node, _ABOVE) < low:
                continue  # every group below lies wholly to one side of [low, high]
            if node >= size:
                return first
            middle = (first + last) // 2
            stack.append((2 * node + 1, middle, last))
            stack.append((2 * node, first, middle))
        return None
