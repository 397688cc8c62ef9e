"""`date`: when an event happened, or will, read from the date phrase nearest the event.

    - kind: date
      frames:             # the event as a lexicon and a topic in a role
        - {lexicon: found, topic: '{ref:aukus}', role: object, dated: true}
      event:              # or as RE2 patterns, the event's predicate in the group `anchor`
        - '\\bKishida\\b[^;]{0,60}?\\b(?P<anchor>visited|met)\\b'
      window: 12          # at most this many words between the event and the date
      precision: year     # optional: a year-valued field keeps only the year

A frame names a lexicon (declared once under `lexicons:`, inflections generated) and a topic
(RE2, usually a reference: '{ref:aukus}'), and compiles to every construction English has for
the event, each with its predicate as the anchor:

- `object` (the event is done to the topic): active "the leaders announced a new security
  partnership", "formed the AUKUS defense and security partnership", "announced the
  establishment of the partnership"; passive "AUKUS was established", with an aside or a
  relative clause between ("The AUKUS pact, which is seen as ..., was announced by ...", "a
  pact of Australia, the UK and the US that was established in 2021"); participles "the pact,
  originally announced in October 2021", "the AUKUS framework established in 2021", "Formed in
  2021, AUKUS ..."; nouns "the creation of AUKUS", "AUKUS's launch", "Since its creation in
  2021, AUKUS ...";
- `subject` (the topic does it): "AUKUS came into being in 2021", "got off to a flying start",
  and "Kishida ... during a state visit";
- `dated: true`: a date written into the topic's name dates the event ("the 2021 AUKUS pact",
  "the September 15 agreement", "Japan's 2013 secrecy law", "the Secrets Act of 2013").

A reference's name is the topic itself only when nothing but a head noun of the reference
follows it ("AUKUS partners", "AUKUS Pillar II" are other things); an indefinite mention is the
topic only when it is new or named at once ("announced an agreement" is another agreement; "a
new security partnership", "a partnership known as AUKUS" are it); between an active verb and
its object stand only determiners and adjectives ("announced plans to expand AUKUS" is no
founding).

A date counts when it is in the event's clause (see modality.py), at most `window` words from
it and no reporting verb away ("..., officials said on Monday" dates the report); of several,
the nearest wins (one inside the match first, then the fewest words away, then the later
one). A date another verb governs is that verb's: "Motegi on Friday welcomed the creation of
AUKUS", "a statement released after Biden met Kishida this month said ..." (auxiliaries,
catenatives and verbs that carry a noun's event, "will be held", "agreed to set up", "was
released", do not count). A date after "and" opens the next conjunct ("will meet Kishida and
on Thursday he will receive ..."); "since" and "until" bound a stretch of time and date no
event; an anniversary of the event is never its date ("marks the third anniversary of AUKUS
on 15 September 2024"). A sentence with the event and no such date yields nothing (`explain`
says why).

Date phrases, absolute and relative:

- "September 15, 2021", "Sept. 15, 2021", "15 September 2021", "2021-09-15", "September
  2021", "in 2021", "mid-2021", "the fall of 2021" (a season: northern-hemisphere months);
- with no year: "April 8", "12 May", "in March", "in mid-September", "last March", "for April";
- relative to publication: "today", "next week", "last month", "this year", "earlier this
  month", "later this year", "on Monday", "said Wednesday", "last Friday", "yesterday",
  "tomorrow", "two years ago", "two and a half years ago".

Relative phrases are placed against the article's publication date. A month or day with no
year is placed as HeidelTime places it in news: in a past-tense clause it is the latest one
not after publication ("in December" in a story of February 2024 is December 2023), in a
future or present-tense clause the first one not before it ("in January" in November 2024 is
January 2025), with no tense in the clause the publication year. Tense is read from the verb
nearest the date in its clause (before it, else after it): "will", "is expected to", "could",
lower-case "may", "will be held" are future; "was", "had", "has agreed", "could have met",
"said", "-ed" forms past; "is", "are", "has" present. A weekday in an article dated only to its
month is that month when every day the month allows puts it there ("on Wednesday", past, in
September 2021, whose 1st was a Wednesday); otherwise it stays unresolved.

A value is the date as precisely as it is known: a day "2021-09-15", a month "2024-04", an
ISO week "2024-W11", a year "2021", an interval that is none of these
"2024-03-01/2024-03-04" ("earlier this month" in a story of 4 March 2024). When the year
cannot be known (no publication date, or a dateline with no year), a month and day stay
"--04-08", a month "--04", anything else its phrase as written, in one case: weekday and
month names keep their capital, other words are lower case ("Wednesday", "last Friday",
"this month"): unresolved, and never in conflict with anything.

Not dates: "may" and "march" in lower case; a bare month without "in", "by", "since", "last",
"early" and the like ("May I ...", "the March toward"); a month followed by a capitalised
word ("April Smith"); "Today" inside a name ("USA Today"); decades ("the 2020s", "mid- to
late-2020s"); year ranges ("2021-2025"); citations ("(Sankei, 2024)", "Smith (2021)"); titles
of other works (in quotes after "titled", "his paper", ..., or Title Case after
"titled"/"entitled"); and numbers that are not years: counts ("2,021 troops", "2021 troops"),
prices, page and model numbers, times ("16:32"), model names ("F-35", "Mach 5").

Modality is judged at the event's predicate (the `anchor`), or at the date when there is none:
"did not meet in April" is denied, and the predicate's own auxiliaries count ("On Wednesday,
Biden will meet Kishida" is expected); the predicate itself is the claim, not an attribution
("the three countries announced AUKUS on ..." is asserted). A date over before publication,
in a clause not in the future tense, is no forecast, even when another predicate of the
clause has a future cue ("would work with the framework established in 2021"); so is a date
told in the past tense or by a past participle when there is no publication date ("AUKUS,
which was set up in 2021, aims to ..."). A phrase that itself looks ahead ("next month",
"later this year", "tomorrow") is judged after its own words, so it makes the claim expected.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aukus_check.english import VERB_GROUP_WORD, noun_forms, word_alternation
from aukus_check.english.words import (
    AHEAD,
    ARTICLES,
    BE_AHEAD,
    BE_FORMS,
    COORDINATORS,
    DEMONSTRATIVES,
    FINITE_BE,
    FINITE_HAVE,
    INTEND,
    IRREGULAR_PARTICIPLES,
    IRREGULAR_PAST,
    MODALS,
    NEGATED_MODALS,
    NOT_PAST_ED,
    POSSESSIVE_DETERMINERS,
    PREPOSITIONS,
    PRESENT_AUXILIARIES,
    RELATIVES,
    REPORTING_VERBS,
    SEQUENCE_ADVERBS,
)
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.extractors.phrases import alternation
from aukus_check.extractors.placeholders import reference_names
from aukus_check.metadata import MONTHS, parse_date_parts
from aukus_check.models import DatePrecision, DateValue, ExtractorRef, PartialDate
from aukus_check.re2_spans import Spans, char_offsets

KIND = "date"

Unit = Literal["day", "week", "month", "year"]
Tense = Literal["past", "present", "future"]
_FINENESS: dict[str, int] = {"year": 0, "month": 1, "week": 2, "day": 3}


# --- finding date phrases ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A date phrase in a sentence (character offsets), before it is placed on the calendar.

    A calendar date has `month` and perhaps `year` and `day`; a weekday has `weekday`; a
    phrase counted from publication ("next week", "yesterday") has `unit`. `shift` is -1 for
    last/yesterday, +1 for next/tomorrow; `explicit` says "last", "next" or "this" was written.
    """

    start: int
    end: int
    raw: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: Unit | None = None
    shift: int = 0
    explicit: bool = False
    edge: Literal["earlier", "later"] | None = None
    season: int | None = None
    """The first month of a season written with its year ("the fall of 2021": 9)."""

    @property
    def looks_ahead(self) -> bool:
        """Whether the phrase itself speaks of the future ("next month", "later this year")."""
        if self.unit is not None:
            return self.shift > 0 or self.edge == "later"
        return self.weekday is not None and self.explicit and self.shift > 0

    @property
    def needs_tense(self) -> bool:
        """Whether placing it needs the clause's tense (a month or weekday with no year or "last")."""
        if self.explicit or self.unit is not None:
            return False
        return self.weekday is not None or self.year is None


