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


# Event frames: one frame reads every construction of an event, and none of its look-alikes.
FRAME_CASES = [
    # founding: active, passive, relative clauses, participles, nouns, pronouns, a dated name
    (
        "aukus.founded",
        "Canberra, London and Washington unveiled their new defence pact, AUKUS, on 15 September 2021.",
        {},
        {"2021-09-15"},
    ),
    (
        "aukus.founded",
        "AUKUS was set up two years ago to counter Beijing.",
        {"published": "2023-09-10"},
        {"2021"},
    ),
    (
        "aukus.founded",
        "AUKUS, set up in 2021, aims to deliver submarines by the 2040s.",
        {},
        {"2021"},
    ),
    (
        "aukus.founded",
        "It has been two years since AUKUS was forged in the autumn of 2021.",
        {},
        {"2021-09-01/2021-11-30"},
    ),
    (
        "aukus.founded",
        "AUKUS came into existence in 2021.",
        {},
        {"2021"},
    ),
    (
        "aukus.founded",
        "The trilateral security partnership, AUKUS, was announced in September 2021 by Biden.",
        {},
        {"2021-09"},
    ),
    (
        "aukus.founded",
        "Since its creation in 2021, AUKUS has grown.",
        {},
        {"2021"},
    ),
    (
        "aukus.founded",
        "The leaders announced AUKUS on Wednesday, officials said.",
        {"published": "2021-09-17"},
        {"2021-09-15"},
    ),
    (
        "aukus.founded",
        "AUKUS was announced by the leaders of the three countries last September.",
        {"published": "2022-04-13"},
        {"2021-09"},
    ),
    (
        "aukus.founded",
        "AUKUS was born in 2021. The pact, which Canberra hails as historic, was first unveiled by "
        "the three leaders in September 2021.",
        {},
        {"2021", "2021-09"},
    ),
    (
        "aukus.founded",
        "AUKUS was not created in 2020, as some claim, but in 2021.",
        {},
        {"not 2020"},
    ),
    (
        "aukus.founded",
        "The AUKUS security pact was struck between Australia, Britain and the US in 2021.",
        {},
        {"2021"},
    ),
    (
        "aukus.founded",
        "AUKUS, unveiled by Biden, Johnson and Morrison on 15 September 2021, changed the region.",
        {},
        {"2021-09-15"},
    ),
    ("aukus.founded", "AUKUS was launched three years ago today.", {"published": "2024-09-15"}, {"2021"}),
    # look-alikes: another event of AUKUS, of its members, or of something it names
    ("aukus.founded", "The AUKUS nations struck a deal on submarines in March 2023.", {}, set()),
    (
        "aukus.founded",
        "Leaders will mark the third anniversary of AUKUS on Sunday.",
        {"published": "2024-09-16"},
        set(),
    ),
    (
        "aukus.founded",
        "As AUKUS marks its third anniversary on 15 September 2024, doubts remain.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "The AUKUS partners launched a hypersonics project in April 2022.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "AUKUS launched its hypersonics program in April 2022.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "The launch of AUKUS Pillar II in 2022 broadened the agenda.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "AUKUS members established a working group in 2023.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "Paris on Friday condemned the creation of AUKUS.",
        {"published": "2021-09-20"},
        set(),
    ),
    (
        "aukus.founded",
        "Officials said in 2023 that AUKUS was created to deter China.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "AUKUS will be expanded in 2025.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "If AUKUS had been created in 2015, things would differ.",
        {},
        set(),
    ),
    (
        "aukus.founded",
        "The pact, which Canberra hails as historic, was unveiled in 2021.",
        {},
        set(),
    ),  # never named
    (
        "aukus.founded",
        "AUKUS is a trio. In 2023 the leaders signed an agreement on submarines.",
        {},
        set(),
    ),
    # the ministers' statement on Japan
    (
        "japan.pillar2_statement",
        "AUKUS defence chiefs said on Monday they are weighing closer work with Japan on Pillar II projects.",
        {"published": "2024-04-10"},
        {"2024-04-08"},
    ),
    (
        "japan.pillar2_statement",
        "On Monday, the AUKUS ministers announced they would consider bringing Tokyo into the second pillar.",
        {"published": "2024-04-10"},
        {"2024-04-08"},
    ),
    (
        "japan.pillar2_statement",
        "In a joint statement released on 8 April, the AUKUS allies said they were exploring "
        "cooperation with Japan.",
        {},
        {"--04-08"},
    ),
    (
        "japan.pillar2_statement",
        "Japan was singled out as a Pillar II partner in April.",
        {"published": "2024-09-20"},
        {"2024-04"},
    ),
    (
        "japan.pillar2_statement",
        "Tokyo welcomed on Tuesday the AUKUS statement that Japan is being considered for Pillar II.",
        {"published": "2024-04-10"},
        set(),
    ),
    (
        "japan.pillar2_statement",
        "Japan said on Tuesday it is considering joining AUKUS Pillar II.",
        {"published": "2024-04-10"},
        set(),
    ),
    (
        "japan.pillar2_statement",
        "AUKUS partners have considered Japan for Pillar II since 2022.",
        {"published": "2024-04-10"},
        set(),
    ),
    # Kishida in Washington
    (
        "kishida.washington_visit",
        "Kishida heads to Washington on April 8 for a state visit.",
        {"published": "2024-04-01"},
        {"2024-04-08"},
    ),
    (
        "kishida.washington_visit",
        "Biden will welcome Fumio Kishida to the White House on April 10.",
        {"published": "2024-04-01"},
        {"2024-04-10 (expected)"},
    ),
    (
        "kishida.washington_visit",
        "Kishida, who met Biden on Wednesday, flew to North Carolina on Thursday.",
        {"published": "2024-04-12"},
        {"2024-04-10"},
    ),
    (
        "kishida.washington_visit",
        "Biden and Kishida met at the White House on Wednesday.",
        {"published": "2024-04-12"},
        {"2024-04-10"},
    ),
    (
        "kishida.washington_visit",
        "On Wednesday, Biden will meet with Kishida and on Thursday he will see Marcos.",
        {},
        {"Wednesday (expected)"},
    ),
    (
        "kishida.washington_visit",
        "Kishida addressed Congress on Thursday, a day after meeting Biden.",
        {"published": "2024-04-12"},
        set(),
    ),
    (
        "kishida.washington_visit",
        "Kishida said on Friday he had met Biden.",
        {"published": "2024-04-12"},
        set(),
    ),
    (
        "kishida.washington_visit",
        "Kishida met Marcos on Thursday after his talks with Biden.",
        {"published": "2024-04-12"},
        set(),
    ),
    (
        "kishida.washington_visit",
        "Kishida arrived in Washington on Monday for a state visit.",
        {"published": "2024-04-08"},
        {"2024-04-08"},
    ),
    (
        "kishida.washington_visit",
        "The April 10 summit between Biden and Kishida will focus on defence.",
        {"published": "2024-04-01"},
        {"2024-04-10 (expected)"},
    ),
    ("kishida.washington_visit", "Kishida will go to Manila next week.", {"published": "2024-04-01"}, set()),
    # hypersonics
    (
        "hypersonics.cooperation_agreed",
        "AUKUS leaders agreed on Tuesday to start working together on hypersonic weapons.",
        {"published": "2022-04-06"},
        {"2022-04-05"},
    ),
    (
        "hypersonics.cooperation_agreed",
        "In April 2022, the AUKUS partners decided to collaborate on hypersonics.",
        {},
        {"2022-04"},
    ),
    (
        "hypersonics.cooperation_agreed",
        "The AUKUS agreement on hypersonic research was reached in April 2022.",
        {},
        {"2022-04"},
    ),
    (
        "hypersonics.cooperation_agreed",
        "AUKUS partners may agree next month to cooperate on hypersonic testing.",
        {"published": "2024-04-10"},
        {"2024-05 (expected)"},
    ),
    (
        "hypersonics.cooperation_agreed",
        "Japan and the US agreed in 2023 to co-develop a hypersonic interceptor.",
        {},
        set(),
    ),
    # the secrecy law, by its names
    (
        "japan.state_secrecy_law_year",
        "The secrets act of 2013 was widely criticised.",
        {},
        {"2013"},
    ),
    (
        "japan.state_secrecy_law_year",
        "The Diet approved the state secrets protection law in December 2013.",
        {},
        {"2013"},
    ),
]


