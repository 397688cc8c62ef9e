"""`quantity`: a number an article states, in figures or words, with its currency and qualifier.

    - kind: quantity                 # a count: the number must be followed by the counted noun
      counts: '(?:attack\\s+)?submarines'
      integer: true

    - kind: quantity                 # an amount of money: a currency must be written
      money: true
      patterns: ['\\b(?:valued|worth)\\s+(?:at\\s+)?{quantity}']

What is read:

- figures with separators and decimals ("1,000", "1.5", "4 000" with a no-break space),
  magnitudes ("1.5bn", "2m", "5k", "3 billion", "90-billion") and number words ("twelve",
  "one billion", "a dozen", "two dozen", "a hundred and twenty", "one and a half billion",
  "half a billion");
- currencies before or after the number: "$", "US$", "A$", "€", "£", "¥", the codes USD,
  AUD, EUR, JPY and GBP, and "dollars", "US dollars", "Australian dollars", "euros", "yen",
  "pounds", "sterling". A bare "$" or "dollars" is read as USD; "A$" and "Australian
  dollars" as AUD. Other dollars ("C$", "NZ$") are matched so they are never misread as USD,
  and dropped;
- qualifiers: "near", "nearly", "roughly", "about", "approximately", "around", "some",
  "almost", "an estimated", "close to", "~" (approximate: the interval is widened by the
  rule's `approximate`, 10% unless told); "at least", "no fewer than", "upwards of", "or
  more", "+" (at least); "more than", "over", "in excess of" (more than); "up to", "at most",
  "no more than", "as many as", "did not exceed", "or less" (at most); "less than", "fewer
  than", "under" (less than). A qualifier is part of the value, so the "no" of "no fewer
  than" and the "not" of "did not exceed" are not negations of it;
- ranges, read as one value, the interval they name: "between 3,000 and 4,000", "3,000-4,000",
  "eight to twelve", "$50-60 billion", "between A$50bn and A$60bn" (shown "3,000–4,000",
  "50,000,000,000–60,000,000,000 USD"); a side without a currency or a magnitude takes the
  other's. A change is not a range: "from 890 to 4,000" and "from eight submarines to twelve"
  read what it became (4,000; 12);
- an amount of money followed by its equivalent in parentheses, as two values of one fact: "a
  A$90bn (US$65.4bn) contract" reads 90,000,000,000 AUD and 65,400,000,000 USD.

What is refused (matched, then dropped with the reason `explain` shows): vague plurals
("hundreds of", "billions of dollars"), designations ("Mach 5", "B-52", "F-35", "Pillar 2",
"No. 2"), dates ("April 5"), years ("in 2021", "in 2021 dollars", a span "2021-2024"), the
start of a change ("from eight submarines to twelve" reads twelve, not eight), numbers glued
to another number ("03-1234-5678"), percentages and units after a number a `pattern` reads
("12%", "482 kilometers"), non-integers in an `integer` rule, and a count whose noun is
separated from the number by "of", "the" and the like ("one of the submarines"). Ordinals
("first", "12th") are not numbers here; fractions other than halves ("three-quarters") are
not read.

The value shown in the report is the qualifier as a sign ("~" approximate, "≥" at least,
">" more than, "≤" at most, "<" less than), the amount with thousands separators and no
trailing ".0" (a range: its two ends joined by "–"), and the currency code: "~1,000,000,000
USD", "12", ">500 AUD", "3,000–4,000". The detail is a models.QuantityValue whose interval
[low, high] is what the phrase allows (qualifier "range" for an exact range); compare.py
widens it by the field's `compare.tolerance` and never compares different currencies. The
anchor modality is judged from is the quantity phrase, qualifier included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import re2
from pydantic import Field

from aukus_check.english.words import DO_FORMS, word_alternation
from aukus_check.extractors.base import CompileContext, ExtractorSpec, Hit, Probe, SentenceScope
from aukus_check.models import ExtractorRef, Qualifier, QuantityValue
from aukus_check.re2_spans import Spans, options, search

KIND = "quantity"
PLACEHOLDER = "{quantity}"
DEFAULT_APPROXIMATE = 0.1
"""How much "about 4,000" widens 4,000 on each side unless a rule says otherwise: 10%."""

# --- RE2 source of a quantity phrase (compiled case-insensitively) -------------------------
# Written for RE2, not Python's re: \x{...} escapes, no lookaround. The phrase is matched
# generously and read strictly in `read_quantity`, so anything matched but not understood is
# dropped with a reason rather than silently skipped.

_SP = r"[\s\x{00a0}\x{202f}]+"
_JOIN = r"(?:[\s\x{00a0}\x{202f}]+|[-\x{2010}\x{2011}])"  # "twenty-five", "90-billion-dollar"
_UNITS = (
    "nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten"
    "|nine|eight|seven|six|five|four|three|two|one|zero"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALES = "hundred|thousand|million|billion|trillion|dozen"
_SMALL = rf"(?:(?:{_TENS})(?:{_JOIN}(?:nine|eight|seven|six|five|four|three|two|one))?|(?:{_UNITS}))"
_AND_A_HALF = rf"(?:{_SP}and{_SP}a{_SP}half)"
_WORDS = (
    rf"\b(?:{_SMALL}{_AND_A_HALF}?|(?:an?|half(?:{_SP}an?)?){_SP}(?:{_SCALES}))"
    rf"(?:{_JOIN}(?:and{_SP})?(?:{_SMALL}|{_SCALES}){_AND_A_HALF}?)*\b"
)
_DIGITS = (
    r"\b(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:[\x{00a0}\x{202f}][0-9]{3})+"
    r"|[0-9]+(?:\.[0-9]+)?)"
)
_MAGNITUDE = (
    rf"(?:{_JOIN}(?:trillion|billion|million|thousand|hundred|dozen|tn|bn|mn|mln)|tn|bn|mn|mln|m|b|k)"
)
_FIGURE = rf"{_DIGITS}{_MAGNITUDE}?\b"
_VAGUE = (
    r"\b(?:(?:tens|hundreds)\s+of\s+)?(?:hundreds|thousands|millions|billions|trillions|dozens|scores)"
    r"(?:\s+of)?\b"
)
_NUMBER = rf"(?:{_FIGURE}|{_WORDS}|{_VAGUE})"
_DO = word_alternation(DO_FORMS)
_QUALIFIER = (
    r"(?:(?:nearly|near|roughly|about|approximately|approx\.?|around|some|almost|an\s+estimated"
    r"|estimated|close\s+to|circa|more\s+than|over|above|in\s+excess\s+of|upwards\s+of|greater\s+than"
    r"|exceeding|at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of"
    r"|minimum\s+of|up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|as\s+many\s+as"
    rf"|a\s+maximum\s+of|maximum\s+of|{_DO}\s+not\s+exceed|(?:{_DO}|won|wouldn)n?['’]t\s+exceed"
    r"|not\s+exceed(?:ing)?|less\s+than|fewer\s+than|under|below|just\s+(?:under|over|below|above))"
    rf"{_SP}|[~≈≥≤<>]\s?)"
)
_AFTER_QUALIFIER = r"(?:\s+or\s+(?:more|so|less|fewer|above|higher|over|greater)\b|\+|[-\s]plus\b)"
# Letters before "$" are matched so that "C$5bn" is never read as US$5bn (it is dropped).
_CURRENCY_BEFORE = r"(?:(?:\b[a-z]{1,3}|\bU\.S\.)?\$|[€£¥]|\b(?:USD|AUD|EUR|JPY|GBP)\b)"
_CURRENCY_AFTER = (
    r"(?:(?:US|U\.S\.|American|Australian|Aussie)\s+dollars?|dollars?|euros?|yen"
    r"|pounds?(?:\s+sterling)?|sterling|USD|AUD|EUR|JPY|GBP)\b"
)
_AMOUNT_OF_MONEY = (
    rf"(?:{_CURRENCY_BEFORE}[\s\x{{00a0}}]?{_FIGURE}|{_NUMBER}{_JOIN}{_CURRENCY_AFTER}){_AFTER_QUALIFIER}?"
)
_PLAIN_AMOUNT = rf"{_NUMBER}{_AFTER_QUALIFIER}?"
# Ranges: "between 3,000 and 4,000", "3,000-4,000", "eight to twelve", "$50-60bn", "$50bn to
# $60bn". A side may lack the currency or magnitude the other has; `read_quantity` checks the rest.
_END = rf"(?:{_FIGURE}|{_WORDS})"
_RANGE_SEPARATOR = rf"(?:[\s\x{{00a0}}]*[-–—][\s\x{{00a0}}]*|{_SP}to{_SP})"
_PLAIN_RANGE = rf"(?:\bbetween{_SP}{_END}{_SP}and{_SP}{_END}|{_END}{_RANGE_SEPARATOR}{_END})"
_MONEY_END = rf"(?:{_CURRENCY_BEFORE}[\s\x{{00a0}}]?)?{_END}(?:{_JOIN}{_CURRENCY_AFTER})?"
_MONEY_RANGE = (
    rf"(?:\bbetween{_SP}{_MONEY_END}{_SP}and{_SP}{_MONEY_END}|{_MONEY_END}{_RANGE_SEPARATOR}{_MONEY_END})"
)
_CHANGE_TO_SOURCE = rf"^{_SP}(?:to|into){_SP}(?:{_QUALIFIER})?(?:{_FIGURE}|{_WORDS})"
_HEAD_NOUNS = r"number|ranks|headcount|total|strength|pool|force|corps|workforce|contingent"
_TOWARDS = r"to|at|reach(?:es|ed|ing)?|total(?:s|led|ling|ed|ing)?"


def quantity_source(*, money: bool) -> str:
    """RE2 source of one quantity phrase: qualifier, amount (or range) and, for money, its currency."""
    if money:
        return f"(?:{_QUALIFIER})?(?:{_MONEY_RANGE}{_AFTER_QUALIFIER}?|{_AMOUNT_OF_MONEY})"
    return f"(?:{_QUALIFIER})?(?:{_PLAIN_RANGE}{_AFTER_QUALIFIER}?|{_PLAIN_AMOUNT})"


def equivalent_source() -> str:
    """RE2 source of an amount's equivalent in parentheses: " (US$65.4bn)", " (about €56bn)"."""
    return rf"[\s\x{{00a0}}]*\([\s\x{{00a0}}]*{quantity_source(money=True)}[\s\x{{00a0}}]*\)"