_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBREVIATED = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?P<month>(?:{_FULL})\b|(?:{_ABBREVIATED})(?:\.|\b))"  # case-sensitive: "may" is a modal
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_QUALIFIER = r"(?:(?P<qualifier>(?i:early|mid|late))[\s\-–]+)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_CALENDAR_FORMS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b,?\s+(?:of\s+)?{_YEAR}\b"),  # September 15, 2021
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),  # 4 Mar, 2024
    re.compile(rf"(?<![\w\-]){_YEAR}-(?P<month_number>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\w\-])"),
    re.compile(rf"\b{_QUALIFIER}?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),  # September 2021, mid-March 2024
    # April 8, but not a day range ("April 8-10") and not a number run on ("April 8.5")
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:-|–|to\b|and\b)\s*\d)(?![.,:]?\d)"),
    re.compile(rf"(?<![\d.,$])\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\s*(?:-|–)\s*\d)"),  # 12 May
)
# A month on its own only after a preposition or qualifier ("in March", "by early May",
# "last March"), not before a number (a longer form takes it) nor a capitalised word ("April Smith").
# Finders start at the name or the digits and read their lead word back from a short window:
# an optional prefix tried at every position costs Python's re most of its time.
_BARE_MONTH = re.compile(rf"\b(?P<month>{_FULL})\b(?!\.?,?\s*(?:of\s+)?\d)(?!\s+[A-Z][a-z])")
_MONTH_LEAD = re.compile(
    r"(?:\b(?P<lead>(?i:in|on|by|since|until|till|through|throughout|during|before|after|from|as\s+of"
    r"|between|around|for|last|next|this|earlier\s+in|later\s+in|(?:the\s+)?(?:end|beginning|start|middle)\s+of))"
    rf"\s+)?{_QUALIFIER}?$"
)
_YEAR_ALONE = re.compile(rf"(?<!\d){_YEAR}(?![\w%:]|[.,]\d)")
_YEAR_LEAD = re.compile(rf"\b{_QUALIFIER}$")
_NOT_BEFORE_YEAR = frozenset("$£€¥#§.,:/-–")
_RELATIVE = re.compile(r"(?i)\b(?P<direction>next|last|this)\s+(?P<unit>week|month|year)\b(?:['’]s\b)?")
_RELATIVE_LEAD = re.compile(rf"(?P<the>(?i:\bthe)\s+)?{_QUALIFIER}?$")
_EDGE = re.compile(r"(?i)\b(?P<edge>earlier|later)\s+this\s+(?P<unit>week|month|year)\b(?:['’]s\b)?")
_WEEKDAY = re.compile(rf"\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b")
_WEEKDAY_LEAD = re.compile(r"\b(?P<lead>(?i:on|last|next|this|coming|by|until|since|from))\s+$")
_LEAD_WINDOW = 40
"""How far back a finder looks for its lead word ("the beginning of", "early")."""
_SHIFT = re.compile(r"(?i)\b(?P<word>yesterday|tomorrow|today)\b")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
}  # fmt: skip
_AGO = re.compile(
    r"(?i)\b(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+couple\s+of)(?P<half>\s+and\s+a\s+half)?\s+(?P<unit>day|week|month|year)s?"
    r"(?P<half_after>\s+and\s+a\s+half)?\s+ago\b"
)
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON = re.compile(
    rf"(?i)\b(?:(?P<qualifier>early|late|mid)[\s\-–]+)?(?P<season>spring|summer|fall|autumn|winter)"
    rf"\s+(?:of\s+)?{_YEAR}\b"
)

_NOT_A_YEAR_BEFORE = re.compile(
    r"(?i:\b(?:pages?|pp?|nos?|numbers?|vol|volume|chapter|ch|section|sec|article|art|paragraph|para"
    r"|resolution|flight|route|room|model|type|item|line|fig|figure|table|code|serial|unit)\.?\s*#?\s*$"
    r"|(?:US|A|C|NZ|S|HK)?\$\s*$|\b(?:USD|AUD|JPY|EUR|GBP|yen|euros?|dollars?)\s*$|[¥€£]\s*$)"
)
_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d\s*(?:-|–|—|to|and|through|until|or)\s*$")
_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|to\b|and\b|through\b|until\b|or\b)\s*(?:19|20)?\d\d\b")
_COUNTED = re.compile(
    r"\s+(?:[a-z\-]+\s+)?(?:troops|soldiers|sailors|personnel|people|workers|staff|officers|engineers"
    r"|specialists|jobs|units|vehicles|tanks|missiles|rockets|aircraft|jets|planes|ships|vessels|boats"
    r"|submarines|drones|satellites|warheads|rounds|shells|tons|tonnes|kilo(?:meter|metre|gram)s|km|kg"
    r"|miles|meters|metres|feet|dollars|yen|euros|pounds|cases|deaths|casualties|votes|members|students"
    r"|households|companies|firms|projects|contracts|items|pages|words|times)\b"
)
_TEMPORAL_LEAD = re.compile(
    r"(?i:\b(?:in|by|since|until|till|during|before|after|from|of|early|mid|late|circa|around)\s*$)"
)
_POSSESSIVE = re.compile(r"['’]s\b")
"""'s after a word: a decade ("the 1990's"), or a possessive ("the 2021 pact's")."""
_WITH_FULL_DATE = re.compile(rf",?\s+(?:(?:{_FULL}|{_ABBREVIATED})\b|\d)")

# Titles of other works: quoted after a cue, or Title Case after "titled"/"entitled" (any
# length) or after "his paper"/"a report" (two words or more: "a report Monday" is no title).
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?!\w)")
_TITLE_CUE = re.compile(
    r"(?i:\b(?:titled|entitled|headlined|headline|called|named|dubbed|paper|book|report|article|study"
    r"|essay|op-ed|column|piece|commentary|editorial|documentary|film|novel|chapter|post)\b)[\s,:]*$"
)
_TITLED = re.compile(r"(?i:\b(?:titled|entitled|headlined)\b)\s*:?\s*")
_WORK = re.compile(r"(?i:\b(?:paper|book|report|study|essay|article|op-ed|commentary)\b)\s+")
_TITLE_RUN = re.compile(
    r"[A-Z0-9][\w’'&:\-]*(?:\s+(?:[A-Z0-9][\w’'&:\-]*|of|the|a|an|and|in|on|for|to|at|with|by|from|or|vs\.?))*"
)
# "(Sankei, 2024)", "(Smith et al. 2021)", "(Reuters, March 5)": a source and its date.
_CITATION = re.compile(r"\s*[A-Z][^(),]{0,60}?(?:\s+et\s+al\.?)?(?:,\s*|\s+(?=(?:19|20)\d\d))")
_CITED_NAME = re.compile(r"[A-Z][\w.’'\-]+(?:\s+et\s+al\.?)?\s*$")


def _number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _month(match: re.Match[str]) -> int:
    number = match.groupdict().get("month_number")
    return int(number) if number else MONTHS[match["month"].rstrip(".").lower()]


def _calendar(match: re.Match[str], sentence: str) -> Mention | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    day = _number(groups["day"]) if groups.get("day") else None
    month = _month(match)
    if parse_date_parts(year, month, day) is None:  # "April 31" is no day
        return None
    start = match.start("qualifier") if groups.get("qualifier") else match.start()
    return Mention(start, match.end(), sentence[start : match.end()], year=year, month=month, day=day)


