"""The `quantity` extractor kind: numbers in figures and words, magnitudes, currencies, qualifiers,
their intervals and comparison, the traps that look like numbers, and the bundled quantity rules.

Every sentence here was written for these tests (none is from the seeds); each expectation is
what the sentence says to a reader.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest
import yaml

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import Corpus, parse_article
from aukus_check.engine import Candidate, build_report, extract_claims, scan_article
from aukus_check.errors import RulesError
from aukus_check.extractors import quantity
from aukus_check.extractors.quantity import Reading, figure_value, label, read_quantity, words_value
from aukus_check.models import QuantityValue
from aukus_check.outlets import build_outlet_matcher
from aukus_check.rules import RuleSet, load_rules, parse_rules, rules_json_schema
from aukus_check.yaml_source import load_yaml
from tests.conftest import RULES

# --- reading a phrase ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twelve", 12),
        ("one", 1),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a hundred and twenty", 120),
        ("one hundred twelve", 112),
        ("a billion", 1_000_000_000),
        ("one billion", 1_000_000_000),
        ("one and a half billion", 1_500_000_000),
        ("half a billion", 500_000_000),
        ("two million three hundred thousand", 2_300_000),
        ("four thousand", 4000),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert words_value(text) == value


@pytest.mark.parametrize("text", ["one two", "twelve five", "ninety twenty", "banana", ""])
def test_number_words_that_are_not_one_number(text: str) -> None:
    assert words_value(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", Decimal(1000)),
        ("1.5", Decimal("1.5")),
        ("4\u00a0000", Decimal(4000)),
        ("1.5bn", Decimal(1_500_000_000)),
        ("1.5 billion", Decimal(1_500_000_000)),
        ("90-billion", Decimal(90_000_000_000)),
        ("2m", Decimal(2_000_000)),
        ("5k", Decimal(5000)),
        ("3 tn", Decimal(3 * 10**12)),
        ("12,345.67", Decimal("12345.67")),
    ],
)
def test_figures_with_separators_and_magnitudes(text: str, value: Decimal) -> None:
    assert figure_value(text.replace("\u00a0", " ")) == value


@pytest.mark.parametrize(
    ("raw", "money", "expected"),
    [
        ("near one billion dollars", True, "~1,000,000,000 USD"),
        ("$1.5 billion", True, "1,500,000,000 USD"),
        ("A$90 billion", True, "90,000,000,000 AUD"),
        ("US$1bn", True, "1,000,000,000 USD"),
        ("U.S.$2bn", True, "2,000,000,000 USD"),
        ("€2m", True, "2,000,000 EUR"),
        ("¥300 billion", True, "300,000,000,000 JPY"),
        ("£3bn", True, "3,000,000,000 GBP"),
        ("AUD 90 billion", True, "90,000,000,000 AUD"),
        ("90 billion Australian dollars", True, "90,000,000,000 AUD"),
        ("300 billion yen", True, "300,000,000,000 JPY"),
        ("2 million euros", True, "2,000,000 EUR"),
        ("5 pounds sterling", True, "5 GBP"),
        ("more than A$500", True, ">500 AUD"),
        ("one billion dollars or more", True, "≥1,000,000,000 USD"),
        ("approximately 4,000", False, "~4,000"),
        ("at least 12", False, "≥12"),
        ("no fewer than 12", False, "≥12"),
        ("up to 4,000", False, "≤4,000"),
        ("fewer than 4,000", False, "<4,000"),
        ("did not exceed 12", False, "≤12"),
        ("didn’t exceed 12", False, "≤12"),
        ("4,000-plus", False, "≥4,000"),
        ("4,000 or so", False, "~4,000"),
        ("~4,000", False, "~4,000"),
        ("2.5", False, "2.5"),
        # ranges: one value, the interval they name; a side takes the other's currency or magnitude
        ("between 3,000 and 4,000", False, "3,000–4,000"),
        ("3,000-4,000", False, "3,000–4,000"),
        ("eight to twelve", False, "8–12"),
        ("twenty-five to thirty", False, "25–30"),
        ("roughly 3,000 to 4,000", False, "~3,000–4,000"),
        ("$50-60 billion", True, "50,000,000,000–60,000,000,000 USD"),
        ("between A$50bn and A$60bn", True, "50,000,000,000–60,000,000,000 AUD"),
        ("€500 million to €1 billion", True, "500,000,000–1,000,000,000 EUR"),
        ("40 to 45 billion euros", True, "40,000,000,000–45,000,000,000 EUR"),
    ],
)
def test_labels(raw: str, money: bool, expected: str) -> None:
    reading = read_quantity(raw, money=money)
    assert isinstance(reading, Reading), reading
    assert label(reading) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("C$5bn", "currency 'C$' is not one of USD, AUD, EUR, JPY, GBP"),
        ("NZ$3bn", "currency 'NZ$' is not one of USD, AUD, EUR, JPY, GBP"),
        ("billions of dollars", "vague quantity ('billions of'), not a number"),
        ("$5bn to €6bn", "a range across two currencies (USD, EUR)"),
        ("twelve to eight dollars", "the second number of the range is not the larger: not a range"),
    ],
)
def test_phrases_that_are_not_read(raw: str, reason: str) -> None:
    assert read_quantity(raw, money=True) == reason


def test_qualifiers_make_intervals() -> None:
    def bounds(raw: str, *, integer: bool = False) -> tuple[float | None, float | None]:
        reading = read_quantity(raw, money=False)
        assert isinstance(reading, Reading)
        return quantity.interval(reading, 0.1, integer=integer)

    assert bounds("12") == (12, 12)
    assert bounds("about 4,000") == pytest.approx((3600, 4400))
    assert bounds("at least 12") == (12, None)
    assert bounds("more than 12", integer=True) == (13, None)
    assert bounds("more than 1.5") == (1.5, None)
    assert bounds("up to 4,000") == (0, 4000)
    assert bounds("fewer than 12", integer=True) == (0, 11)
    assert bounds("between 3,000 and 4,000") == (3000, 4000)
    assert bounds("about 3,000-4,000") == pytest.approx((2700, 4400))
    assert bounds("up to 8-12") == (0, 12)


# --- the kind on sentences, with rules written for these tests ------------------------------

KIND_RULES = r"""
schema_version: 1
version: "t"
title: quantity kind tests
fields:
  - id: money
    label: Any amount of money
    type: quantity
    extractors:
      - kind: quantity
        money: true
  - id: boats
    label: Submarines
    type: quantity
    extractors:
      - kind: quantity
        integer: true
        counts: '(?:attack\s+)?submarines'
  - id: crew
    label: Cyber specialists
    type: quantity
    extractors:
      - kind: quantity
        integer: true
        approximate: 0.2
        counts: 'cyber[\s-]?(?:specialists|personnel)'
  - id: range
    label: Missile range
    type: quantity
    extractors:
      - kind: quantity
        patterns: ['\brange\s+of\s+{quantity}']
