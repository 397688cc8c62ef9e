"""The `date` extractor kind: date phrases, their placing against the publication date, the
bundled date rules on sentences that are not in the seeds, and every rule's own examples.

Each expectation is what the sentence says to a reader who knows when it was published.
"""

from __future__ import annotations

import datetime
import textwrap
from typing import Any

import pytest
import yaml

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import Article, Corpus, parse_article
from aukus_check.engine import build_report, scan_article
from aukus_check.errors import RulesError
from aukus_check.extractors.date import Mention, Placed, find_dates, label, place, tense_near, truncate
from aukus_check.models import Claim, DateValue, PartialDate
from aukus_check.outlets import build_outlet_matcher
from aukus_check.rules import RuleSet, load_rules, parse_rules
from tests.conftest import RULES


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES, "rules/aukus.yaml")


def article(text: str, published: str | None = None, dateline: str | None = None) -> Article:
    """A one-article corpus: front matter with `published`, or a dateline, then the text."""
    head = f'---\npublished: "{published}"\n---\n' if published else ""
    body = f"{dateline}\n\n{text}" if dateline else text
    return parse_article(f"{head}Headline\n\n{body}\n", "t", "t.txt", "utf-8", build_outlet_matcher())


def field_claims(rules: RuleSet, field_id: str, text: str, **where: str) -> tuple[Claim, ...]:
    report = build_report(Corpus("corpus", False, (article(text, **where),), ()), rules)
    result = report.field(field_id)
    assert result is not None
    return result.claims


def labels(rules: RuleSet, field_id: str, text: str, **where: str) -> set[str]:
    """What the report shows for the field: "2024-04 (expected)", "not 2024-04", "--04-08"."""
    return {
        stance_label(c.value, POLARITY_OF[c.modality]) for c in field_claims(rules, field_id, text, **where)
    }


# --- the bundled date rules on sentences of our own -------------------------------------------