def _lead(regex: re.Pattern[str], sentence: str, start: int) -> re.Match[str] | None:
    """The lead words (regex ending in $) just before `start`, read from a short window."""
    return regex.search(sentence, max(0, start - _LEAD_WINDOW), start)


def _bare_month(match: re.Match[str], sentence: str) -> Mention | None:
    lead_match = _lead(_MONTH_LEAD, sentence, match.start())
    lead = (lead_match["lead"] or "").lower() if lead_match else ""
    qualifier = lead_match is not None and lead_match["qualifier"] is not None
    if not lead and not qualifier:
        return None  # "May I ...", "the March toward ..."
    assert lead_match is not None
    direction = {"last": -1, "next": 1, "this": 0}.get(lead)
    start = match.start()
    if qualifier:
        start = lead_match.start("qualifier")
    if direction is not None:
        start = lead_match.start("lead")
    return Mention(
        start,
        match.end(),
        sentence[start : match.end()],
        month=MONTHS[match["month"].lower()],
        shift=direction or 0,
        explicit=direction is not None,
    )


def _year(match: re.Match[str], sentence: str) -> Mention | None:
    qualifier = _lead(_YEAR_LEAD, sentence, match.start())
    start = qualifier.start() if qualifier else match.start()
    if (
        not qualifier
        and start > 0
        and (sentence[start - 1].isalnum() or sentence[start - 1] in _NOT_BEFORE_YEAR)
    ):
        return None  # "F-2021", "$2021", "2,021", "16:2021"
    before, after = sentence[max(0, start - _LEAD_WINDOW) : start], sentence[match.end() :]
    year = int(match["year"])
    if _NOT_A_YEAR_BEFORE.search(before) or _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return None
    if year % 10 == 0 and _POSSESSIVE.match(after):
        return None  # "the 1990's": a decade
    if _COUNTED.match(after) and not _TEMPORAL_LEAD.search(before):
        return None  # "2021 troops"; but "in 2021 troops were sent" is a year
    return Mention(start, match.end(), sentence[start : match.end()], year=year)


def _possessive_cut(match: re.Match[str], sentence: str) -> tuple[int, int, str]:
    """Span and text of a phrase without its possessive: "last week's announcement" is "last week"."""
    raw = re.sub(r"['’]s$", "", sentence[match.start() : match.end()])
    return match.start(), match.start() + len(raw), raw


def _relative(match: re.Match[str], sentence: str) -> Mention | None:
    start, end, raw = _possessive_cut(match, sentence)
    unit: Unit = match["unit"].lower()  # type: ignore[assignment]
    if match.groupdict().get("edge"):
        edge: Literal["earlier", "later"] = match["edge"].lower()  # type: ignore[assignment]
        return Mention(start, end, raw, unit=unit, edge=edge, explicit=True)
    lead = _lead(_RELATIVE_LEAD, sentence, match.start())
    if lead is not None and lead["the"]:
        return None  # "over the next month", "in the last year": a stretch of time, not a date
    if lead is not None and lead["qualifier"]:  # "early next year"
        start = lead.start("qualifier")
        raw = sentence[start:end]
    shift = {"next": 1, "last": -1, "this": 0}[match["direction"].lower()]
    return Mention(start, end, raw, unit=unit, shift=shift, explicit=True)


def _weekday(match: re.Match[str], sentence: str) -> Mention | None:
    if _WITH_FULL_DATE.match(sentence, match.end()):
        return None  # "Monday, March 4, 2024": the date that follows says it
    lead_match = _lead(_WEEKDAY_LEAD, sentence, match.start())
    lead = lead_match["lead"].lower() if lead_match else ""
    direction = {"last": -1, "next": 1, "coming": 1, "this": 0}.get(lead)
    start = lead_match.start("lead") if lead_match and direction is not None else match.start()
    return Mention(
        start,
        match.end(),
        sentence[start : match.end()],
        weekday=_WEEKDAYS.index(match["weekday"]),
        shift=direction or 0,
        explicit=direction is not None,
    )


def _shifted_day(match: re.Match[str], sentence: str) -> Mention | None:
    word = match["word"]
    if word[0].isupper() and sentence[: match.start()].strip(" \t\r\n“\"‘'("):
        return None  # "USA Today", "Japan Today": a title, not a day
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word.lower()]
    return Mention(match.start(), match.end(), word, unit="day", shift=shift, explicit=True)


def _ago(match: re.Match[str], sentence: str) -> Mention | None:
    """ "two years ago", "three weeks ago", "two and a half years ago": counted back from publication."""
    count_text = " ".join(match["count"].lower().split())
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    unit: Unit = match["unit"].lower()  # type: ignore[assignment]
    shift = -count
    if match["half"] or match["half_after"]:  # half a year is six months, half a month two weeks
        if unit == "year":
            unit, shift = "month", -(12 * count + 6)
        elif unit == "month":
            unit, shift = "week", -(4 * count + 2)
        else:
            return None  # "a day and a half ago": no unit to count it in
    return Mention(match.start(), match.end(), match.group(), unit=unit, shift=shift, explicit=True)


def _season(match: re.Match[str], sentence: str) -> Mention:
    """ "the fall of 2021", "spring 2022": a season of a year (northern-hemisphere months)."""
    start = match.start("qualifier") if match["qualifier"] else match.start("season")
    return Mention(
        start,
        match.end(),
        sentence[start : match.end()],
        year=int(match["year"]),
        season=_SEASONS[match["season"].lower()],
    )


_FINDERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], Mention | None]], ...] = (
    *((form, _calendar) for form in _CALENDAR_FORMS),
    (_BARE_MONTH, _bare_month),
    (_YEAR_ALONE, _year),
    (_RELATIVE, _relative),
    (_EDGE, _relative),
    (_WEEKDAY, _weekday),
    (_SHIFT, _shifted_day),
    (_AGO, _ago),
    (_SEASON, _season),
)


