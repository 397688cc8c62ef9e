"""Comparison: for one field, which articles say what, which values conflict, and the status.

Claims are reduced to stances: a value with a polarity (affirmed for asserted or reported
claims, expected for forecasts, denied for negations). Two stances conflict when:

- both are affirmed and their values are incompatible (different enum values, unless the
  rules declare them compatible; set elements never exclude one another);
- one denies a value the other affirms or expects.

Forecasts never conflict with each other or with present-tense claims: "Japan will join"
and "Japan is being considered" can both be true.
"""

from __future__ import annotations

from collections.abc import Sequence

from aukus_check.models import (
    Claim,
    ConflictPair,
    ElementCoverage,
    FieldResult,
    Polarity,
    Stance,
    Status,
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


def stances_conflict(field: FieldDef, left: tuple[str, Polarity], right: tuple[str, Polarity]) -> bool:
    """Whether two stances on one field cannot both be true."""
    (left_value, left_polarity), (right_value, right_polarity) = left, right
    if left_polarity == "denied" and right_polarity == "denied":
        return False
    if "denied" in (left_polarity, right_polarity):
        return left_value == right_value
    if left_polarity != right_polarity or left_polarity == "expected":
        return False
    return not field.values_compatible(left_value, right_value)


def compare_field(field: FieldDef, claims: Sequence[Claim], article_ids: Sequence[str]) -> FieldResult:
    """The field's stances, compatible groups, conflicting pairs, coverage and status."""
    order = {article_id: position for position, article_id in enumerate(article_ids)}
    vocabulary = {value: position for position, value in enumerate(field.vocabulary)}
    supporters: dict[tuple[str, Polarity], set[str]] = {}
    for claim in claims:
        key = (claim.value, POLARITY_OF[claim.modality])
        supporters.setdefault(key, set()).add(claim.evidence.article)
    keys = sorted(
        supporters,
        key=lambda k: (vocabulary.get(k[0], len(vocabulary)), k[0], _POLARITY_ORDER[k[1]]),
    )

    groups: list[list[tuple[str, Polarity]]] = []
    group_of: dict[tuple[str, Polarity], int] = {}
    for key in keys:
        for number, members in enumerate(groups, start=1):
            if not any(stances_conflict(field, key, member) for member in members):
                members.append(key)
                group_of[key] = number
                break
        else:
            groups.append([key])
            group_of[key] = len(groups)

    def articles(key: tuple[str, Polarity]) -> tuple[str, ...]:
        return tuple(sorted(supporters[key], key=order.__getitem__))

    stances = tuple(
        Stance(
            value=k[0],
            polarity=k[1],
            label=stance_label(*k),
            articles=articles(k),
            group=group_of[k],
        )
        for k in keys
    )
    conflicts = tuple(
        ConflictPair(
            left=stance_label(*left),
            right=stance_label(*right),
            left_articles=articles(left),
            right_articles=articles(right),
        )
        for i, left in enumerate(keys)
        for right in keys[i + 1 :]
        if stances_conflict(field, left, right)
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
    if conflicts:
        status = "conflict"
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
        coverage=coverage,
        claims=tuple(claims),
        silent=tuple(a for a in article_ids if a not in speaking),
    )
