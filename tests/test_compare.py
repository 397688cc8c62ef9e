"""Comparison of one field's claims across articles: stances, groups, conflicts, coverage, status."""

from __future__ import annotations

import itertools
import textwrap

import pytest

from aukus_check.compare import compare_field, stance_label, stances_conflict
from aukus_check.corpus import Corpus, parse_article
from aukus_check.engine import build_report
from aukus_check.models import (
    Claim,
    ConflictPair,
    ElementCoverage,
    Evidence,
    ExtractorRef,
    FieldResult,
    Modality,
    Polarity,
    Report,
)
from aukus_check.outlets import build_outlet_matcher
from aukus_check.rules import FieldDef, parse_rules

ARTICLES = ("a1", "a2", "a3", "a4")
STATUS_VOCABULARY = ("talks", "considering", "invited", "joined")
REF = ExtractorRef(name="test", kind="pattern", line=1, column=1)


def pairs(*groups: tuple[str, ...]) -> frozenset[frozenset[str]]:
    """Compatible pairs as rules.py builds them from `compare.compatible` groups."""
    return frozenset(frozenset(pair) for group in groups for pair in itertools.combinations(group, 2))


def enum_field(*compatible: tuple[str, ...]) -> FieldDef:
    return FieldDef(
        id="japan.status",
        label="Japan's status",
        type="enum",
        vocabulary=STATUS_VOCABULARY,
        compatible=pairs(*compatible),
        family=None,
        key=None,
    )


def set_field() -> FieldDef:
    return FieldDef(
        id="pillar2.scope",
        label="Pillar II scope",
        type="set",
        vocabulary=("ai", "quantum", "cyber", "hypersonics"),
        compatible=frozenset(),
        family=None,
        key=None,
    )


def claim(article: str, value: str, modality: Modality = "asserted", *, hedged: bool = False) -> Claim:
    sentence = f"Sentence about {value}."
    return Claim(
        value=value,
        modality=modality,
        hedged=hedged,
        cues=(),
        extractor=REF,
        evidence=Evidence(
            article=article,
            path=f"corpus/{article}.txt",
            line=3,
            column=16,
            end_line=3,
            end_column=16 + len(value),
            start=30,
            end=30 + len(value),
            text=value,
            sentence=sentence,
            sentence_start=15,
            sentence_line=3,
            sentence_column=1,
        ),
    )


def stances(result: FieldResult) -> list[tuple[str, str, tuple[str, ...], int]]:
    return [(s.value, s.polarity, s.articles, s.group) for s in result.stances]


# --- status ----------------------------------------------------------------------------------


def test_agree_when_two_articles_say_the_same() -> None:
    result = compare_field(enum_field(), [claim("a1", "joined"), claim("a3", "joined", "reported")], ARTICLES)
    assert result.status == "agree"
    assert stances(result) == [("joined", "affirmed", ("a1", "a3"), 1)]
    assert result.conflicts == ()
    assert result.silent == ("a2", "a4")


def test_conflict_when_two_articles_give_different_enum_values() -> None:
    result = compare_field(enum_field(), [claim("a1", "joined"), claim("a2", "invited")], ARTICLES)
    assert result.status == "conflict"
    assert result.conflicts == (
        ConflictPair(left="invited", right="joined", left_articles=("a2",), right_articles=("a1",)),
    )


def test_single_when_one_article_speaks() -> None:
    result = compare_field(
        enum_field(), [claim("a3", "invited"), claim("a3", "invited", "reported")], ARTICLES
    )
    assert result.status == "single"
    assert stances(result) == [("invited", "affirmed", ("a3",), 1)]
    assert result.silent == ("a1", "a2", "a4")


def test_silent_when_no_article_speaks() -> None:
    result = compare_field(enum_field(), [], ARTICLES)
    assert result.status == "silent"
    assert result.stances == ()
    assert result.conflicts == ()
    assert result.coverage == ()
    assert result.claims == ()
    assert result.silent == ARTICLES


