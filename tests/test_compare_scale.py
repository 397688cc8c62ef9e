"""compare_field on fields with many distinct values: the interval sweep gives exactly what comparing
every pair gives, and costs far fewer than n² comparisons.

`reference_compare_field` is compare_field as it was before the sweep (every pair compared), kept
here as the oracle; Hypothesis generates fields and claims of every kind and checks the two agree.
"""

from __future__ import annotations

import datetime
import itertools
import os
from collections.abc import Mapping, Sequence
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aukus_check import compare
from aukus_check.compare import (
    _POLARITY_ORDER,
    POLARITY_OF,
    _sort_key,
    compare_field,
    details_compatible,
    stance_label,
    stances_conflict,
    time_separated,
)
from aukus_check.compare_sweep import sweep
from aukus_check.models import (
    Claim,
    ConflictPair,
    DateValue,
    ElementCoverage,
    FieldResult,
    Modality,
    PartialDate,
    Polarity,
    QuantityValue,
    Stance,
    Status,
    TypedValue,
)
from aukus_check.rules import FieldDef
from tests.test_compare import claim as make_claim

EXAMPLES = 600 if os.environ.get("AUKUS_CHECK_FUZZ") == "long" else 150
"""Generated cases per property: the fuzz suite's long profile (AUKUS_CHECK_FUZZ=long) runs more."""


def reference_compare_field(
    field: FieldDef,
    claims: Sequence[Claim],
    article_ids: Sequence[str],
    published: Mapping[str, PartialDate | None] | None = None,
) -> FieldResult:
    """compare_field before the sweep, verbatim but for reading compare.MAX_LISTED_PAIRS at call time."""
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
            if len(listed) < compare.MAX_LISTED_PAIRS:
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
        status = "per_article"
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


# --- generated fields and claims ------------------------------------------------------------------

MODALITIES: tuple[Modality, ...] = ("asserted", "reported", "expected", "denied")
BASE = datetime.date(2024, 1, 1)


def day(offset: int) -> str:
    return (BASE + datetime.timedelta(days=offset)).isoformat()


@st.composite
def date_details(draw: st.DrawFn, messy: bool = False) -> DateValue:
    kinds = ["day", "day", "day", "span", "span", "unresolved", "open"]
    kind = draw(st.sampled_from([*kinds, "empty", "inverted"] if messy else kinds))
    start = draw(st.integers(0, 40))
    if kind == "unresolved":
        return DateValue(raw="next week", resolved=False, precision=None, start=None, end=None)
    if kind == "open":  # resolved, but an end is missing: compatible with everything
        return DateValue(raw="x", resolved=True, precision="day", start=day(start), end=None)
    if kind == "empty":  # details_compatible's assert: the sweep must not hide it
        return DateValue(raw="x", resolved=True, precision="day", start="", end=day(start))
    length = 0 if kind == "day" else draw(st.integers(1, 15))
    if kind == "inverted":
        return DateValue(raw="x", resolved=True, precision="day", start=day(start + 3), end=day(start))
    return DateValue(raw="x", resolved=True, precision="day", start=day(start), end=day(start + length))


BOUNDS = st.one_of(
    st.none(),
    st.integers(-20, 60).map(float),
    st.sampled_from([0.0, -0.0, 10.0, 1e300, float("inf"), float("-inf"), float("nan")]),
)


@st.composite
def quantity_details(draw: st.DrawFn, messy: bool = False) -> QuantityValue:
    low = draw(st.one_of(st.none(), st.integers(-20, 60).map(float)))
    high = None if low is None else low + draw(st.integers(0, 20))
    if messy and draw(st.integers(0, 3)) == 0:  # arbitrary bounds: inverted, infinite or NaN
        low, high = draw(BOUNDS), draw(BOUNDS)
    elif draw(st.booleans()) and low is not None:
        high = None  # at least
    amount = draw(st.sampled_from([low, high, 5.0, -3.0])) or 0.0
    unit = draw(st.sampled_from([None, "USD", "USD", "AUD"]))
    return QuantityValue(raw="x", amount=amount, unit=unit, qualifier="range", low=low, high=high)


FIELD_TYPES = st.sampled_from(["enum", "set", "date", "date", "quantity", "quantity"])


