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
    r"^\s*(?:(?:published|posted|updated|first published|date)(?: on)?:?\s+)?"
    r"(?:(?P<place>(?-i:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})),\s+)?"
)
# What may follow the date on a header line: a time, an agency, then the end of the line,
# more header ("/ Updated 3 months ago"), or a dash and the lead sentence, which is body.
_HEADER_TAIL = re.compile(
    r"(?:\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|JST|AEST|AEDT|BST|EST|EDT|CET))?)?"
    r"(?:\s*,?\s*(?:/[A-Z][A-Z0-9&.-]{1,20}/|\([A-Z][\w&. -]{1,30}\)))?"
    r"(?:\s*$|\s*[/|·•]|\s*(?:--|—|–|-|:)\s*(?P<lead>\S.*))"
)
_DATELINES = tuple(re.compile(_HEADER_PREFIX + form, re.IGNORECASE) for form in _DATE_FORMS)
_HEADER_LINES = 6
"""A dateline is looked for among the first non-blank lines after the title."""
_HEADER_LINE_MAX = 100
"""A header line is short; a long line is the article's prose."""

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


def find_dateline(
    lines: Sequence[str], candidates: Sequence[bool], title_index: int | None
) -> Dateline | None:
    """The publication date in the header: a short line near the top that starts with a date."""
    seen = 0
    for index, line in enumerate(lines):
        if not candidates[index] or not line.strip() or index == title_index:
            continue
        seen += 1
        if seen > _HEADER_LINES:
            return None
        if len(line.strip()) > _HEADER_LINE_MAX:
            continue
        for dateline in _DATELINES:
            match = dateline.match(line)
            if match is None:
                continue
            tail = _HEADER_TAIL.match(line, match.end())
            date = _date_from_match(match)
            if date is None or tail is None:  # "By then, 12 May 2024 had been set ..." is prose
                continue
            raw = match.group()
            start = match.start() + len(raw) - len(raw.lstrip())
            lead = tail.start("lead") + 1 if tail.group("lead") else None
            return Dateline(index + 1, start + 1, raw.strip(), date, lead)
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
