"""Comparison at its boundaries: time separation to the day, tolerance to its upper bound,
the record's verdicts, the words a report shows.

Written for the mutation run (tests/mutation/run.py); the values are the tests' own.
"""

from __future__ import annotations

import datetime

import pytest

from aukus_check.compare import details_compatible, stance_label, stances_conflict, time_separated
from aukus_check.compare_time import (
    apart_by,
    every_pair_apart,
    record_check,
    record_words,
    stage_order,
    window_of,
)
from aukus_check.models import DateValue, PartialDate, Published, QuantityValue
from aukus_check.registries import Term
from aukus_check.rules import FieldDef

D = datetime.date


def w(first: str, last: str | None = None) -> tuple[datetime.date, datetime.date]:
    return (D.fromisoformat(first), D.fromisoformat(last or first))


# --- compare_time ---------------------------------------------------------------------------


def published(date: PartialDate, *, inferred: bool) -> Published:
    return Published.model_construct(date=date, not_before=inferred)


def test_an_articles_window_is_its_stated_days_or_from_a_mentioned_day_on() -> None:
    assert window_of(None) is None
    assert window_of(published(PartialDate(year=2024, month=2), inferred=False)) == w(
        "2024-02-01", "2024-02-29"
    )
    assert window_of(published(PartialDate(year=2024, month=2, day=9), inferred=True)) == (
        D(2024, 2, 9),
        D.max,
    )
    assert window_of(published(PartialDate(), inferred=False)) is None


def test_apart_by_counts_whole_days_between_the_last_of_one_side_and_the_first_of_the_other() -> None:
    jan1, jan31 = [w("2025-01-01")], [w("2025-01-31")]
    assert apart_by(30, jan1, jan31) == 1  # exactly 30 days: apart
    assert apart_by(31, jan1, jan31) is None  # one short
    assert apart_by(30, jan31, jan1) == -1
    assert apart_by(31, jan31, jan1) is None
    assert apart_by(0, jan1, jan1) == 1  # zero days asked: the same day will do
    spread = [w("2025-01-01"), w("2025-01-10")]
    assert apart_by(21, spread, jan31) == 1 and apart_by(22, spread, jan31) is None  # the later left counts
    assert apart_by(21, jan31, spread) == -1 and apart_by(22, jan31, spread) is None
    late = [w("2025-01-31"), w("2025-02-20")]
    assert apart_by(30, jan1, late) == 1 and apart_by(31, jan1, late) is None  # the earlier right counts
    assert apart_by(30, late, jan1) == -1 and apart_by(31, late, jan1) is None


def test_apart_by_knows_nothing_when_a_time_is_missing() -> None:
    jan1, jan31 = [w("2025-01-01")], [w("2025-01-31")]
    assert apart_by(1, [], jan31) is None and apart_by(1, jan1, []) is None
    assert apart_by(1, [None], jan31) is None and apart_by(1, jan1, [None]) is None
    assert apart_by(1, [w("2025-01-01"), None], jan31) is None
    assert apart_by(1, jan1, [None, w("2025-01-31")]) is None


def test_every_pair_apart_at_the_boundary_and_either_way_round() -> None:
    jan1, jan31 = [w("2025-01-01")], [w("2025-01-31")]
    assert every_pair_apart(30, jan1, jan31) and every_pair_apart(30, jan31, jan1)
    assert not every_pair_apart(31, jan1, jan31) and not every_pair_apart(31, jan31, jan1)
    # one article on each side of the other side: every pair apart, though not in one order
    assert every_pair_apart(10, [w("2025-01-01"), w("2025-03-01")], [w("2025-02-01")])
    assert not every_pair_apart(10, [w("2025-01-01"), w("2025-02-05")], [w("2025-02-01")])
    # a window's far end counts: January as a month is 0 days from 31 January
    assert not every_pair_apart(1, [w("2025-01-01", "2025-01-31")], jan31)
    assert not every_pair_apart(1, [], jan31) and not every_pair_apart(1, jan1, [])
    assert not every_pair_apart(0, [None], jan31) and not every_pair_apart(0, jan1, [w("2025-02-01"), None])


