"""Frames, lexicons and references, on a small rules file and sentences written for these tests.

The rules below are this file's own (not the bundled ones), so the tests pin the mechanisms:
- inflections are generated from base forms, irregular verbs included;
- `{ref:NAME}` lets "the pact" stand for a name the article used earlier, never for one it
  never used;
- a frame's roles keep who does what apart ("Seoul invited Manila" is not Manila inviting);
- the trigger is the anchor, so negation and futures are judged at it.
"""

from __future__ import annotations

import textwrap

import pytest

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import parse_article
from aukus_check.engine import extract_claims, scan_article
from aukus_check.english import noun_forms, participles, verb_forms
from aukus_check.errors import RulesError
from aukus_check.rules import RuleSet, parse_rules

RULES = textwrap.dedent(
    """\
    schema_version: 1
    version: test
    title: Frames
    lexicons:
      weigh:
        verbs: [weigh, consider, look at]
        nouns: [review]
      ask:
        verbs: [invite, ask]
        nouns: [invitation]
      enter:
        verbs: [join, take part]
        nouns: [accession, participation]
      add:
        verbs: [add, bring in, include]
        unless: [including]
    references:
      treaty:
        names: [Coral Treaty]
        mentions: [treaty, pact]
      manila:
        names: [Manila, Philippines]
    fields:
      - id: manila.status
        label: Manila's status in the treaty
        type: enum
        vocabulary: [weighed, asked, entered]
        extractors:
          - kind: frame
            context: ['{ref:treaty}']
            topic: '{ref:manila}'
            values:
              weighed: [{lexicon: weigh, role: object}]
              asked: [{lexicon: ask, role: object}]
              entered:
                - {lexicon: enter, role: subject}
                - {lexicon: add, role: object}
                - {lexicon: enter, role: with}
      - id: treaty.mentioned
        label: The treaty is mentioned
        type: enum
        vocabulary: [yes]
        extractors:
          - kind: pattern
            pattern: '{ref:treaty}\\s+(?P<anchor>{verb:enter})'
            value: yes
    """
)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return parse_rules(RULES, "frames.yaml")


def read(rules: RuleSet, *sentences: str, field: str = "manila.status") -> list[str]:
    text = "Headline\n\n" + " ".join(sentences) + "\n"
    article = parse_article(text, "a", "a.txt", "utf-8", rules.outlets)
    return sorted(
        stance_label(claim.value, POLARITY_OF[claim.modality])  # type: ignore[arg-type]
        for field_id, claim in extract_claims(article, rules)
        if field_id == field
    )


# --- inflections -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("consider", {"consider", "considers", "considered", "considering"}),
        ("invite", {"invite", "invites", "invited", "inviting"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("eye", {"eye", "eyes", "eyed", "eyeing"}),
        ("slam", {"slam", "slams", "slammed", "slamming"}),
        ("take part", {"take part", "takes part", "took part", "taken part", "taking part"}),
        ("bring in", {"bring in", "brings in", "brought in", "bringing in"}),
        ("approach", {"approach", "approaches", "approached", "approaching"}),
    ],
)
def test_every_form_of_a_verb_is_generated(verb: str, forms: set[str]) -> None:
    assert forms <= set(verb_forms(verb))


def test_participles_and_plurals() -> None:
    assert participles("take part") == ("taken part",)
    assert participles("invite") == ("invited",)
    assert "slammed" in participles("slam")
    assert noun_forms("ally") == ("ally", "allies")
    assert noun_forms("press secretary") == ("press secretary", "press secretaries")
    assert noun_forms("talk") == ("talk", "talks")


# --- references ----------------------------------------------------------------------------


def test_a_mention_counts_once_the_article_named_the_reference(rules: RuleSet) -> None:
    named = "The Coral Treaty was signed in 2020."
    assert read(rules, named, "Manila joined the pact last year.") == ["entered"]
    # the name in the same sentence is enough
    assert read(rules, "Manila joined the pact that became the Coral Treaty.") == ["entered"]


def test_a_mention_of_something_never_named_is_dropped_with_the_reason(rules: RuleSet) -> None:
    assert read(rules, "Manila joined the pact last year.") == []
    article = parse_article(
        "Headline\n\nManila joined the pact last year.\n", "a", "a.txt", "utf-8", rules.outlets
    )
    reasons = {c.dropped for c in scan_article(article, rules)}
    assert "sentence does not match the rule's 'context'" in reasons


def test_a_reference_in_a_pattern_is_checked_per_match(rules: RuleSet) -> None:
    assert read(rules, "Critics say the treaty joined nothing.", field="treaty.mentioned") == []
    assert read(
        rules, "The Coral Treaty is old.", "Critics say the treaty joined nothing.", field="treaty.mentioned"
    ) == ["yes"]