CASES = [
    # absolute dates, every precision
    (
        "aukus.founded",
        "AUKUS, which was formally launched in September 2021, links three navies.",
        {},
        {"2021-09"},
    ),
    ("aukus.founded", "The three leaders unveiled AUKUS on 15 September 2021.", {}, {"2021-09-15"}),
    ("aukus.founded", "The AUKUS pact, founded in 2021, faces new tests.", {}, {"2021"}),
    ("aukus.founded", "Since AUKUS’s creation in mid-2021, Paris has been wary.", {}, {"2021"}),
    (
        "kishida.washington_visit",
        "The Biden-Kishida summit took place on April 10, 2024.",
        {},
        {"2024-04-10"},
    ),
    # relative to publication: intervals, weeks, weekdays, tomorrow
    (
        "kishida.washington_visit",
        "Kishida will travel to Washington later this year.",
        {"published": "2024-03-04"},
        {"2024-03-04/2024-12-31 (expected)"},
    ),
    (
        "kishida.washington_visit",
        "Kishida visited Washington earlier this month.",
        {"published": "2024-03-04"},
        {"2024-03-01/2024-03-04"},
    ),
    ("kishida.washington_visit", "Kishida met Biden last week.", {"published": "2024-03-04"}, {"2024-W09"}),
    (
        "kishida.washington_visit",
        "Kishida will meet Biden on Friday.",
        {"published": "2024-03-04"},
        {"2024-03-08 (expected)"},
    ),
    ("kishida.washington_visit", "Kishida met Biden on Friday.", {"published": "2024-03-04"}, {"2024-03-01"}),
    (
        "kishida.washington_visit",
        "Kishida will visit Washington tomorrow.",
        {"published": "2024-03-04"},
        {"2024-03-05 (expected)"},
    ),
    # year boundaries and the tense of the clause
    (
        "kishida.washington_visit",
        "Kishida will visit Washington next month.",
        {"published": "2024-12-10"},
        {"2025-01 (expected)"},
    ),
    (
        "kishida.washington_visit",
        "Kishida visited Washington in January.",
        {"published": "2024-02-20"},
        {"2024-01"},
    ),
    (
        "kishida.washington_visit",
        "Kishida will visit Washington in January.",
        {"published": "2024-11-20"},
        {"2025-01 (expected)"},
    ),
    (
        "kishida.washington_visit",
        "Kishida visited Washington in December.",
        {"published": "2024-02-20"},
        {"2023-12"},
    ),
    ("kishida.washington_visit", "Kishida met Biden last month.", {"published": "2024-01-15"}, {"2023-12"}),
    (
        "kishida.washington_visit",
        "Kishida will meet Biden next week.",
        {"published": "2024-12-30"},
        {"2025-W02 (expected)"},
    ),
    # a dateline with no year, and no publication date at all
    (
        "kishida.washington_visit",
        "Kishida will visit Washington next month.",
        {"dateline": "Tokyo, 12 May, /AJMEDIA/"},
        {"--06 (expected)"},
    ),
    ("kishida.washington_visit", "Kishida met Biden on April 8.", {"dateline": "Tokyo, 12 May"}, {"--04-08"}),
    ("kishida.washington_visit", "Kishida met Biden last Friday.", {}, {"last Friday"}),
    # negation, hedges, attribution, conditions and questions
    (
        "kishida.washington_visit",
        "Kishida did not meet Biden in April.",
        {"published": "2024-05-10"},
        {"not 2024-04"},
    ),
    (
        "kishida.washington_visit",
        "Kishida may visit Washington in May.",
        {"published": "2024-03-04"},
        {"2024-05 (expected)"},
    ),
    (
        "kishida.washington_visit",
        "Kishida reportedly met Biden in Washington in February.",
        {"published": "2024-03-04"},
        {"2024-02"},
    ),
    (
        "kishida.washington_visit",
        "Kishida could meet Biden in April, officials said.",
        {"published": "2024-03-04"},
        {"2024-04 (expected)"},
    ),
    (
        "aukus.founded",
        "Japan would be the first partner of the AUKUS framework established in 2021, it is expected.",
        {"published": "2024-03-04"},
        {"2021"},
    ),
    (
        "kishida.washington_visit",
        "Kishida is expected to say he visited Washington in January.",
        {"published": "2024-03-04"},
        {"2024-01"},
    ),
    (
        "kishida.washington_visit",
        "If Kishida visits Washington in April, the deal could be signed.",
        {},
        set(),
    ),
    ("kishida.washington_visit", "Will Kishida visit Washington in April?", {}, set()),
    # dates that are not the event's, and numbers that are not dates
    (
        "aukus.founded",
        'AUKUS was announced amid rising tension, a report titled "Security in 2030" recalls.',
        {},
        set(),
    ),
    ("aukus.founded", "AUKUS was established (Sankei, 2024) as a trilateral pact.", {}, set()),
    ("japan.state_secrecy_law_year", "The state secrecy law was passed in the 2010s.", {}, set()),
    (
        "japan.state_secrecy_law_year",
        "Japan enacted a state secrecy law covering 2,013 categories.",
        {},
        set(),
    ),
    (
        "japan.state_secrecy_law_year",
        "The secrecy law, which was enacted in December 2013, took effect a year later.",
        {},
        {"2013"},
    ),
    ("kishida.washington_visit", "The march toward a Biden-Kishida summit continues.", {}, set()),
    ("kishida.washington_visit", "Kishida met Biden at 16:32 as 2,021 troops paraded.", {}, set()),
    (
        "hypersonics.cooperation_agreed",
        "The partners agreed to cooperate on hypersonic missiles that fly at Mach 5 alongside the F-35.",
        {},
        set(),
    ),
    (
        "hypersonics.cooperation_agreed",
        "By the mid- to late-2020s the partners agreed to work together on hypersonic weapons.",
        {},
        set(),
    ),
    (
        "hypersonics.cooperation_agreed",
        "The partners agreed to cooperate on hypersonic weapons, officials said on Monday.",
        {"published": "2024-03-04"},
        set(),
    ),
]


@pytest.mark.parametrize(("field_id", "text", "where", "expected"), CASES)
def test_bundled_date_rules(
    rules: RuleSet, field_id: str, text: str, where: dict[str, str], expected: set[str]
) -> None:
    assert labels(rules, field_id, text, **where) == expected


def test_a_possibility_keeps_the_date_as_a_hedged_forecast(rules: RuleSet) -> None:
    [claim] = field_claims(rules, "kishida.washington_visit", "Kishida might visit Washington in April.")
    assert claim.hedged and claim.modality == "expected"
    [past] = field_claims(
        rules, "kishida.washington_visit", "Kishida might have visited Washington in April."
    )
    assert past.hedged and past.modality == "asserted"


def test_a_relative_date_records_what_it_was_resolved_against(rules: RuleSet) -> None:
    [claim] = field_claims(
        rules, "kishida.washington_visit", "Kishida will visit Washington next month.", published="2024-03-04"
    )
    assert claim.detail == DateValue(
        raw="next month",
        resolved=True,
        precision="month",
        start="2024-04-01",
        end="2024-04-30",
        relative_to="2024-03-04",
    )
    assert claim.evidence.text == "Kishida will visit Washington next month"