def test_time_separated_reads_publication_dates_to_the_day() -> None:
    first = PartialDate(year=2024, month=5, day=1)
    assert time_separated(30, [first], [PartialDate(year=2024, month=5, day=31)])
    assert not time_separated(31, [first], [PartialDate(year=2024, month=5, day=31)])
    assert not time_separated(30, [first], [None])
    assert not time_separated(30, [None], [first])
    assert time_separated(30, [first], [PartialDate(year=2024, month=6)])  # June is 31 days on


KISHIDA = Term("fumio_kishida", "pm", D(2021, 10, 4), D(2024, 10, 1), "Fumio Kishida", "Prime Minister")
ISHIBA = Term("shigeru_ishiba", "pm", D(2024, 10, 1), None)


def test_the_record_against_a_value_at_its_articles_times() -> None:
    assert record_check(None, [w("2024-01-01")]) is None
    assert record_check([], [w("2024-01-01")]) == "contradicted"  # never held
    assert record_check([], [None]) == "contradicted"
    assert record_check([KISHIDA], [w("2024-01-01")]) == "consistent"
    assert record_check([KISHIDA], [w("2024-10-01")]) == "consistent"  # the last day counts
    assert record_check([KISHIDA], [w("2024-10-02")]) == "contradicted"
    assert record_check([KISHIDA], [None]) == "on_record"
    assert record_check([KISHIDA], [w("2024-01-01"), None]) == "on_record"
    assert record_check([KISHIDA], [None, w("2025-01-01"), w("2024-01-01")]) == "contradicted"
    assert record_check([KISHIDA, ISHIBA], [w("2025-06-01")]) == "consistent"
    assert record_check([KISHIDA], []) == "consistent"


def test_what_the_record_says_in_words() -> None:
    labels = {"fumio_kishida": "Fumio Kishida"}
    assert record_words([], "fumio_kishida", labels, [w("2025-02-03"), None]) == (
        "the record has no term in which Fumio Kishida held this (article of 2025-02-03)"
    )
    assert record_words(None, "someone", labels, [None]) == (
        "the record has no term in which someone held this (article of an unknown time)"
    )
    assert record_words(
        [KISHIDA, ISHIBA], "x", labels, [w("2025-02-01", "2025-02-28"), (D(2025, 3, 1), D.max)]
    ) == (
        "the record: Fumio Kishida, Prime Minister, 2021-10-04 to 2024-10-01; "
        "shigeru_ishiba, pm, from 2024-10-01, in office; "
        "the article is of 2025-02-01 to 2025-02-28, 2025-03-01 or later"
    )


STAGES = ("rumoured", "proposed", "agreed")


def test_stages_progress_only_forward_and_far_enough_apart() -> None:
    march, april = [w("2024-03-01")], [w("2024-03-08")]
    assert stage_order(STAGES, 7, ("rumoured", march), ("agreed", april))
    assert not stage_order(STAGES, 8, ("rumoured", march), ("agreed", april))  # a day too close
    assert stage_order(STAGES, 7, ("agreed", april), ("rumoured", march))  # given the other way round
    assert not stage_order(STAGES, 7, ("agreed", march), ("rumoured", april))  # backwards
    assert not stage_order(STAGES, 7, ("rumoured", april), ("agreed", march))
    assert not stage_order(STAGES, 7, ("proposed", march), ("proposed", april))  # no move
    assert not stage_order(STAGES, 7, ("proposed", april), ("proposed", march))
    assert not stage_order(STAGES, 7, ("unknown", march), ("agreed", april))
    assert not stage_order(STAGES, 7, ("rumoured", march), ("unknown", april))
    assert not stage_order(STAGES, 7, ("rumoured", [None]), ("agreed", april))


# --- compare --------------------------------------------------------------------------------