def test_an_unknown_lexicon_or_reference_is_a_located_error() -> None:
    bad_verb = RULES.replace("(?P<anchor>{verb:enter})", "(?P<anchor>{verb:enterr})")
    with pytest.raises(RulesError, match=r"frames\.yaml:\d+:\d+: .*names no lexicon \(lexicons: weigh"):
        parse_rules(bad_verb, "frames.yaml")
    with pytest.raises(RulesError, match=r"names no reference \(references: treaty, manila\)"):
        parse_rules(RULES.replace("topic: '{ref:manila}'", "topic: '{ref:manilla}'"), "frames.yaml")
    with pytest.raises(RulesError, match=r"no lexicon 'weight'"):
        parse_rules(RULES.replace("weighed: [{lexicon: weigh,", "weighed: [{lexicon: weight,"), "frames.yaml")


# --- roles --------------------------------------------------------------------------------

TREATY = "The Coral Treaty was signed in 2020."


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # object: done to the topic, actively, passively, or to its noun
        ("The treaty partners are weighing an approach to Manila.", []),  # Manila is a place here
        ("The treaty partners are looking at bringing in Manila.", ["weighed"]),
        ("The treaty members considered Manila for a seat.", ["weighed"]),
        ("Manila is being considered for the pact.", ["weighed"]),
        ("Manila was formally invited to the treaty talks.", ["asked"]),
        ("The Philippines received an informal invitation to the pact.", ["asked"]),
        ("An invitation to Manila is expected soon under the treaty.", ["asked (expected)"]),
        ("Manila invited the treaty envoys to a dinner.", []),  # Manila does the inviting
        ("The envoys asked the ministers in Manila about the treaty.", []),
        # subject: the topic does it, or owns the noun
        ("Manila formally joined the treaty in May.", ["entered"]),
        ("Manila and Hanoi intend to join the pact.", ["entered (expected)"]),
        ("Manila could soon take part in the treaty.", ["entered (expected)"]),
        ("Manila will not take part in the treaty.", ["not entered"]),
        ("Manila's accession to the treaty was approved.", ["entered"]),
        ("The accession of the Philippines to the treaty was approved.", ["entered"]),
        ("Manila's neighbour Hanoi joined the treaty.", []),  # Hanoi joined
        ("Manila said Hanoi would join the treaty.", []),
        ("Manila wants to find ways to join the treaty.", []),
        # with: the topic is the partner
        ("The treaty partners will take part in drills with Manila.", ["entered (expected)"]),
        # include: "including" is a preposition here
        ("Treaty members, including Manila, met in Cebu.", []),
        ("The members agreed to add Manila to the treaty.", ["entered"]),
        # overlapping triggers keep the earliest: "considering" governs "bringing in"
        ("The treaty partners are considering bringing in Manila.", ["weighed"]),
        # no claim: a question, a condition, a wish, a possibility named
        ("Will Manila join the treaty?", []),
        ("If Manila joined the treaty, Hanoi would follow.", []),
        ("The US wants Manila to join the treaty.", []),
        ("Analysts discussed the possibility of Manila joining the treaty.", []),
        ("Manila's potential accession to the treaty is debated.", []),
    ],
)
def test_roles_keep_who_does_what_apart(rules: RuleSet, sentence: str, expected: list[str]) -> None:
    assert read(rules, TREATY, sentence) == expected


def test_unless_after_vetoes_what_follows_the_trigger() -> None:
    marker = "        topic: '{ref:manila}'\n"
    assert marker in RULES
    rules = parse_rules(
        RULES.replace(marker, marker + "        unless_after: ['^\\W*(?:\\w+\\W+){0,3}?naval\\b']\n"),
        "frames.yaml",
    )
    assert read(rules, TREATY, "Manila joined the treaty's naval wing.") == []
    assert read(rules, TREATY, "Manila joined the treaty, and its naval wing grew.") == ["entered"]


# --- negated triggers ---------------------------------------------------------------------

NEGATED = RULES.replace(
    "    vocabulary: [weighed, asked, entered]\n",
    "    vocabulary: [weighed, asked, entered, kept_out]\n",
).replace(
    "          entered:\n",
    "          kept_out:\n            - {lexicon: enter, role: subject, negated: true}\n          entered:\n",
)
assert "kept_out:" in NEGATED and "entered, kept_out" in NEGATED


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Manila will not take part in the treaty.", ["kept_out (expected)"]),  # the negation is the value
        ("Manila has not joined the treaty, officials said.", ["kept_out"]),  # reported
        ("Manila joined the treaty in May.", ["entered"]),  # affirmed: the plain value
        ("Manila will take part in the treaty.", ["entered (expected)"]),
        ("If Manila does not join the treaty, Hanoi will.", []),  # a condition is no claim
    ],
)
def test_a_negated_trigger_gives_its_own_value(sentence: str, expected: list[str]) -> None:
    rules = parse_rules(NEGATED, "frames.yaml")
    assert read(rules, TREATY, sentence) == expected
