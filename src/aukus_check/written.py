"""When an undated article was written, inferred from what it says when neither its front matter
nor a header line dates it.

Two clues, in this order:

- url: a date in the path of the article's URL (front matter `url`, also set for saved web
  pages): /2022/04/06/, /2022/04/, /2022-04-06/, or 20220406 between separators
  ("...-20240409-p5fibm.html"). A day the calendar lacks (/2023/02/30/) is no date, nor is a
  1 January in a run of digits, the placeholder some sites put in every link
  ("link/follow-20170101-p5c4zc"). The date is as precise as the URL writes it (a day or a month);
- latest_mention: otherwise the latest absolute date ("4 March 2024", "March 2024",
  "2024-03-04"; never a bare year) that a body sentence asserts as past: the article was written
  on or after it (`not_before`).

A sentence that looks ahead or supposes ("will", "would", "is to", "plans to", "expected",
"scheduled", "next", "upcoming", "forecast", "due", "if", "could", a question) or marks an
anniversary ("the third anniversary of ...", "three years since ...", "marks five years") gives
no date, and neither does a date that is a deadline ("by June 2026") or one whose clause is not
in the past tense. A URL date earlier than such a past date cannot be the writing date (a link
may carry a fixed date of its own), so the mention is taken instead.

Both are marked `inferred`: the article never states them, so they are never the date that
"last week" is counted from (engine.scan_article), while comparison uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aukus_check.english.words import AHEAD, word_alternation
from aukus_check.extractors.date import Mention, find_dates, tense_near
from aukus_check.metadata import MONTHS, parse_date_parts
from aukus_check.modality import FUTURE_CUES, HEDGE_CUES, HYPOTHETICAL_CUES, SentenceCues
from aukus_check.models import PartialDate, Published
from aukus_check.positions import LineIndex

# A date path in a URL. The day is optional in the slash form, so /2023/02/30/ is read as a
# day that does not exist and rejected, never as February 2023.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d\d)(?:/(?P<day>\d\d))?(?=[/?#]|$)"
    r"|/(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)(?=[/?#]|$)"
    r"|(?<=[/_.\-])(?P<run_year>(?:19|20)\d\d)(?P<run_month>\d\d)(?P<run_day>\d\d)(?=[/_.\-]|$)"
    # "/2021/nov/19/", "/2021/november/19/": the month by name, as some papers write their paths
    r"|/(?P<name_year>(?:19|20)\d\d)/(?P<name_month>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|january|february|march|april|june|july|august|september|october|november|december))"
    r"(?:/(?P<name_day>\d\d?))?(?=[/?#]|$)"
)
# Scheme and host are not the path: a host name with digits dates nothing.
_URL_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*")
_URL_KEY = re.compile(r"url[ \t]*:")

_YEARISH = re.compile(r"(?:19|20)\d\d")
"""A sentence without four digits that could be a year holds no absolute date: skip it cheaply."""
# The modality lexicons (future, hypothetical, hedge cues) judge a whole sentence here: a
# sentence that looks ahead or supposes anywhere may carry a forecast's date. The words they
# lack as cues of their own are added: adjectives and nouns of a schedule, "is to", "next".
_LOOKS_AHEAD = re.compile(
    rf"(?:{FUTURE_CUES})|(?:{HYPOTHETICAL_CUES})|(?:{HEDGE_CUES})"
    rf"|\b(?:{word_alternation(AHEAD)}|next|forecasts?|forecasted|projected"
    r"|predict(?:s|ed|ion|ions)?|due|deadline|target(?:s|ed)?|(?:is|are)\s+to)\b",
    re.IGNORECASE,
)
_ANNIVERSARY = re.compile(
    r"\banniversar(?:y|ies)\b|\byears?\s+since\b|\bmark(?:s|ed|ing)?\b(?:\W+\w+){0,4}?\W+years?\b",
    re.IGNORECASE,
)
# A date that closes a stretch of time or is a new date set for something: "by June 2026",
# "until the end of March 2025", "was set for June 2026", "postponed to May 2026", "the year
# ending March 2025". Such a date may lie after the article was written.
_DEADLINE = re.compile(
    r"\b(?:by|until|till|before|ahead\s+of|no\s+later\s+than|through|ending|set\s+for"
    r"|(?:postponed|delayed|deferred|pushed\s+back|moved|brought\s+forward|rescheduled)\s+(?:to|until|till))"
    r"\s+(?:the\s+)?(?:(?:end|middle|start|beginning)\s+of\s+)?$",
    re.IGNORECASE,
)
_LEAD_WINDOW = 40
"""How far before a date its deadline words are looked for."""


def infer_published(
    text: str,
    index: LineIndex,
    sentences: Sequence[tuple[int, int]],
    url: str | None,
    front_end: int,
    title_line: int | None,
) -> Published | None:
    """When the article was written as far as its URL or its latest past date tells; None if not."""
    mention = latest_mention(text, index, sentences, title_line)
    from_url = url_date(index, url, front_end) if url else None
    if from_url is not None and (mention is None or not _before(from_url.date, mention.date)):
        return from_url
    return mention


def url_date(index: LineIndex, url: str, front_end: int) -> Published | None:
    """The date in the URL's path, placed on the front matter's url line; None if it has none."""
    host = _URL_HOST.match(url)
    start = host.end() if host else 0
    stop = min((i for i in (url.find("?", start), url.find("#", start)) if i >= 0), default=len(url))
    for match in _URL_DATE.finditer(url, start, stop):
        prefix = next(p for p in ("", "iso_", "run_", "name_") if match.group(f"{p}year"))
        year, month, day = (match[f"{prefix}{part}"] for part in ("year", "month", "day"))
        number = MONTHS[month.casefold()] if prefix == "name_" else int(month)
        date = parse_date_parts(int(year), number, int(day) if day else None)
        if date is None:
            continue  # /2023/02/30/: no such day
        if prefix == "run_" and (date.month, date.day) == (1, 1):
            continue  # a 1 January in a run of digits is a placeholder ("link/follow-20170101-...")
        written = url[match.start(f"{prefix}year") : match.end()]
        line, column = _url_position(index, written, front_end)
        return Published(date=date, source="url", text=written, line=line, column=column, inferred=True)
    return None


def _url_position(index: LineIndex, written: str, front_end: int) -> tuple[int, int]:
    """Where the URL's date is written in the front matter (its url line, else the key)."""
    for line in range(2, max(2, front_end)):
        content = index.line_text(line)
        key = _URL_KEY.match(content)
        if key is None:
            continue
        found = content.find(written, key.end())
        return line, (found if found >= 0 else 0) + 1
    return 1, 1  # pragma: no cover - a url comes from front matter, which has its line


