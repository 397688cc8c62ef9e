"""Values, stances and dates in words, for the views people read (the briefing, the table).

Nothing here escapes anything: a view that needs escaping (Markdown) escapes what it gets, and
the terminal view passes it through `one_line` into a rich `Text`. A date field's values are
put in words only when asked (`dates=True`, the table): the briefing shows them as the report
writes them ("2021-09-15", "--04-08").
"""

from __future__ import annotations

import re

from aukus_check.models import FieldResult, PartialDate, Polarity, Published, Stance

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO_DATE = re.compile(r"(?:(?P<year>[0-9]{4})|-)(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
"""The ISO forms of PartialDate.iso: "2021", "2021-09", "2021-09-15", "--04", "--04-08"."""


def value_words(value: str) -> str:
    """A vocabulary value as words: "under_consideration" -> "under consideration"."""
    return value.replace("_", " ").strip() or value


def with_polarity(words: str, polarity: Polarity) -> str:
    """Words with a polarity: "joined", "joined (expected)", "not joined"."""
    if polarity == "expected":
        return f"{words} (expected)"
    if polarity == "denied":
        return f"not {words}"
    return words


def stance_words(value: str, polarity: Polarity) -> str:
    """A value with its polarity in words: "joined", "joined (expected)", "not joined"."""
    return with_polarity(value_words(value), polarity)


def date_words(date: PartialDate) -> str:
    """A partial date as a reader writes it: "4 March 2024", "March 2024", "12 May, year not stated"."""
    parts = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(MONTHS[date.month - 1])
    if date.year is not None:
        parts.append(str(date.year))
        return " ".join(parts)
    return " ".join(parts) + ", year not stated"


def date_value_words(value: str) -> str:
    """A date value's ISO form in words ("--04-08" -> "8 April, year not stated"); a phrase as it is."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return value
    year, month, day = (None if text is None else int(text) for text in match.group("year", "month", "day"))
    if (year is None and month is None) or not 1 <= (month or 1) <= 12 or not 1 <= (day or 1) <= 31:
        return value
    return date_words(PartialDate(year=year, month=month, day=day))


def value_text(value: str, field: FieldResult, *, dates: bool = False) -> str:
    """A value as a reader says it: its registry name, else words (with `dates`, dates in words too)."""
    name = field.value_labels.get(value)
    if name is not None:
        return name
    if field.type == "date" and dates:
        return date_value_words(value)
    return value_words(value)


def stance_text(stance: Stance, field: FieldResult, *, dates: bool = False) -> str:
    """A stance as a reader says it: its value (see value_text) with its polarity."""
    return with_polarity(value_text(stance.value, field, dates=dates), stance.polarity)


def published_span(published: Published, *, ids: bool = False) -> str:
    """A publication date in words (ISO with ids), with " or later" when the article is known
    only to be written on or after it (a date inferred from its text)."""
    shown = published.date.iso if ids else date_words(published.date)
    return f"{shown} or later" if published.not_before else shown