"""


@pytest.fixture(scope="module")
def kind_rules() -> RuleSet:
    return parse_rules(KIND_RULES, "tests/quantity.yaml")


def scan(rules: RuleSet, text: str) -> list[Candidate]:
    article = parse_article(f"Headline\n\n{text}\n", "t", "t.txt", "utf-8", build_outlet_matcher())
    return list(scan_article(article, rules))


def read(rules: RuleSet, text: str) -> list[tuple[str, str, str]]:
    """(field, label, modality) of every kept candidate."""
    return [
        (c.probe.field_id, str(c.value), c.assessment.modality)
        for c in scan(rules, text)
        if c.kept and c.assessment is not None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # figures, words, magnitudes, currencies
        ("The navy wants 12 attack submarines.", [("boats", "12", "asserted")]),
        ("The navy ordered twelve submarines in one go.", [("boats", "12", "asserted")]),
        ("Canberra once ordered a dozen submarines.", [("boats", "12", "asserted")]),
        ("The budget reached A$3.4 billion last year.", [("money", "3,400,000,000 AUD", "asserted")]),
        ("Officials put the bill at US$1bn.", [("money", "1,000,000,000 USD", "asserted")]),
        ("It will cost roughly 300 billion yen.", [("money", "~300,000,000,000 JPY", "expected")]),
        ("The fund holds half a billion dollars.", [("money", "500,000,000 USD", "asserted")]),
        ("Paris was owed one and a half billion euros.", [("money", "1,500,000,000 EUR", "asserted")]),
        # qualifiers and their modality
        ("The unit has some 4,000 cyber specialists.", [("crew", "~4,000", "asserted")]),
        ("The unit has more than 4,000 cyber personnel.", [("crew", ">4,000", "asserted")]),
        ("The unit has no fewer than 4,000 cyber specialists.", [("crew", "≥4,000", "asserted")]),
        ("The contract did not exceed $1bn.", [("money", "≤1,000,000,000 USD", "asserted")]),
        ("Australia did not order 12 attack submarines.", [("boats", "12", "denied")]),
        ("The ministry said it has 4,000 cyber specialists.", [("crew", "4,000", "reported")]),
        ("The force will reach 4,000 cyber-specialists.", [("crew", "4,000", "expected")]),
        ("The force may already have 4,000 cyber specialists.", [("crew", "4,000", "asserted")]),
        ("A missile with a range of 3,000 is planned.", [("range", "3,000", "asserted")]),
        # traps: nothing here is a quantity of these fields
        ("The B-52 submarines joke is old.", []),
        ("The F-35 submarines joke is older.", []),
        ("The glider flew at Mach 5 submarines speed.", []),
        ("Tokyo joined Pillar 2 submarines talks.", []),
        ("On April 5 submarines surfaced.", []),
        ("In 2021 submarines were the talk of Canberra.", []),
        ("The first submarines arrived; the second submarines followed.", []),
        ("One of the submarines sank and one faction rejoiced.", []),
        ("The No. 2 submarines officer resigned.", []),
        ("About 12% of submarines are in port.", []),
        ("Call 03-1234-5678 submarines hotline.", []),
        ("The test flight covered roughly 482 kilometers.", []),
        ("A range of 482 kilometers was claimed.", []),
        ("Hundreds of submarines and thousands of cyber specialists took part.", []),
        ("Between 2021 and 2024 submarines were refitted.", []),
        ("On April 5-6 submarines surfaced.", []),
        ("The deal was priced in 2021 dollars.", []),
        ("Ottawa offered C$5bn.", []),
        ("The navy wants 1.5 submarines.", []),
        ("Japan has 4 000 cyber specialists.", []),
        ("The navy bought $12 submarines.", [("money", "12 USD", "asserted")]),
        # ranges
        ("Between 3,000 and 4,000 cyber specialists were hired.", [("crew", "3,000–4,000", "asserted")]),
        ("Some 3,000-4,000 cyber specialists were hired.", [("crew", "~3,000–4,000", "asserted")]),
        ("The navy wants between ten and twelve submarines.", [("boats", "10–12", "asserted")]),
        ("Bids came in at $2-3 billion.", [("money", "2,000,000,000–3,000,000,000 USD", "asserted")]),
        # a change reads what it became
        ("The navy's order grew from eight submarines to twelve.", [("boats", "12", "asserted")]),
        ("The navy cut its order from twelve attack submarines to nine.", [("boats", "9", "asserted")]),
        ("The order went from 8 to 12 attack submarines.", [("boats", "12", "asserted")]),
        ("The budget rose from A$50bn to A$90bn.", [("money", "90,000,000,000 AUD", "asserted")]),
        # an amount and its equivalent in parentheses: two values
        (
            "The bill came to A$90bn (US$65.4bn) in the end.",
            [("money", "90,000,000,000 AUD", "asserted"), ("money", "65,400,000,000 USD", "asserted")],
        ),
        (
            "Paris wants €2bn (about A$3.2bn) back.",
            [("money", "2,000,000,000 EUR", "asserted"), ("money", "~3,200,000,000 AUD", "asserted")],
        ),
        # a year after "to" ends no range: the amount is read alone
        ("The programme costs A$368bn to 2055.", [("money", "368,000,000,000 AUD", "asserted")]),
    ],
)
def test_kind_on_sentences(kind_rules: RuleSet, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert read(kind_rules, text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The B-52 submarines joke is old.", "part of a name, code or designation ('B-52', 'F-35')"),
        ("The glider flew at Mach 5 submarines speed.", "follows 'Mach': a designation, not a quantity"),
        ("Tokyo joined Pillar 2 submarines talks.", "follows 'Pillar': a designation, not a quantity"),
        ("On April 5 submarines surfaced.", "a date ('April 5'), not a quantity"),
        ("The deal was priced in 2021 dollars.", "a year ('in 2021'), not a quantity"),
        ("Hundreds of submarines surfaced.", "vague quantity ('Hundreds of'), not a number"),
        ("The navy wants 1.5 submarines.", "1.5 is not a whole number"),
        ("The navy bought $12 submarines.", "an amount of money, not a count"),
        ("A range of 482 kilometers was claimed.", "followed by 'kilometers': a measure, not this quantity"),
    ],
)
def test_traps_are_dropped_with_a_reason(kind_rules: RuleSet, text: str, reason: str) -> None:
    assert [c.dropped for c in scan(kind_rules, text) if not c.kept] == [reason]


def test_the_start_of_a_change_and_a_span_of_years_are_dropped_with_a_reason(kind_rules: RuleSet) -> None:
    reasons = {
        c.dropped
        for c in scan(kind_rules, "The navy's order grew from eight submarines to twelve.")
        if not c.kept
    }
    assert "the starting point of a change ('from eight submarines to twelve'): not what it became" in reasons
    [boats] = [
        c
        for c in scan(kind_rules, "Between 2021 and 2024 submarines were refitted.")
        if c.probe.field_id == "boats"
    ]
    assert boats.dropped == "a span of years ('Between 2021 and 2024'), not a quantity"


def test_an_amount_and_its_equivalent_have_spans_of_their_own(kind_rules: RuleSet) -> None:
    text = "The bill came to A$90bn (US$65.4bn) in the end."
    body = f"Headline\n\n{text}\n"
    found = [body[c.span[0] : c.span[1]] for c in scan(kind_rules, text) if c.kept]
    assert found == ["A$90bn", "US$65.4bn"]


def test_the_anchor_is_the_quantity_phrase_with_its_qualifier(kind_rules: RuleSet) -> None:
    text = "The navy now has no fewer than 12 attack submarines."
    [candidate] = scan(kind_rules, text)
    body = f"Headline\n\n{text}\n"
    assert body[candidate.anchor[0] : candidate.anchor[1]] == "no fewer than 12"
    assert body[candidate.span[0] : candidate.span[1]] == "no fewer than 12 attack submarines"
    assert candidate.assessment is not None and candidate.assessment.cues == ()  # "no" is no negation here


def test_hedge_marks_the_quantity_without_changing_its_modality(kind_rules: RuleSet) -> None:
    [candidate] = scan(kind_rules, "The unit could have about 4,000 cyber specialists.")
    assert candidate.assessment is not None
    assert (candidate.assessment.modality, candidate.assessment.hedged) == ("asserted", True)


def test_detail_carries_the_interval_and_the_rule_s_approximate_widening(kind_rules: RuleSet) -> None:
    [candidate] = scan(kind_rules, "The unit has about 4,000 cyber specialists.")
    assert candidate.detail == QuantityValue(
        raw="about 4,000", amount=4000, unit=None, qualifier="approximate", low=3200, high=4800
    )


def test_the_number_of_noun_to_n(kind_rules: RuleSet) -> None:
    assert read(kind_rules, "Tokyo will raise the number of cyber specialists up to 4,000.") == [
        ("crew", "≤4,000", "expected")
    ]
    assert read(kind_rules, "The cyber personnel rose from 890 to about 4,000 last year.") == [
        ("crew", "~4,000", "asserted")
    ]
    dropped = scan(kind_rules, "Japan sent its cyber specialists to 12 bases.")
    assert [c.dropped for c in dropped] == ["followed by 'bases': a number of something else"]


# --- comparison ------------------------------------------------------------------------------


def field_status(rules: RuleSet, field_id: str, *texts: str) -> str:
    articles = tuple(
        parse_article(f"Headline\n\n{text}\n", f"a{n}", f"a{n}.txt", "utf-8", build_outlet_matcher())
        for n, text in enumerate(texts, start=1)
    )
    result = build_report(Corpus("corpus", False, articles, ()), rules).field(field_id)
    assert result is not None
    return result.status


def test_words_and_figures_agree_within_the_interval(kind_rules: RuleSet) -> None:
    assert field_status(kind_rules, "money", "It cost near one billion dollars.", "It cost $1bn.") == "agree"
    assert field_status(kind_rules, "boats", "It has twelve submarines.", "It has 12 submarines.") == "agree"
    assert field_status(kind_rules, "boats", "It has 12 submarines.", "It has a dozen submarines.") == "agree"
    assert field_status(kind_rules, "boats", "It has 12 submarines.", "It has 8 submarines.") == "conflict"
    assert (
        field_status(
            kind_rules, "crew", "It has about 4,000 cyber specialists.", "It has 4,500 cyber specialists."
        )
        == "agree"
    )
    assert (
        field_status(kind_rules, "crew", "It has 4,000 cyber specialists.", "It has 20,000 cyber personnel.")
        == "conflict"
    )
    assert (
        field_status(kind_rules, "boats", "It has at least 12 submarines.", "It has 30 submarines.")
        == "agree"
    )


def test_amounts_in_different_currencies_never_conflict(kind_rules: RuleSet) -> None:
    assert field_status(kind_rules, "money", "It cost A$90 billion.", "It cost $1bn.") == "agree"
    assert field_status(kind_rules, "money", "It cost A$90 billion.", "It cost A$1bn.") == "conflict"


# --- rules-file errors, located --------------------------------------------------------------


def error_of(extractor: str, field_type: str = "quantity") -> RulesError:
    text = (
        textwrap.dedent(
            f"""\
        schema_version: 1
        version: "t"
        title: t
        fields:
          - id: amount
            label: Amount
            type: {field_type}
            {"vocabulary: [a]" if field_type == "enum" else ""}
            extractors:
              - kind: quantity
        """
        )
        + textwrap.indent(textwrap.dedent(extractor).strip("\n"), " " * 8)
        + "\n"
    )
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "rules/q.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("extractor", "message", "line"),
    [
        ("counts: submarines", "belongs in a quantity field, not a enum field", 10),
        ("integer: true", "needs 'counts' (the noun after the number), 'patterns' with {quantity}", 10),
        ("money: true\ncounts: submarines", "give one of them", 12),
        ("patterns: ['valued at']", "needs exactly one {quantity}", 11),
        ("patterns: ['{quantity} and {quantity}']", "needs exactly one {quantity}", 11),
        ("counts: 'subs(?=x)'", "invalid pattern", 11),
        ("gap: 2\nmoney: true", "'gap' applies only together with 'counts'", 11),
        ("counts: subs\napproximate: 2", "'approximate'", 12),
    ],
)
def test_bad_options_are_located_errors(extractor: str, message: str, line: int) -> None:
    error = error_of(extractor, "enum" if "enum" in message else "quantity")
    assert message in error.message, error.message
    assert error.location is not None and error.location.line == line, str(error)


def test_every_option_is_described_in_the_rules_schema() -> None:
    definitions = rules_json_schema()["$defs"].values()
    [options] = [d for d in definitions if d.get("properties", {}).get("kind", {}).get("const") == "quantity"]
    for name, option in options["properties"].items():
        assert option.get("description") or name == "kind", name


# --- the bundled rules: sentences of our own, and every rule's examples ------------------------


@pytest.fixture(scope="module")
def bundled() -> RuleSet:
    return load_rules(RULES, "rules/aukus.yaml")


QUANTITY_FIELDS = (
    "naval_group.contract_value",
    "naval_group.submarine_count",
    "japan.cyber_personnel_target",
)


def bundled_claims(rules: RuleSet, text: str) -> set[tuple[str, str, str]]:
    article = parse_article(f"Headline\n\n{text}\n", "t", "t.txt", "utf-8", rules.outlets)
    return {
        (c.probe.field_id, str(c.value), c.assessment.modality)
        for c in scan_article(article, rules)
        if c.kept and c.assessment is not None and c.probe.field_id in QUANTITY_FIELDS
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Australia walked away from its A$90 billion contract with Naval Group in 2021.",
            {("naval_group.contract_value", "90,000,000,000 AUD", "asserted")},
        ),
        (
            "The Naval Group deal, worth roughly US$66bn, was torn up.",
            {("naval_group.contract_value", "~66,000,000,000 USD", "asserted")},
        ),
        (
            "Naval Group said the contract was worth some €56 billion.",
            {("naval_group.contract_value", "~56,000,000,000 EUR", "reported")},
        ),
        (
            "The Naval Group programme was expected to cost about A$50 billion when it was signed.",
            {("naval_group.contract_value", "~50,000,000,000 AUD", "expected")},
        ),
        (
            "Canberra denied that the Naval Group contract was worth one billion dollars.",
            {("naval_group.contract_value", "1,000,000,000 USD", "denied")},
        ),
        (
            "Australia paid Naval Group A$830 million in compensation and had spent A$3.4 billion"
            " on the programme.",
            set(),
        ),
        ("Naval Group, which employs 16,000 people, reported A$4 billion in revenue.", set()),
        (
            "Naval Group had been contracted to build twelve Attack-class submarines for Australia.",
            {("naval_group.submarine_count", "12", "asserted")},
        ),
        (
            "Under the Naval Group deal, Australia would have received 12 diesel-electric submarines.",
            {("naval_group.submarine_count", "12", "expected")},
        ),
        (
            "Naval Group did not sign a contract for 12 submarines, the company said.",
            {("naval_group.submarine_count", "12", "denied")},
        ),
        ("Australia will buy eight nuclear-powered submarines instead of Naval Group boats.", set()),
        ("One of the Naval Group submarines was to be built in Adelaide.", set()),
        (
            "The twelve French submarines from Naval Group were priced at near A$90 billion.",
            {
                ("naval_group.submarine_count", "12", "asserted"),
                ("naval_group.contract_value", "~90,000,000,000 AUD", "asserted"),
            },
        ),
        (
            "Japan aims to have 4,000 cyber specialists by fiscal 2027.",
            {("japan.cyber_personnel_target", "4,000", "expected")},
        ),
        (
            "Tokyo will boost its cyber personnel to roughly 4,000, the defense ministry said.",
            {("japan.cyber_personnel_target", "~4,000", "expected")},
        ),
        (
            # "could" + a verb: a possibility of what is still to come, a hedged forecast
            "The Self-Defense Forces could expand their cyber personnel to as many as 4,000.",
            {("japan.cyber_personnel_target", "≤4,000", "expected")},
        ),
        (
            "Japan's goal is no fewer than 4,000 cyber-specialists, officials said.",
            {("japan.cyber_personnel_target", "≥4,000", "reported")},
        ),
        (
            "Japan has not set a goal of 4,000 cyber specialists.",
            {("japan.cyber_personnel_target", "4,000", "denied")},
        ),
        ("Japan currently employs about 890 cyber specialists and plans more.", set()),
        ("Japan's cyber specialists rose from 890 in 2022 to 2,230 in 2023, a plan shows.", set()),
        ("South Korea plans to train 4,000 cyber specialists.", set()),
        ("Japan's 2027 plan was set at the Cabinet's 12th meeting.", set()),
        # the contract referred back to once Naval Group is named, or as the cancelled contract
        (
            "Naval Group built boats for decades. An earlier deal between Paris and Canberra, worth"
            " US$65 billion, covered twelve conventional submarines.",
            {
                ("naval_group.contract_value", "65,000,000,000 USD", "asserted"),
                ("naval_group.submarine_count", "12", "asserted"),
            },
        ),
        (
            "Paris is still angry that Canberra tore up a €35bn (A$56bn) order.",
            {
                ("naval_group.contract_value", "35,000,000,000 EUR", "asserted"),
                ("naval_group.contract_value", "56,000,000,000 AUD", "asserted"),
            },
        ),
        # without the reference, "the deal" is any deal
        ("The deal, worth US$65 billion, covered twelve conventional submarines.", set()),
        (
            "DCNS won the tender in 2016. The order later grew from eight Shortfin Barracuda submarines"
            " to a dozen.",
            {("naval_group.submarine_count", "12", "asserted")},
        ),
        (
            "Naval Group lost the contract. Australia will instead get eight nuclear-powered"
            " submarines, a deal worth A$368 billion.",
            set(),
        ),
        ("Naval Group lost out to the AUKUS deal, worth A$368 billion.", set()),
        (
            "Tokyo plans to take its cyber specialists from 2,230 to 4,000 within five years.",
            {("japan.cyber_personnel_target", "4,000", "expected")},
        ),
        (
            "Japan aims to have between 3,500 and 4,000 cyber specialists by 2027.",
            {("japan.cyber_personnel_target", "3,500–4,000", "expected")},
        ),
    ],
)
def test_bundled_quantity_rules_on_new_sentences(
    bundled: RuleSet, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert bundled_claims(bundled, text) == expected


def quantity_rule_examples() -> list[tuple[str, int, int, str, object, str | None]]:
    """(field id, rule line, rule column, text, expect, published) of every quantity rule's example."""
    document = load_yaml(RULES.read_text(encoding="utf-8"), "rules/aukus.yaml")
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    found = []
    for index, field in enumerate(data["fields"]):
        for position, extractor in enumerate(field["extractors"]):
            if extractor["kind"] != "quantity":
                continue
            location = document.location(("fields", index, "extractors", position))
            assert location.line is not None and location.column is not None
            for example in extractor.get("examples", []):
                found.append(
                    (
                        field["id"],
                        location.line,
                        location.column,
                        example["text"],
                        example.get("expect"),
                        example.get("published"),
                    )
                )
    return found


