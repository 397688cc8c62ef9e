"""The briefing's two pictures as data: a timeline and a coverage matrix. The Markdown briefing
writes them as tables (Markdown cannot hold an image safely), the HTML page draws them (svg.py).

The timeline puts every dated claim and every article's publication on one axis, so that
"talks reported" in an article of 4 March and a statement of "considering" on 8 April read as a
sequence, not a contradiction. A date the article gives without its year ("8 April") is drawn
in the year of the corpus's dated articles when they all share one, and marked as such;
otherwise, and for a phrase no date can be given to ("last week" in an undated article), it is
listed as not placed.

The coverage matrix is facts by articles: each cell holds the numbers of the values the article
states (the row lists them), "e" for a forecast and "¬" for a denial; a cell whose value is in a
conflict is outlined (open or resolved), a silent article's cell is empty. A fact only one
article states (a row of one cell) is left out: the bottom line lists it under its source.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aukus_check.models import ArticleInfo, DateValue, FieldResult, PartialDate
from aukus_check.render.briefing_facts import GROUP_WORDS, Briefing, FactView, Group
from aukus_check.render.words import date_words, stance_text, value_text

_PARTIAL = re.compile(r"--(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?")
"""A date without its year, as the report writes it: "--04-08", "--04"."""
MAX_MOMENTS = 100
"""Moments the timeline shows at most (the earliest): a corpus of thousands of articles has
thousands of dates, which no reader follows on one axis; the JSON report has every one."""
MATRIX_GROUPS: tuple[Group, ...] = ("open", "resolved", "changed", "confirmed", "single")
"""The facts the coverage matrix shows; each article's own date and the silent facts are left out."""


# --- timeline -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """One point of the timeline: a dated claim, or an article's publication."""

    kind: Literal["event", "published"]
    key: tuple[int, int, int]
    """Year, month (0: the whole year), day (0: the whole month): the order on the axis."""
    when: str
    """"15 September 2021", "April 2024 (expected)", "8 April, year not stated"."""
    assumed: bool
    """The article gives no year: the moment is drawn in the corpus's year."""
    title: str
    """The fact's label, or "A5 published"."""
    lines: tuple[str, ...]
    """What the articles say there: who states a date; what a publishing article says of each conflict."""
    gap: str | None = None
    """"8 years later": the axis is broken before this moment."""


@dataclass(frozen=True)
class Timeline:
    """The moments in time order, and what could not be placed."""

    moments: tuple[Moment, ...]
    unplaced: tuple[str, ...]
    undated: tuple[str, ...]
    """Labels of the articles that state no publication date."""
    year: int | None
    """The year yearless dates are drawn in, if any is."""
    left_out: int = 0
    """Moments past MAX_MOMENTS, not shown."""


def stated_date(article: ArticleInfo) -> PartialDate | None:
    """The publication date the article states (front matter, header); None when it states
    none, or when the date was only inferred from the text, which is no moment to draw."""
    published = article.published
    if published is None or published.inferred:
        return None
    return published.date


def _corpus_year(articles: tuple[ArticleInfo, ...]) -> int | None:
    stated = (stated_date(article) for article in articles)
    years = {date.year for date in stated if date is not None and date.year is not None}
    return years.pop() if len(years) == 1 else None


def _place(
    value: str, detail: DateValue | None, year: int | None
) -> tuple[tuple[int, int, int], bool] | None:
    """Where a date value falls on the axis, and whether its year is assumed; None if nowhere."""
    if detail is not None and detail.resolved and detail.start:
        start = datetime.date.fromisoformat(detail.start)
        if detail.precision == "year":
            return (start.year, 0, 0), False
        if detail.precision == "month":
            return (start.year, start.month, 0), False
        return (start.year, start.month, start.day), False
    partial = _PARTIAL.fullmatch(value)
    if partial is None or year is None:
        return None
    month, day = int(partial["month"]), int(partial["day"] or 0)
    if not 1 <= month <= 12 or not 0 <= day <= 31:
        return None
    return (year, month, day), True


def _first_day(key: tuple[int, int, int]) -> datetime.date:
    year, month, day = key
    last = calendar.monthrange(year, month or 1)[1]
    return datetime.date(year, month or 1, min(day or 1, last))


def _last_day(key: tuple[int, int, int]) -> datetime.date:
    year, month, day = key
    if not month:
        return datetime.date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day, last) if day else last)