@st.composite
def fields_and_claims(
    draw: st.DrawFn, separation: bool = False
) -> tuple[FieldDef, list[Claim], tuple[str, ...], dict[str, Any]]:
    """A field, its claims, the corpus order and the publication dates; `separation`: a field with
    time_separated_days whose stances are mostly one dated article's, so that pairs are time-separated."""
    kind = draw(FIELD_TYPES)
    pool = [f"v{n}" for n in range(draw(st.integers(1, 30)))]
    vocabulary = tuple(draw(st.lists(st.sampled_from(pool), unique=True, max_size=4)))
    compatible = frozenset(
        frozenset(pair)
        for pair in draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(pool)), max_size=6))
        if pair[0] != pair[1]
    )
    field = FieldDef(
        id="f",
        label="F",
        type=kind,  # type: ignore[arg-type]
        vocabulary=vocabulary,
        compatible=compatible,
        family=None,
        key=None,
        tolerance=draw(st.sampled_from([0.0, 0.0, 0.1, 0.5])),
        time_separated_days=draw(st.sampled_from([1, 30, 200, 1000] if separation else [None, None, 1, 30])),
        per_article=not separation and draw(st.integers(0, 9)) == 0,
    )
    # Messy examples hold what the sweep must leave to the pairwise comparison: typed claims
    # without a detail, empty, inverted or NaN bounds. Clean ones take the sweep.
    messy = not separation and draw(st.integers(0, 4)) == 0
    typed = {"date": date_details(messy), "quantity": quantity_details(messy)}.get(kind)
    # Few articles: stances shared by many; many: most stances one article's, time-separable.
    articles = tuple(f"a{n}" for n in range(draw(st.sampled_from([40] if separation else [1, 4, 8, 40]))))
    most = 12 if separation else draw(st.sampled_from([40, 40, 120]))
    claims = []
    for _ in range(draw(st.integers(2 if separation else 0, most))):
        value = draw(st.sampled_from(pool))
        detail: TypedValue | None = None
        if typed is not None:
            roll = draw(st.integers(0, 19))
            if roll == 0 and messy:
                detail = None  # a typed claim without its detail: values_compatible decides
            elif roll == 1:  # the other type: details_compatible says compatible
                detail = draw(quantity_details() if kind == "date" else date_details())
            else:
                detail = draw(typed)
        elif draw(st.integers(0, 9)) == 0:
            detail = draw(date_details())
        made = make_claim(draw(st.sampled_from(articles)), value, draw(st.sampled_from(MODALITIES)))
        claims.append(made.model_copy(update={"detail": detail}))
    order = tuple(draw(st.permutations(articles)))
    # Mostly whole dates, so that time-separated pairs occur; some a month or a year, some
    # unknown or impossible (no year, 31 February), which time_separated never counts as apart.
    whole = st.builds(
        PartialDate, year=st.integers(2015, 2024), month=st.integers(1, 12), day=st.integers(1, 28)
    )
    partial = st.builds(
        PartialDate,
        year=st.one_of(st.none(), st.integers(2023, 2024)),
        month=st.one_of(st.none(), st.integers(1, 12)),
        day=st.one_of(st.none(), st.integers(1, 31)),
    )
    dates = st.one_of(*[whole] * (12 if separation else 4), partial, st.none())
    published = {article: draw(dates) for article in articles}
    given = separation or draw(st.integers(0, 3)) > 0
    return field, claims, order, {"published": published if given else None}


def both(
    field: FieldDef, claims: list[Claim], order: tuple[str, ...], options: dict[str, Any]
) -> tuple[FieldResult | type[BaseException], FieldResult | type[BaseException]]:
    outcomes: list[FieldResult | type[BaseException]] = []
    for function in (reference_compare_field, compare_field):
        try:
            outcomes.append(function(field, claims, order, **options))
        except AssertionError as error:  # details_compatible on an empty date bound
            outcomes.append(type(error))
    return outcomes[0], outcomes[1]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=fields_and_claims(), limit=st.sampled_from([200, 200, 0, 1, 3]))
def test_compare_field_matches_the_pairwise_reference(
    case: tuple[FieldDef, list[Claim], tuple[str, ...], dict[str, Any]], limit: int
) -> None:
    with mock.patch.object(compare, "MAX_LISTED_PAIRS", limit):
        expected, actual = both(*case)
    assert actual == expected
    if isinstance(actual, FieldResult) and isinstance(expected, FieldResult):
        assert actual.model_dump() == expected.model_dump()


