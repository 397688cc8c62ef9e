"""Comparison: for one field, which articles say what, which values conflict, and the status.

Claims are reduced to stances: a value with a polarity (affirmed for asserted or reported
claims, expected for forecasts, denied for negations). Two stances conflict when:

- both are affirmed and their values are incompatible (different enum values, unless the
  rules declare them compatible; set elements never exclude one another);
- one denies a value the other affirms or expects.

Forecasts never conflict with each other or with present-tense claims: "Japan will join"
and "Japan is being considered" can both be true.

Typed fields compare their values' details: dates and quantities are intervals that conflict
only when disjoint (a quantity's interval widened by the field's tolerance); a date that could
not be placed on the calendar, or two amounts in different currencies, never conflict. So a
field with thousands of distinct dates or amounts is not compared pair by pair: its intervals
are sorted and swept (compare_sweep), at about the cost of sorting them, with the result of
comparing every pair. A field with `time_separated_days` labels a conflicting pair
`time_separated` when every article on one side was published that many days or more away
from every article on the other: an office that changed hands, not a contradiction.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from aukus_check.compare_sweep import Interval, ranked, sweep
from aukus_check.compare_time import Window, every_pair_apart, record_check, record_words, stage_order
from aukus_check.models import (
    Claim,
    ConflictPair,
    DateValue,
    ElementCoverage,
    FieldResult,
    PairKind,
    PartialDate,
    Polarity,
    QuantityValue,
    RecordCheck,
    Stance,
    Status,
    TypedValue,
)
from aukus_check.rules import FieldDef

POLARITY_OF: dict[str, Polarity] = {
    "asserted": "affirmed",
    "reported": "affirmed",
    "expected": "expected",
    "denied": "denied",
}
_POLARITY_ORDER: dict[str, int] = {"affirmed": 0, "expected": 1, "denied": 2}


def stance_label(value: str, polarity: Polarity) -> str:
    """How a stance reads in a report: "joined", "joined (expected)", "not joined"."""
    if polarity == "affirmed":
        return value
    if polarity == "expected":
        return f"{value} (expected)"
    return f"not {value}"


def details_compatible(left: TypedValue, right: TypedValue, tolerance: float = 0.0) -> bool:
    """Whether two typed values can both be true: each kind decides (DateValue, QuantityValue)."""
    return left.compatible_with(right, tolerance) and right.compatible_with(left, tolerance)


ValuesCompatible = Callable[[str, str], bool]

MAX_LISTED_PAIRS = 200
"""Conflicting pairs listed per field; FieldResult.conflict_pairs has the full count."""


def stances_conflict(
    field: FieldDef,
    left: tuple[str, Polarity],
    right: tuple[str, Polarity],
    compatible: ValuesCompatible | None = None,
) -> bool:
    """Whether two stances on one field cannot both be true."""
    (left_value, left_polarity), (right_value, right_polarity) = left, right
    if left_polarity == "denied" and right_polarity == "denied":
        return False
    if field.per_article:
        return False
    if "denied" in (left_polarity, right_polarity):
        return left_value == right_value
    if left_polarity != right_polarity or left_polarity == "expected":
        return False
    return not (compatible or field.values_compatible)(left_value, right_value)


def time_separated(
    days: int, left: Sequence[PartialDate | None], right: Sequence[PartialDate | None]
) -> bool:
    """Every left article was published at least `days` days apart from every right article."""
    return every_pair_apart(
        days,
        [d.days() if d is not None else None for d in left],
        [d.days() if d is not None else None for d in right],
    )


Key = tuple[str, Polarity]
"""A stance: a value, and the polarity articles state it with."""


class _Relations(NamedTuple):
    """How a field's stances relate: groups, listed pairs (with what sets them apart in time, if
    anything), plain stances."""

    group_of: dict[Key, int]
    listed: list[tuple[Key, Key, PairKind | None]]
    plain: set[Key]
    total: int
    only_progressed: bool = False
    """Every conflicting pair is a progression of stages (none merely time-separated)."""


def _pairwise(
    keys: Sequence[Key],
    conflict: Callable[[Key, Key], bool],
    separated: Callable[[Key, Key], PairKind | None],
) -> _Relations:
    """Every pair of stances compared, O(keys²): for fields whose compatibility is no interval overlap."""
    groups: list[list[Key]] = []
    group_of: dict[Key, int] = {}
    for key in keys:
        for number, members in enumerate(groups, start=1):
            if not any(conflict(key, member) for member in members):
                members.append(key)
                group_of[key] = number
                break
        else:
            groups.append([key])
            group_of[key] = len(groups)

    listed: list[tuple[Key, Key, PairKind | None]] = []
    plain: set[Key] = set()
    total = 0
    kinds: set[PairKind] = set()
    for i, left in enumerate(keys):
        for right in keys[i + 1 :]:
            if not conflict(left, right):
                continue
            total += 1
            apart = separated(left, right)
            if apart is None:
                plain.update((left, right))
            else:
                kinds.add(apart)
            if len(listed) < MAX_LISTED_PAIRS:
                listed.append((left, right, apart))
    return _Relations(group_of, listed, plain, total, only_progressed=kinds == {"progressed"})


def _swept(
    field: FieldDef,
    keys: Sequence[Key],
    details: Mapping[str, TypedValue],
    separated: Callable[[Key, Key], PairKind | None],
) -> _Relations | None:
    """The relations found by sweeping intervals (compare_sweep), or None if a conflict is no interval's.

    Stances conflict in two ways only: two affirmed values whose intervals are disjoint, and a
    denial against the same value affirmed or expected (at most two partners, found by lookup).
    """
    intervals = _intervals(field, keys, details)
    if intervals is None:
        return None
    position = {key: index for index, key in enumerate(keys)}
    extra: list[list[int]] = [[] for _ in keys]
    for index, (value, polarity) in enumerate(keys):
        if polarity == "denied" and not field.per_article:
            for other in ((value, "affirmed"), (value, "expected")):
                if other in position:
                    extra[index].append(position[other])
                    extra[position[other]].append(index)
    found = sweep(
        intervals,
        extra,
        MAX_LISTED_PAIRS,
        None if field.time_separated_days is None else lambda i, j: separated(keys[i], keys[j]) is not None,
    )
    return _Relations(
        group_of={key: found.groups[index] for index, key in enumerate(keys)},
        listed=[(keys[i], keys[j], separated(keys[i], keys[j])) for i, j in found.listed],
        plain={key for key, plain in zip(keys, found.plain, strict=True) if plain},
        total=found.total,
    )


def _intervals(
    field: FieldDef, keys: Sequence[Key], details: Mapping[str, TypedValue]
) -> list[Interval | None] | None:
    """Each stance's interval class and ranked bounds, or None if some affirmed pair is no interval's.

    A stance without a class (None) conflicts with no affirmed one: it is expected or denied, or
    compatible with every value (an unresolved date, a set element without detail). Otherwise
    `details_compatible` decides exactly as the intervals' overlap, within a class only.
    """
    intervals: list[Interval | None] = [None] * len(keys)
    affirmed = [index for index, (_, polarity) in enumerate(keys) if polarity == "affirmed"]
    if field.per_article or len(affirmed) < 2:
        return intervals  # no two stances whose compatibility is ever asked
    dated: list[tuple[int, str, str]] = []
    amounts: dict[str | None, list[tuple[int, float, float]]] = {}
    for index in affirmed:
        detail = details.get(keys[index][0])
        if detail is None:
            if field.type == "set":
                continue  # values_compatible: set elements never exclude one another
            return None  # values_compatible: the rules' compatible groups, no interval
        if isinstance(detail, DateValue):
            if not detail.resolved or detail.start is None or detail.end is None:
                continue  # not on the calendar: compatible with everything
            if not (detail.start and detail.end) or detail.start > detail.end:
                return None  # details_compatible asserts on an empty bound; an inverted one is no interval
            dated.append((index, detail.start, detail.end))
        elif isinstance(detail, QuantityValue):
            widened = detail.widened(field.tolerance)
            low = -math.inf if widened[0] is None else widened[0]
            high = math.inf if widened[1] is None else widened[1]
            if math.isnan(low) or math.isnan(high) or low > high:
                return None  # NaN compares false both ways: no interval
            amounts.setdefault(detail.unit, []).append((index, low, high))
        else:  # a kind the sweep does not know: every pair is asked (its compatible_with)
            return None
    # Classes: resolved dates, then amounts by unit; no two classes are ever compared.
    for index, (low_rank, high_rank) in zip(
        [index for index, _, _ in dated], ranked([(low, high) for _, low, high in dated]), strict=True
    ):
        intervals[index] = (0, low_rank, high_rank)
    for kind, members in enumerate(amounts.values(), start=1):
        ranks = ranked([(low, high) for _, low, high in members])
        for (index, _, _), (low_rank, high_rank) in zip(members, ranks, strict=True):
            intervals[index] = (kind, low_rank, high_rank)
    return intervals


def compare_field(
    field: FieldDef,
    claims: Sequence[Claim],
    article_ids: Sequence[str],
    published: Mapping[str, PartialDate | None] | None = None,
    windows: Mapping[str, Window | None] | None = None,
) -> FieldResult:
    """The field's stances, compatible groups, conflicting pairs, coverage and status.

    `windows`: the days each article may have been written on (compare_time.window_of); by
    default its publication date's days.
    """
    order = {article_id: position for position, article_id in enumerate(article_ids)}
    vocabulary = {value: position for position, value in enumerate(field.vocabulary)}
    published = published or {}
    if windows is None:
        windows = {article: date.days() if date is not None else None for article, date in published.items()}
    supporters: dict[Key, set[str]] = {}
    details: dict[str, TypedValue] = {}
    for claim in claims:
        key = (claim.value, POLARITY_OF[claim.modality])
        supporters.setdefault(key, set()).add(claim.evidence.article)
        if claim.detail is not None:
            details.setdefault(claim.value, claim.detail)

    def compatible(left_value: str, right_value: str) -> bool:
        if left_value in details and right_value in details:
            return details_compatible(details[left_value], details[right_value], field.tolerance)
        return field.values_compatible(left_value, right_value)

    def times(key: Key) -> list[Window | None]:
        return [windows.get(a) for a in sorted(supporters[key], key=order.__getitem__)]

    # Office and person values checked against the registry's terms at their articles' times:
    # values the record bears out never conflict; one it contradicts is reported on its own.
    record: dict[Key, RecordCheck] = {}
    if field.record is not None:
        for key in supporters:
            if key[1] == "affirmed":
                check = record_check(field.record.get(key[0]), times(key))
                if check is not None:
                    record[key] = check

    def conflict(left: Key, right: Key) -> bool:
        if left in record and right in record:
            return False  # each held at its time, or one is contradicted (reported below)
        if record.get(left) == "contradicted" or record.get(right) == "contradicted":
            return False
        return stances_conflict(field, left, right, compatible)

    keys = sorted(
        supporters,
        key=lambda k: (
            vocabulary.get(k[0], len(vocabulary)),
            _sort_key(details.get(k[0]), k[0]),
            _POLARITY_ORDER[k[1]],
        ),
    )

    ordered = {key: tuple(sorted(members, key=order.__getitem__)) for key, members in supporters.items()}
    articles = ordered.__getitem__
    labels = {key: stance_label(*key) for key in keys}
    published_of: dict[Key, list[PartialDate | None]] = {}

    def dates(key: Key) -> list[PartialDate | None]:
        if key not in published_of:
            published_of[key] = [published.get(a) for a in articles(key)]
        return published_of[key]

    def separated(left: Key, right: Key) -> PairKind | None:
        if (
            field.stages
            and left[1] == right[1] == "affirmed"
            and stage_order(
                field.stages, field.stage_gap_days, (left[0], times(left)), (right[0], times(right))
            )
        ):
            return "progressed"
        if field.time_separated_days is not None and every_pair_apart(
            field.time_separated_days, times(left), times(right)
        ):
            return "time_separated"
        return None

    def pair(left: Key, right: Key, apart: PairKind | None) -> ConflictPair:
        return ConflictPair(
            kind=apart or "conflict",
            left=labels[left],
            right=labels[right],
            left_articles=articles(left),
            right_articles=articles(right),
            left_published=tuple(d.iso for d in dates(left) if d is not None) if apart else (),
            right_published=tuple(d.iso for d in dates(right) if d is not None) if apart else (),
        )

    # Pairs are counted in full but listed only up to MAX_LISTED_PAIRS: a typed field with
    # hundreds of distinct values (dates, amounts) has tens of thousands of conflicting pairs,
    # which no reader can use and which would dominate time and memory. Such a field is swept
    # (its intervals sorted, never compared pair by pair); the rest compare every pair.
    relations = _swept(field, keys, details, separated)
    if relations is None:
        relations = _pairwise(keys, conflict, separated)
    group_of, plain, total = relations.group_of, relations.plain, relations.total
    conflicts = tuple(pair(left, right, apart) for left, right, apart in relations.listed)
    contradicted = [key for key in keys if record.get(key) == "contradicted"]
    if contradicted:
        plain = plain | set(contradicted)
        total += len(contradicted)
        terms = field.record or {}
        conflicts += tuple(
            ConflictPair(
                kind="against_record",
                left=labels[key],
                right="the record",
                left_articles=articles(key),
                right_articles=(),
                left_published=tuple(d.iso for d in dates(key) if d is not None),
                record=record_words(terms.get(key[0]), key[0], field.value_labels, times(key)),
            )
            for key in contradicted
        )
    stances = tuple(
        Stance(
            value=k[0],
            polarity=k[1],
            label=labels[k],
            articles=articles(k),
            group=group_of[k],
            in_conflict=k in plain,
            record=record.get(k),
        )
        for k in keys
    )

    coverage: tuple[ElementCoverage, ...] = ()
    if field.type == "set":
        coverage = tuple(
            ElementCoverage(
                element=element,
                included=tuple(
                    sorted(
                        set().union(*(supporters.get((element, p), set()) for p in ("affirmed", "expected"))),
                        key=order.__getitem__,
                    )
                ),
                excluded=tuple(sorted(supporters.get((element, "denied"), set()), key=order.__getitem__)),
            )
            for element in field.vocabulary
            if any((element, p) in supporters for p in _POLARITY_ORDER)
        )
    speaking = {claim.evidence.article for claim in claims}
    status: Status
    if plain:
        status = "conflict"
    elif total:
        status = "progressed" if relations.only_progressed else "time_separated"
    elif field.per_article and speaking:
        status = "per_article"  # each article's own fact (its date): neither agreement nor confirmation
    elif len(speaking) >= 2:
        status = "agree"
    elif speaking:
        status = "single"
    else:
        status = "silent"
    return FieldResult(
        id=field.id,
        label=field.label,
        type=field.type,
        family=field.family,
        key=field.key,
        vocabulary=field.vocabulary,
        status=status,
        stances=stances,
        conflicts=conflicts,
        conflict_pairs=total,
        coverage=coverage,
        value_labels={value: field.value_labels[value] for value, _ in keys if value in field.value_labels},
        claims=tuple(claims),
        silent=tuple(a for a in article_ids if a not in speaking),
    )


def _sort_key(detail: TypedValue | None, value: str) -> tuple[str, str]:
    """Typed values sort by where they fall (each kind's sort_key), then by text."""
    return (detail.sort_key() if detail is not None else "", value)
