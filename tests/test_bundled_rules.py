"""The bundled rules on sentences that are not in the seeds: other wording, other order,
negation, hedges, attribution, and sentences that must yield nothing.

The seeds are five of thousands of articles to come; these sentences were written to test
that the rules generalise, and each expectation is what the sentence says to a reader.
"""

from __future__ import annotations

import pytest

from aukus_check.corpus import parse_article
from aukus_check.engine import scan_article
from aukus_check.rules import RuleSet, load_rules
from tests.conftest import RULES


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES, "rules/aukus.yaml")


def claims(rules: RuleSet, text: str, field_prefix: str = "") -> set[tuple[str, str, str]]:
    """(field, value, modality) of every claim the bundled rules find in text."""
    article = parse_article("Headline\n\n" + text + "\n", "t", "t.txt", "utf-8", rules.outlets)
    return {
        (c.probe.field_id, c.value, c.assessment.modality)
        for c in scan_article(article, rules)
        if c.kept and c.probe.field_id.startswith(field_prefix) and c.value and c.assessment
    }


CASES = [
    # japan.pillar2_status
    (
        "Tokyo formally joined AUKUS Pillar II on Friday, officials confirmed.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "joined", "reported")},
    ),
    (
        "Japan has not joined Pillar 2, the ministry said.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "joined", "denied")},
    ),
    (
        "Japan is expected to join the second pillar next year.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "joined", "expected")},
    ),
    (
        "Officials in Canberra said they are weighing whether to bring Japan into Pillar II.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "under_consideration", "reported")},
    ),
    (
        "The three partners have invited Japan to take part in Pillar II projects.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "invited", "asserted")},
    ),
    (
        "Japan was not invited to join Pillar II, the report said.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "invited", "denied")},
    ),
    (
        "Talks with Tokyo on joint hypersonic projects began in April.",
        "japan.pillar2_status",
        {("japan.pillar2_status", "talks_reported", "asserted")},
    ),
    ("Is Japan about to join AUKUS Pillar II?", "japan.pillar2_status", set()),
    ("If Japan joined Pillar II, Beijing would protest.", "japan.pillar2_status", set()),
    ("Japan joined the Quad years ago and hosts the G7 this year.", "japan.pillar2_status", set()),
    # japan.pillar1_role
    (
        "Japan will not take part in Pillar I, which covers nuclear-powered submarines.",
        "japan.pillar1_role",
        {("japan.pillar1_role", "excluded", "expected")},  # "will not": excluded, a forecast
    ),
    (
        "Officials ruled out any role for Japan in the first pillar.",
        "japan.pillar1_role",
        {("japan.pillar1_role", "excluded", "asserted")},
    ),
    (
        "Japan could eventually be included in Pillar 1, one diplomat suggested.",
        "japan.pillar1_role",
        {("japan.pillar1_role", "included", "expected")},  # a possibility still to come
    ),
    ("Australia will buy nuclear-powered submarines under Pillar 1.", "japan.pillar1_role", set()),
    # japan.full_membership
    (
        "Full membership for Japan remains off the table for now.",
        "japan.full_membership",
        {("japan.full_membership", "not_on_table", "asserted")},
    ),
    (
        "There are no plans for Japan to become a full member of AUKUS, a senior official said.",
        "japan.full_membership",
        {("japan.full_membership", "not_on_table", "reported")},
    ),
    (
        "Diplomats said full membership is possible in the long run.",
        "japan.full_membership",
        {("japan.full_membership", "possible", "reported")},
    ),
    (
        "It is not yet clear whether Tokyo will seek formal membership.",
        "japan.full_membership",
        {("japan.full_membership", "possible", "asserted")},
    ),
    # pillar1.scope
    (
        "The first pillar is about delivering nuclear-powered submarines to Australia.",
        "pillar1.scope",
        {("pillar1.scope", "nuclear_submarines", "asserted")},
    ),
    (
        "Pillar One centres on the SSN-AUKUS boats.",
        "pillar1.scope",
        {("pillar1.scope", "nuclear_submarines", "asserted")},
    ),
    ("Australia will buy nuclear submarines from the United States.", "pillar1.scope", set()),
    # pillar2.scope
    (
        "Pillar II covers artificial intelligence, quantum technology and undersea capabilities.",
        "pillar2.scope",
        {
            ("pillar2.scope", "ai", "asserted"),
            ("pillar2.scope", "quantum", "asserted"),
            ("pillar2.scope", "undersea", "asserted"),
        },
    ),
    (
        "The second pillar does not cover hypersonics.",
        "pillar2.scope",
        {("pillar2.scope", "hypersonics", "denied")},
    ),
    (
        "Cooperation on AI and electronic warfare is expected to deepen.",
        "pillar2.scope",
        {("pillar2.scope", "ai", "expected"), ("pillar2.scope", "electronic_warfare", "expected")},
    ),
    (
        "According to officials, Pillar 2 includes antisubmarine warfare and autonomous systems.",
        "pillar2.scope",
        {
            ("pillar2.scope", "anti_submarine_warfare", "reported"),
            ("pillar2.scope", "autonomy_robotics", "reported"),
        },
    ),
    ("Japan's cyber defences remain weak and its AI sector is small.", "pillar2.scope", set()),
    ("Under Pillar II, officials from Thailand SAID cooperation was limited.", "pillar2.scope", set()),
    # positions
    (
        "Beijing condemned the plan to bring Japan into AUKUS.",
        "position.",
        {("position.china", "opposed", "asserted")},
    ),
    (
        "Chinese Foreign Ministry spokesperson Wang Wenbin warned against expanding the pact.",
        "position.",
        {("position.china", "opposed", "asserted")},
    ),
    (
        "Japan may be invited into AUKUS. Moscow has criticised the move, according to state media.",
        "position.",
        {("position.russia", "opposed", "reported")},
    ),
    (
        "Canberra welcomed Japan's interest in Pillar II.",
        "position.",
        {("position.australia", "supportive", "asserted")},
    ),
    (
        "London remains cautious about adding new partners.",
        "position.",
        {("position.united_kingdom", "cautious", "asserted")},
    ),
    (
        "Washington has not expressed its support for bringing Tokyo in.",
        "position.",
        {("position.united_states", "supportive", "denied")},
    ),
    (
        "Tokyo has not yet decided whether to apply to join AUKUS, a government spokesman said.",
        "position.",
        {("position.japan", "noncommittal", "reported")},
    ),
    # an analyst's view of an actor is not the actor's stance
    ("Analysts believe China is wary of any expansion.", "position.", set()),
    ("Some experts think Washington wants to bring Japan in quickly.", "position.", set()),
    ("us officials welcomed it, and we are willing to help.", "position.", set()),
    (
        "Reports say Japan will join Pillar II. The Japanese government declined to comment on the report.",
        "position.",
        {("position.japan", "noncommittal", "asserted")},
    ),
]


@pytest.mark.parametrize(("text", "prefix", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_bundled_rules_read_new_sentences(rules: RuleSet, text: str, prefix: str, expected: set) -> None:
    assert claims(rules, text, prefix) == expected


def test_a_seed_sentence_reworded_still_conflicts_across_articles(rules: RuleSet) -> None:
    from aukus_check.corpus import Corpus
    from aukus_check.engine import build_report

    first = parse_article(
        "A\n\nJapan has joined AUKUS Pillar II, Tokyo announced.\n", "a", "a.txt", "utf-8", rules.outlets
    )
    second = parse_article(
        "B\n\nThe partners are still considering cooperation with Japan on Pillar II.\n",
        "b",
        "b.txt",
        "utf-8",
        rules.outlets,
    )
    report = build_report(Corpus("c", False, (first, second), ()), rules)
    result = report.field("japan.pillar2_status")
    assert result is not None
    assert result.status == "conflict"
    assert [(p.left, p.right) for p in result.conflicts] == [("under_consideration", "joined")]