@pytest.mark.parametrize(("field_id", "text", "where", "expected"), FRAME_CASES)
def test_event_frames(
    rules: RuleSet, field_id: str, text: str, where: dict[str, str], expected: set[str]
) -> None:
    assert labels(rules, field_id, text, **where) == expected


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
        # what people write besides
        ("Today, the pact held; they committed today", ["Today", "today"]),
        ("two years ago, a year ago, 3 weeks ago", ["two years ago", "a year ago", "3 weeks ago"]),
        (
            "two and a half years ago and a year and a half ago",
            ["two and a half years ago", "a year and a half ago"],
        ),
        (
            "in the fall of 2021, spring 2022 and late winter 2023",
            ["fall of 2021", "spring 2022", "late winter 2023"],
        ),
        ("planned for April", ["April"]),
        # not dates
        ("USA Today reported it; Japan Today agreed", []),
        ("a day and a half ago", []),
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
        ("They met today.", PUBLISHED, "2024-03-04"),
        ("They met two years ago.", PUBLISHED, "2022"),
        ("They met three weeks ago.", PUBLISHED, "2024-W07"),
        ("They met two and a half years ago.", PUBLISHED, "2021-09"),
        ("They met a month ago.", PUBLISHED, "2024-02"),
        ("They met in the fall of 2021.", None, "2021-09-01/2021-11-30"),
        ("They met in the winter of 2023.", None, "2023-12-01/2024-02-29"),
        ("They met two years ago.", None, "two years ago"),
        ("They met today.", PartialDate(year=2021, month=9), "2021-09"),
        # a weekday in a story known only to its month: the month, when no other is possible
        (
            "They met on Wednesday.",
            PartialDate(year=2021, month=9),
            "2021-09",
        ),  # 1 September 2021 was a Wednesday
        ("They met on Friday.", PartialDate(year=2021, month=9), "Friday"),  # 1 September may be before it
        ("They will meet on Wednesday.", PartialDate(year=2021, month=9), "Wednesday"),
        ("They met last Wednesday.", PartialDate(year=2021, month=9), "last Wednesday"),
    ],
)
def test_place(sentence: str, published: PartialDate | None, expected: str) -> None:
    assert placed_label(sentence, published) == expected


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Wednesday", "Wednesday"),
        ("This month", "this month"),
        ("Earlier this week", "earlier this week"),
        ("last Friday", "last Friday"),
        ("Last  Friday", "last Friday"),
        ("Two and a half years ago", "two and a half years ago"),
    ],
)
def test_an_unresolved_phrase_is_shown_as_written_in_one_case(raw: str, shown: str) -> None:
    assert label(Placed(None, None, None), raw) == shown


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
        ("The summit will be held in April", "future"),  # a passive infinitive looks ahead
        ("The deal is to be signed in April", "future"),
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
    head = (
        'schema_version: 1\nversion: "t"\ntitle: Dates\n'
        "lexicons:\n  held:\n    verbs: [hold, convene]\n    nouns: [holding]\n"
        "references:\n  talks:\n    names: [Geneva talks]\n    mentions: [talks, negotiations]\n"
        "fields:\n"
    )
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
        ("- kind: date\n  event: []", "date", "needs an 'event' pattern or a 'frames' entry"),
        ("- kind: date\n  frames: [{lexicon: nothing, topic: talks}]", "date", "no lexicon 'nothing'"),
        ("- kind: date\n  frames: [{lexicon: held, topic: '  '}]", "date", "a frame's topic is empty"),
        (
            "- kind: date\n  frames: [{lexicon: held, topic: talks, dated: true}]",
            "date",
            "'dated' needs a topic",
        ),
        ("- kind: date\n  frames: [{lexicon: held, topic: talks, role: agent}]", "date", "role"),
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


