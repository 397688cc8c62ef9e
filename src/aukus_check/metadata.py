"""Article metadata read from plain text: publication date from a header or dateline, and the
outlets an article cites as its sources."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aukus_check.models import CitedSource, PartialDate
from aukus_check.outlets import OutletMatcher
from aukus_check.positions import LineIndex

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_YEAR = r"(?:1[89]|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_FORMS = (
    rf"(?P<day>\d{{1,2}}){_ORD}\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>{_YEAR})\b",
    rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>{_YEAR})\b",
    rf"(?P<year>{_YEAR})-(?P<month_number>\d{{2}})-(?P<day>\d{{2}})\b",
    rf"(?P<day>\d{{1,2}}){_ORD}\s+(?P<month>{_MONTH})\b\.?(?!,?\s*\d)",
    rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORD}\b(?!,?\s*\d)",
)
_HEADER_PREFIX = (
    r"^\s*(?P<label>(?:published|posted|updated|first published|date)(?: on)?:?\s+)?"
    r"(?:(?P<place>(?-i:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})),\s+)?"
)
# What may follow the date on a header line: a time, an agency, then the end of the line,
# more header ("/ Updated 3 months ago"), or a dash and the lead sentence, which is body
# ("13th April 2024 – (Beijing) In the ..."). After a label ("date 2024-03-06 Japan is ...") or
# an agency ("Tokyo, April 13 (IANS) Japan has ...") the lead may follow with no dash.
_HEADER_TAIL = re.compile(
    r"(?:\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|JST|AEST|AEDT|BST|EST|EDT|CET))?)?"
    r"(?:\s*,?\s*(?P<agency>/[A-Z][A-Z0-9&.-]{1,20}/|\([A-Z][\w&. -]{1,30}\)))?"
    r"(?:\s*$|\s*[/|·•]|\s*(?:--|—|–|-|:)\s*(?:\([A-Z][\w .'’-]{1,30}\)\s*)?(?P<lead>\S.*)"
    r"|\s+(?P<bare>[A-Z“\"‘].*))"
)
_DATELINES = tuple(re.compile(_HEADER_PREFIX + form, re.IGNORECASE) for form in _DATE_FORMS)
# "TOKYO (UrduPoint News / Sputnik - 17th September, 2021) Japanese ...": the date inside the
# agency's parentheses.
_AGENCY_DATELINES = tuple(
    re.compile(
        r"^\s*(?-i:[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3})\s*\([^()]{1,60}?\s[-–—/,]\s*"
        rf"(?P<date>{form})\s*\)\s*(?:(?:--|—|–|-|:)\s*)?(?P<lead>\S.*)?$",
        re.IGNORECASE,
    )
    for form in _DATE_FORMS
)
# "Japan Times09-02-2025", "09/02/2025": day and month in figures, read as day-month or
# month-day only where one of them is no date, or where the front matter says which.
_NUMERIC_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.&'’ ]{0,40}?)?(?P<date>(?P<first>\d{1,2})[-./](?P<second>\d{1,2})[-./]"
    rf"(?P<year>{_YEAR}))\s*$"
)
_HEADER_LINES = 6
"""A dateline is looked for among the first non-blank lines after the title."""
_HEADER_LINE_MAX = 100
"""A header line is short; a long line is the article's prose, unless it opens with a dateline."""