def _title_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names another work: its dates are the work's, not the event's."""
    spans = [
        quote.span() for quote in _QUOTED.finditer(sentence) if _TITLE_CUE.search(sentence, 0, quote.start())
    ]
    for cue, minimum in ((_TITLED, 1), (_WORK, 2)):
        for match in cue.finditer(sentence):
            run = _TITLE_RUN.match(sentence, match.end())
            if run and len(run.group().split()) >= minimum:
                spans.append(run.span())
    return spans


def _cited(sentence: str, start: int, end: int) -> bool:
    """Whether [start, end) is the date of a citation: "(Sankei, 2024)", "Smith (2021)"."""
    opening = sentence.rfind("(", 0, start)
    closing = sentence.find(")", end)
    if opening < 0 or closing < 0 or ")" in sentence[opening:start] or "(" in sentence[end:closing]:
        return False
    inside = sentence[opening + 1 : closing]
    if inside.strip() == sentence[start:end]:
        return bool(_CITED_NAME.search(sentence, 0, opening))
    lead = _CITATION.match(inside)
    return lead is not None and opening + 1 + lead.end() == start


@functools.lru_cache(maxsize=256)
def find_dates(sentence: str) -> tuple[Mention, ...]:
    """Every date phrase of a sentence, in order, none overlapping (the longest wins a tie)."""
    found = []
    for regex, read in _FINDERS:
        for match in regex.finditer(sentence):
            mention = read(match, sentence)
            if mention is not None:
                found.append(mention)
    if not found:
        return ()
    titles = _title_spans(sentence)
    chosen: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if chosen and mention.start < chosen[-1].end:
            continue
        if any(start <= mention.start and mention.end <= end for start, end in titles):
            continue
        if _cited(sentence, mention.start, mention.end):
            continue
        chosen.append(mention)
    return tuple(chosen)


# --- the tense of the clause --------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_MODALS = (MODALS - {"may"}) | NEGATED_MODALS  # "may" is read apart: "May" is a month
_DETERMINERS = ARTICLES | DEMONSTRATIVES | POSSESSIVE_DETERMINERS | {"new", "more", "most", "highly", "well"}
"""Words before an -ed word that make it an adjective: "a renewed push", "the highly anticipated"."""


def _participle(word: str) -> bool:
    return word in IRREGULAR_PARTICIPLES or (word.endswith("ed") and word not in NOT_PAST_ED)


def _marker(words: list[str], index: int, sentence: str, start: int) -> Tense | None:
    """The tense a word marks, given its neighbours: "will", "is expected to", "has agreed", "met"."""
    word = words[index].lower().replace("’", "'")
    following = [w.lower() for w in words[index + 1 : index + 4]]
    if word in _MODALS or (word == "may" and words[index] == "may") or word.endswith("'ll"):
        rest = following[1:] if following[:1] == ["not"] else following
        if rest[:1] == ["have"] and len(rest) > 1 and _participle(rest[1]) and word not in ("will", "shall"):
            return "past"  # "could have met"
        return "future"
    if word in FINITE_BE:
        rest = following[1:] if len(following) > 2 and following[1] in BE_AHEAD else following
        if (rest[:1] and rest[0] in BE_AHEAD and rest[1:2] == ["to"]) or (
            word in ("is", "are") and rest[:1] == ["to"]
        ):
            return "future"
        return "past" if word in ("was", "were") else "present"
    if word in INTEND and following[:1] == ["to"]:
        return "future"
    if word in AHEAD:
        return "future"
    if word in ("has", "have"):
        rest = following[1:] if len(following) > 1 and not _participle(following[0]) else following
        return "past" if rest[:1] and _participle(rest[0]) else "present"
    if word in IRREGULAR_PAST:
        return "past"
    if word in PRESENT_AUXILIARIES:
        return "present"
    if word.endswith("ed") and len(word) > 3 and word not in NOT_PAST_ED:
        if sentence[start - 1 : start] in ("-", "–", "’", "'"):
            return None  # "nuclear-powered", "U.S.-led"
        if index > 0 and words[index - 1].lower() in _DETERMINERS:
            return None  # "a renewed push": an adjective
        if words[index][0].isupper() and sentence[:start].strip(" “\"‘'("):
            return None  # "United", "Red": a name, unless it opens the sentence ("Created in 2021")
        return "past"
    return None


def tense_near(sentence: str, clause: tuple[int, int], start: int, end: int) -> Tense | None:
    """The tense of the verb nearest the date in its clause: the last before it, else the first after."""
    tokens = list(_WORD.finditer(sentence, clause[0], clause[1]))
    words = [token.group() for token in tokens]
    before = [index for index, token in enumerate(tokens) if token.end() <= start]
    after = [index for index, token in enumerate(tokens) if token.start() >= end]
    for index in (*reversed(before), *after):
        tense = _marker(words, index, sentence, tokens[index].start())
        if tense == "past" and index > 0 and words[index - 1].lower() == "be":
            return "future"  # "will be held", "is to be signed": a passive infinitive looks ahead
        if tense is not None:
            return tense
    return None


# --- placing a date on the calendar -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a date phrase falls: days [start, end], or the month (and day) of a yearless date."""

    start: datetime.date | None
    end: datetime.date | None
    precision: DatePrecision | None
    month: int | None = None
    day: int | None = None
    relative: bool = False
    """Whether the publication date decided it."""


_UNPLACED = Placed(None, None, None)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _interval(year: int, month: int | None, day: int | None, relative: bool) -> Placed | None:
    date = PartialDate(year=year, month=month, day=day)
    days = date.days()
    if days is None:
        return None  # 29 February in a year that has none
    return Placed(days[0], days[1], date.precision, relative=relative)


def _full(published: PartialDate | None) -> datetime.date | None:
    if published is None or published.year is None or published.month is None or published.day is None:
        return None
    return datetime.date(published.year, published.month, published.day)


def _year_for(mention: Mention, published: PartialDate, tense: Tense | None) -> int:
    """The year of a month (and day) written without one, from publication and tense."""
    assert published.year is not None and published.month is not None and mention.month is not None
    if mention.day is not None and published.day is not None:
        there, here = (mention.month, mention.day), (published.month, published.day)
    else:
        there, here = (mention.month, 0), (published.month, 0)
    year = published.year
    if mention.explicit:  # "last March" is before this month, "next March" after it
        if mention.shift < 0:
            return year if there < here else year - 1
        if mention.shift > 0:
            return year if there > here else year + 1
        return year
    if tense == "past":
        return year - 1 if there > here else year
    if tense in ("future", "present"):
        return year + 1 if there < here else year
    return year


def place(mention: Mention, published: PartialDate | None, tense: Tense | None) -> Placed | None:
    """The days a phrase stands for, as far as the publication date tells; None if no real day.

    A phrase whose days would fall off the calendar ("next month" in an article of December
    9999, "last week" in one of January 1) stays unresolved: its raw phrase, never a crash.
    """
    try:
        return _place(mention, published, tense)
    except (ValueError, OverflowError):
        return Placed(None, None, None, month=mention.month, day=mention.day)


def _place(mention: Mention, published: PartialDate | None, tense: Tense | None) -> Placed | None:
    if mention.weekday is not None:
        return _place_weekday(mention, published, tense)
    if mention.unit is not None:
        return _place_relative(mention, published)
    assert mention.month is not None or mention.year is not None
    if mention.season is not None and mention.year is not None:
        first = datetime.date(mention.year, mention.season, 1)
        last_month = mention.season + 2
        year = mention.year + (last_month - 1) // 12
        last_month = (last_month - 1) % 12 + 1
        return Placed(first, datetime.date(year, last_month, _last_day(year, last_month)), "month")
    if mention.year is not None:
        return _interval(mention.year, mention.month, mention.day, relative=False)
    if published is None or published.year is None or published.month is None:
        return Placed(None, None, None, month=mention.month, day=mention.day)
    return _interval(_year_for(mention, published, tense), mention.month, mention.day, relative=True)


def _place_weekday(mention: Mention, published: PartialDate | None, tense: Tense | None) -> Placed:
    today = _full(published)
    if today is None:
        return _weekday_in_month(mention, published, tense)
    assert mention.weekday is not None
    ahead = (mention.weekday - today.weekday()) % 7 or 7  # the next one, strictly after
    behind = (today.weekday() - mention.weekday) % 7  # the latest one, today included
    if mention.explicit:
        if mention.shift > 0:
            delta = ahead
        elif mention.shift < 0:
            delta = -(behind or 7)
        else:
            delta = mention.weekday - today.weekday()  # "this Monday": in the week of publication
    else:
        delta = ahead if tense in ("future", "present") else -behind
    day = today + datetime.timedelta(days=delta)
    return Placed(day, day, "day", relative=True)


def _weekday_in_month(mention: Mention, published: PartialDate | None, tense: Tense | None) -> Placed:
    """A weekday in an article known only to its month: the month, when every day of publication
    the month allows puts it there ("on Wednesday" in a story of September 2021, whose 1st was a
    Wednesday, past tense); otherwise unplaced. Never a guess between two months."""
    if published is None or published.year is None or published.month is None or published.day is not None:
        return _UNPLACED
    if mention.explicit or mention.weekday is None:
        return _UNPLACED
    year, month = published.year, published.month
    first, last = datetime.date(year, month, 1), datetime.date(year, month, _last_day(year, month))
    if tense in ("future", "present"):
        earliest = first + datetime.timedelta(days=(mention.weekday - first.weekday()) % 7 or 7)
        latest = last + datetime.timedelta(days=(mention.weekday - last.weekday()) % 7 or 7)
    else:
        earliest = first - datetime.timedelta(days=(first.weekday() - mention.weekday) % 7)
        latest = last - datetime.timedelta(days=(last.weekday() - mention.weekday) % 7)
    if (earliest.year, earliest.month) != (year, month) or (latest.year, latest.month) != (year, month):
        return _UNPLACED
    return Placed(first, last, "month", relative=True)


