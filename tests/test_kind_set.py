"""Set fields (pillar1.scope, pillar2.scope) on sentences written for these tests, not taken
from the seeds: synonym folding, coverage per element across articles, explicit exclusions
and the only conflicts they make, negation, hedges, questions and conditions, and traps.

Decisions these tests pin down:

- "a quantum leap" is an idiom, not quantum technology: the quantum rule is vetoed in a
  sentence that uses it, and the other areas of that sentence are still read;
- a weakness named right before an area ("Japan's weak cyberdefenses") is not scope, even in
  a sentence about Pillar II;
- "Apart from AI, ..." opening a sentence can mean "besides AI" or "except AI": AI is dropped,
  neither included nor excluded;
- a hedged element ("could include") is included, with `hedged` set on its claim;
- scope is read wherever the article presents the areas (or the submarines) as AUKUS's: the
  pact named, referred back to once named ("the pact", "the three governments"), its three
  members listed together, or its pillars; a description of the pact ("the AUKUS undersea
  work") states its scope whatever the predicate it stands in, and the pact's own purpose
  ("which aims to equip Australia with ...") is no forecast;
- what a country has, lacks, could offer, should do or does itself is not the pact's scope.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import Corpus, parse_article
from aukus_check.engine import build_report, extract_claims, scan_article
from aukus_check.models import FieldResult
from aukus_check.rules import RuleSet, load_rules, parse_rules
from tests.conftest import RULES

SCOPES = ("pillar1.scope", "pillar2.scope")


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES, "rules/aukus.yaml")


@dataclass(frozen=True)
class Read:
    """One element a sentence gives a scope field, as a report would label it."""

    field: str
    label: str
    hedged: bool = False


def read(rules: RuleSet, text: str) -> set[Read]:
    """What the bundled rules read for the two scope fields from one sentence."""
    article = parse_article("Headline\n\n" + text + "\n", "t", "t.txt", "utf-8", rules.outlets)
    return {
        Read(field_id, stance_label(claim.value, POLARITY_OF[claim.modality]), claim.hedged)
        for field_id, claim in extract_claims(article, rules)
        if field_id in SCOPES
    }


def p2(*labels: str, hedged: bool = False) -> set[Read]:
    return {Read("pillar2.scope", label, hedged) for label in labels}


def p1(*labels: str) -> set[Read]:
    return {Read("pillar1.scope", label) for label in labels}


SYNONYMS = [
    # ai: three spellings fold into one element
    ("Pillar II brings together artificial intelligence and quantum sensing.", p2("ai", "quantum")),
    ("The second pillar pools machine learning research.", p2("ai")),
    ("Pillar 2 teams are testing AI-enabled targeting.", p2("ai")),
    # undersea
    ("Pillar II includes undersea drones.", p2("undersea")),
    ("Work on underwater capabilities sits under Pillar 2.", p2("undersea")),
    ("Subsea sensing is a Pillar II project.", p2("undersea")),
    # cyber
    ("Pillar II teams are sharing cyberweapons know-how.", p2("cyber")),
    ("Pillar II research on cyber defense is expanding.", p2("cyber")),
    # one claim per element per sentence, however many forms it takes
    ("Pillar II covers hypersonic missiles and counter-hypersonic defences.", p2("hypersonics")),
    # the rest of the vocabulary
    (
        "Pillar II funds EW research and antisubmarine sonar work.",
        p2("electronic_warfare", "anti_submarine_warfare"),
    ),
    ("Pillar II uncrewed systems trials began in May.", p2("autonomy_robotics")),
    # Pillar I
    ("Pillar I delivers nuclear-powered attack submarines to Australia.", p1("nuclear_submarines")),
    ("Under Pillar One, Australia gets nuclear-powered subs.", p1("nuclear_submarines")),
    ("Pillar I covers nuclear submarines and Pillar II covers AI.", p1("nuclear_submarines") | p2("ai")),
]

NEGATION_AND_EXCLUSION = [
    ("Pillar II does not cover hypersonics.", p2("not hypersonics")),
    ("Pillar II covers AI but not cyber.", p2("ai", "not cyber")),
    ("Pillar II covers AI, excluding quantum.", p2("ai", "not quantum")),
    ("AUKUS Pillar II work, excluding quantum, has started.", p2("not quantum")),
    ("Pillar II covers every area except electronic warfare.", p2("not electronic_warfare")),
    ("The second pillar spans everything other than AI.", p2("not ai")),
    ("Pillar II covers everything apart from undersea drones.", p2("not undersea")),
    # the excluded list runs on past commas ...
    (
        "The second pillar covers everything except hypersonics, quantum and cyber.",
        p2("not hypersonics", "not quantum", "not cyber"),
    ),
    # ... but not past a word that re-opens it
    (
        "Pillar II covers everything except hypersonics, including AI and quantum.",
        p2("not hypersonics", "ai", "quantum"),
    ),
    # a negation just before the exclusion word: "only AI"
    ("Pillar II does not cover anything other than AI.", p2("ai")),
    # "Apart from AI" opening a sentence may mean "besides AI": AI is dropped as ambiguous
    ("Apart from AI, Pillar II covers quantum computing.", p2("quantum")),
    # "except" cannot mean "besides", but its phrase ends at its comma
    ("Except for hypersonics, Pillar II covers quantum computing.", p2("not hypersonics", "quantum")),
    ("Pillar One does not cover nuclear-powered submarines for Japan.", p1("not nuclear_submarines")),
]

MODALITY = [
    # hedges keep the element, marked hedged
    ("Pillar II could include hypersonic weapons.", p2("hypersonics (expected)", hedged=True)),
    ("Pillar II may eventually cover seabed warfare.", p2("undersea (expected)", hedged=True)),
    ("Pillar II may already cover seabed warfare.", p2("undersea", hedged=True)),
    ("Pillar II will add electronic warfare next year.", p2("electronic_warfare (expected)")),
    # questions and conditions are not claims
    ("Will Pillar II cover quantum?", set()),
    ("Does the second pillar include machine learning?", set()),
    ("If Pillar II expands to hypersonics, Beijing will protest.", set()),
    ("Whether Pillar II covers AI is unclear.", set()),
]

TRAPS = [
    # a weakness is not scope, with or without the pillar in the sentence
    ("Japan's cyber defences remain weak.", set()),
    ("Japan's weak cyberdefenses could delay its entry into Pillar II.", set()),
    ("Tokyo's lack of strong cyberdefenses worries Pillar II partners.", set()),
    # "AI" and "EW" are whole upper-case words, not letters inside one
    ("The MAIN point of Pillar II is speed, Thai officials SAID.", set()),
    ("Pillar II is NEW ground for Japan.", set()),
    # an idiom, not quantum technology; the sentence's real area is still read
    ("Pillar II marks a quantum leap for the alliance.", set()),
    ("Pillar II marks a quantum leap in AI cooperation.", p2("ai")),
    # the other pillar's sentence
    ("Pillar I is not about hypersonics.", set()),
    ("Pillar II does not involve nuclear submarines, unlike Pillar I.", set()),
    ("Japan has no nuclear submarines.", set()),
]

# The pact by name or referred back to once named, its members, and descriptions of it: scope
# wherever the article presents the areas (or the submarines) as AUKUS's.
REFERENCES = [
    ("AUKUS turned three this year. The pact now also funds quantum sensing trials.", p2("quantum")),
    # "the pact" of an article that never named AUKUS is some other pact
    ("The pact now also funds quantum sensing trials.", set()),
    (
        "AUKUS was signed in 2021. The three governments are testing uncrewed systems together.",
        p2("autonomy_robotics"),
    ),
    (
        "Britain, Australia and the United States will jointly research hypersonic gliders.",
        p2("hypersonics (expected)"),
    ),
    ("Canberra, London and Washington have agreed to share machine learning tools.", p2("ai")),
    (
        "AUKUS leaders met in May. The trio is set to deliver nuclear-powered submarines to"
        " the Royal Australian Navy.",
        p1("nuclear_submarines (expected)"),
    ),
    (
        "AUKUS dates from 2021. The partner countries pool know-how on nuclear submarine reactors.",
        p1("nuclear_submarines"),
    ),
    (
        "Seen beside the boat-heavy Pillar One, its submarine spending dwarfs the rest.",
        p1("nuclear_submarines"),
    ),
    # a description of the pact states its scope, whatever the predicate it stands in
    ("Seoul may never take part in the AUKUS undersea work.", p2("undersea")),
    ("Tokyo will not join the Pillar One nuclear-powered submarine effort.", p1("nuclear_submarines")),
    (
        "AUKUS is three years old. Ottawa might be brought into Pillar II, the part of the pact"
        " that centres on quantum and cyber.",
        p2("quantum", "cyber"),
    ),
    ("The AUKUS work does not cover hypersonics.", p2("not hypersonics")),
    ("Japan says the second pillar will cover robotics.", p2("autonomy_robotics (expected)")),
    # named on the way only: the sentence's own future stands
    (
        "AUKUS was signed in 2021. The partners will work through AUKUS to develop hypersonic gliders.",
        p2("hypersonics (expected)"),
    ),
    ("If Seoul joins the AUKUS quantum work, Beijing will object.", set()),
    # the pact's purpose is what it covers, not a forecast; someone else's plan is a forecast
    (
        "AUKUS, which aims to equip Australia with nuclear-powered submarines, turns five next year.",
        p1("nuclear_submarines"),
    ),
    (
        "AUKUS was launched in 2021. The alliance unveiled a plan to field nuclear-powered"
        " submarines in Adelaide.",
        p1("nuclear_submarines"),
    ),
    (
        "Washington plans to sell nuclear-powered submarines to Canberra under AUKUS.",
        p1("nuclear_submarines (expected)"),
    ),
    # "is to be" is a forecast, not a purpose
    (
        "AUKUS was set up in 2021. The pact is to be widened to cover hypersonic gliders next year.",
        p2("hypersonics (expected)"),
    ),
]

# What a country has, lacks, could give or should do is not what the pact covers.
OWN_CAPABILITIES = [
    (
        "AUKUS was signed in 2021. Tokyo's expertise in robotics and quantum computing impresses"
        " the AUKUS partners.",
        set(),
    ),
    ("AUKUS partners prize the nation's capabilities in electronic warfare.", set()),
    ("AUKUS envoys said Japan could offer the pact its strengths in machine learning.", set()),
    ("Japan should work with AUKUS on hypersonic defence, the lawmaker argued.", set()),
    ("The AUKUS partners said Tokyo must shore up its cyber defences.", set()),
    ("AUKUS officials say Japan needs to make progress in the field of cybersecurity first.", set()),
    ("Tokyo has run uncrewed systems projects with each AUKUS country for years.", set()),
    ("Under AUKUS there is no plan for Tokyo to buy nuclear-powered submarines.", set()),
    ("AUKUS aside, India operates its own nuclear-powered submarines.", set()),
    ("The AUKUS deal set no delivery schedule for the nuclear-powered submarines.", set()),
    ("Japan, Australia and the Philippines discussed cyber cooperation.", set()),
]

CASES = SYNONYMS + NEGATION_AND_EXCLUSION + MODALITY + TRAPS + REFERENCES + OWN_CAPABILITIES


def test_there_are_at_least_25_sentences() -> None:
    assert len(CASES) >= 25
    assert len({text for text, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text[:50] for text, _ in CASES])
def test_scope_sentences(rules: RuleSet, text: str, expected: set[Read]) -> None:
    assert read(rules, text) == expected


def test_why_ambiguous_and_idiom_sentences_give_nothing(rules: RuleSet) -> None:
    """The reasons the engine gives, as `aukus-check explain` would show them."""

    def reasons(text: str) -> dict[str, str | None]:
        article = parse_article("Headline\n\n" + text + "\n", "t", "t.txt", "utf-8", rules.outlets)
        return {
            str(candidate.value): candidate.dropped
            for candidate in scan_article(article, rules)
            if candidate.probe.field_id == "pillar2.scope"
        }

    assert "ambiguous" in str(reasons("Apart from AI, Pillar II covers quantum computing.")["ai"])
    assert "'unless'" in str(reasons("Pillar II marks a quantum leap in AI cooperation.")["quantum"])
    assert "'unless_before'" in str(reasons("Japan's weak cyberdefenses could delay Pillar II.")["cyber"])


# --- across articles: coverage per element, and which exclusions conflict --------------------


def scope_report(rules: RuleSet, texts: dict[str, str], field_id: str = "pillar2.scope") -> FieldResult:
    articles = tuple(
        parse_article(f"{name}\n\n{text}\n", name, f"{name}.txt", "utf-8", rules.outlets)
        for name, text in texts.items()
    )
    result = build_report(Corpus("corpus", False, articles, ()), rules).field(field_id)
    assert result is not None
    return result


def coverage(result: FieldResult) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {c.element: (c.included, c.excluded) for c in result.coverage}


def test_coverage_per_element_and_conflicts_only_where_one_includes_and_another_excludes(
    rules: RuleSet,
) -> None:
    result = scope_report(
        rules,
        {
            "a": "Pillar II covers artificial intelligence and undersea drones.",
            "b": "The second pillar spans machine learning, quantum computing and hypersonic missiles.",
            "c": "Pillar II does not cover hypersonics.",
            "d": "Pillar II covers everything except quantum and cyber.",
            "e": "Pillar II could include hypersonic weapons.",
        },
    )
    assert coverage(result) == {
        "ai": (("a", "b"), ()),
        "quantum": (("b",), ("d",)),
        "cyber": ((), ("d",)),  # excluded by one article, included by none: no conflict
        "hypersonics": (("b", "e"), ("c",)),  # the hedged forecast includes it too
        "undersea": (("a",), ()),
    }
    assert result.status == "conflict"
    pairs = {(p.left, p.right, p.left_articles, p.right_articles) for p in result.conflicts}
    assert pairs == {
        ("quantum", "not quantum", ("b",), ("d",)),
        ("hypersonics", "not hypersonics", ("b",), ("c",)),
        # a denial conflicts with the same element forecast, too
        ("hypersonics (expected)", "not hypersonics", ("e",), ("c",)),
    }
    hedged = [c.evidence.article for c in result.claims if c.hedged]
    assert hedged == ["e"]


CORPORA = [
    (
        "synonyms from several articles count as one element",
        "pillar2.scope",
        {
            "a": "Pillar II covers artificial intelligence.",
            "b": "The second pillar pools machine learning research.",
            "c": "Pillar 2 teams are testing AI-enabled targeting.",
        },
        {"ai": (("a", "b", "c"), ())},
        "agree",
    ),
    (
        "different elements in different articles never conflict",
        "pillar2.scope",
        {
            "a": "Pillar II covers artificial intelligence.",
            "b": "Pillar II covers hypersonic missiles.",
            "c": "Pillar II does not cover electronic warfare.",
        },
        {"ai": (("a",), ()), "hypersonics": (("b",), ()), "electronic_warfare": ((), ("c",))},
        "agree",
    ),
    (
        "two articles that both exclude an element agree",
        "pillar2.scope",
        {
            "a": "Pillar II does not cover hypersonics.",
            "b": "Pillar II covers all areas other than hypersonics.",
        },
        {"hypersonics": ((), ("a", "b"))},
        "agree",
    ),
    (
        "an ambiguous 'apart from' neither includes nor excludes",
        "pillar2.scope",
        {
            "a": "Apart from AI, Pillar II covers quantum computing.",
            "b": "Pillar II does not cover artificial intelligence.",
        },
        {"ai": ((), ("b",)), "quantum": (("a",), ())},
        "agree",
    ),
    (
        "Pillar I coverage ignores a denial about Pillar II",
        "pillar1.scope",
        {
            "a": "Pillar I delivers nuclear-powered attack submarines to Australia.",
            "b": "Pillar II does not involve nuclear submarines, unlike Pillar I.",
        },
        {"nuclear_submarines": (("a",), ())},
        "single",
    ),
]


@pytest.mark.parametrize(
    ("name", "field_id", "texts", "expected", "status"), CORPORA, ids=[case[0] for case in CORPORA]
)
def test_coverage_without_conflict(
    rules: RuleSet,
    name: str,
    field_id: str,
    texts: dict[str, str],
    expected: dict[str, tuple[tuple[str, ...], tuple[str, ...]]],
    status: str,
) -> None:
    result = scope_report(rules, texts, field_id)
    assert coverage(result) == expected
    assert result.status == status
    assert result.conflicts == ()


# --- exclusion words are for sets only --------------------------------------------------------

SMALL_RULES = """
schema_version: 1
version: "test"
title: crops
fields:
  - id: crops.funded
    label: Crops the fund covers
    type: set
    vocabulary: [rice, wheat]
    extractors:
      - kind: lexicon
        terms: {rice: [rice], wheat: [wheat]}
  - id: crops.staple
    label: The staple crop named
    type: enum
    vocabulary: [rice, wheat]
    extractors:
      - kind: lexicon
        terms: {rice: [rice], wheat: [wheat]}
"""


def test_an_exclusion_word_denies_a_set_element_but_not_an_enum_value() -> None:
    # In an enum the value is one answer to one question; "other than Japan" or "except rice"
    # qualifies a noun phrase around it ("countries other than Japan were invited") and says
    # nothing against the value, so enum fields leave these words alone.
    small = parse_rules(SMALL_RULES, "small.yaml")
    article = parse_article(
        "Headline\n\nThe fund covers every crop except rice.\n", "t", "t.txt", "utf-8", small.outlets
    )
    found = {
        (field_id, stance_label(claim.value, POLARITY_OF[claim.modality]))
        for field_id, claim in extract_claims(article, small)
    }
    assert found == {("crops.funded", "not rice"), ("crops.staple", "rice")}