def test_result_carries_the_fields_identity_and_claims() -> None:
    given = (claim("a2", "talks"), claim("a1", "joined", "expected"))
    result = compare_field(enum_field(), given, ARTICLES)
    assert (result.id, result.label, result.type) == ("japan.status", "Japan's status", "enum")
    assert (result.family, result.key) == (None, None)
    assert result.vocabulary == STATUS_VOCABULARY
    assert result.claims == given


# --- enum compatibility ------------------------------------------------------------------------


def test_declared_compatible_values_agree() -> None:
    field = enum_field(("talks", "considering"))
    result = compare_field(field, [claim("a1", "talks"), claim("a2", "considering")], ARTICLES)
    assert result.status == "agree"
    assert stances(result) == [("talks", "affirmed", ("a1",), 1), ("considering", "affirmed", ("a2",), 1)]


def test_compatibility_is_not_transitive() -> None:
    field = enum_field(("talks", "considering"), ("considering", "invited"))
    result = compare_field(
        field, [claim("a1", "talks"), claim("a2", "considering"), claim("a3", "invited")], ARTICLES
    )
    assert result.status == "conflict"
    assert [(c.left, c.right) for c in result.conflicts] == [("talks", "invited")]


def test_compatible_group_of_three_makes_every_pair_compatible() -> None:
    field = enum_field(("talks", "considering", "invited"))
    result = compare_field(
        field, [claim("a1", "talks"), claim("a2", "considering"), claim("a3", "invited")], ARTICLES
    )
    assert result.status == "agree"
    assert {s.group for s in result.stances} == {1}


# --- polarity ----------------------------------------------------------------------------------


def test_denial_conflicts_with_an_assertion_of_the_same_value() -> None:
    result = compare_field(enum_field(), [claim("a1", "joined"), claim("a2", "joined", "denied")], ARTICLES)
    assert result.status == "conflict"
    assert result.conflicts == (
        ConflictPair(left="joined", right="not joined", left_articles=("a1",), right_articles=("a2",)),
    )


def test_denial_does_not_conflict_with_an_assertion_of_another_value() -> None:
    result = compare_field(enum_field(), [claim("a1", "invited"), claim("a2", "joined", "denied")], ARTICLES)
    assert result.status == "agree"
    assert result.conflicts == ()


@pytest.mark.parametrize(("left", "right"), [("joined", "joined"), ("joined", "invited")])
def test_two_denials_never_conflict(left: str, right: str) -> None:
    result = compare_field(
        enum_field(), [claim("a1", left, "denied"), claim("a2", right, "denied")], ARTICLES
    )
    assert result.status == "agree"
    assert result.conflicts == ()


def test_expected_claims_never_conflict_with_each_other() -> None:
    result = compare_field(
        enum_field(), [claim("a1", "joined", "expected"), claim("a2", "invited", "expected")], ARTICLES
    )
    assert result.status == "agree"
    assert stances(result) == [("invited", "expected", ("a2",), 1), ("joined", "expected", ("a1",), 1)]


@pytest.mark.parametrize("present", ["asserted", "reported"])
def test_expected_claim_never_conflicts_with_a_present_claim(present: Modality) -> None:
    result = compare_field(
        enum_field(), [claim("a1", "invited", present), claim("a2", "joined", "expected")], ARTICLES
    )
    assert result.status == "agree"


def test_expected_claim_conflicts_with_a_denial_of_the_same_value() -> None:
    result = compare_field(
        enum_field(), [claim("a1", "joined", "expected"), claim("a2", "joined", "denied")], ARTICLES
    )
    assert result.status == "conflict"
    assert result.conflicts == (
        ConflictPair(
            left="joined (expected)", right="not joined", left_articles=("a1",), right_articles=("a2",)
        ),
    )