def _place_relative(mention: Mention, published: PartialDate | None) -> Placed:
    unit, shift, edge = mention.unit, mention.shift, mention.edge
    today = _full(published)
    if published is None or (published.month is None and unit != "year"):
        return _UNPLACED
    if unit == "day":
        if today is not None:
            day = today + datetime.timedelta(days=shift)
            return Placed(day, day, "day", relative=True)
        if published.day is not None and 1 <= published.day + shift <= 28:
            return Placed(None, None, None, month=published.month, day=published.day + shift, relative=True)
        if (
            shift == 0
            and published.day is None
            and published.year is not None
            and published.month is not None
        ):
            year, month = published.year, published.month  # "today" in a story of September 2021
            first, last = datetime.date(year, month, 1), datetime.date(year, month, _last_day(year, month))
            return Placed(first, last, "month", relative=True)
        return _UNPLACED
    if unit == "week":
        if today is None:
            return _UNPLACED
        monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=shift)
        sunday = monday + datetime.timedelta(days=6)
        return Placed(
            today if edge == "later" else monday, today if edge == "earlier" else sunday, "week", True
        )
    if unit == "month":
        assert published.month is not None
        index = published.month - 1 + shift
        if published.year is None:
            return Placed(None, None, None, month=index % 12 + 1, relative=True)
        year, month = published.year + index // 12, index % 12 + 1
        first = datetime.date(year, month, 1)
        last = datetime.date(year, month, _last_day(year, month))
        return Placed(
            today if edge == "later" and today else first,
            today if edge == "earlier" and today else last,
            "month",
            relative=True,
        )
    if published.year is None:
        return _UNPLACED
    year = published.year + shift
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if edge is not None and published.month is not None:  # up to, or from, the publication date
        month_start = datetime.date(year, published.month, 1)
        month_end = datetime.date(year, published.month, _last_day(year, published.month))
        if edge == "earlier":
            last = today or month_end
        else:
            first = today or month_start
    return Placed(first, last, "year", relative=True)


def truncate(placed: Placed, unit: Literal["year", "month"]) -> Placed | None:
    """Keep only the year (or month) of a date; None if the date does not state it."""
    if placed.start is not None and placed.end is not None and placed.precision is not None:
        if _FINENESS[placed.precision] <= _FINENESS[unit]:
            return placed
        start, end = placed.start, placed.end
        if unit == "year":
            return Placed(
                datetime.date(start.year, 1, 1),
                datetime.date(end.year, 12, 31),
                "year",
                relative=placed.relative,
            )
        last = datetime.date(end.year, end.month, _last_day(end.year, end.month))
        return Placed(datetime.date(start.year, start.month, 1), last, "month", relative=placed.relative)
    if placed.month is not None:
        return (
            None if unit == "year" else Placed(None, None, None, month=placed.month, relative=placed.relative)
        )
    return placed


def label(placed: Placed, raw: str) -> str:
    """The value a report shows: "2021-09-15", "2024-04", "2024-W11", "2021", a/b, "--04-08" or the phrase."""
    start, end = placed.start, placed.end
    if start is not None and end is not None:
        if start == end:
            return start.isoformat()
        if placed.precision == "week" and start.weekday() == 0 and (end - start).days == 6:
            year, week, _ = start.isocalendar()
            return f"{year:04d}-W{week:02d}"
        whole_month = start.day == 1 and end.day == _last_day(end.year, end.month)
        if whole_month and (start.year, start.month) == (end.year, end.month):
            return f"{start.year:04d}-{start.month:02d}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
            return f"{start.year:04d}"
        return f"{start.isoformat()}/{end.isoformat()}"
    if placed.month is not None:
        return f"--{placed.month:02d}" + (f"-{placed.day:02d}" if placed.day is not None else "")
    return as_written(raw)


_PROPER = frozenset(name.lower() for name in (*_WEEKDAYS, *_FULL.split("|"), *_ABBREVIATED.split("|")))


def as_written(raw: str) -> str:
    """An unresolved phrase as the article writes it, in one case whatever its place in the sentence:
    weekdays and months keep their capital ("last Friday", "Wednesday"), other words are lower
    case ("This month" opening a sentence is "this month")."""
    return " ".join(word if word.rstrip(".,").lower() in _PROPER else word.lower() for word in raw.split())


# --- the probe ----------------------------------------------------------------------------------


# A reporting verb between the event and a date makes the date the report's: "the partners
# agreed to cooperate, officials said on Monday".
_REPORTING = re.compile(  # lower case: "the United States" reports nothing
    rf"\b(?:{word_alternation(REPORTING_VERBS)}|[Aa]ccording\s+to)\b"
)


_BOUND = re.compile(r"(?i)\b(?:since|until|till|through|throughout|ever\s+since)\s+$")
_CONJUNCTION = re.compile(
    r"(?i)\s*,?\s*(?:and|but|while|whereas|then|and\s+then)\s+(?:(?:on|in|at|by|during|from|since)\s+)?"
)
"""A date right after "and" opens the next conjunct, not the event's clause."""


def _between(sentence: str, left: tuple[int, int], right: tuple[int, int]) -> str:
    """The text strictly between two spans; empty when they touch or overlap."""
    first, second = sorted((left, right))
    return sentence[first[1] : second[0]] if second[0] > first[1] else ""


def _byte_offsets(sentence: str, data: bytes) -> Callable[[int], int]:
    if len(sentence) == len(data):
        return lambda offset: offset
    return lambda offset: len(sentence[:offset].encode("utf-8"))


def nearest(
    mentions: tuple[Mention, ...],
    sentence: str,
    event: tuple[int, int],
    clause: tuple[int, int],
    window: int,
    allow: Callable[[Mention], bool] | None = None,
) -> Mention | None:
    """The date the event is about: in its clause, within `window` words and no reporting verb away,
    the nearest (one inside the event match first, then the fewest words away, then the later);
    `allow` may set some aside (a date another predicate stands between)."""
    best: tuple[tuple[int, int, int], Mention] | None = None
    for mention in mentions:
        if mention.start < clause[0] or mention.end > clause[1]:
            continue
        between = _between(sentence, event, (mention.start, mention.end))
        distance = len(between.split())
        if distance > window or _REPORTING.search(between):
            continue
        if allow is not None and not allow(mention):
            continue
        if _BOUND.search(sentence, max(0, mention.start - 12), mention.start):
            continue  # "since 2022", "until April": a bound of a stretch of time, not the event's date
        if mention.start >= event[1] and _CONJUNCTION.fullmatch(between):
            continue  # "Biden will meet Kishida and on Thursday he will receive Marcos"
        inside = event[0] <= mention.start and mention.end <= event[1]
        key = (0 if inside else 1, distance, -mention.start)
        if best is None or key < best[0]:
            best = (key, mention)
    return best[1] if best else None


def _before_publication(placed: Placed, published: PartialDate | None) -> bool:
    """Whether the date is over before the article's publication date begins."""
    if placed.end is None or published is None or published.year is None:
        return False
    return placed.end < datetime.date(published.year, published.month or 1, published.day or 1)


# --- event frames ----------------------------------------------------------------------------------

Form = Literal[
    "pattern",
    "active",
    "passive",
    "apposed",
    "reduced",
    "opening",
    "noun",
    "pronoun",
    "subject",
    "during",
    "dated",
    "owner",
]

