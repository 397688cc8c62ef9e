"""Typed values carry their own behaviour: whether two can both be true, where one falls in
order, and how its interval reads. Compare and the renderers ask the value, not its type.
"""

from __future__ import annotations

import pytest

from aukus_check.compare import details_compatible
from aukus_check.models import DateValue, QuantityValue


def day(start: str, end: str | None = None, *, relative_to: str | None = None) -> DateValue:
    return DateValue(
        raw=start, resolved=True, precision="day", start=start, end=end or start, relative_to=relative_to
    )


UNPLACED = DateValue(raw="last month", resolved=False, precision=None, start=None, end=None)


def amount(
    low: float | None, high: float | None, unit: str | None = "USD", value: float = 0.0
) -> QuantityValue:
    return QuantityValue(raw="x", amount=value, unit=unit, qualifier="exact", low=low, high=high)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (day("2021-09-15"), day("2021-09-15"), True),
        (day("2021-09-15"), day("2021-09-16"), False),
        (day("2021-09-01", "2021-09-30"), day("2021-09-30"), True),  # the last day is in the month
        (day("2021-09-01", "2021-09-30"), day("2021-10-01"), False),
        (UNPLACED, day("2021-09-15"), True),  # not on the calendar: never a conflict
    ],
)
def test_dates_are_compatible_when_their_days_overlap(
    left: DateValue, right: DateValue, expected: bool
) -> None:
    assert left.compatible_with(right) is expected
    assert right.compatible_with(left) is expected
    assert details_compatible(left, right) is expected


@pytest.mark.parametrize(
    ("tolerance", "expected"),
    [(0.0, False), (0.047, False), (0.048, True), (0.05, True)],
)
def test_amounts_overlap_within_the_tolerance_of_each_bound(tolerance: float, expected: bool) -> None:
    # both bounds widen: 100 (1 + t) meets 110 (1 - t) from t = 10/210 = 0.0476
    low, high = amount(100, 100), amount(110, 110)
    assert low.compatible_with(high, tolerance) is expected
    assert details_compatible(low, high, tolerance) is expected


def test_amounts_in_other_units_or_other_kinds_never_conflict() -> None:
    assert amount(1, 1, "USD").compatible_with(amount(5, 5, "AUD"))
    assert amount(1, 1).compatible_with(day("2021-09-15"))
    assert day("2021-09-15").compatible_with(amount(1, 1))
    assert amount(None, 10).compatible_with(amount(5, None))  # unbounded ends overlap


def test_values_sort_by_where_they_fall() -> None:
    assert sorted([day("2023-03-13"), day("2021-09-15"), UNPLACED], key=DateValue.sort_key) == [
        UNPLACED,
        day("2021-09-15"),
        day("2023-03-13"),
    ]
    amounts = [amount(None, None, value=v) for v in (368e9, 90e9, 3e9)]
    assert [a.amount for a in sorted(amounts, key=QuantityValue.sort_key)] == [3e9, 90e9, 368e9]


def test_interval_labels_say_what_the_value_stands_for() -> None:
    assert day("2024-03-01", "2024-03-31", relative_to="2024-04-04").interval_label() == (
        "interval: 2024-03-01 – 2024-03-31, resolved against publication 2024-04-04"
    )
    assert UNPLACED.interval_label() == (
        "unresolved: “last month” needs the publication date, with its year, to be placed"
    )
    assert amount(3000, 4000, "people").interval_label() == "interval: 3,000 – 4,000 people (exact)"
    assert amount(None, 5e9, None).interval_label() == "interval: −∞ – 5,000,000,000 (exact)"