def test_expected_claim_does_not_conflict_with_a_denial_of_another_value() -> None:
    result = compare_field(
        enum_field(), [claim("a1", "joined", "expected"), claim("a2", "invited", "denied")], ARTICLES
    )
    assert result.status == "agree"


def test_one_article_that_asserts_and_denies_a_value_conflicts_with_itself() -> None:
    result = compare_field(enum_field(), [claim("a2", "joined"), claim("a2", "joined", "denied")], ARTICLES)
    assert result.status == "conflict"
    assert result.conflicts == (
        ConflictPair(left="joined", right="not joined", left_articles=("a2",), right_articles=("a2",)),
    )
    assert result.silent == ("a1", "a3", "a4")


def test_hedged_claim_counts_like_any_other() -> None:
    result = compare_field(
        enum_field(), [claim("a1", "joined", hedged=True), claim("a2", "invited")], ARTICLES
    )
    assert result.status == "conflict"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (("joined", "affirmed"), ("joined", "affirmed"), False),
        (("joined", "affirmed"), ("invited", "affirmed"), True),
        (("joined", "affirmed"), ("joined", "denied"), True),
        (("joined", "expected"), ("joined", "denied"), True),
        (("joined", "denied"), ("joined", "denied"), False),
        (("joined", "denied"), ("invited", "affirmed"), False),
        (("joined", "expected"), ("invited", "affirmed"), False),
        (("joined", "expected"), ("invited", "expected"), False),
    ],
)
def test_stances_conflict_is_symmetric(
    left: tuple[str, Polarity], right: tuple[str, Polarity], expected: bool
) -> None:
    field = enum_field()
    assert stances_conflict(field, left, right) is expected
    assert stances_conflict(field, right, left) is expected


@pytest.mark.parametrize(
    ("polarity", "label"),
    [("affirmed", "joined"), ("expected", "joined (expected)"), ("denied", "not joined")],
)
def test_stance_labels(polarity: Polarity, label: str) -> None:
    assert stance_label("joined", polarity) == label


# --- set fields --------------------------------------------------------------------------------


def test_set_elements_never_conflict_with_each_other() -> None:
    result = compare_field(
        set_field(), [claim("a1", "ai"), claim("a2", "quantum"), claim("a3", "cyber", "expected")], ARTICLES
    )
    assert result.status == "agree"
    assert result.conflicts == ()
    assert {s.group for s in result.stances} == {1}


def test_set_element_included_and_denied_conflicts() -> None:
    result = compare_field(set_field(), [claim("a1", "quantum"), claim("a3", "quantum", "denied")], ARTICLES)
    assert result.status == "conflict"
    assert result.conflicts == (
        ConflictPair(left="quantum", right="not quantum", left_articles=("a1",), right_articles=("a3",)),
    )


def test_set_coverage_lists_included_and_excluded_articles_per_element() -> None:
    given = [
        claim("a4", "cyber", "expected"),
        claim("a3", "ai", "reported"),
        claim("a2", "cyber", "denied"),
        claim("a1", "ai"),
        claim("a2", "ai"),
    ]
    result = compare_field(set_field(), given, ARTICLES)
    # Elements in vocabulary order; only those someone spoke about; articles in corpus order.
    assert result.coverage == (
        ElementCoverage(element="ai", included=("a1", "a2", "a3"), excluded=()),
        ElementCoverage(element="cyber", included=("a4",), excluded=("a2",)),
    )


def test_enum_fields_have_no_coverage() -> None:
    result = compare_field(enum_field(), [claim("a1", "joined"), claim("a2", "joined", "denied")], ARTICLES)
    assert result.coverage == ()


# --- ordering, groups, silence -----------------------------------------------------------------