_LOWER = r"(?-i:[a-z][a-z’'-]*)"
_ADVERBS = (  # the -ly words again: a pattern may be case-insensitive, "(?-i:[a-z]+ly)" is not
    rf"(?:(?:(?-i:[a-z]+ly)|{word_alternation(SEQUENCE_ADVERBS)}|originally|formally|officially|initially|jointly)"
    r"\s+){0,2}"
)
_AUX = rf"(?:{word_alternation(BE_FORMS)}|{word_alternation(FINITE_HAVE)}\s+been|will\s+be|would\s+be)"
# Between a topic and its passive verb: an aside in commas (", which is largely seen as ...,") or
# a postmodifier naming its parties ("a security pact of Australia, the UK and the US that ...").
_ASIDE = (
    r"(?:\s*,[^,;:()]{1,120}?,"
    r"|\s+(?:of|between|among|linking|involving|comprising|uniting|with)\s+[^;:()]{1,80}?)?"
)
_REDUCED_NEXT = (
    r"(?:\s+(?:in|on|at|back|during|by|under|last|earlier|this|some|about|nearly|almost|over)\b"
    r"|\s+(?:19|20)\d\d\b|\s*[,.;)])"
)
_DATED_DETERMINER = (
    rf"(?:{word_alternation(DEMONSTRATIVES | POSSESSIVE_DETERMINERS | {'the'})}|(?-i:[A-Z][\w-]*)['’]s)"
)
_MONTH_WORD = rf"(?-i:(?:{_FULL}|{_ABBREVIATED}))\.?"
_ORDINAL_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_SHAPE = (
    rf"(?:(?:19|20)\d\d|{_MONTH_WORD}(?:\s+{_ORDINAL_DAY})?(?:,?\s+(?:19|20)\d\d)?"
    rf"|{_ORDINAL_DAY}\s+{_MONTH_WORD}(?:,?\s+(?:19|20)\d\d)?)"
)
"""A date written into a name ("the 2021 AUKUS pact", "the September 15 agreement"); find_dates reads it."""

# Between an active verb and its object only determiners and adjectives stand: a preposition or
# a new predicate makes the topic something else than what the verb made ("announced plans to
# expand AUKUS", "set up a working group under AUKUS").
_NOT_OBJECT = PREPOSITIONS | COORDINATORS | RELATIVES | {"but", "said", "says", "told", "plans", "plan"}
# What may follow a name for it to be the thing itself and not a modifier of another noun:
# "launched AUKUS in 2021" and "AUKUS, founded ..." but not "AUKUS partners" or "AUKUS Pillar II".
_TOPIC_END = re.compile(
    r"\s*(?:$|[^\w\s]|(?i:in|on|at|by|during|back|with|between|among|for|to|from|of|under|since|after|before"
    r"|when|where|which|that|who|whose|as|and|or|but|nor|was|were|is|are|has|had|have|been|being|be|will"
    r"|would|could|can|may|might|shall|should|must|did|does|do|also|first|originally|officially|formally"
    r"|initially|jointly|itself|together|amid|following|over|into|through|via|across|against|alongside"
    r"|despite|last|this|next|earlier|later|some|about|almost|nearly|today|yesterday|(?:19|20)\d\d|\d{1,2}"
    r"|known|called|named|dubbed|termed|branded|now"
    rf"|{'|'.join(_WEEKDAYS)}|{_FULL}|{_ABBREVIATED}|\w+ly)\b)"
)
# An indefinite mention ("announced an agreement") introduces something new: it is the named topic
# only when it is said to be new, or named right after ("a new security partnership", "a
# partnership known as AUKUS", "a defence partnership, AUKUS").
_INDEFINITE = re.compile(r"(?i)an?\s")
_NEW = re.compile(r"(?i)\bnew\b")
_NAMED_AFTER = re.compile(
    r"\s*,?\s*(?:(?:now|later|since)\s+)?(?i:known|called|named|dubbed|termed|branded|christened)\b"
    r"|\s*,\s*[“\"‘']?[A-Z]{2,}"
)
_ANNIVERSARY_BEFORE = re.compile(r"(?i)\banniversar(?:y|ies)\s+of\s+(?:the\s+|its\s+|their\s+)?$")
_ANNIVERSARY = re.compile(r"(?i)\banniversar(?:y|ies)\b")
_PARTICIPIAL = frozenset(("passive", "apposed", "reduced", "opening"))
"""Forms whose predicate is a past participle: what they date is done, unless the date looks ahead."""
_OF_AFTER = re.compile(r"\s+of\b")
_THAT_AFTER = re.compile(r"\s*,?\s*that\b")


class EventFrame(BaseModel):
    """An event named by a lexicon's words standing in a role to a topic: "AUKUS was announced"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lexicon: str = Field(
        description="A lexicon declared under `lexicons:`: the event's verbs and nouns ('announce', "
        "'establish', ...; 'creation', 'launch', ...)."
    )
    topic: str = Field(
        description="RE2 pattern (placeholders allowed) naming what the event is about: '{ref:aukus}'."
    )
    role: Literal["object", "subject"] = Field(
        default="object",
        description="object: the event is done to the topic ('announced AUKUS', 'AUKUS was founded', "
        "'AUKUS, founded in 2021', 'the creation of AUKUS'); subject: the topic does it ('AUKUS came "
        "into being', 'Kishida ... during a state visit').",
    )
    dated: bool = Field(
        default=False,
        description="A date written into the topic's own name dates the event ('the 2021 AUKUS pact', "
        "'the September 15 agreement').",
    )


class Spec(ExtractorSpec):
    """The date of an event: the date phrase nearest an `event` match, in its clause."""

    kind: Literal["date"]
    event: list[str] = Field(
        default_factory=list,
        description="RE2 patterns naming the event the field dates ('AUKUS ... established'); a group "
        "named 'anchor' marks the event's own predicate (modality is judged from it to the date).",
    )
    frames: list[EventFrame] = Field(
        default_factory=list,
        description="Events as a lexicon and a topic in a role, matched in every construction English "
        "has for it (active, passive, relative clause, participle, noun); see the kind's documentation.",
    )
    window: int = Field(
        default=12,
        ge=0,
        le=60,
        description="At most this many words between the event match and the date (which must also "
        "be in the event's clause).",
    )
    precision: Literal["year", "month"] | None = Field(
        default=None, description="Keep only this unit of every date (a year-valued field: 'year')."
    )
    case_sensitive: bool = Field(default=False, description="Match the event patterns case-sensitively.")


@dataclass(frozen=True, slots=True)
class _Form:
    """One RE2 source an event frame (or an event pattern) compiles to, and what its matches need."""

    source: str
    form: Form
    heads: frozenset[str] = frozenset()
    """Head nouns of the topic's references ("pact", "partnership"): a topic ending in one is whole."""
    names: re.Pattern[str] | None = None
    """The names of the topic's references ("AUKUS"), to tell a named topic from a bare mention."""


def _names(topic: str, references: Mapping[str, Any]) -> re.Pattern[str] | None:
    found = [
        (name, references[ref].case_sensitive)
        for ref in re.findall(r"\{ref:([a-z0-9_]+)\}", topic)
        if ref in references
        for name in references[ref].names
    ]
    if not found:
        return None
    return re.compile(
        "|".join(rf"(?{'' if sensitive else 'i'}:\b{re.escape(name)}\b)" for name, sensitive in found)
    )