def test_stance_labels() -> None:
    assert stance_label("joined", "affirmed") == "joined"
    assert stance_label("joined", "expected") == "joined (expected)"
    assert stance_label("joined", "denied") == "not joined"


def amount(low: float | None, high: float | None, unit: str | None = "AUD") -> QuantityValue:
    return QuantityValue.model_construct(low=low, high=high, unit=unit)


def test_a_tolerance_widens_both_ends_up_to_its_bound() -> None:
    hundred, hundred_ten = amount(100, 100), amount(110, 110)
    assert not details_compatible(hundred, hundred_ten)
    assert details_compatible(hundred, hundred_ten, 0.05)  # 105 meets 104.5
    assert details_compatible(hundred_ten, hundred, 0.05)
    assert not details_compatible(hundred, amount(111, 111), 0.05)  # 105 < 105.45
    assert not details_compatible(amount(111, 111), hundred, 0.05)
    # both ends move: 100 widened by 10% reaches 110, 121 reaches down to 108.9
    assert details_compatible(amount(100, 100), amount(121, 121), 0.1)  # 110 against 108.9
    assert not details_compatible(amount(100, 100), amount(123, 123), 0.1)  # 110 < 110.7
    # a negative amount widens away from zero
    assert details_compatible(amount(-100, -100), amount(-109, -109), 0.05)
    assert not details_compatible(amount(-100, -100), amount(-111, -111), 0.05)


def test_open_ended_amounts_and_other_units() -> None:
    assert details_compatible(amount(None, 50), amount(10, 10))
    assert not details_compatible(amount(None, 5), amount(10, 10))
    assert not details_compatible(amount(10, 10), amount(None, 5))
    assert details_compatible(amount(200, None), amount(500, 500))
    assert not details_compatible(amount(200, None), amount(100, 100))
    assert not details_compatible(amount(100, 100), amount(200, None))
    assert details_compatible(amount(None, None), amount(1, 1))
    assert details_compatible(amount(1, 1, "USD"), amount(9, 9, "AUD"))  # no exchange rate
    assert details_compatible(
        amount(1, 1), DateValue.model_construct(resolved=True, start="2024", end="2024")
    )


def date_value(start: str | None, end: str | None, resolved: bool = True) -> DateValue:
    return DateValue.model_construct(resolved=resolved, start=start, end=end)


def test_dates_conflict_only_when_placed_and_disjoint() -> None:
    march = date_value("2024-03-01", "2024-03-31")
    assert details_compatible(march, date_value("2024-03-31", "2024-04-02"))  # one shared day
    assert details_compatible(date_value("2024-02-20", "2024-03-01"), march)
    assert not details_compatible(march, date_value("2024-04-01", "2024-04-01"))
    assert not details_compatible(date_value("2024-04-01", "2024-04-01"), march)
    assert details_compatible(march, date_value("2024-05-01", "2024-05-01", resolved=False))
    assert details_compatible(date_value("2024-05-01", "2024-05-01", resolved=False), march)
    assert details_compatible(march, date_value(None, "2024-05-01"))
    assert details_compatible(date_value("2024-05-01", None), march)


def field(**changes: object) -> FieldDef:
    base: dict[str, object] = {
        "id": "pact.status",
        "label": "Status",
        "type": "enum",
        "vocabulary": ("signed", "vetoed"),
        "compatible": frozenset(),
        "family": None,
        "key": None,
    }
    base.update(changes)
    return FieldDef(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (("signed", "affirmed"), ("vetoed", "affirmed"), True),
        (("signed", "affirmed"), ("signed", "affirmed"), False),
        (("signed", "denied"), ("signed", "affirmed"), True),
        (("signed", "affirmed"), ("signed", "denied"), True),
        (("signed", "expected"), ("signed", "denied"), True),
        (("signed", "denied"), ("vetoed", "affirmed"), False),
        (("signed", "denied"), ("signed", "denied"), False),
        (("signed", "denied"), ("vetoed", "denied"), False),
        (("signed", "expected"), ("vetoed", "expected"), False),
        (("signed", "expected"), ("vetoed", "affirmed"), False),
        (("signed", "affirmed"), ("vetoed", "expected"), False),
    ],
)
def test_which_stances_conflict(left, right, expected: bool) -> None:
    assert stances_conflict(field(), left, right) is expected