def test_every_quantity_rule_has_examples_of_both_kinds() -> None:
    examples = quantity_rule_examples()
    rules = {(field, line) for field, line, *_ in examples}
    assert {field for field, _ in rules} == set(QUANTITY_FIELDS)
    for rule in rules:
        expects = [expect for field, line, _, _, expect, _ in examples if (field, line) == rule]
        assert any(expects) and not all(expects), rule


@pytest.mark.parametrize(
    ("field_id", "line", "column", "text", "expect", "published"), quantity_rule_examples()
)
def test_rule_examples(
    bundled: RuleSet, field_id: str, line: int, column: int, text: str, expect: object, published: str | None
) -> None:
    """As `aukus-check rules test` does: the example as a one-article corpus through every rule."""
    front = "---\ntitle: example\n" + (f"published: {published}\n" if published else "") + "---\n"
    article = parse_article(front + text.strip() + "\n", "example", "example.md", "utf-8", bundled.outlets)
    found = sorted(
        {
            stance_label(claim.value, POLARITY_OF[claim.modality])
            for claim_field, claim in extract_claims(article, bundled)
            if claim_field == field_id and (claim.extractor.line, claim.extractor.column) == (line, column)
        }
    )
    wanted = [] if expect is None else sorted({expect} if isinstance(expect, str) else set(expect))
    assert found == wanted