# --- event frames: the constructions one frame compiles to ----------------------------------------


@pytest.fixture(scope="module")
def held() -> RuleSet:
    return compile_date_rules(
        """
        - kind: date
          frames: [{lexicon: held, topic: '{ref:talks}', dated: true}]
        """
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoys convened the Geneva talks in 2019.", ["2019"]),  # active
        ("The Geneva talks were held in 2019.", ["2019"]),  # passive
        ("The Geneva talks, which many thought doomed, were first held in 2019.", ["2019"]),  # an aside
        ("The Geneva talks, held in 2019, failed.", ["2019"]),  # apposed participle
        ("The Geneva talks held in 2019 failed.", ["2019"]),  # reduced participle
        ("Convened in 2019, the Geneva talks failed.", ["2019"]),  # opening participle
        ("The holding of the Geneva talks in 2019 surprised many.", ["2019"]),  # a noun
        ("The Geneva talks resumed. The 2019 talks had failed.", ["2019"]),  # a date in the name
        ("The Geneva talks resumed. The negotiations were held in 2019.", ["2019"]),  # a mention
        ("Diplomats on Friday welcomed the holding of the Geneva talks.", []),  # the welcome's date
        ("The Geneva talks were held, envoys said in 2019.", []),  # the report's date
        ("The talks were held in 2019.", []),  # a mention of talks the article never named
        (
            "The Geneva talks resumed. Envoys held negotiations on trade in 2019.",
            [],
        ),  # "negotiations on trade"
        ("The Geneva talks held that it would end in 2019.", []),  # "held that": not a participle
    ],
)
def test_one_frame_reads_every_construction(held: RuleSet, text: str, expected: list[str]) -> None:
    assert values(held, text) == expected