def test_compatible_values_and_per_article_fields_never_conflict() -> None:
    assert not stances_conflict(field(), ("signed", "affirmed"), ("vetoed", "affirmed"), lambda a, b: True)
    assert stances_conflict(field(), ("signed", "affirmed"), ("signed", "affirmed"), lambda a, b: False)
    per_article = field(per_article=True)
    assert not stances_conflict(per_article, ("signed", "affirmed"), ("vetoed", "affirmed"))
    assert not stances_conflict(per_article, ("signed", "denied"), ("signed", "affirmed"))


def test_a_windows_first_day_is_where_it_starts_either_way_round() -> None:
    february, new_year = [w("2025-02-01", "2025-02-28")], [w("2025-01-01")]
    assert apart_by(31, february, new_year) == -1  # 1 February is 31 days after 1 January
    assert apart_by(40, february, new_year) is None  # its last day is not where it starts
    assert apart_by(31, new_year, february) == 1
    assert apart_by(40, new_year, february) is None


def test_a_date_with_an_empty_bound_is_refused_not_compared() -> None:
    for empty in (date_value("", "2024-03-01"), date_value("2024-03-01", "")):
        with pytest.raises(AssertionError):
            details_compatible(empty, date_value("2024-05-01", "2024-05-02"))
        with pytest.raises(AssertionError):
            details_compatible(date_value("2024-05-01", "2024-05-02"), empty)


def test_an_inferred_month_opens_a_window_from_its_first_day() -> None:
    inferred = published(PartialDate(year=2024, month=2), inferred=True)
    assert window_of(inferred) == (D(2024, 2, 1), D.max)


def test_every_pair_apart_measures_from_the_near_ends_of_long_windows() -> None:
    new_year = [w("2025-01-01")]
    late_january_on = [w("2025-01-20", "2025-02-28")]
    assert not every_pair_apart(30, new_year, late_january_on)  # 19 days to its first day
    assert not every_pair_apart(30, late_january_on, new_year)
    february = [w("2025-02-01", "2025-02-28")]
    assert every_pair_apart(31, february, new_year) and not every_pair_apart(40, february, new_year)
    assert every_pair_apart(31, new_year, february) and not every_pair_apart(40, new_year, february)


def test_amounts_that_share_a_bound_agree() -> None:
    assert details_compatible(amount(90, 100), amount(100, 110))
    assert details_compatible(amount(100, 110), amount(90, 100))
    assert details_compatible(amount(100, 100), amount(100, 100))
    assert not details_compatible(amount(90, 99.5), amount(100, 110))


def test_a_key_whose_only_partner_sorts_last_is_plain() -> None:
    from aukus_check.compare_sweep import sweep

    found = sweep([(0, 0, 0), (0, 0, 0), (0, 5, 5)], [[], [], []], 10)
    assert found.plain == [True, True, True]
    assert found.total == 2 and found.listed == [(0, 2), (1, 2)]
    assert found.groups == [1, 1, 2]
    lone = sweep([(0, 0, 0), (0, 0, 0), (0, 0, 0)], [[], [], []], 10)
    assert lone.plain == [False, False, False] and lone.total == 0 and lone.groups == [1, 1, 1]