def test_without_a_publication_date_a_relative_date_stays_unresolved(rules: RuleSet) -> None:
    [claim] = field_claims(rules, "kishida.washington_visit", "Kishida will meet Biden next week.")
    assert claim.value == "next week"
    assert claim.detail == DateValue(raw="next week", resolved=False, precision=None, start=None, end=None)


def test_dates_of_different_precision_agree_and_disjoint_ones_conflict(rules: RuleSet) -> None:
    def status(*texts: str) -> str:
        articles = tuple(
            parse_article(f"Headline\n\n{text}\n", f"a{n}", f"a{n}.txt", "utf-8", build_outlet_matcher())
            for n, text in enumerate(texts)
        )
        result = build_report(Corpus("c", False, articles, ()), rules).field("aukus.founded")
        assert result is not None
        return result.status

    assert (
        status("AUKUS was announced on September 15, 2021.", "The AUKUS pact, founded in 2021, grew.")
        == "agree"
    )
    assert status("AUKUS was announced in 2021.", "The AUKUS pact, founded in 2020, grew.") == "conflict"
    assert status("AUKUS was announced in 2021.", "The AUKUS pact was formed in September.") == "agree"


# --- every date rule's own examples ---------------------------------------------------------------


def _date_examples() -> list[tuple[str, str, dict[str, Any]]]:
    document = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    found = []
    for field in document["fields"]:
        for extractor in field["extractors"]:
            if extractor["kind"] == "date":
                found.extend((field["id"], extractor["name"], example) for example in extractor["examples"])
    return found


@pytest.mark.parametrize(("field_id", "name", "example"), _date_examples())
def test_rule_examples(rules: RuleSet, field_id: str, name: str, example: dict[str, Any]) -> None:
    claims = field_claims(
        rules,
        field_id,
        example["text"],
        **({"published": example["published"]} if "published" in example else {}),
    )
    read = sorted(stance_label(c.value, POLARITY_OF[c.modality]) for c in claims if c.extractor.name == name)
    expect = example.get("expect")
    assert read == ([] if expect is None else sorted([expect] if isinstance(expect, str) else expect))


def test_every_date_rule_has_examples_that_match_and_that_do_not() -> None:
    by_rule: dict[tuple[str, str], list[Any]] = {}
    for field_id, name, example in _date_examples():
        by_rule.setdefault((field_id, name), []).append(example.get("expect"))
    assert len(by_rule) >= 5
    for rule, expects in by_rule.items():
        assert any(e is not None for e in expects) and any(e is None for e in expects), rule


# --- finding date phrases -------------------------------------------------------------------------


def raws(sentence: str) -> list[str]:
    return [m.raw for m in find_dates(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On September 15, 2021, AUKUS was born.", ["September 15, 2021"]),
        ("4 Mar, 2024 16:32", ["4 Mar, 2024"]),
        ("Sept. 15th, 2021 and 2024-03-04", ["Sept. 15th, 2021", "2024-03-04"]),
        ("in mid-March 2024 and in September of 2021", ["mid-March 2024", "September of 2021"]),
        ("on April 8, on 12 May and on the 8th of April", ["April 8", "12 May", "8th of April"]),
        ("in March, by early May, last March, this June", ["March", "early May", "last March", "this June"]),
        ("in 2021, mid-2021 and the 2021's budget", ["2021", "mid-2021", "2021"]),
        ("last week’s talks, next month, this year", ["last week", "next month", "this year"]),
        ("earlier this month and later this year", ["earlier this month", "later this year"]),
        ("on Monday, last Friday, yesterday, tomorrow", ["Monday", "last Friday", "yesterday", "tomorrow"]),
        # not dates
        ("Japan may join, and May I add that it may.", []),
        ("the march toward war; troops march; the March toward war", []),
        ("mid- to late-2020s, the 2020s, early 2030s, the 1990's", []),
        ("from 2021 to 2025, 2020-2025, between 2021 and 2023, April 8-10", []),
        ("(Sankei, 2024), (Smith et al. 2019), Smith (2021), (Reuters, March 5)", []),
        ("in his paper “Japan in 2030” and a study titled The 2035 Problem", []),
        ("2,021 troops, 2021 troops, F-35, Mach 5, B-52, 16:32, $2021, page 2013, No. 2021", []),
        ("aged 45, a 45-year-old, over the next month, in the past year", []),
        ("April Smith said so; June Lee agreed", []),
        ("April 31 and February 30", []),
        ("Monday, March 4, 2024", ["March 4, 2024"]),
    ],
)
def test_find_dates(sentence: str, expected: list[str]) -> None:
    assert raws(sentence) == expected