def test_a_frame_reads_its_negation_and_its_forecast(held: RuleSet) -> None:
    assert [
        c.assessment.modality
        for c in scan_article(article("The Geneva talks were not held in 2019."), held)
        if c.kept and c.assessment
    ] == ["denied"]
    [claim] = [
        c
        for c in scan_article(article("The Geneva talks will be held next month.", "2024-03-04"), held)
        if c.kept
    ]
    assert (
        claim.value == "2024-04" and claim.assessment is not None and claim.assessment.modality == "expected"
    )


def test_a_relative_clause_in_the_past_is_no_forecast(rules: RuleSet) -> None:
    [claim] = field_claims(
        rules, "aukus.founded", "AUKUS, which was set up in 2021, aims to deliver submarines."
    )
    assert claim.modality == "asserted"
    [claim] = field_claims(
        rules,
        "aukus.founded",
        "The pact AUKUS, formed last year by three allies, aims high.",
        published="2022-04-13",
    )
    assert (claim.value, claim.modality) == ("2021", "asserted")


def test_a_dateline_is_never_the_date_of_the_sentence_after_it(rules: RuleSet) -> None:
    text = "Tokyo, April 13 (Agency) AUKUS, which was formed last year by three allies, is growing."
    assert labels(rules, "aukus.founded", text, published="2022-04-13") == {"2021"}
    text = "Canberra, 15 September 2021 (Agency) -- Leaders unveiled AUKUS."
    assert labels(rules, "aukus.founded", text) == set()