def latest_mention(
    text: str, index: LineIndex, sentences: Sequence[tuple[int, int]], title_line: int | None
) -> Published | None:
    """The latest absolute date a body sentence asserts as past; None if there is none."""
    best: tuple[tuple[int, int, int, int], int, Mention] | None = None
    for sentence_start, sentence_end in sentences:
        sentence = text[sentence_start:sentence_end]
        if not _YEARISH.search(sentence):
            continue
        if title_line is not None and index.position(sentence_start)[0] == title_line:
            continue  # headlines tell past news in the present tense: their tense is no guide
        if _LOOKS_AHEAD.search(sentence) or _ANNIVERSARY.search(sentence) or _question(sentence):
            continue
        dated = [m for m in find_dates(sentence) if m.year is not None and m.month is not None]
        if not dated:
            continue
        cues = SentenceCues(sentence)  # once per sentence: its clauses serve every date in it
        for mention in dated:
            if _DEADLINE.search(sentence, max(0, mention.start - _LEAD_WINDOW), mention.start):
                continue
            clause = cues.clause(mention.start, mention.end)
            if tense_near(sentence, clause, mention.start, mention.end) != "past":
                continue
            key = _order(mention)
            if best is None or key > best[0]:
                best = (key, sentence_start, mention)
    if best is None:
        return None
    _, sentence_start, mention = best
    date = PartialDate(year=mention.year, month=mention.month, day=mention.day)
    line, column = index.position(sentence_start + mention.start)
    return Published(
        date=date,
        source="latest_mention",
        text=mention.raw,
        line=line,
        column=column,
        inferred=True,
        not_before=True,
    )


def _order(mention: Mention) -> tuple[int, int, int, int]:
    """Later first day wins; on a tie, a day beats its month; then the first in the text."""
    assert mention.year is not None and mention.month is not None
    return (mention.year, mention.month, mention.day or 1, 1 if mention.day else 0)


def _before(date: PartialDate, other: PartialDate) -> bool:
    """Whether every day of `date` is before every day of `other`."""
    days, other_days = date.days(), other.days()
    return days is not None and other_days is not None and days[1] < other_days[0]


def _question(sentence: str) -> bool:
    return sentence.rstrip("\"'”’)] \t\r\n").endswith("?")