def test_a_year_after_a_temporal_preposition_is_a_year_even_before_a_noun() -> None:
    assert raws("In 2021 troops were sent north.") == ["2021"]


# --- placing dates ------------------------------------------------------------------------------

PUBLISHED = PartialDate(year=2024, month=3, day=4)  # a Monday, ISO week 10


def placed_label(sentence: str, published: PartialDate | None) -> str:
    [mention] = find_dates(sentence)
    clause = (0, len(sentence))
    tense = tense_near(sentence, clause, mention.start, mention.end) if mention.needs_tense else None
    placed = place(mention, published, tense)
    assert placed is not None
    return label(placed, mention.raw)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("They met on April 8.", PUBLISHED, "2023-04-08"),  # past: the latest April 8 before 4 March
        ("They will meet on April 8.", PUBLISHED, "2024-04-08"),
        ("They meet on April 8.", PUBLISHED, "2024-04-08"),  # present looks ahead
        ("The talks on April 8.", PUBLISHED, "2024-04-08"),  # no tense: the publication year
        ("They met on March 4.", PUBLISHED, "2024-03-04"),
        ("They met on March 5.", PUBLISHED, "2023-03-05"),
        ("They will meet on March 3.", PUBLISHED, "2025-03-03"),
        ("They met last March.", PUBLISHED, "2023-03"),
        ("They meet next March.", PUBLISHED, "2025-03"),
        ("They met last April.", PUBLISHED, "2023-04"),
        ("They met this week.", PUBLISHED, "2024-W10"),
        ("They meet this Friday.", PUBLISHED, "2024-03-08"),
        ("They met last Monday.", PUBLISHED, "2024-02-26"),
        ("They met on Monday.", PUBLISHED, "2024-03-04"),
        ("They met yesterday.", PUBLISHED, "2024-03-03"),
        ("They met earlier this year.", PUBLISHED, "2024-01-01/2024-03-04"),
        ("They met last year.", PUBLISHED, "2023"),
        ("They met in 2021.", None, "2021"),
        ("They met on April 8.", PartialDate(month=5, day=12), "--04-08"),
        ("They met yesterday.", PartialDate(month=5, day=12), "--05-11"),
        ("They met earlier this month.", PartialDate(month=5, day=12), "--05"),
        ("They meet next month.", PartialDate(month=12, day=12), "--01"),
        ("They met last month.", PartialDate(month=1, day=12), "--12"),
        ("They met last week.", PartialDate(month=5, day=12), "last week"),
        ("They met in March.", PartialDate(year=2024), "--03"),  # no month to tell which March
        ("They met last year.", PartialDate(year=2024), "2023"),
        ("They meet later this year.", PartialDate(year=2024), "2024"),
        ("They met earlier this month.", PartialDate(year=2024, month=3), "2024-03"),
        ("They met on Monday.", None, "Monday"),
    ],
)
def test_place(sentence: str, published: PartialDate | None, expected: str) -> None:
    assert placed_label(sentence, published) == expected


def test_29_february_is_placed_only_in_a_leap_year() -> None:
    mention = Mention(0, 11, "February 29", month=2, day=29)
    assert place(mention, PartialDate(year=2024, month=3, day=1), "past") is not None
    assert place(mention, PartialDate(year=2023, month=3, day=1), "past") is None


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("Kishida will visit in April", "future"),
        ("Kishida is expected to visit in April", "future"),
        ("Kishida has visited in April", "past"),
        ("Kishida visited Washington in April", "past"),
        ("Created in April", "past"),
        ("Kishida is in Washington in April", "present"),
        ("The advanced talks in April", None),
        ("The United States talks in April", None),
        ("Kishida could have met Biden in April", "past"),
        ("Kishida could meet Biden in April", "future"),
        ("In April, Kishida met Biden", "past"),  # nothing before the date: the verb after it
    ],
)
def test_tense_near(sentence: str, tense: str | None) -> None:
    [mention] = find_dates(sentence)
    assert tense_near(sentence, (0, len(sentence)), mention.start, mention.end) == tense


