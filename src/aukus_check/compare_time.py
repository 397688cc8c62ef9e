"""Time in comparison: when each article was written, terms of office, and stages of a status.

Two values that differ are not a contradiction when time explains them:
- an office changed hands, and each article names the holder of its own time (the registry's
  terms of office say who held what, when);
- a status moved on ("talks reported" in March, "under consideration" in April), and the later
  article gives the later stage.
Each check here needs the articles' times. An article's time is a window of days: its stated
publication date (a day, a month or a year), or, when it was inferred from the latest date the
article mentions, that day and everything after it. An article with no time never explains a
difference away, except that a value the record shows was held at some time is not read as a
contradiction of another it shows was held at another.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from aukus_check.models import Published, RecordCheck
from aukus_check.registries import Term

Window = tuple[datetime.date, datetime.date]
"""First and last day an article may have been written on."""


def window_of(published: Published | None) -> Window | None:
    """The days an article may have been written on, from its publication date; None if unknown."""
    if published is None:
        return None
    days = published.date.days()
    if days is None:
        return None
    return (days[0], datetime.date.max) if published.not_before else days


def apart_by(days: int, left: Sequence[Window | None], right: Sequence[Window | None]) -> int | None:
    """+1 when every left window ends at least `days` before every right one starts, -1 the other
    way round, None when the windows are unknown, overlap or are closer than that."""
    if not left or not right or None in left or None in right:
        return None
    known_left = [w for w in left if w is not None]
    known_right = [w for w in right if w is not None]
    if (min(w[0] for w in known_right) - max(w[1] for w in known_left)).days >= days:
        return 1
    if (min(w[0] for w in known_left) - max(w[1] for w in known_right)).days >= days:
        return -1
    return None


def every_pair_apart(days: int, left: Sequence[Window | None], right: Sequence[Window | None]) -> bool:
    """Every left article is `days` or more away (either side) from every right one; never when
    an article's time is unknown."""
    if not left or not right or None in left or None in right:
        return False
    return all(
        max((b[0] - a[1]).days, (a[0] - b[1]).days) >= days
        for a in left
        if a is not None
        for b in right
        if b is not None
    )


def record_check(terms: Sequence[Term] | None, windows: Sequence[Window | None]) -> RecordCheck | None:
    """A value against the record at its articles' times; None when the record says nothing of it.

    `terms` are the record's terms in which the value holds (empty: it never held, as far as a
    record that lists the person's offices knows).
    """
    if terms is None:
        return None
    checks = []
    for window in windows:
        if not terms:
            checks.append("contradicted")
        elif window is None:
            checks.append("on_record")
        elif any(term.covers(*window) for term in terms):
            checks.append("consistent")
        else:
            checks.append("contradicted")
    if "contradicted" in checks:
        return "contradicted"
    return "on_record" if "on_record" in checks else "consistent"


def record_words(
    terms: Sequence[Term] | None, value: str, labels: Mapping[str, str], windows: Sequence[Window | None]
) -> str:
    """What the record says against a value, in words, for the report."""
    when = ", ".join(_window_words(w) for w in windows if w is not None) or "an unknown time"
    if not terms:
        return f"the record has no term in which {labels.get(value, value)} held this (article of {when})"
    held = "; ".join(term.words() for term in terms)
    return f"the record: {held}; the article is of {when}"


def _window_words(window: Window) -> str:
    first, last = window
    if last == datetime.date.max:
        return f"{first.isoformat()} or later"
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


def stage_order(
    stages: Sequence[str],
    gap_days: int,
    left: tuple[str, Sequence[Window | None]],
    right: tuple[str, Sequence[Window | None]],
) -> bool:
    """Whether two stages read as a progression: their articles are `gap_days` or more apart and
    the later article gives the later stage. Backwards, or too close, is not one."""
    rank = {value: position for position, value in enumerate(stages)}
    (left_value, left_windows), (right_value, right_windows) = left, right
    if left_value not in rank or right_value not in rank:
        return False
    order = apart_by(gap_days, left_windows, right_windows)
    if order == 1:
        return rank[right_value] > rank[left_value]
    if order == -1:
        return rank[left_value] > rank[right_value]
    return False