def _reference_sweep(intervals, extra, limit):
    """Every pair compared, keys grouped first-fit in key order: what sweep must equal."""

    def conflict(i: int, j: int) -> bool:
        if j in extra[i]:
            return True
        a, b = intervals[i], intervals[j]
        return a is not None and b is not None and a[0] == b[0] and (a[2] < b[1] or b[2] < a[1])

    count = len(intervals)
    pairs = [(i, j) for i in range(count) for j in range(i + 1, count) if conflict(i, j)]
    groups: list[list[int]] = []
    group_of = []
    for key in range(count):
        for number, members in enumerate(groups, start=1):
            if not any(conflict(key, member) for member in members):
                members.append(key)
                group_of.append(number)
                break
        else:
            groups.append([key])
            group_of.append(len(groups))
    plain = [any(key in pair for pair in pairs) for key in range(count)]
    return group_of, pairs[:limit], plain, len(pairs)


def test_sweep_equals_comparing_every_pair_in_any_key_order() -> None:
    import random

    from aukus_check.compare_sweep import sweep

    rng = random.Random(20261208)
    for _ in range(400):
        count = rng.randint(1, 24)
        intervals = []
        for _ in range(count):
            if rng.random() < 0.15:
                intervals.append(None)
                continue
            low = rng.randint(0, 12)
            intervals.append((rng.randint(0, 2), low, low + rng.choice((0, 0, 1, 2, 5))))
        extra: list[list[int]] = [[] for _ in range(count)]
        for _ in range(rng.randint(0, 4)):
            i, j = rng.sample(range(count), 2) if count > 1 else (0, 0)
            a, b = intervals[i], intervals[j]
            same_class = a is not None and b is not None and a[0] == b[0]
            if i != j and not same_class and j not in extra[i]:
                extra[i].append(j)
                extra[j].append(i)
        limit = rng.choice((3, 50))
        found = sweep(intervals, extra, limit)
        assert (found.groups, found.listed, found.plain, found.total) == _reference_sweep(
            intervals, extra, limit
        ), (intervals, extra)


def dated_claim(article: str, value: str, detail: DateValue):
    from tests.test_compare import claim

    return claim(article, value).model_copy(update={"detail": detail})


def resolved_day(text: str) -> DateValue:
    return DateValue(raw=text, resolved=True, precision="day", start=text, end=text)


def test_a_per_article_date_never_conflicts_however_many_articles_give_one() -> None:
    from aukus_check.compare import compare_field

    dates = field(id="article.date", type="date", vocabulary=(), per_article=True)
    claims = [
        dated_claim("a", "2024-03-01", resolved_day("2024-03-01")),
        dated_claim("b", "2024-05-09", resolved_day("2024-05-09")),
        dated_claim("c", "2024-07-30", resolved_day("2024-07-30")),
    ]
    result = compare_field(dates, claims, ["a", "b", "c"])
    assert result.status == "per_article" and result.conflicts == () and result.conflict_pairs == 0
    assert [s.in_conflict for s in result.stances] == [False, False, False]


def test_a_date_not_on_the_calendar_never_conflicts_even_with_bounds() -> None:
    from aukus_check.compare import compare_field

    dates = field(id="visit.date", type="date", vocabulary=())
    floating = DateValue(raw="8 April", resolved=False, precision="day", start="2023-04-08", end="2023-04-08")
    claims = [
        dated_claim("a", "2024-03-01", resolved_day("2024-03-01")),
        dated_claim("b", "--04-08", floating),
        dated_claim("c", "2024-03-01", resolved_day("2024-03-01")),
    ]
    result = compare_field(dates, claims, ["a", "b", "c"])
    assert result.status == "agree" and result.conflict_pairs == 0


def test_values_without_a_start_sort_before_dated_ones() -> None:
    from aukus_check.compare import compare_field

    dates = field(id="visit.date", type="date", vocabulary=())
    vague = DateValue(raw="next week", resolved=False, precision=None, start=None, end=None)
    claims = [
        dated_claim("a", "2024-03-01", resolved_day("2024-03-01")),
        dated_claim("b", "next week", vague),
        dated_claim("c", "2023-01-05", resolved_day("2023-01-05")),
    ]
    result = compare_field(dates, claims, ["a", "b", "c"])
    assert [s.value for s in result.stances] == ["next week", "2023-01-05", "2024-03-01"]