def test_truncate_to_the_year_and_month() -> None:
    day = Placed(datetime.date(2013, 12, 6), datetime.date(2013, 12, 6), "day")
    year = truncate(day, "year")
    assert year is not None and label(year, "") == "2013" and year.precision == "year"
    month = truncate(day, "month")
    assert month is not None and label(month, "") == "2013-12"
    assert truncate(Placed(None, None, None, month=4, day=8), "year") is None
    yearless = truncate(Placed(None, None, None, month=4, day=8), "month")
    assert yearless is not None and label(yearless, "") == "--04"
    assert truncate(Placed(None, None, None), "year") == Placed(None, None, None)


# --- options and errors -----------------------------------------------------------------------------


def compile_date_rules(extractor: str, field_type: str = "date") -> RuleSet:
    head = 'schema_version: 1\nversion: "t"\ntitle: Dates\nfields:\n'
    field = f"  - id: talks.date\n    label: Talks\n    type: {field_type}\n"
    if field_type == "enum":
        field += "    vocabulary: [held]\n"
    body = "    extractors:\n" + textwrap.indent(textwrap.dedent(extractor).strip("\n"), "      ")
    return parse_rules(head + field + body + "\n", "tests/rules.yaml")


def values(rules: RuleSet, text: str, published: str | None = None) -> list[str | None]:
    return [c.value for c in scan_article(article(text, published), rules) if c.kept]


def test_window_and_clause_decide_which_date_belongs_to_the_event() -> None:
    rules = compile_date_rules(
        r"""
        - kind: date
          window: 3
          event: ['\btalks\b']
        """
    )
    assert values(rules, "In 2019 there were, after long delays and many quarrels, talks.") == []
    assert values(rules, "The talks began in 2019 and ended in 2020.") == ["2019"]
    assert values(rules, "In 2019 talks began; the deal came in 2020.") == ["2019"]
    assert values(rules, "Nothing happened in 2019; talks began later.") == []


def test_a_date_inside_the_event_match_wins() -> None:
    rules = compile_date_rules(
        r"""
        - kind: date
          event: ['\btalks\s+(?:began|ended)\s+in\s+\w+']
        """
    )
    assert values(rules, "In 2018 the talks began in 2019.") == ["2019"]


def test_precision_month_keeps_the_month() -> None:
    rules = compile_date_rules(
        r"""
        - kind: date
          precision: month
          event: ['\btalks\b']
        """
    )
    assert values(rules, "The talks were held on March 4, 2024.") == ["2024-03"]


def test_the_explain_reason_when_no_date_is_near() -> None:
    rules = compile_date_rules(
        r"""
        - kind: date
          event: ['\btalks\b']
        """
    )
    [candidate] = scan_article(article("The talks went well."), rules)
    assert candidate.dropped == "no date in the sentence"
    [candidate] = scan_article(
        article(
            "In 2019, after years of delays and quarrels and bitter recriminations in the capitals of"
            " both countries, talks."
        ),
        rules,
    )
    assert candidate.dropped == "no date in the event's clause within 12 words of it"


@pytest.mark.parametrize(
    ("extractor", "field_type", "message"),
    [
        (
            "- kind: date\n  event: ['talks']",
            "enum",
            "a date extractor belongs in a date field; this field is of type enum",
        ),
        ("- kind: date\n  event: ['  ']", "date", "an event pattern is empty"),
        ("- kind: date\n  event: ['(?=talks)']", "date", "invalid pattern"),
        ("- kind: date\n  event: []", "date", "event"),
        ("- kind: date\n  event: ['talks']\n  window: 99", "date", "window"),
        ("- kind: date\n  event: ['talks']\n  precision: week", "date", "precision"),
    ],
)
def test_rule_errors_are_located(extractor: str, field_type: str, message: str) -> None:
    with pytest.raises(RulesError) as error:
        compile_date_rules(extractor, field_type)
    assert message in str(error.value)
    assert error.value.location.path == "tests/rules.yaml" and error.value.location.line is not None


def test_a_settled_value_is_no_forecast_but_keeps_its_negation_and_attribution() -> None:
    from aukus_check.modality import SentenceCues

    sentence = "Japan would not join the pact founded in 2021, the outlet claimed."
    anchor = sentence.index("founded"), sentence.index(" 2021") + 5
    assert SentenceCues(sentence).assess(*anchor).modality == "denied"
    sentence = "Japan would join the pact founded in 2021, the outlet claimed."
    anchor = sentence.index("founded"), sentence.index(" 2021") + 5
    assert SentenceCues(sentence).assess(*anchor).modality == "expected"
    settled = SentenceCues(sentence).assess(*anchor, settled=True)
    assert settled.modality == "reported" and not any(cue.kind == "future" for cue in settled.cues)