def test_stances_ordered_by_vocabulary_then_polarity_with_articles_in_corpus_order() -> None:
    given = [
        claim("a4", "joined", "denied"),
        claim("a3", "talks"),
        claim("a2", "joined", "expected"),
        claim("a4", "talks", "reported"),
        claim("a1", "joined"),
        claim("a1", "talks"),
    ]
    result = compare_field(enum_field(), given, ARTICLES)
    assert [(s.label, s.articles) for s in result.stances] == [
        ("talks", ("a1", "a3", "a4")),
        ("joined", ("a1",)),
        ("joined (expected)", ("a2",)),
        ("not joined", ("a4",)),
    ]


def test_articles_follow_the_given_corpus_order_not_their_names() -> None:
    order = ("a3", "a1", "a2")
    result = compare_field(enum_field(), [claim("a1", "joined"), claim("a3", "joined")], order)
    assert result.stances[0].articles == ("a3", "a1")
    assert result.silent == ("a2",)


def test_mutually_compatible_stances_share_a_group() -> None:
    field = enum_field(("talks", "considering"))
    given = [
        claim("a1", "talks"),
        claim("a2", "considering"),
        claim("a3", "joined"),
        claim("a4", "joined", "denied"),
    ]
    result = compare_field(field, given, ARTICLES)
    assert [(s.label, s.group) for s in result.stances] == [
        ("talks", 1),
        ("considering", 1),
        ("joined", 2),
        ("not joined", 1),
    ]
    assert result.conflicts == (
        ConflictPair(left="talks", right="joined", left_articles=("a1",), right_articles=("a3",)),
        ConflictPair(left="considering", right="joined", left_articles=("a2",), right_articles=("a3",)),
        ConflictPair(left="joined", right="not joined", left_articles=("a3",), right_articles=("a4",)),
    )


def test_no_two_stances_in_one_group_conflict() -> None:
    field = enum_field(("talks", "considering"), ("invited", "joined"))
    modalities: tuple[Modality, ...] = ("asserted", "expected", "denied")
    given = [
        claim(ARTICLES[i % len(ARTICLES)], value, modality)
        for i, (value, modality) in enumerate(itertools.product(STATUS_VOCABULARY, modalities))
    ]
    result = compare_field(field, given, ARTICLES)
    for left, right in itertools.combinations(result.stances, 2):
        if left.group == right.group:
            assert not stances_conflict(field, (left.value, left.polarity), (right.value, right.polarity))
    conflicting = {(c.left, c.right) for c in result.conflicts}
    for left, right in itertools.combinations(result.stances, 2):
        clash = stances_conflict(field, (left.value, left.polarity), (right.value, right.polarity))
        assert ((left.label, right.label) in conflicting) is clash


def test_silent_lists_every_article_without_a_claim_in_corpus_order() -> None:
    result = compare_field(enum_field(), [claim("a3", "talks"), claim("a1", "talks", "denied")], ARTICLES)
    assert result.silent == ("a2", "a4")


def test_a_denial_alone_still_counts_as_speaking() -> None:
    result = compare_field(enum_field(), [claim("a2", "joined", "denied")], ARTICLES)
    assert result.status == "single"
    assert result.silent == ("a1", "a3", "a4")


def test_compare_field_is_deterministic() -> None:
    field = enum_field(("talks", "considering"))
    given = [
        claim("a2", "joined", "denied"),
        claim("a1", "talks"),
        claim("a4", "considering", "expected"),
        claim("a3", "joined"),
        claim("a1", "invited", "reported"),
    ]
    first = compare_field(field, given, ARTICLES)
    second = compare_field(field, given, ARTICLES)
    assert first == second
    assert first.model_dump() == second.model_dump()


def test_claim_order_does_not_change_stances_conflicts_or_status() -> None:
    field = enum_field(("talks", "considering"))
    given = [
        claim("a2", "joined", "denied"),
        claim("a1", "talks"),
        claim("a4", "considering", "expected"),
        claim("a3", "joined"),
    ]
    forward = compare_field(field, given, ARTICLES)
    backward = compare_field(field, list(reversed(given)), ARTICLES)
    assert forward.stances == backward.stances
    assert forward.conflicts == backward.conflicts
    assert (forward.status, forward.silent) == (backward.status, backward.silent)