# --- reading a matched phrase (Python's re on a few dozen characters) ------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2010": "-", "\u2011": "-"})
_QUALIFIER_PHRASES: dict[Qualifier, str] = {
    "approximate": "near|nearly|roughly|about|approximately|approx|approx.|around|some|almost|an estimated"
    "|estimated|close to|circa|~|≈",
    "more_than": "more than|over|above|in excess of|greater than|exceeding|just over|just above|>",
    "at_least": "at least|no fewer than|no less than|not fewer than|not less than|a minimum of|minimum of"
    "|upwards of|≥",
    "at_most": "up to|at most|no more than|not more than|as many as|a maximum of|maximum of|did not exceed"
    "|does not exceed|do not exceed|didn't exceed|doesn't exceed|don't exceed|won't exceed|wouldn't exceed"
    "|not exceed|not exceeding|≤",
    "less_than": "less than|fewer than|under|below|just under|just below|<",
}
_QUALIFIERS: dict[str, Qualifier] = {
    phrase: qualifier for qualifier, phrases in _QUALIFIER_PHRASES.items() for phrase in phrases.split("|")
}
_QUALIFIER_PREFIX = re.compile(
    "("
    + "|".join(
        re.escape(phrase).replace(r"\ ", r"\s+") for phrase in sorted(_QUALIFIERS, key=len, reverse=True)
    )
    + r")(?:\s+|(?<=[~≈≥≤<>])\s?)",
    re.IGNORECASE,
)
_QUALIFIER_SUFFIX = re.compile(
    r"(?:\s+or\s+(?P<word>more|so|less|fewer|above|higher|over|greater)|(?P<plus>\+|[-\s]plus))$",
    re.IGNORECASE,
)
_SUFFIX_QUALIFIERS: dict[str, Qualifier] = {
    "so": "approximate",
    "less": "at_most",
    "fewer": "at_most",
    **dict.fromkeys(["more", "above", "higher", "over", "greater"], "at_least"),
}
_SIGNS: dict[Qualifier, str] = {
    "exact": "",
    "approximate": "~",
    "at_least": "≥",
    "more_than": ">",
    "at_most": "≤",
    "less_than": "<",
    "range": "",
}
CURRENCIES = ("USD", "AUD", "EUR", "JPY", "GBP")
_DOLLAR_PREFIXES = {"": "USD", "us": "USD", "u.s.": "USD", "a": "AUD", "au": "AUD"}
_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_PREFIX = re.compile(
    r"(?:(?P<code>USD|AUD|EUR|JPY|GBP)\b|(?P<letters>[a-z]{1,3}|U\.S\.)?\$|(?P<symbol>[€£¥]))\s?",
    re.IGNORECASE,
)
_CURRENCY_SUFFIX = re.compile(
    r"(?:\s+|-)(?:(?P<country>US|U\.S\.|American|Australian|Aussie)\s+dollars?|(?P<word>dollars?|euros?|yen"
    r"|pounds?(?:\s+sterling)?|sterling)|(?P<code>USD|AUD|EUR|JPY|GBP))$",
    re.IGNORECASE,
)
_WORD_CURRENCIES = {"dollar": "USD", "euro": "EUR", "yen": "JPY", "pound": "GBP", "sterling": "GBP"}
_COUNTRY_DOLLARS = {"us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "aussie": "AUD"}
_FIGURE_TEXT = re.compile(
    r"(?P<digits>[0-9][0-9, .]*)(?:(?:\s+|-)?(?P<magnitude>trillion|billion|million|thousand|hundred|dozen"
    r"|tn|bn|mn|mln|m|b|k))?",
    re.IGNORECASE,
)
_MAGNITUDES = {
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "hundred": Decimal(100),
    "dozen": Decimal(12),
}
_VAGUE_TEXT = re.compile(
    r"(?:(?:tens|hundreds)\s+of\s+)?(?:hundreds|thousands|millions|billions|trillions|dozens|scores)(?:\s+of)?",
    re.IGNORECASE,
)
_UNIT_VALUES = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS_VALUES = {
    word: value * 10
    for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
_SCALE_VALUES = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}
_SCALE_VALUES["trillion"] = Decimal(10) ** 12


@dataclass(frozen=True, slots=True)
class Reading:
    """A quantity phrase read: its qualifier, amount and currency (None for a count); for a range,
    `amount` is its lower end and `high` its upper end."""

    qualifier: Qualifier
    amount: Decimal
    unit: str | None
    high: Decimal | None = None


def words_value(text: str) -> Decimal | None:
    """The number English words name ("one and a half billion" is 1500000000); None if unreadable."""
    tokens = re.findall(r"[a-z]+", text.lower())
    total = Decimal(0)
    group: Decimal | None = None  # the part below the last thousand/million/billion
    previous = ""  # kind of the previous number word: unit, tens or scale
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "and":
            if tokens[index + 1 : index + 3] == ["a", "half"]:
                group = (group or Decimal(0)) + Decimal("0.5")
                index += 3
                previous = "half"
                continue
            index += 1
            continue
        if token in ("a", "an", "half"):
            if token == "half" and tokens[index + 1 : index + 2] in (["a"], ["an"]):
                index += 1  # "half a billion"
            group = (group or Decimal(0)) + (Decimal("0.5") if token == "half" else Decimal(1))
            previous = "half"
        elif token in _UNIT_VALUES or token in _TENS_VALUES:
            value = _UNIT_VALUES.get(token, _TENS_VALUES.get(token, 0))
            # "twenty five" is one number; "one two" and "twelve five" are not
            if previous in ("unit", "half") or (previous == "tens" and not 0 < value < 10):
                return None
            group = (group or Decimal(0)) + value
            previous = "tens" if token in _TENS_VALUES else "unit"
        elif token in ("hundred", "dozen"):
            group = (group or Decimal(1)) * (100 if token == "hundred" else 12)
            previous = "scale"
        elif token in _SCALE_VALUES:
            total += (group or Decimal(1)) * _SCALE_VALUES[token]
            group = None
            previous = "scale"
        else:
            return None
        index += 1
    if group is None and previous != "scale":
        return None
    return total + (group or Decimal(0))


def figure_value(text: str) -> Decimal | None:
    """The number figures name, with any magnitude ("1.5bn" is 1500000000); None if unreadable."""
    match = _FIGURE_TEXT.fullmatch(text.strip())
    if match is None:
        return None
    digits = match.group("digits").strip()
    if re.fullmatch(
        r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+(?:\.[0-9]+)?", digits
    ):
        digits = digits.replace(",", "").replace(" ", "")
    else:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        return None
    magnitude = match.group("magnitude")
    return value * _MAGNITUDES[magnitude.lower()] if magnitude else value


@dataclass(frozen=True, slots=True)
class _Amount:
    """One number with its currency (if written) and the magnitude it was written with."""

    amount: Decimal
    unit: str | None
    magnitude: Decimal | None


_MAGNITUDE_AT_END = re.compile(
    r"(?:\s+|-)?(trillion|billion|million|thousand|hundred|dozen|tn|bn|mn|mln|m|b|k)$", re.IGNORECASE
)
_SEPARATOR_TEXT = re.compile(r"\s*[-–—]\s*|\s+to\s+", re.IGNORECASE)
_BETWEEN_TEXT = re.compile(r"between\s+(?P<low>.+?)\s+and\s+(?P<high>.+)", re.IGNORECASE)


def _read_amount(text: str, *, money: bool) -> _Amount | str:
    """One number, with its currency for money (not required here: a range may share one)."""
    unit: str | None = None
    if money:
        before = _CURRENCY_PREFIX.match(text)
        after = _CURRENCY_SUFFIX.search(text)
        if before is not None:
            if before.group("code"):
                unit = before.group("code").upper()
            elif before.group("symbol"):
                unit = _SYMBOLS[before.group("symbol")]
            else:
                letters = (before.group("letters") or "").lower()
                unit = _DOLLAR_PREFIXES.get(letters)
                if unit is None:
                    return f"currency {before.group(0).strip()!r} is not one of {', '.join(CURRENCIES)}"
            text = text[before.end() :]
        elif after is not None:
            if after.group("code"):
                unit = after.group("code").upper()
            elif after.group("country"):
                unit = _COUNTRY_DOLLARS[after.group("country").lower()]
            else:
                word = after.group("word").lower().split()[0].rstrip("s")
                unit = _WORD_CURRENCIES[word]
            text = text[: after.start()]
    text = text.strip()
    if _VAGUE_TEXT.fullmatch(text):
        return f"vague quantity ({text!r}), not a number"
    amount = figure_value(text) if text[:1].isdigit() else words_value(text)
    if amount is None:
        return f"cannot read {text!r} as a number"
    magnitude = _MAGNITUDE_AT_END.search(text) if text[:1].isdigit() else None
    return _Amount(amount, unit, _MAGNITUDES[magnitude.group(1).lower()] if magnitude else None)


def _range_ends(text: str) -> list[tuple[str, str]]:
    """The ways a phrase splits into the two ends of a range ("between A and B", "A-B", "A to B")."""
    between = _BETWEEN_TEXT.fullmatch(text)
    if between is not None:
        return [(between.group("low"), between.group("high"))]
    return [(text[: m.start()], text[m.end() :]) for m in _SEPARATOR_TEXT.finditer(text) if m.start() > 0]


def _read_range(text: str, *, money: bool) -> tuple[_Amount, _Amount] | str | None:
    """The two ends of a range, the currency and magnitude of one given to the other; None when
    the phrase is no range; why, when it looks like one but cannot be read as one."""
    problem = None
    for low_text, high_text in _range_ends(text):
        low, high = _read_amount(low_text, money=money), _read_amount(high_text, money=money)
        if isinstance(low, str) or isinstance(high, str):
            continue
        if low.magnitude is None and high.magnitude is not None and low.amount < high.amount / high.magnitude:
            low = _Amount(low.amount * high.magnitude, low.unit, high.magnitude)  # "$50-60 billion"
        if low.unit and high.unit and low.unit != high.unit:
            problem = f"a range across two currencies ({low.unit}, {high.unit})"
            continue
        unit = low.unit or high.unit
        if low.amount >= high.amount:
            problem = "the second number of the range is not the larger: not a range"
            continue
        return _Amount(low.amount, unit, low.magnitude), _Amount(high.amount, unit, high.magnitude)
    return problem


def read_quantity(raw: str, *, money: bool) -> Reading | str:
    """Read a matched phrase: the qualifier, amount (or range) and currency, or why it is not a
    quantity."""
    text = raw.translate(_FOLD).strip()
    qualifier: Qualifier = "exact"
    prefix = _QUALIFIER_PREFIX.match(text)
    if prefix is not None:
        qualifier = _QUALIFIERS[re.sub(r"\s+", " ", prefix.group(1).lower())]
        text = text[prefix.end() :]
    suffix = _QUALIFIER_SUFFIX.search(text)
    if suffix is not None:
        if qualifier == "exact":
            qualifier = (
                "at_least" if suffix.group("plus") else _SUFFIX_QUALIFIERS[suffix.group("word").lower()]
            )
        text = text[: suffix.start()]
    ends = _read_range(text, money=money)
    if isinstance(ends, str):
        return ends
    if ends is not None:
        low, high = ends
        if money and low.unit is None:
            return "no currency: an amount of money needs one"
        return Reading(qualifier, low.amount, low.unit, high.amount)
    single = _read_amount(text, money=money)
    if isinstance(single, str):
        return single
    if money and single.unit is None:
        return "no currency: an amount of money needs one"
    return Reading(qualifier, single.amount, single.unit)


def first_end(raw: str) -> str | None:
    """The first end of a phrase matched as a range, with its qualifier, when the phrase is read
    as one number followed by another ("A$368bn to 2055" is A$368bn, then a year)."""
    text = raw.translate(_FOLD)
    prefix = _QUALIFIER_PREFIX.match(text.strip())
    offset = len(text) - len(text.lstrip()) + (prefix.end() if prefix else 0)
    ends = _range_ends(text[offset:].strip())
    if not ends or _BETWEEN_TEXT.fullmatch(text[offset:].strip()):
        return None
    return raw[: offset + len(ends[0][0])].rstrip()


def format_amount(amount: Decimal) -> str:
    """Thousands separators, and no trailing zeros after the decimal point: 1,000,000,000 and 1.5."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount.normalize():,f}"


def label(reading: Reading) -> str:
    """The value the report shows: '~1,000,000,000 USD', '12', '>500 AUD', '3,000–4,000'."""
    text = _SIGNS[reading.qualifier] + format_amount(reading.amount)
    if reading.high is not None:
        text += "–" + format_amount(reading.high)
    return f"{text} {reading.unit}" if reading.unit else text


def interval(reading: Reading, approximate: float, *, integer: bool) -> tuple[float | None, float | None]:
    """The values the phrase allows. Counts and amounts are never negative, so "up to" starts at 0;
    in an integer rule "more than 12" starts at 13."""
    amount = float(reading.amount)
    high = amount if reading.high is None else float(reading.high)  # a range: its upper end
    step = 1.0 if integer else 0.0
    match reading.qualifier:
        case "exact" | "range":
            return amount, high
        case "approximate":
            return amount * (1 - approximate), high * (1 + approximate)
        case "at_least":
            return amount, None
        case "more_than":
            return amount + step, None
        case "at_most":
            return 0.0, high
        case "less_than":
            return 0.0, max(0.0, high - step)
    raise AssertionError(reading.qualifier)  # pragma: no cover - every qualifier is handled above


# --- what surrounds a number: designations, dates, years, ranges -----------------------------

_DESIGNATORS = frozenset(
    "mach pillar article section chapter no nos number flight route type model block phase tranche "
    "level category class stage tier grade mark mk version page paragraph item resolution room gate "
    "platform highway road apollo falcon windows covid".split()
)
_MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. Oct Oct. "
    "Nov Nov. Dec Dec.".split()
)
_YEAR_WORDS = frozenset(
    "in since by from until till through throughout of during before after year fiscal fy circa "
    "early late mid".split()
)
_GAP_STOPWORDS = frozenset(
    "of the a an and or to in on at for from by with than per percent its their his her this that "
    "these those such some other".split()
)
_CHANGE_FROM = re.compile(r"\bfrom[\s\u00a0]+$", re.IGNORECASE)
"""Before a quantity: it is where a change starts ("from 890 to 4,000")."""
_CHANGE_TO = re2.compile(_CHANGE_TO_SOURCE, options(case_sensitive=False))
"""After a counted noun: where the change it started ends ("from eight submarines to twelve")."""
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[\s\u00a0]*$")
_RANGE_START = re.compile(r"\bbetween[\s\u00a0]+$", re.IGNORECASE)
_RANGE_END = re.compile(r"\bbetween\s+\S+(?:\s+\S+){0,3}\s+and\s+$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|per\s?cent\b|percent\b|percentage\b|(?:kilomet(?:er|re)s?|km|miles?|nautical|met(?:er|re)s?"
    r"|feet|foot|tons?|tonnes?|kg|kilograms?|years?|months?|weeks?|days?|hours?|minutes?|knots?)\b)",
    re.IGNORECASE,
)


def context_problem(before: str, raw: str, reading: Reading, *, money: bool) -> str | None:
    """Why the text before a matched quantity shows it is not one (a designation, date, year, range)."""
    if (
        reading.high is not None
        and reading.unit is None
        and all(1900 <= end < 2100 and end == int(end) for end in (reading.amount, reading.high))
        and re.fullmatch(
            r"(?:between\s+)?\d{4}(?:\s*[-–—]\s*|\s+(?:to|and)\s+)\d{4}", raw.strip(), re.IGNORECASE
        )
    ):
        return f"a span of years ({raw.strip()!r}), not a quantity"
    if re.search(r"(?:^|\s)[0-9][0-9,.]*[-–][\s\u00a0]*$", before):
        return "end of a range not read as one ('3,000-about 4,000')"
    if re.search(r"[0-9][\s\u00a0]+$|[0-9][.,:/]$", before):
        # "4 000" with a plain space is not read as one figure: "12 100-ton boats" is not 12,100
        return "follows another number: part of a longer figure (only a no-break space groups digits)"
    if re.search(r"[A-Za-z0-9_][-–/#.]?$|[-–/#]$", before):
        return "part of a name, code or designation ('B-52', 'F-35')"
    if not money and re.search(r"[$€£¥][\s\u00a0]?$", before):
        return "an amount of money, not a count"
    if _RANGE_START.search(before):
        return "start of a range not read as one ('between 3,000 and some 4,000')"
    if _RANGE_END.search(before):
        return "end of a range not read as one ('between 3,000 and some 4,000')"
    word = _WORD_BEFORE.search(before)
    if word is None:
        return None
    previous = word.group(1)
    if previous in _MONTHS:
        return f"a date ('{previous} {raw}'), not a quantity"
    key = previous.lower().rstrip(".")
    if key in _DESIGNATORS and (key != "no" or previous.endswith(".")):
        return f"follows {previous!r}: a designation, not a quantity"
    year = reading.amount
    if (
        key in _YEAR_WORDS
        and reading.qualifier == "exact"
        and 1900 <= year < 2100
        and raw.startswith(f"{int(year)}")  # no currency sign and no magnitude before it
    ):
        return f"a year ('{previous} {int(year)}'), not a quantity"
    return None


# --- the rule ----------------------------------------------------------------------------------


class Spec(ExtractorSpec):
    """A number (in figures or words) with its qualifier, and for money its currency."""

    kind: Literal["quantity"]
    counts: str | None = Field(
        default=None,
        description="RE2 pattern of the counted noun that must follow the number ('attack submarines', "
        "'cyber ?specialists|personnel'); also read as 'the number of <noun> ... to <number>'.",
    )
    money: bool = Field(
        default=False,
        description="An amount of money: a currency (symbol, code or word) must be written. A bare '$' "
        "or 'dollars' is USD; 'A$' and 'Australian dollars' are AUD.",
    )
    patterns: list[str] = Field(
        default_factory=list,
        description="RE2 patterns, each with one '{quantity}' where the number stands: "
        "'\\bvalued\\s+(?:at\\s+)?{quantity}'. Without patterns or counts, a money rule reads every "
        "amount in the sentences its context allows.",
    )
    integer: bool = Field(default=False, description="Refuse numbers that are not whole ('1.5 submarines').")
    approximate: float = Field(
        default=DEFAULT_APPROXIMATE,
        ge=0,
        lt=1,
        description="Relative widening, on each side, of an approximate number ('about', 'near', "
        "'roughly', 'some', 'nearly', 'almost', 'around'): 0.1 makes 'about 4,000' 3,600 to 4,400.",
    )
    gap: int = Field(
        default=0,
        ge=0,
        le=4,
        description="Words allowed between the number and the counted noun ('12 new attack submarines' "
        "needs 1 unless the counts pattern lists 'new'). Function words there ('of', 'the') drop the match.",
    )


@dataclass(frozen=True)
class _Shape:
    """One RE2 probe of a rule: its source and how its match is checked."""

    source: str
    subpath: tuple[str | int, ...]
    unit_after: bool = False
    """Nothing the rule requires follows the number: refuse percentages and units there."""
    noun_after: Any = None
    """For "<noun> ... to N": an RE2 pattern of the counted noun, the one noun allowed after N."""
    equivalent: bool = False
    """The quantity is the equivalent in parentheses of the amount before it ("A$90bn (US$65.4bn)")."""


def _shapes(spec: Spec, context: CompileContext) -> list[_Shape]:
    quantity = f"(?P<quantity>{quantity_source(money=spec.money)})"
    shapes: list[_Shape] = []
    if spec.counts is not None:
        counts = context.expand(spec.counts, ("counts",))
        context.compile(counts, ("counts",))  # a broken pattern is reported at `counts`, not at a shape
        gap = rf"(?P<gap>(?:{_SP}[a-z][\w'’-]*){{0,{spec.gap}}}?)" if spec.gap else "(?P<gap>)"
        noun_after = context.compile(rf"^[\s\x{{00a0}}]*(?:{counts})\b", ("counts",))
        shapes.append(_Shape(rf"{quantity}{gap}{_SP}(?:{counts})\b", ("counts",)))
        # "the number of cyber specialists ... to 4,000", "boost its cyber personnel to 4,000"
        shapes.append(
            _Shape(
                rf"\b(?:(?:{_HEAD_NOUNS}){_SP}of(?:{_SP}[a-z][\w'’-]*){{0,{spec.gap}}}?{_SP})?(?:{counts})\b"
                rf"[^;:?!]{{0,60}}?\b(?:{_TOWARDS}){_SP}{quantity}",
                ("counts",),
                unit_after=True,
                noun_after=noun_after,
            )
        )
        # "from eight submarines to twelve": the count is the one it became
        shapes.append(
            _Shape(
                rf"\bfrom{_SP}(?:{_END}){gap}{_SP}(?:{counts}){_SP}(?:to|into){_SP}{quantity}",
                ("counts",),
                unit_after=True,
                noun_after=noun_after,
            )
        )
    places: list[tuple[str, tuple[str | int, ...]]] = []
    for index, pattern in enumerate(spec.patterns):
        expanded = context.expand(pattern, ("patterns", index))
        if expanded.count(PLACEHOLDER) != 1:
            raise context.error(
                f"a quantity pattern needs exactly one {PLACEHOLDER} where the number stands",
                ("patterns", index),
                hint=r"e.g. '\bvalued\s+(?:at\s+)?{quantity}'",
            )
        places.append((expanded, ("patterns", index)))
    if not places and spec.counts is None and spec.money:
        places.append((PLACEHOLDER, ("money",)))
    for template, subpath in places:
        if not spec.money:
            shapes.append(_Shape(template.replace(PLACEHOLDER, quantity), subpath, unit_after=True))
            continue
        # An amount and its equivalent in parentheses: each is a value ("A$90bn (US$65.4bn)").
        equivalent = (
            rf"[\s\x{{00a0}}]*\([\s\x{{00a0}}]*(?P<quantity>{quantity_source(money=True)})[\s\x{{00a0}}]*\)"
        )
        shapes.append(
            _Shape(template.replace(PLACEHOLDER, f"{quantity}(?P<equiv>{equivalent_source()})?"), subpath)
        )
        shapes.append(
            _Shape(
                template.replace(PLACEHOLDER, f"(?:{quantity_source(money=True)}){equivalent}"),
                subpath,
                equivalent=True,
            )
        )
    return shapes


def compile_probes(
    spec: Spec, context: CompileContext, extractor: ExtractorRef, priority: int
) -> list[Probe]:
    """One probe per shape: the counted noun after the number, 'the number of <noun> to N', each pattern."""
    if context.field_type != "quantity":
        raise context.error(
            f"a quantity extractor belongs in a quantity field, not a {context.field_type} field",
            ("kind",),
        )
    if spec.money and spec.counts is not None:
        raise context.error(
            "'counts' reads a number of things, 'money' an amount of money: give one of them",
            ("counts",),
            key=True,
        )
    if spec.counts is None and not spec.patterns and not spec.money:
        raise context.error(
            "a quantity extractor needs 'counts' (the noun after the number), 'patterns' with "
            "{quantity}, or 'money: true'",
            hint="a bare number anywhere in a sentence is never evidence of a fact",
        )
    if spec.gap and spec.counts is None:
        raise context.error("'gap' applies only together with 'counts'", ("gap",), key=True)
    probes = []
    for shape in _shapes(spec, context):
        regex = context.compile_probe(shape.source, shape.subpath)
        probes.append(
            Probe(
                field_id=context.field_id,
                extractor=extractor,
                priority=priority,
                source=shape.source,
                case_sensitive=False,
                regex=regex,
                interpret=_interpreter(spec, shape, dict(regex.groupindex)),
            )
        )
    return probes


_FOLLOWERS = frozenset(
    "by in within from over while and or as before after under this next at to for of with through until "
    "during when which that but so the a an its their his her people personnel staff specialists experts "
    "members troops soldiers workers officers strong last early late later soon now today each per "
    "overall already".split()
)
_NEXT_WORD = re.compile(r"[\s\u00a0]*([A-Za-z][\w'’-]*)")


def _other_noun(following: str, rest: bytes, counted: Any) -> str | None:
    """In "<noun> ... to N <word>", why N counts something other than the noun ("to 12 bases")."""
    word = _NEXT_WORD.match(following)
    if word is None or word.group(1).lower() in _FOLLOWERS or search(counted, rest):
        return None
    return f"followed by {word.group(1)!r}: a number of something else"


def _interpreter(
    spec: Spec, shape: _Shape, groups: dict[str, int]
) -> Callable[[Spans, bytes, SentenceScope], Hit]:
    quantity_group = groups["quantity"]
    gap_group = groups.get("gap")
    equiv_group = groups.get("equiv")

    def interpret(spans: Spans, data: bytes, scope: SentenceScope) -> Hit:
        start, end = spans[quantity_group]
        span = spans[0]
        raw = data[start:end].decode("utf-8", "replace")
        before = data[max(0, start - 80) : start].decode("utf-8", "ignore")
        # "number of specialists up to 4,000": the filler took "up", the qualifier is "up to"
        widened = re.search(r"\bup\s+to\s+$", before, re.IGNORECASE)
        if widened is not None and not _QUALIFIER_PREFIX.match(raw.translate(_FOLD)):
            start -= len(before) - widened.start()
            raw = data[start:end].decode("utf-8", "replace")
            before = before[: widened.start()]
        reading = read_quantity(raw, money=spec.money)
        if isinstance(reading, str) and (first := first_end(raw)) is not None:
            # matched as a range, read as a number followed by another ("A$368bn to 2055")
            first_reading = read_quantity(first, money=spec.money)
            if not isinstance(first_reading, str):
                raw, reading, end = first, first_reading, start + len(first.encode("utf-8"))
        anchor = (start, end)
        if shape.equivalent:
            span = anchor  # the amount before it is another value, with a span of its own
        elif equiv_group is not None and spans[equiv_group][0] >= 0:
            span = (span[0], end)
        if isinstance(reading, str):
            return Hit(None, anchor, span, reason=reading)
        if reading.high is not None and _CHANGE_FROM.search(before):
            reading = Reading(reading.qualifier, reading.high, reading.unit)  # "from 890 to 4,000": 4,000
        problem = context_problem(before, raw, reading, money=spec.money)
        if (
            problem is None
            and spec.counts is not None
            and _CHANGE_FROM.search(before)
            and search(_CHANGE_TO, data[span[1] :])
        ):
            problem = "the starting point of a change ('from eight submarines to twelve'): not what it became"
        if problem is None and gap_group is not None and spans[gap_group][1] > spans[gap_group][0]:
            words = data[spans[gap_group][0] : spans[gap_group][1]].decode("utf-8", "replace").split()
            stop = next((word for word in words if word.lower() in _GAP_STOPWORDS), None)
            if stop is not None:
                problem = f"{stop!r} between the number and the counted noun: not a count of them"
        if problem is None and shape.unit_after:
            following = data[end : end + 40].decode("utf-8", "ignore")
            unit = _UNIT_AFTER.match(following)
            if unit is not None:
                problem = f"followed by {unit.group().strip()!r}: a measure, not this quantity"
            elif shape.noun_after is not None:
                problem = _other_noun(following, data[end:], shape.noun_after)
        if problem is None and spec.integer:
            fraction = next((n for n in (reading.amount, reading.high) if n is not None and n % 1), None)
            if fraction is not None:
                problem = f"{format_amount(fraction)} is not a whole number"
        if problem is not None:
            return Hit(None, anchor, span, reason=problem)
        low, high = interval(reading, spec.approximate, integer=spec.integer)
        detail = QuantityValue(
            raw=raw,
            amount=float(reading.amount),
            unit=reading.unit,
            qualifier="range"
            if reading.high is not None and reading.qualifier == "exact"
            else reading.qualifier,
            low=low,
            high=high,
        )
        return Hit(label(reading), anchor, span, detail=detail)

    return interpret