@settings(max_examples=EXAMPLES // 2, deadline=None, derandomize=True, database=None)
@given(case=fields_and_claims(separation=True), limit=st.sampled_from([200, 1]))
def test_time_separated_fields_match_the_pairwise_reference(
    case: tuple[FieldDef, list[Claim], tuple[str, ...], dict[str, Any]], limit: int
) -> None:
    with mock.patch.object(compare, "MAX_LISTED_PAIRS", limit):
        expected, actual = both(*case)
    assert actual == expected


@st.composite
def interval_graphs(draw: st.DrawFn) -> tuple[list[tuple[int, int, int] | None], list[list[int]]]:
    count = draw(st.integers(0, 120))
    intervals: list[tuple[int, int, int] | None] = []
    for _ in range(count):
        if draw(st.integers(0, 5)) == 0:
            intervals.append(None)
        else:
            low = draw(st.integers(0, 60))
            intervals.append((draw(st.integers(0, 2)), low, low + draw(st.integers(0, 12))))
    extra: list[list[int]] = [[] for _ in intervals]
    for left, right in draw(st.lists(st.tuples(st.integers(0, 119), st.integers(0, 119)), max_size=20)):
        if left < count and right < count and left != right and right not in extra[left]:
            left_interval, right_interval = intervals[left], intervals[right]
            if left_interval and right_interval and left_interval[0] == right_interval[0]:
                continue  # never two keys of one class (their conflict is the intervals')
            extra[left].append(right)
            extra[right].append(left)
    return intervals, extra


def brute_sweep(
    intervals: list[tuple[int, int, int] | None], extra: list[list[int]], limit: int, separated: Any
) -> tuple[list[int], list[tuple[int, int]], list[bool], int]:
    def conflict(i: int, j: int) -> bool:
        a, b = intervals[i], intervals[j]
        if a and b and a[0] == b[0] and (a[1] > b[2] or b[1] > a[2]):
            return True
        return j in extra[i]

    groups: list[list[int]] = []
    group_of = [0] * len(intervals)
    for key in range(len(intervals)):
        for number, members in enumerate(groups, start=1):
            if not any(conflict(key, member) for member in members):
                members.append(key)
                group_of[key] = number
                break
        else:
            groups.append([key])
            group_of[key] = len(groups)
    pairs = [(i, j) for i, j in itertools.combinations(range(len(intervals)), 2) if conflict(i, j)]
    plain = [False] * len(intervals)
    for i, j in pairs:
        if separated is None or not separated(i, j):
            plain[i] = plain[j] = True
    return group_of, pairs[:limit], plain, len(pairs)


@settings(max_examples=EXAMPLES // 2, deadline=None, derandomize=True, database=None)
@given(graph=interval_graphs(), limit=st.sampled_from([0, 1, 5, 200]), split=st.sampled_from([None, 2, 3]))
def test_sweep_matches_pairwise_first_fit_on_larger_graphs(
    graph: tuple[list[tuple[int, int, int] | None], list[list[int]]], limit: int, split: int | None
) -> None:
    intervals, extra = graph
    separated = None if split is None else (lambda i, j: (i * 7 + j) % split == 0)
    found = sweep(intervals, extra, limit, separated)
    assert (found.groups, found.listed, found.plain, found.total) == brute_sweep(
        intervals, extra, limit, separated
    )


# --- scale ----------------------------------------------------------------------------------------

N = 5000
DATE_FIELD = FieldDef(
    id="visit", label="Visit", type="date", vocabulary=(), compatible=frozenset(), family=None, key=None
)


def dated(index: int, start: str, end: str) -> Claim:
    value = f"{start}/{end}"
    detail = DateValue(raw=value, resolved=True, precision="day", start=start, end=end)
    return make_claim(f"a{index}", value).model_copy(update={"detail": detail})


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count calls to the pair predicates compare_field could use."""
    calls = {"details_compatible": 0, "stances_conflict": 0}
    for name in calls:
        original = getattr(compare, name)

        def counting(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(compare, name, counting)
    return calls


def test_thousands_of_disjoint_dates_all_conflict_without_comparing_every_pair(
    counted: dict[str, int],
) -> None:
    claims = [dated(n, day(n), day(n)) for n in range(N)]
    result = compare_field(DATE_FIELD, claims, [c.evidence.article for c in claims])
    assert result.conflict_pairs == N * (N - 1) // 2
    assert result.status == "conflict"
    assert [s.group for s in result.stances] == list(range(1, N + 1))
    assert all(s.in_conflict for s in result.stances)
    first = result.stances[0]
    assert len(result.conflicts) == compare.MAX_LISTED_PAIRS
    assert [(c.left, c.right) for c in result.conflicts] == [
        (first.label, s.label) for s in result.stances[1 : compare.MAX_LISTED_PAIRS + 1]
    ]
    assert sum(counted.values()) < 50 * N


def test_thousands_of_overlapping_dates_agree_without_comparing_every_pair(counted: dict[str, int]) -> None:
    # Every interval contains day N: all distinct, no two disjoint.
    claims = [dated(n, day(n), day(N + n)) for n in range(N)]
    result = compare_field(DATE_FIELD, claims, [c.evidence.article for c in claims])
    assert result.conflict_pairs == 0
    assert result.conflicts == ()
    assert result.status == "agree"
    assert {s.group for s in result.stances} == {1}
    assert not any(s.in_conflict for s in result.stances)
    assert sum(counted.values()) < 50 * N


def test_thousands_of_amounts_in_two_currencies_conflict_only_within_one(counted: dict[str, int]) -> None:
    field = FieldDef(
        id="cost", label="Cost", type="quantity", vocabulary=(), compatible=frozenset(), family=None, key=None
    )
    claims = []
    for n in range(2000):
        amount = float(n * 10)
        detail = QuantityValue(
            raw=str(n), amount=amount, unit=("USD", "AUD")[n % 2], qualifier="exact", low=amount, high=amount
        )
        claims.append(make_claim(f"a{n}", f"{n}").model_copy(update={"detail": detail}))
    result = compare_field(field, claims, [c.evidence.article for c in claims])
    assert result.conflict_pairs == 2 * (1000 * 999 // 2)
    assert max(s.group for s in result.stances) == 1000
    assert sum(counted.values()) < 50 * len(claims)