# --- end to end through build_report -------------------------------------------------------------


RULES = parse_rules(
    textwrap.dedent(
        r"""
        schema_version: 1
        version: "test-1"
        title: Compare tests
        fields:
          - id: japan.status
            label: Japan's status
            type: enum
            vocabulary: [talks, invited, joined]
            compare:
              compatible:
                - [talks, invited]
            extractors:
              - kind: pattern
                pattern: '\b(?:Japan|Tokyo)\b[^.;]{0,30}?\b(?P<anchor>joined|join)\b'
                value: joined
              - kind: pattern
                pattern: '\b(?P<anchor>invited)\s+(?:Japan|Tokyo)\b'
                value: invited
              - kind: pattern
                pattern: '\b(?P<anchor>talks)\s+with\s+(?:Japan|Tokyo)\b'
                value: talks
          - id: pillar2.scope
            label: Pillar II scope
            type: set
            vocabulary: [ai, quantum]
            extractors:
              - kind: lexicon
                terms:
                  ai: [artificial intelligence, {text: AI, case_sensitive: true}]
                  quantum: [quantum]
        """
    ),
    "tests/compare-rules.yaml",
)


def run(*bodies: str) -> Report:
    articles = tuple(
        parse_article(f"Briefing\n\n{body}\n", f"a{n}", f"corpus/a{n}.txt", "utf-8", build_outlet_matcher())
        for n, body in enumerate(bodies, start=1)
    )
    return build_report(Corpus("corpus", False, articles, ()), RULES)


def test_report_finds_a_conflict_between_an_assertion_and_a_denial() -> None:
    report = run(
        "Tokyo joined the sonar working group in April.",
        "Tokyo has not joined the sonar working group, officials said.",
        "The weather in Canberra was mild.",
    )
    status = report.field("japan.status")
    assert status is not None
    assert status.status == "conflict"
    assert status.conflicts == (
        ConflictPair(left="joined", right="not joined", left_articles=("a1",), right_articles=("a2",)),
    )
    assert status.silent == ("a3",)
    assert report.summary.conflicts == 1


def test_report_agrees_on_compatible_values_and_forecasts() -> None:
    report = run(
        "Canberra invited Tokyo to the working group on Monday.",
        "Washington held talks with Tokyo about the programme.",
        "Tokyo will join the programme next year, diplomats said.",
    )
    status = report.field("japan.status")
    assert status is not None
    assert status.status == "agree"
    assert [(s.label, s.articles, s.group) for s in status.stances] == [
        ("talks", ("a2",), 1),
        ("invited", ("a1",), 1),
        ("joined (expected)", ("a3",), 1),
    ]


def test_report_set_field_coverage_and_statuses() -> None:
    report = run(
        "The partners share AI research and quantum sensing.",
        "The partners do not share quantum research yet.",
        "Officials said artificial intelligence remains central.",
    )
    scope = report.field("pillar2.scope")
    assert scope is not None
    assert scope.status == "conflict"
    assert scope.coverage == (
        ElementCoverage(element="ai", included=("a1", "a3"), excluded=()),
        ElementCoverage(element="quantum", included=("a1",), excluded=("a2",)),
    )
    assert report.summary.fields == 2
    assert report.summary.conflicts == 1


def test_report_single_and_silent_fields() -> None:
    report = run("Canberra invited Tokyo to observe the drills.", "Nothing about the pact was said.")
    status = report.field("japan.status")
    scope = report.field("pillar2.scope")
    assert status is not None and scope is not None
    assert (status.status, status.silent) == ("single", ("a2",))
    assert (scope.status, scope.silent) == ("silent", ("a1", "a2"))
    assert (report.summary.single_source, report.summary.silent) == (1, 1)
