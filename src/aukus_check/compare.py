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
not be placed on the calendar, or two amounts in different currencies, never conflict. A
field with `time_separated_days` labels a conflicting pair `time_separated` when every article
on one side was published that many days or more away from every article on the other: an
office that changed hands, not a contradiction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from aukus_check.models import (
    Claim,
    ConflictPair,
    DateValue,
    ElementCoverage,
    FieldResult,
    PartialDate,
    Polarity,
    QuantityValue,
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
    """Whether two typed values can both be true: their intervals overlap (or cannot be compared)."""
    if isinstance(left, DateValue) and isinstance(right, DateValue):
        if not (left.resolved and right.resolved) or None in (left.start, left.end, right.start, right.end):
            return True  # a date not placed on the calendar is never evidence of a conflict
        assert left.start and left.end and right.start and right.end
        return left.start <= right.end and right.start <= left.end
    if isinstance(left, QuantityValue) and isinstance(right, QuantityValue):
        if left.unit != right.unit:
            return True  # different currencies or units: no exchange rate is guessed
        low_l, high_l = _widened(left, tolerance)
        low_r, high_r = _widened(right, tolerance)
        return (high_r is None or low_l is None or low_l <= high_r) and (
            high_l is None or low_r is None or low_r <= high_l
        )
    return True


def _widened(value: QuantityValue, tolerance: float) -> tuple[float | None, float | None]:
    low = None if value.low is None else value.low - abs(value.low) * tolerance
    high = None if value.high is None else value.high + abs(value.high) * tolerance
    return low, high


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
    spans_left = [d.days() if d is not None else None for d in left]
    spans_right = [d.days() if d is not None else None for d in right]
    if not spans_left or not spans_right or None in spans_left or None in spans_right:
        return False
    for a_start, a_end in (s for s in spans_left if s is not None):
        for b_start, b_end in (s for s in spans_right if s is not None):
            gap = max((b_start - a_end).days, (a_start - b_end).days)
            if gap < days:
                return False
    return True


def compare_field(
    field: FieldDef,
    claims: Sequence[Claim],
    article_ids: Sequence[str],
    published: Mapping[str, PartialDate | None] | None = None,
) -> FieldResult:
    """The field's stances, compatible groups, conflicting pairs, coverage and status."""
    order = {article_id: position for position, article_id in enumerate(article_ids)}
    vocabulary = {value: position for position, value in enumerate(field.vocabulary)}
    published = published or {}
    supporters: dict[tuple[str, Polarity], set[str]] = {}
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

    def conflict(left: tuple[str, Polarity], right: tuple[str, Polarity]) -> bool:
        return stances_conflict(field, left, right, compatible)

    keys = sorted(
        supporters,
        key=lambda k: (
            vocabulary.get(k[0], len(vocabulary)),
            _sort_key(details.get(k[0]), k[0]),
            _POLARITY_ORDER[k[1]],
        ),
    )

    groups: list[list[tuple[str, Polarity]]] = []
    group_of: dict[tuple[str, Polarity], int] = {}
    for key in keys:
        for number, members in enumerate(groups, start=1):
            if not any(conflict(key, member) for member in members):
                members.append(key)
                group_of[key] = number
                break
        else:
            groups.append([key])
            group_of[key] = len(groups)

    ordered = {key: tuple(sorted(members, key=order.__getitem__)) for key, members in supporters.items()}
    articles = ordered.__getitem__
    labels = {key: stance_label(*key) for key in keys}

    def dates(key: tuple[str, Polarity]) -> list[PartialDate | None]:
        return [published.get(a) for a in articles(key)]

    def pair(left: tuple[str, Polarity], right: tuple[str, Polarity], separated: bool) -> ConflictPair:
        return ConflictPair(
            kind="time_separated" if separated else "conflict",
            left=labels[left],
            right=labels[right],
            left_articles=articles(left),
            right_articles=articles(right),
            left_published=tuple(d.iso for d in dates(left) if d is not None) if separated else (),
            right_published=tuple(d.iso for d in dates(right) if d is not None) if separated else (),
        )

    # Pairs are counted in full but listed only up to MAX_LISTED_PAIRS: a typed field with
    # hundreds of distinct values (dates, amounts) has tens of thousands of conflicting pairs,
    # which no reader can use and which would dominate time and memory.
    listed: list[ConflictPair] = []
    plain: set[tuple[str, Polarity]] = set()
    total = 0
    for i, left in enumerate(keys):
        for right in keys[i + 1 :]:
            if not conflict(left, right):
                continue
            total += 1
            separated = field.time_separated_days is not None and time_separated(
                field.time_separated_days, dates(left), dates(right)
            )
            if not separated:
                plain.update((left, right))
            if len(listed) < MAX_LISTED_PAIRS:
                listed.append(pair(left, right, separated))
    conflicts = tuple(listed)
    stances = tuple(
        Stance(
            value=k[0],
            polarity=k[1],
            label=labels[k],
            articles=articles(k),
            group=group_of[k],
            in_conflict=k in plain,
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
        status = "time_separated"
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
    """Typed values sort by where they fall (dates by start, amounts by size), then by text."""
    if isinstance(detail, DateValue) and detail.start is not None:
        return (detail.start, value)
    if isinstance(detail, QuantityValue):
        return (f"{detail.amount:030.6f}", value)
    return ("", value)