_CITATION = re.compile(r"\((?P<name>[A-Z][\w&.'’ -]{1,40}?),\s*(?:1[89]|20)\d{2}\)")
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b)\s*(?:(?:1[89]|20)\d{2}\s*)?(?P<name>[A-Za-z][\w&.' -]{0,40}?)"
    r"\s*(?:[.,]?\s*all rights reserved\.?)?\s*$",
    re.IGNORECASE,
)
_AGENCY_SLUG = re.compile(r"/(?P<name>[A-Z][A-Z0-9&.-]{1,20})/")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A publication date found in an article's header."""

    line: int
    column: int
    text: str
    date: PartialDate
    lead_column: int | None = None
    """Where article text starts on the dateline's own line ("Tokyo, 12 May -- The navy ...")."""


def parse_date_parts(year: int | None, month: int, day: int | None) -> PartialDate | None:
    """A PartialDate if the parts name a real calendar day (leap years allowed when no year)."""
    if not 1 <= month <= 12:
        return None
    if day is not None:
        last_day = calendar.monthrange(year if year is not None else 2000, month)[1]
        if not 1 <= day <= last_day:
            return None
    return PartialDate(year=year, month=month, day=day)


def _date_from_match(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    number = groups.get("month_number")
    month = int(number) if number else MONTHS[groups["month"].lower()]
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    return parse_date_parts(year, month, day)


def find_datelines(
    lines: Sequence[str],
    candidates: Sequence[bool],
    title_index: int | None,
    expected: PartialDate | None = None,
) -> list[Dateline]:
    """The dates in the header: short lines near the top that start with a date, or lines that open
    with one before their lead ("Tokyo, March 21 (Jiji Press)--The United States ..."), the title
    line included when text follows its date. `expected` (the front matter's date) decides
    between day-month and month-day in figures."""
    found: list[Dateline] = []
    seen = 0
    for index, line in enumerate(lines):
        if not candidates[index] or not line.strip():
            continue
        title = index == title_index
        if not title:
            seen += 1
            if seen > _HEADER_LINES:
                break
        dateline = _dateline_on(line, index + 1, expected)
        if dateline is None or (
            dateline.lead_column is None and (title or len(line.strip()) > _HEADER_LINE_MAX)
        ):
            continue  # a title that is only a date is a title; a long line is prose
        found.append(dateline)
    return found


def find_dateline(
    lines: Sequence[str],
    candidates: Sequence[bool],
    title_index: int | None,
    expected: PartialDate | None = None,
) -> Dateline | None:
    """The publication date in the header: the first of find_datelines."""
    found = find_datelines(lines, candidates, title_index, expected)
    return found[0] if found else None


def _dateline_on(line: str, number: int, expected: PartialDate | None) -> Dateline | None:
    for dateline in _DATELINES:
        match = dateline.match(line)
        if match is None:
            continue
        tail = _HEADER_TAIL.match(line, match.end())
        date = _date_from_match(match)
        if date is None or tail is None:  # "By then, 12 May 2024 had been set ..." is prose
            continue
        if tail.group("bare") and not (match.group("label") or tail.group("agency")):
            continue
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        lead_group = "lead" if tail.group("lead") else "bare" if tail.group("bare") else None
        lead = tail.start(lead_group) + 1 if lead_group else None
        return Dateline(number, start + 1, raw.strip(), date, lead)
    for dateline in _AGENCY_DATELINES:
        match = dateline.match(line)
        date = _date_from_match(match) if match else None
        if match is None or date is None:
            continue
        lead = match.start("lead") + 1 if match.group("lead") else None
        return Dateline(number, match.start("date") + 1, match.group("date"), date, lead)
    numeric = _NUMERIC_DATELINE.match(line)
    if numeric is not None:
        year, first, second = int(numeric["year"]), int(numeric["first"]), int(numeric["second"])
        readings = {
            parsed
            for parsed in (parse_date_parts(year, second, first), parse_date_parts(year, first, second))
            if parsed is not None
        }
        if expected is not None and expected in readings:
            readings = {expected}
        if len(readings) == 1:
            return Dateline(number, numeric.start("date") + 1, numeric["date"], readings.pop())
    return None


def find_sources(
    text: str,
    index: LineIndex,
    body_lines: Sequence[int],
    copyright_lines: Sequence[int],
    dateline_line: int | None,
    outlets: OutletMatcher,
) -> tuple[CitedSource, ...]:
    """Outlets the article cites: (Outlet, 2024) citations, © lines, agency slugs, named outlets."""
    found: dict[str, tuple[int, CitedSource]] = {}

    def add(
        name: str, via: Literal["citation", "copyright", "dateline", "mention"], surface: str, offset: int
    ) -> None:
        canonical = outlets.canonical_name(name)
        line, column = index.position(offset)
        if canonical not in found or offset < found[canonical][0]:
            source = CitedSource(name=canonical, via=via, text=surface, line=line, column=column)
            found[canonical] = (offset, source)

    body = set(body_lines)
    for match in _CITATION.finditer(text):
        if index.position(match.start())[0] in body:
            add(match.group("name"), "citation", match.group(), match.start())
    for match in outlets.pattern.finditer(text):
        start, end = match.span()
        hyphenated = text[start - 1 : start] == "-" or text[end : end + 1] == "-"  # "Reuters-style"
        if not hyphenated and index.position(start)[0] in body:
            add(match.group(), "mention", match.group(), start)
    for line in copyright_lines:
        start, end = index.line_bounds(line)
        notice = _COPYRIGHT.match(text[start:end])
        if notice and notice.group("name").strip():
            add(notice.group("name"), "copyright", text[start:end].strip(), start + notice.start("name"))
    if dateline_line is not None:
        start, end = index.line_bounds(dateline_line)
        for match in _AGENCY_SLUG.finditer(text, start, end):
            add(match.group("name"), "dateline", match.group(), match.start("name"))
    return tuple(source for _, source in sorted(found.values(), key=lambda item: item[0]))