def _gap(before: tuple[int, int, int], after: tuple[int, int, int]) -> str | None:
    """ "8 years later" when the axis skips a year or more after the end of the moment before
    (2021, the year, holds 15 September 2021: no gap), "3 months later" two months or more."""
    if (_first_day(after) - _last_day(before)).days <= 0:
        return None
    days = (_first_day(after) - _first_day(before)).days
    if days >= 365:
        years = int(days // 365.25) or 1
        return f"{years} year{'s' if years > 1 else ''} later"
    if days >= 61:
        return f"{days // 30} months later"
    return None


def _claim_detail(field: FieldResult, value: str) -> DateValue | None:
    for claim in field.claims:
        if claim.value == value and isinstance(claim.detail, DateValue):
            return claim.detail
    return None


def _sayings(facts: Sequence[FactView]) -> dict[str, list[str]]:
    """Article id -> what it states on each conflicting fact: "Japan's status: talks reported,
    invited (expected)", one line a fact."""
    said: dict[str, list[str]] = {}
    for fact in facts:
        stated: dict[str, list[str]] = {}
        for stance in fact.field.stances:
            words = stance_text(stance, fact.field, dates=True)
            for article_id in stance.articles:
                stated.setdefault(article_id, []).append(words)
        for article_id, values in stated.items():
            said.setdefault(article_id, []).append(f"{fact.field.label}: {', '.join(values)}")
    return said


def timeline(briefing: Briefing) -> Timeline:
    """Every dated claim and publication on one axis, in time order."""
    report = briefing.report
    year = _corpus_year(report.articles)
    moments: list[Moment] = []
    unplaced: list[str] = []
    for fact in briefing.facts:
        field = fact.field
        if field.type != "date" or fact.group in ("per_article", "silent"):
            continue
        for value in fact.values:
            stance = value.stances[0]
            who = briefing.short_support(value)
            placed = _place(stance.value, _claim_detail(field, stance.value), year)
            if placed is None:
                unplaced.append(f"{value.words}: {field.label} ({who})")
                continue
            key, assumed = placed
            moments.append(Moment("event", key, value.words, assumed, field.label, (who,)))
    sayings = _sayings([fact for fact in briefing.facts if fact.group in ("open", "resolved")])
    for article in report.articles:
        date = stated_date(article)
        if date is None or (date.month is None and date.year is None):
            continue
        placed = _place(date.iso, _as_detail(date), year)
        label = briefing.labels[article.id]
        if placed is None:
            unplaced.append(f"{date_words(date)}: {label} published")
            continue
        key, assumed = placed
        says = tuple(sayings.get(article.id, ()))
        moments.append(Moment("published", key, date_words(date), assumed, f"{label} published", says))
    moments.sort(key=lambda m: (m.key, m.kind != "event"))
    left_out = max(len(moments) - MAX_MOMENTS, 0)
    moments = moments[:MAX_MOMENTS]
    gapped = []
    for position, moment in enumerate(moments):
        gap = _gap(moments[position - 1].key, moment.key) if position else None
        gapped.append(dataclasses.replace(moment, gap=gap))
    undated = tuple(briefing.labels[a.id] for a in report.articles if stated_date(a) is None)
    return Timeline(
        tuple(gapped),
        tuple(unplaced[:MAX_MOMENTS]),
        undated,
        year,
        left_out + max(len(unplaced) - MAX_MOMENTS, 0),
    )


def _as_detail(date: PartialDate) -> DateValue | None:
    """A publication date with its year as the interval of days it covers."""
    days = date.days()
    if days is None:
        return None
    return DateValue(
        raw=date.iso,
        resolved=True,
        precision=date.precision,
        start=days[0].isoformat(),
        end=days[1].isoformat(),
    )


# --- coverage matrix ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """What one article states for one fact, as marks: "2", "4e" (expected), "¬3" (denied)."""

    marks: tuple[str, ...]
    numbers: tuple[int, ...]
    """The values' numbers, for the cell's shading."""
    conflict: Literal["open", "resolved"] | None


@dataclass(frozen=True)
class MatrixRow:
    """One fact: its label, status words, numbered values and one cell per article."""

    fact: FactView
    status: str
    values: tuple[str, ...]
    cells: tuple[Cell, ...]


def _cells(
    field: FieldResult, articles: Sequence[str], numbers: dict[str, int], group: Group
) -> tuple[Cell, ...]:
    """Every article's cell of a fact, from one pass over the stances (a stance may list
    thousands of articles)."""
    stated: dict[str, dict[int, set[str]]] = {}
    conflicted: set[str] = set()
    for stance in field.stances:
        number = numbers[stance.value]
        for article_id in stance.articles:
            stated.setdefault(article_id, {}).setdefault(number, set()).add(stance.polarity)
            if stance.in_conflict:
                conflicted.add(article_id)
    cells = []
    for article_id in articles:
        marks: list[str] = []
        for number, polarities in sorted(stated.get(article_id, {}).items()):
            if "affirmed" in polarities:
                marks.append(str(number))
            elif "expected" in polarities:
                marks.append(f"{number}e")
            if "denied" in polarities:
                marks.append(f"¬{number}")
        state: Literal["open", "resolved"] | None = None
        if article_id in conflicted and group in ("open", "resolved"):
            state = "open" if group == "open" else "resolved"
        cells.append(Cell(tuple(marks), tuple(sorted(stated.get(article_id, {}))), state))
    return tuple(cells)


@dataclass(frozen=True)
class Matrix:
    """The coverage matrix: article labels (its columns) and one row per fact."""

    labels: tuple[str, ...]
    rows: tuple[MatrixRow, ...]


def matrix(briefing: Briefing) -> Matrix:
    """The facts by articles, open conflicts first, then resolved ones, then the rest."""
    rows = []
    for fact in briefing.facts:
        if fact.group not in MATRIX_GROUPS:
            continue
        speaking = {article for stance in fact.field.stances for article in stance.articles}
        if fact.group == "single" and len(speaking) < 2:
            continue  # one cell in a row: the bottom line lists it under its source
        field = fact.field
        numbers: dict[str, int] = {}
        for stance in field.stances:
            numbers.setdefault(stance.value, len(numbers) + 1)
        values = tuple(f"{n} {value_text(value, field, dates=True)}" for value, n in numbers.items())
        cells = _cells(field, [a.id for a in briefing.report.articles], numbers, fact.group)
        rows.append(MatrixRow(fact, GROUP_WORDS[fact.group], values, cells))
    return Matrix(tuple(briefing.labels[a.id] for a in briefing.report.articles), tuple(rows))