def _heads(topic: str, references: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(
        form
        for name in re.findall(r"\{ref:([a-z0-9_]+)\}", topic)
        if name in references
        for noun in references[name].mentions
        for form in noun_forms(noun)
    )


def _with_heads(topic: str, references: Mapping[str, Any]) -> str:
    """The topic with every {ref:NAME} followed by an optional head noun of that reference, so that
    "the AUKUS defense and security partnership" is one topic whose name qualifies its head."""

    def replace(match: re.Match[str]) -> str:
        reference = references.get(match.group(1))
        if reference is None or not reference.mentions:
            return match.group()
        heads = alternation([form for noun in reference.mentions for form in noun_forms(noun)])
        return rf"(?:{match.group()}(?:\s+(?:[\w’'-]+\s+){{0,3}}?{heads})?)"

    return re.sub(r"\{ref:([a-z0-9_]+)\}", replace, topic)


def _dated_topic(topic: str, references: Mapping[str, Any]) -> str | None:
    """A topic written with a date before its head: "the 2021 AUKUS pact", "the September 15 agreement"
    (a mention: it counts once the article has named the reference). Only for a topic that is one
    reference."""
    whole = re.fullmatch(r"\{ref:([a-z0-9_]+)\}", topic.strip())
    if whole is None or whole.group(1) not in references:
        return None
    name = whole.group(1)
    reference = references[name]
    names = reference_names(reference)
    if not reference.mentions:
        head = names
    else:
        nouns = alternation([form for noun in reference.mentions for form in noun_forms(noun)])
        head = rf"(?:{names}(?:\s+(?:[\w’'-]+\s+){{0,2}}?{nouns})?|(?P<_ref90_{name}>(?i:{nouns})))"
    return (
        rf"\b{_DATED_DETERMINER}\s+(?P<date>{_DATE_SHAPE})\s+(?:[\w’'-]+\s+){{0,2}}?(?P<topic>{head})\b"
        rf"|(?P<named>{names})\s+of\s+(?P<year>(?:19|20)\d\d)\b"
    )


def _frame_forms(frame: EventFrame, context: CompileContext, where: tuple[str | int, ...]) -> list[_Form]:
    """Every construction of one frame, as RE2 sources whose predicate is the group `anchor`."""
    registries = context.registries
    lexicons = registries.lexicons if registries is not None else {}
    references = registries.references if registries is not None else {}
    if frame.lexicon not in lexicons:
        known = ", ".join(lexicons) or "none declared"
        raise context.error(f"no lexicon {frame.lexicon!r} (lexicons: {known})", (*where, "lexicon"))
    lexicon = lexicons[frame.lexicon]

    def forms(kind: str) -> str | None:
        if kind in ("verb", "participle") and not lexicon.verbs:
            return None
        if kind == "noun" and not lexicon.nouns:
            return None
        return context.expand(f"{{{kind}:{frame.lexicon}}}", (*where, "lexicon"))

    verbs, participles, nouns = forms("verb"), forms("participle"), forms("noun")
    if not frame.topic.strip():
        raise context.error("a frame's topic is empty", (*where, "topic"))
    topic = f"(?P<topic>(?-i:{context.expand(_with_heads(frame.topic, references), (*where, 'topic'))}))"
    found: list[_Form] = []
    if frame.role == "object":
        if verbs:
            noun_of = rf"(?:(?:the|a|an|its|their)\s+{nouns}\s+of\s+)?" if nouns else ""
            found.append(
                _Form(rf"(?P<anchor>{verbs})\s+{noun_of}(?P<gap>(?:{_LOWER}\s+){{0,3}}?){topic}", "active")
            )
        if participles:
            found += [
                _Form(
                    rf"{topic}{_ASIDE}(?:\s*,?\s+{word_alternation(RELATIVES)})?\s+{_AUX}\s+(?:(?:not|never)\s+)?"
                    rf"{_ADVERBS}(?P<anchor>{participles})\b",
                    "passive",
                ),
                _Form(rf"{topic}\s*,\s*{_ADVERBS}(?P<anchor>{participles})\b", "apposed"),
                _Form(rf"{topic}\s+{_ADVERBS}(?P<anchor>{participles})\b{_REDUCED_NEXT}", "reduced"),
                _Form(
                    rf"^[\s“\"‘']*{_ADVERBS}(?P<anchor>{participles})\b[^;:]{{0,150}}?,\s*(?:the\s+)?{topic}",
                    "opening",
                ),
            ]
    elif verbs:
        found.append(_Form(rf"{topic}(?:\s+{VERB_GROUP_WORD}){{0,4}}?\s+(?P<anchor>{verbs})\b", "subject"))
    if nouns:
        found += [
            _Form(rf"(?P<anchor>{nouns})\s+(?:of|by)\s+(?:the\s+)?{topic}", "noun"),
            _Form(rf"{topic}(?:[’']s)?\s+(?P<anchor>{nouns})\b", "owner"),
        ]
        # a possessive pronoun for the topic named in the same sentence: "Since its creation in
        # 2021, AUKUS has grown", "AUKUS, since its launch in 2021, has grown"
        found += [
            _Form(rf"\b(?:its|their)\s+(?P<anchor>{nouns})\b[^;:]{{0,80}}?,\s*(?:the\s+)?{topic}", "pronoun"),
            _Form(rf"{topic}\s*,[^;:,]{{0,40}}?\b(?:its|their)\s+(?P<anchor>{nouns})\b", "pronoun"),
        ]
        if frame.role == "subject":
            found.append(
                _Form(
                    rf"{topic}[^;:]{{0,150}}?\b(?:during|at|after|following|in)\s+(?:a|an|the|their|his|her|its)"
                    rf"\s+(?:[\w’'-]+\s+){{0,2}}?(?P<anchor>{nouns})\b",
                    "during",
                )
            )
    if frame.dated:
        dated = _dated_topic(frame.topic, references)
        if dated is None:
            raise context.error(
                "'dated' needs a topic that is one reference ('{ref:aukus}')", (*where, "dated")
            )
        found.append(_Form(dated, "dated"))
    heads, names = _heads(frame.topic, references), _names(frame.topic, references)
    return [_Form(form.source, form.form, heads, names) for form in found]


# --- the probe ----------------------------------------------------------------------------------

_WORDS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_VERB_GROUP = re.compile(VERB_GROUP_WORD)
"""Auxiliaries, modals and catenatives ("agreed to set up"): part of the event's own verb group."""


_LIGHT_VERBS = frozenset(
    "held hold holds holding take takes took taken taking happen happens happened occur occurs occurred"
    " scheduled planned slated set due expected began begun begin begins started start starts opened"
    " open opens ended end ends closed concluded resumed continued released issued published reached struck"
    " sealed".split()
)
"""Verbs that carry a noun's event or its phase ("the summit will be held on April 10", "the talks
began in 2019"), not an event of their own."""
_ATTACH_WORDS = 8
"""How far back from a date another verb still governs it ("Biden met Kishida this month said ...")."""
_ATTACH_STOP = frozenset("that which who whom whose when where while because".split())


def _governed_before(sentence: str, clause_start: int, mention: Mention) -> bool:
    """Whether a verb just before the date governs it: in "a statement released after Biden met Kishida
    this month said ...", "this month" is the meeting's, not the statement's. A comma or a
    complementizer ("that") between them ends the verb's reach."""
    stretch = sentence[clause_start : mention.start]
    comma = max(stretch.rfind(","), stretch.rfind("—"))
    tokens = list(_WORDS.finditer(sentence, clause_start + comma + 1, mention.start))[-_ATTACH_WORDS:]
    words = [token.group() for token in tokens]
    for index in range(len(tokens) - 1, -1, -1):
        word = words[index]
        if word.lower() in _ATTACH_STOP:
            return False
        if (
            _marker(words, index, sentence, tokens[index].start()) is not None
            and not _VERB_GROUP.fullmatch(word)
            and word.lower() not in _LIGHT_VERBS
        ):
            return True
    return False


def _predicate_between(sentence: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether a verb other than an auxiliary stands between two spans: in "Motegi on Friday welcomed
    the creation of AUKUS" Friday dates the welcome, not the creation; "agreed to set up" is one
    verb group."""
    first, second = sorted((left, right))
    if second[0] <= first[1]:
        return False
    tokens = list(_WORDS.finditer(sentence, first[1], second[0]))
    words = [token.group() for token in tokens]
    return any(
        _marker(words, index, sentence, token.start()) is not None
        and not _VERB_GROUP.fullmatch(token.group())
        and token.group().lower() not in _LIGHT_VERBS
        for index, token in enumerate(tokens)
    )


def _ends_in_head(topic: str, heads: frozenset[str]) -> bool:
    words = topic.lower().split()
    return bool(words) and words[-1].strip("“”\"'‘’") in heads


def _frame_veto(
    form: _Form, spans: Spans, sentence: str, to_char: Callable[[int], int], groups: Mapping[str, int]
) -> str | None:
    """Why a frame's match is not the event, if it is not (before any date is looked at)."""
    if form.form == "pattern":
        return None
    topic = groups.get("topic")
    if (
        form.form in ("active", "noun", "opening")
        and topic is not None
        and spans[topic][0] >= 0
        and not _ends_in_head(sentence[to_char(spans[topic][0]) : to_char(spans[topic][1])], form.heads)
        and not _TOPIC_END.match(sentence, to_char(spans[topic][1]))
    ):
        return "the topic's name qualifies another noun here ('AUKUS partners')"
    if form.form in ("active", "noun") and topic is not None and spans[topic][0] >= 0:
        start, end = to_char(spans[topic][0]), to_char(spans[topic][1])
        if _POSSESSIVE.match(sentence, end):
            return "the topic owns what the verb is about ('announced the pact's expansion')"
        if (
            _INDEFINITE.match(sentence, start)
            and not _NEW.search(sentence, start, end)
            and not _NAMED_AFTER.match(sentence, end)
        ):
            return "an indefinite mention that introduces something else ('announced an agreement')"
    if (
        form.form == "reduced"
        and topic is not None
        and form.names is not None
        and not form.names.search(sentence, to_char(spans[topic][0]), to_char(spans[topic][1]))
    ):
        return (
            "a mention with a bare participle may name another agreement ('the partnering agreement signed')"
        )
    anchor = groups.get("anchor")
    if form.form == "pronoun" and anchor is not None and _OF_AFTER.match(sentence, to_char(spans[anchor][1])):
        return "the noun has an object of its own ('its launch of Pillar II')"
    gap = groups.get("gap")
    if form.form == "active" and gap is not None and spans[gap][0] >= 0:
        words = sentence[to_char(spans[gap][0]) : to_char(spans[gap][1])].lower().split()
        if any(word in _NOT_OBJECT for word in words):
            return "the topic is not the verb's object"
    return None


def _interpreter(
    spec: Spec, shape: _Form, groups: Mapping[str, int]
) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    form = shape.form
    window, precision = spec.window, spec.precision
    anchor_group = groups.get("anchor")
    date_groups = [groups[name] for name in ("date", "year") if name in groups]

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        event_bytes = spans[0]
        sentence = data.decode("utf-8", "replace")
        to_char, to_byte = char_offsets(sentence, data), _byte_offsets(sentence, data)
        event = (to_char(event_bytes[0]), to_char(event_bytes[1]))
        veto = _frame_veto(shape, spans, sentence, to_char, groups)
        if veto is not None:
            return Hit(None, event_bytes, event_bytes, reason=veto)
        if _ANNIVERSARY_BEFORE.search(sentence, max(0, event[0] - 40), event[0]) or _ANNIVERSARY.search(
            sentence, event[0], event[1]
        ):
            return Hit(None, event_bytes, event_bytes, reason="an anniversary of the event, not the event")
        mentions = scope.memo.get("dates")
        if mentions is None:  # every date probe of every field reads the same dates
            mentions = scope.memo["dates"] = find_dates(sentence)
        if not mentions:
            return Hit(None, event_bytes, event_bytes, reason="no date in the sentence")
        clause = scope.cues(data).clause(*event)
        allow: Callable[[Mention], bool] | None = None
        predicate = event  # a date another verb stands between belongs to that verb
        if anchor_group is not None and spans[anchor_group][0] >= 0:
            predicate = (to_char(spans[anchor_group][0]), to_char(spans[anchor_group][1]))
        if date_groups:  # the date written into the topic's name, and no other
            group = next((g for g in date_groups if spans[g][0] >= 0), date_groups[0])
            inside = (to_char(spans[group][0]), to_char(spans[group][1]))
            allow = lambda mention: inside[0] <= mention.start and mention.end <= inside[1]  # noqa: E731
        else:

            def allow(mention: Mention) -> bool:
                if _predicate_between(sentence, predicate, (mention.start, mention.end)):
                    return False
                return mention.end > predicate[0] or not _governed_before(sentence, clause[0], mention)

        mention = nearest(mentions, sentence, event, clause, window, allow)
        if mention is None:
            reason = f"no date in the event's clause within {window} words of it"
            if date_groups:
                reason = "no date in the topic's name"
            return Hit(None, event_bytes, event_bytes, reason=reason)
        if _ANNIVERSARY.search(_between(sentence, event, (mention.start, mention.end))):
            return Hit(None, event_bytes, event_bytes, reason="an anniversary of the event, not the event")
        if form == "reduced" and _THAT_AFTER.match(sentence, max(mention.end, event[1])):
            return Hit(
                None,
                event_bytes,
                event_bytes,
                reason="a verb of saying ('announced in April that'), not a participle",
            )
        tense = tense_near(sentence, clause, mention.start, mention.end)
        placed = place(mention, scope.published, tense if mention.needs_tense else None)
        if placed is not None and precision is not None:
            placed = truncate(placed, precision)
        date = (to_byte(mention.start), to_byte(mention.end))
        span = (min(event_bytes[0], date[0]), max(event_bytes[1], date[1]))
        if placed is None:
            why = "gives no year" if precision == "year" else "is not a day of the calendar"
            return Hit(None, date, span, reason=f"{mention.raw!r} {why}")
        anchor = date
        if mention.looks_ahead:  # its own "next month" is the future cue
            anchor = (date[1], date[1])
        elif anchor_group is not None and spans[anchor_group][0] >= 0:
            # The predicate itself: cues between it and its date count ("On Wednesday, Biden will
            # meet ...", "the summit ... will be held on April 10").
            anchor = spans[anchor_group]
        resolved = placed.start is not None and placed.end is not None
        detail = DateValue(
            raw=mention.raw,
            resolved=resolved,
            precision=placed.precision if resolved else None,
            start=placed.start.isoformat() if placed.start else None,
            end=placed.end.isoformat() if placed.end else None,
            relative_to=scope.published.iso if placed.relative and scope.published else None,
        )
        # A date over before publication, or told in the past tense, is no forecast.
        if resolved and scope.published is not None and scope.published.year is not None:
            settled = _before_publication(placed, scope.published) and tense != "future"
        else:
            settled = (tense == "past" or form in _PARTICIPIAL) and not mention.looks_ahead
        return Hit(label(placed, mention.raw), anchor, span, detail=detail, settled=settled)

    return interpret


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """One probe per event pattern and per construction of each frame: the event's literals gate the
    sentences a date is looked for in."""
    if context.field_type != "date":
        raise context.error(
            f"a date extractor belongs in a date field; this field is of type {context.field_type}"
        )
    if not spec.event and not spec.frames:
        raise context.error("a date extractor needs an 'event' pattern or a 'frames' entry", ("event",))
    located: list[tuple[_Form, tuple[str | int, ...]]] = []
    for index, pattern in enumerate(spec.event):
        if not pattern.strip():
            raise context.error("an event pattern is empty", ("event", index))
        located.append((_Form(context.expand(pattern, ("event", index)), "pattern"), ("event", index)))
    for index, frame in enumerate(spec.frames):
        located += [(form, ("frames", index)) for form in _frame_forms(frame, context, ("frames", index))]
    probes = []
    for form, where in located:
        regex = context.compile_probe(form.source, where, case_sensitive=spec.case_sensitive)
        probes.append(
            Probe(
                field_id=context.field_id,
                extractor=extractor,
                priority=priority,
                source=form.source,
                case_sensitive=spec.case_sensitive,
                regex=regex,
                interpret=_interpreter(spec, form, dict(regex.groupindex)),
            )
        )
    return probes
