"""The `stance` kind: whose stance a cue is, with sentences written for these tests.

Each sentence below is not in the seeds; its expectation is what the sentence says to a
reader about each actor's own position on Japan and AUKUS. They run through the bundled
rules (rules/aukus.yaml), so the field's scope and the modality rules take part as they do
on a real corpus.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import parse_article
from aukus_check.engine import Candidate, extract_claims, scan_article
from aukus_check.errors import RulesError
from aukus_check.extractors.stance import cue_regex
from aukus_check.modality import assess
from aukus_check.rules import RuleSet, load_rules, parse_rules
from tests.conftest import RULES

ACTORS = ("china", "russia", "australia", "united_kingdom", "united_states", "japan")


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES, "rules/aukus.yaml")


def article_text(text: str) -> str:
    """A one-article corpus, as `aukus-check rules test` reads an example."""
    return f"---\ntitle: example\n---\n{text.strip()}\n"


def candidates(rules: RuleSet, text: str) -> list[Candidate]:
    article = parse_article(article_text(text), "example", "example.txt", "utf-8", rules.outlets)
    return [c for c in scan_article(article, rules) if c.probe.field_id.startswith("position.")]


def stances(rules: RuleSet, text: str) -> dict[str, list[str]]:
    """Actor -> the stance labels its field reads ("opposed", "not supportive", ...)."""
    found: dict[str, set[str]] = {}
    for candidate in candidates(rules, text):
        if candidate.kept and candidate.value and candidate.assessment:
            label = stance_label(candidate.value, POLARITY_OF[candidate.assessment.modality])
            found.setdefault(candidate.probe.field_id.removeprefix("position."), set()).add(label)
    return {actor: sorted(labels) for actor, labels in found.items()}


def reasons(rules: RuleSet, text: str) -> set[str]:
    return {c.dropped for c in candidates(rules, text) if c.dropped}


# --- sentences of our own: who holds the cue ----------------------------------------------------

CASES: list[tuple[str, dict[str, list[str]]]] = [
    # each stance's cues, with metonyms for the government
    ("Beijing condemned the plan to bring Japan into AUKUS.", {"china": ["opposed"]}),
    # ", and" after a word that names no actor joins two clauses, not two subjects
    (
        "Tokyo welcomed joint work on Pillar II, and Beijing condemned the plan to bring Japan into AUKUS.",
        {"japan": ["supportive"], "china": ["opposed"]},
    ),
    ("Canberra welcomed Japan's interest in Pillar II.", {"australia": ["supportive"]}),
    (
        "London remains cautious about adding new partners to the AUKUS pact.",
        {"united_kingdom": ["cautious"]},
    ),
    (
        "The Japanese government declined to comment on reports that Tokyo would join AUKUS.",
        {"japan": ["noncommittal"]},
    ),
    ("Russia has been skeptical of inviting Japan into the AUKUS pact.", {"russia": ["cautious"]}),
    ("The Kremlin, for its part, denounced the AUKUS expansion as dangerous.", {"russia": ["opposed"]}),
    ("Washington wouldn't rule out inviting Japan into the AUKUS pact.", {"united_states": ["noncommittal"]}),
    ("Japan has made no formal application to join AUKUS.", {"japan": ["noncommittal"]}),
    # officials speak for their country; offices written with the country
    (
        "Chinese Foreign Ministry spokesperson Wang Wenbin warned against expanding the AUKUS pact.",
        {"china": ["opposed"]},
    ),
    (
        "Russian Foreign Minister Sergei Lavrov warned that bringing Japan into AUKUS would destabilise "
        "the region.",
        {"russia": ["opposed"]},
    ),
    (
        "A Chinese embassy spokesperson said Beijing firmly opposes any expansion of AUKUS.",
        {"china": ["opposed"]},
    ),
    (
        "Prime Minister Fumio Kishida said Tokyo was willing to contribute to Pillar II of AUKUS.",
        {"japan": ["supportive"]},
    ),
    # speaker cues belong to whoever says them, not to what they describe
    (
        "UK Defence Secretary Grant Shapps said Japan would be a natural partner for Pillar II.",
        {"united_kingdom": ["supportive"]},
    ),
    (
        "Japan is a natural candidate for AUKUS Pillar II, according to a senior Australian official.",
        {"australia": ["supportive"]},
    ),
    (
        "Officials in Canberra say it will take time before Japan can join AUKUS Pillar II.",
        {"australia": ["cautious"]},
    ),
    ("Japan is a natural partner for AUKUS.", {}),
    # the object of a cue is not its holder
    ("Tokyo condemned China's reaction to the plan to bring Japan into AUKUS.", {"japan": ["opposed"]}),
    ("Tokyo has criticised China for opposing its cooperation with AUKUS.", {"japan": ["opposed"]}),
    (
        "The US is reportedly in talks with the UK and Australia about inviting Japan into Pillar II.",
        {"united_states": ["supportive"]},
    ),
    # clauses: each cue its own subject; pronouns and later predicates of one speaker
    (
        "The United States and Australia have welcomed Japan's interest in AUKUS, while China has "
        "condemned it.",
        {"united_states": ["supportive"], "australia": ["supportive"], "china": ["opposed"]},
    ),
    (
        "Australian Defence Minister Richard Marles said he was wary of expanding AUKUS too quickly.",
        {"australia": ["cautious"]},
    ),
    (
        "Mao Ning said China firmly opposes the AUKUS plan and urged Japan to reconsider.",
        {"china": ["opposed"]},
    ),
    (
        "Tokyo welcomed the AUKUS invitation but said it had made no formal application.",
        {"japan": ["noncommittal", "supportive"]},
    ),
    # passives are held by their agent; nouns by their possessor
    (
        "The proposal to include Japan in AUKUS was welcomed by Washington and London.",
        {"united_states": ["supportive"], "united_kingdom": ["supportive"]},
    ),
    ("Japan was invited to join the AUKUS Pillar II projects.", {}),
    ("Beijing's condemnation of Japan's entry into AUKUS was swift.", {"china": ["opposed"]}),
    # an analyst's, an outlet's or another actor's view is not the actor's stance
    ("Analysts believe China is wary of any expansion of AUKUS.", {}),
    ("Beijing may oppose Japan's entry into AUKUS, analysts said.", {}),
    ("Tokyo believes Beijing is wary of the AUKUS expansion.", {}),
    ("Critics in Tokyo have warned that joining AUKUS would anger Beijing.", {}),
    ("Chinese state media slammed the AUKUS plan to include Japan.", {}),
    # a report of what an actor did is its stance, reported
    (
        "The Global Times said Beijing welcomed the decision to keep Japan out of AUKUS.",
        {"china": ["supportive"]},
    ),
    # negation and hedges at the cue
    (
        "Washington has not expressed its support for bringing Tokyo into AUKUS.",
        {"united_states": ["not supportive"]},
    ),
    ("Beijing has expressed no support for the AUKUS expansion.", {"china": ["not supportive"]}),
    (
        "Neither Washington nor London has welcomed the idea of full AUKUS membership for Japan.",
        {"united_states": ["not supportive"], "united_kingdom": ["not supportive"]},
    ),
    ("China has not condemned Japan's participation in AUKUS Pillar II.", {"china": ["not opposed"]}),
    ("Japan would not be a natural partner for AUKUS, the Kremlin said.", {"russia": ["not supportive"]}),
    ("Beijing will likely condemn any Japanese entry into AUKUS.", {"china": ["opposed (expected)"]}),
    # "would" before a cue is the stance's mood, not a forecast
    (
        "Campbell has indicated that Washington would welcome Japan into the AUKUS pact.",
        {"united_states": ["supportive"]},
    ),
    # questions and conditions are not stances
    ("Will Beijing condemn Japan's entry into AUKUS?", {}),
    ("If Japan joins AUKUS, Beijing would condemn the move.", {}),
    ("Beijing would condemn Japan's entry into AUKUS if Tokyo signed up.", {}),
    # names that are not the actor's: other countries' offices, former officials, compounds
    ("Philippine President Ferdinand Marcos welcomed Japan's participation in AUKUS.", {}),
    ("Former Japanese defense minister Itsunori Onodera welcomed the AUKUS invitation.", {}),
    ("The US-Japan alliance has welcomed the AUKUS announcement.", {}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_stance_belongs_to_the_actor_who_holds_it(rules: RuleSet, text: str, expected: dict) -> None:
    assert stances(rules, text) == expected


# --- groups, who speaks, cue lexicons and topic: more sentences of our own -----------------------

THREE = ("australia", "united_kingdom", "united_states")


def each_of_three(label: str) -> dict[str, list[str]]:
    """The same stance for each AUKUS partner, as a group's cue gives it."""
    return {actor: [label] for actor in THREE}


GROUP_CASES: list[tuple[str, dict[str, list[str]]]] = [
    # a group named by its members' adjective and a head noun speaks for each member
    (
        "The AUKUS partners are weighing whether to bring Tokyo into their technology projects.",
        each_of_three("supportive"),
    ),
    (
        "AUKUS defence ministers signalled on Tuesday that they were open to working with Japan on "
        "hypersonics.",
        each_of_three("supportive"),
    ),
    (
        "The three AUKUS governments have all voiced support for a bigger Japanese role in Pillar II.",
        each_of_three("supportive"),
    ),
    # the members coordinated, by capital or by country
    (
        "Canberra, London and Washington are keen to work more closely with Tokyo under AUKUS.",
        each_of_three("supportive"),
    ),
    # a mention ("the trio", "each of the three partners") only once the article has named the group
    (
        "AUKUS was signed in 2021. The trio now plans to include Japan in its drone projects.",
        each_of_three("supportive"),
    ),
    (
        "AUKUS was signed in 2021. Each of the three partners has welcomed Japan's interest.",
        each_of_three("supportive"),
    ),
    ("The trio has welcomed Japan's interest.", {}),
    # the pact alone is not its members; others' partners and allies are not the others
    ("AUKUS is considering inviting Japan into Pillar II.", {}),
    ("Japan's partners welcomed its role in AUKUS.", {}),
    ("US allies welcomed the plan to bring Japan into AUKUS.", {}),
    (
        "US allies such as Australia welcomed the plan to bring Japan into AUKUS.",
        {"australia": ["supportive"]},
    ),
    # a phrase opening the sentence is held by the main clause's subject
    (
        "After singling out Japan as a potential partner for Pillar II, the AUKUS leaders met in Washington.",
        each_of_three("supportive"),
    ),
]

SPEAKER_CASES: list[tuple[str, dict[str, list[str]]]] = [
    # embassies, ministries and their spokespeople; the place of an embassy is not its country
    (
        "The Chinese embassy in Canberra released a statement denouncing any move to bring Japan into AUKUS.",
        {"china": ["opposed"]},
    ),
    (
        "A Chinese defense ministry spokesman said Beijing was gravely concerned about plans to admit "
        "Japan to AUKUS.",
        {"china": ["cautious"]},
    ),
    ("Beijing says it firmly opposes any expansion of the AUKUS bloc.", {"china": ["opposed"]}),
    (
        "A senior US Defence official said Washington was interested in working with Japan on Pillar II.",
        {"united_states": ["supportive"]},
    ),
    (
        "The Kremlin official noted that Moscow had serious reservations about Tokyo joining AUKUS.",
        {"russia": ["cautious"]},
    ),
    # "the spokesperson" is the one actor the sentence before named; "he" the one official
    (
        "China's foreign ministry was asked about Japan joining AUKUS. The spokesperson said the move "
        "was a threat to regional stability.",
        {"china": ["opposed"]},
    ),
    (
        "Officials from Japan and China met in Tokyo to discuss AUKUS. The spokesperson said the move "
        "was a threat to regional stability.",
        {},
    ),
    (
        "Richard Marles visited Tokyo to discuss AUKUS. He said Japan was a natural partner for Pillar II.",
        {"australia": ["supportive"]},
    ),
    (
        "“We look forward to deepening our cooperation with Japan in Pillar II,” a senior British "
        "official said.",
        {"united_kingdom": ["supportive"]},
    ),
    (
        "US officials are signalling that Japan could soon be involved in AUKUS projects.",
        {"united_states": ["supportive"]},
    ),
    # a noun's holder may be the place or source after it
    (
        "There is growing unease in Beijing over Japan's possible entry into AUKUS.",
        {"china": ["cautious"]},
    ),
    (
        "There is no concern in Canberra about Japan taking part in Pillar II.",
        {"australia": ["not cautious"]},
    ),
    (
        "Washington and Tokyo's plans to deepen cooperation under AUKUS drew criticism from Beijing.",
        {"japan": ["supportive"], "united_states": ["supportive"], "china": ["opposed"]},
    ),
    # a future in another clause is not the holder's
    (
        "Plans to expand the AUKUS alliance are causing alarm in Moscow as Japan has expressed interest "
        "in joining.",
        {"russia": ["cautious"], "japan": ["supportive"]},
    ),
    # who does not speak for a government: lawmakers, the opposition, former officials, analysts,
    # state media; what someone says an actor should do
    ("Lawmakers in the Japanese government support joining AUKUS Pillar II.", {}),
    (
        "Australian opposition leader Peter Dutton welcomed the prospect of Japan joining AUKUS Pillar II.",
        {},
    ),
    ("Japan should seek to join AUKUS Pillar II, a former Japanese defense minister said.", {}),
    ("Analysts say Canberra is wary of bringing Japan into AUKUS too soon.", {}),
    ("The state-run Global Times slammed plans to bring Japan into AUKUS.", {}),
    ("There is speculation about Japan being invited by the US to join AUKUS.", {}),
]

LEXICON_CASES: list[tuple[str, dict[str, list[str]]]] = [
    # cue lexicons: every inflection of every word
    (
        "Japan may join AUKUS. China, meanwhile, lambasted the AUKUS partners for their Cold War mentality.",
        {"china": ["opposed"]},
    ),
    (
        "The UK has voiced apprehensions about the security of Japanese networks before any AUKUS role.",
        {"united_kingdom": ["cautious"]},
    ),
    ("Anthony Albanese played down talk of Japan becoming a full AUKUS member.", {"australia": ["cautious"]}),
    (
        "The Australian Prime Minister said it was too early to bring Japan into the AUKUS pact.",
        {"australia": ["cautious"]},
    ),
    (
        "Tokyo has yet to formally announce whether it will take part in Pillar II.",
        {"japan": ["noncommittal"]},
    ),
    (
        "The Japanese government said it had made no formal decision on joining AUKUS.",
        {"japan": ["noncommittal"]},
    ),
    (
        "London declined to comment on reports that Japan would be invited into AUKUS.",
        {"united_kingdom": ["noncommittal"]},
    ),
    (
        "Some in Washington are pushing to add Japan as the first new Pillar II partner.",
        {"united_states": ["supportive"]},
    ),
    ("The Japanese government welcomed its possible inclusion in AUKUS projects.", {"japan": ["supportive"]}),
    (
        "Japan recognises the importance of AUKUS, Defense Minister Minoru Kihara said, as Tokyo weighs "
        "joining Pillar II.",
        {"japan": ["supportive"]},
    ),
    ("Wellington has shut down suggestions that it could join Pillar II alongside Japan.", {}),
    # cooperation counts with Japan, or in the pact; the partners' work among themselves does not
    (
        "The AUKUS partners announced that they would cooperate on hypersonics, with Japan "
        "expressing support.",
        {},
    ),
    ("Japan may join AUKUS. The US plans to collaborate with the Philippines on drones.", {}),
    ("Japan may join AUKUS. Canberra is interested in the Philippines' drones.", {}),
    ("Japan may join AUKUS. Canberra is interested in it.", {"australia": ["supportive"]}),
    (
        "Tokyo intends to deepen its cooperation within AUKUS, a Japanese official said.",
        {"japan": ["supportive"]},
    ),
    ("Tokyo's partners shut down the port for a day.", {}),
]

TOPIC_CASES: list[tuple[str, dict[str, list[str]]]] = [
    # a stance counts only about Japan's cooperation or entry, or AUKUS taking in more countries
    ("Japanese Foreign Minister Yoko Kamikawa welcomed the creation of the AUKUS partnership.", {}),
    ("The AUKUS pact was welcomed by Tokyo in 2021.", {}),
    ("Beijing condemned North Korea's latest missile launch.", {}),
    ("Russia has been skeptical of the AUKUS pact since it was formed.", {}),
    # the sentence before counts when the cue refers back to it, or says nothing more
    ("Japan may join AUKUS Pillar II. Beijing condemned the move.", {"china": ["opposed"]}),
    (
        "Japan may join AUKUS Pillar II. Beijing condemned the missile tests North Korea carried out "
        "last week.",
        {},
    ),
    # the pact itself, once the article is about Japan's entry
    (
        "Japan may be invited into Pillar II. Russia has been skeptical of the AUKUS pact since it "
        "was formed.",
        {"russia": ["cautious"]},
    ),
    # what the cue is about, after it
    ("China's foreign ministry lambasted Japan for its Cold War mentality.", {"china": ["opposed"]}),
]

WHO_CASES = GROUP_CASES + SPEAKER_CASES + LEXICON_CASES + TOPIC_CASES


@pytest.mark.parametrize(("text", "expected"), WHO_CASES, ids=[c[0][:50] for c in WHO_CASES])
def test_groups_speakers_lexicons_and_topic(rules: RuleSet, text: str, expected: dict) -> None:
    assert stances(rules, text) == expected


def test_bare_office_names_the_one_actor_named_before_it(rules: RuleSet) -> None:
    text = (
        "Australia has expressed openness to working with Japan on AUKUS. "
        "The Defence Minister warned, however, that it would take time."
    )
    assert stances(rules, text) == {"australia": ["cautious", "supportive"]}


def test_bare_office_is_nobody_when_two_actors_with_that_office_are_named(rules: RuleSet) -> None:
    text = (
        "Japanese Defense Minister Minoru Kihara met Richard Marles in Sydney to discuss AUKUS. "
        "The Defense Minister later said it would take time."
    )
    assert stances(rules, text) == {}


def test_bare_office_in_the_same_sentence_prefers_the_participant_over_an_object(rules: RuleSet) -> None:
    text = (
        "Although Canberra has welcomed cooperation with Japan under AUKUS, the Defense Minister "
        "believes that it may take some time."
    )
    assert stances(rules, text) == {"australia": ["cautious", "supportive"]}


def test_surname_counts_only_after_the_full_name(rules: RuleSet) -> None:
    alone = "Marles said Japan would be a natural partner for Pillar II of AUKUS."
    assert stances(rules, alone) == {}
    after = "Richard Marles visited Tokyo in March. " + alone
    assert stances(rules, after) == {"australia": ["supportive"]}


def test_speaker_cue_with_future_content_is_a_present_stance(rules: RuleSet) -> None:
    text = "Marles stated that he wanted closer ties, but suggested that it would take some time."
    full = "Richard Marles spoke on Japan's role in AUKUS. " + text
    assert stances(rules, full) == {"australia": ["cautious"]}


def test_dropped_candidates_say_whose_cue_it_is(rules: RuleSet) -> None:
    found = reasons(rules, "Tokyo condemned China's reaction to the AUKUS announcement.")
    assert "the cue is japan's, not china's" in found
    assert "an analyst's view (Analysts believe)" in reasons(
        rules, "Analysts believe China is wary of AUKUS."
    )
    assert "the sentence names nobody who speaks for china" in reasons(rules, "They warned of it over AUKUS.")
    found = reasons(rules, "Lawmakers in Tokyo only said they are considering it.")
    assert "no actor holds the cue: its subject is 'Lawmakers in Tokyo'" in found


# --- the seeds ----------------------------------------------------------------------------------


def test_seeds_china_agrees_and_australia_conflicts(cli) -> None:
    import json

    report = json.loads(cli("report", "--format", "json").stdout)
    fields = {f["id"]: f for f in report["fields"]}
    assert fields["position.china"]["status"] == "agree"
    assert {c["value"] for c in fields["position.china"]["claims"]} == {"opposed", "cautious"}
    australia = fields["position.australia"]
    assert australia["status"] == "conflict"
    assert {(p["left"], p["right"]) for p in australia["conflicts"]} == {("supportive", "cautious")}
    lines = {
        (c["evidence"]["article"][:3], c["evidence"]["line"])
        for c in australia["claims"]
        if c["value"] == "cautious"
    }
    assert {("003", 17), ("004", 16), ("004", 18)} <= lines


# --- the bundled rule's own examples, as `aukus-check rules test` runs them ----------------------


def _stance_examples() -> list[tuple[str, str | None, list[str]]]:
    data = yaml.safe_load(Path(RULES).read_text(encoding="utf-8"))
    examples = []
    for field in data["fields"]:
        for extractor in field["extractors"]:
            if extractor.get("kind") != "stance":
                continue
            for example in extractor.get("examples", []):
                expect = example.get("expect")
                expected = [] if expect is None else [expect] if isinstance(expect, str) else list(expect)
                examples.append((example["text"], example.get("key"), sorted(expected)))
    return examples


STANCE_EXAMPLES = _stance_examples()


def test_the_stance_rule_has_examples_of_both_kinds() -> None:
    assert any(expected for _, _, expected in STANCE_EXAMPLES)
    assert any(not expected for _, _, expected in STANCE_EXAMPLES)


@pytest.mark.parametrize(
    ("text", "key", "expected"), STANCE_EXAMPLES, ids=[e[0][:50] for e in STANCE_EXAMPLES]
)
def test_bundled_stance_examples(rules: RuleSet, text: str, key: str | None, expected: list[str]) -> None:
    article = parse_article(article_text(text), "example", "example.txt", "utf-8", rules.outlets)
    claims = extract_claims(article, rules)
    for actor in [key] if key else list(ACTORS):
        found = sorted(
            {
                stance_label(claim.value, POLARITY_OF[claim.modality])
                for field_id, claim in claims
                if field_id == f"position.{actor}" and claim.extractor.kind == "stance"
            }
        )
        assert found == expected, actor


# --- rules: compile-time checks and the cue syntax ----------------------------------------------

HEADER = """\
schema_version: 1
version: "t"
title: t
actors:
  china: {label: China, aliases: [China, Beijing], adjectives: [Chinese]}
  japan: {label: Japan, aliases: [Japan, Tokyo], adjectives: [Japanese]}
people:
  mao_ning: {name: Mao Ning, surname: Mao, country: china}
offices:
  spokesperson:
    label: Spokesperson
    country: china
    forms: ["{country} Foreign Ministry spokesperson", Foreign Ministry spokesperson]
fields:
"""


def compile_stance(field: str) -> RuleSet:
    return parse_rules(
        HEADER + textwrap.indent(textwrap.dedent(field).strip("\n"), "  ") + "\n", "rules/t.yaml"
    )


STANCE_FIELD = """
- id: position.{key}
  label: "{label}"
  type: enum
  vocabulary: [supportive, opposed]
  keys_from: actors
  extractors:
    - kind: stance
"""


def error_of(field: str) -> RulesError:
    with pytest.raises(RulesError) as caught:
        compile_stance(field)
    return caught.value


def test_a_stance_field_must_be_keyed_by_actors() -> None:
    error = error_of(
        """
        - id: position
          label: p
          type: enum
          vocabulary: [opposed]
          extractors:
            - kind: stance
              cues: {opposed: ["condemn*"]}
        """
    )
    assert "keyed by the actors registry" in error.message
    assert error.hint is not None and "keys_from: actors" in error.hint
    assert str(error).startswith("rules/t.yaml:")


@pytest.mark.parametrize(
    ("cues", "message"),
    [
        ('{neutral: ["say*"]}', "'neutral', which is not in the vocabulary"),
        ("{opposed: []}", "stance 'opposed' has no phrases"),
        ('{opposed: ["... condemn"]}', "'...' stands between two words"),
        ('{opposed: ["con*demn"]}', "'*' may only end a word"),
        ('{opposed: ["condemn*", "Condemn*"]}', "is listed twice"),
    ],
)
def test_bad_cues_are_located_errors(cues: str, message: str) -> None:
    error = error_of(STANCE_FIELD + f"      cues: {cues}\n")
    assert message in error.message
    assert error.location is not None and error.location.line is not None


def test_cue_syntax_words_endings_and_gaps() -> None:
    import re2

    def matches(phrase: str, text: str) -> bool:
        return re2.compile(f"(?i:{cue_regex(phrase)})").search(text) is not None

    assert matches("condemn*", "Beijing condemned it")
    assert not matches("condemn", "Beijing condemned it")
    assert matches("watching ... closely", "is watching AUKUS developments very closely")
    assert not matches("watching ... closely", "watching one two three four five six seven closely")
    assert matches("take ... time", "it may take some time")
    assert matches("urg* ... abandon", "urging Japan to “abandon the practice")
    assert not matches("take ... time", "take part; in time")


def test_topic_option_keeps_cues_about_the_topic_in_this_or_the_previous_sentence() -> None:
    rules = compile_stance(
        STANCE_FIELD
        + """\
      cues: {opposed: ["condemn*"]}
      topic: ['\\bAUKUS\\b']
"""
    )

    def read(text: str) -> list[str | None]:
        article = parse_article(article_text(text), "a", "a.txt", "utf-8", rules.outlets)
        return [
            c.value for c in scan_article(article, rules) if c.kept and c.probe.field_id == "position.china"
        ]

    assert read("Beijing condemned the AUKUS plan.") == ["opposed"]
    assert read("Beijing condemned the missile launch.") == []
    assert read("AUKUS met in Sydney. Beijing condemned the plan.") == ["opposed"]


def test_a_small_registry_names_people_offices_and_adjectives() -> None:
    rules = compile_stance(STANCE_FIELD + '      cues: {opposed: ["warn*"]}\n')

    def read(text: str) -> list[str]:
        article = parse_article(article_text(text), "a", "a.txt", "utf-8", rules.outlets)
        return sorted({c.probe.field_id for c in scan_article(article, rules) if c.kept})

    assert read("Mao Ning warned Tokyo.") == ["position.china"]
    assert read("Mao warned Tokyo.") == []
    assert read("Chinese officials warned Tokyo.") == ["position.china"]
    assert read("A Foreign Ministry spokesperson in Beijing warned Tokyo.") == []
    assert read("China spoke first. The Foreign Ministry spokesperson warned Tokyo.") == ["position.china"]


# --- the modality changes the stance kind relies on ----------------------------------------------


def test_negation_does_not_reach_past_a_coordinated_predicate() -> None:
    sentence = "Marles ruled out a submarine role and suggested that it would take some time."
    start = sentence.index("would take")
    assert assess(sentence, start, start + len("would take some time")).modality == "reported"
    start = sentence.index("submarine")
    assert assess(sentence, start, start + 9).modality == "denied"


def test_future_after_whether_belongs_to_the_embedded_question() -> None:
    sentence = "Tokyo declined to comment on whether it would join the pact."
    start = sentence.index("declined")
    assert assess(sentence, start, start + len("declined to comment")).modality == "asserted"


# --- the rules: groups, cue placeholders, topic options ------------------------------------------

GROUP_HEADER = HEADER.replace(
    "people:",
    """  partners:
    label: The partners
    members: [china, japan]
    adjectives: [Partner]
    mentions: [the duo]
people:""",
)


def compile_with(header: str, field: str) -> RuleSet:
    return parse_rules(
        header + textwrap.indent(textwrap.dedent(field).strip("\n"), "  ") + "\n", "rules/t.yaml"
    )


def test_a_group_has_no_field_and_speaks_for_each_member() -> None:
    rules = compile_with(GROUP_HEADER, STANCE_FIELD + '      cues: {opposed: ["warn*"]}\n')
    assert [f.id for f in rules.fields] == ["position.china", "position.japan"]

    def read(text: str) -> list[str]:
        article = parse_article(article_text(text), "a", "a.txt", "utf-8", rules.outlets)
        return sorted({c.probe.field_id for c in scan_article(article, rules) if c.kept})

    assert read("Partner ministers warned Russia.") == ["position.china", "position.japan"]
    assert read("The duo warned Russia.") == []  # a mention counts once the group was named
    assert read("Partner envoys met. The duo warned Russia.") == ["position.china", "position.japan"]


@pytest.mark.parametrize(
    ("registry", "message"),
    [
        ("members: [china, nowhere]", "member 'nowhere' is not an actor of its own"),
        ("mentions: [the duo]", "'mentions' refer back to a group"),
    ],
)
def test_group_mistakes_are_located_errors(registry: str, message: str) -> None:
    header = HEADER.replace(
        "people:", f"  partners:\n    label: P\n    aliases: [Partners]\n    {registry}\npeople:"
    )
    with pytest.raises(RulesError) as caught:
        compile_with(header, STANCE_FIELD + '      cues: {opposed: ["warn*"]}\n')
    assert message in caught.value.message
    assert caught.value.location is not None and caught.value.location.line is not None


def test_an_actor_needs_aliases_unless_it_is_a_group() -> None:
    header = HEADER.replace("people:", "  nobody:\n    label: Nobody\npeople:")
    with pytest.raises(RulesError) as caught:
        compile_with(header, STANCE_FIELD + '      cues: {opposed: ["warn*"]}\n')
    assert "an actor needs 'aliases'" in caught.value.message


LEXICON_HEADER = HEADER.replace(
    "fields:",
    """lexicons:
  oppose: {verbs: [oppose, condemn], nouns: [objection]}
  concern: {nouns: [concern]}
references:
  pact: {names: [AUKUS], mentions: [pact]}
  japan: {names: [Japan, Tokyo]}
fields:""",
)


def read_with(rules: RuleSet, text: str, field: str = "position.china") -> list[str]:
    """The stance labels a field reads ("opposed", "not opposed")."""
    article = parse_article(article_text(text), "a", "a.txt", "utf-8", rules.outlets)
    return [
        stance_label(c.value, POLARITY_OF[c.assessment.modality])
        for c in scan_article(article, rules)
        if c.kept and c.probe.field_id == field and c.value and c.assessment
    ]


def test_cues_name_lexicons_and_every_inflection_counts() -> None:
    rules = compile_with(
        LEXICON_HEADER,
        STANCE_FIELD + '      cues: {opposed: ["{verb:oppose}", "rais* ... {noun:oppose}"]}\n',
    )
    assert read_with(rules, "Beijing condemned it.") == ["opposed"]
    assert read_with(rules, "Beijing is opposing it.") == ["opposed"]
    assert read_with(rules, "Beijing raised strong objections.") == ["opposed"]
    assert read_with(rules, "Beijing raised objections nobody heard.") == ["opposed"]
    assert read_with(rules, "Beijing raised no objection.") == ["not opposed"]
    assert read_with(rules, "Beijing's objection.") == []  # the verb names no noun


@pytest.mark.parametrize(
    ("cue", "message"),
    [
        ('"{lex:nothing}"', "{lex:nothing} names no lexicon"),
        ('"{lexicon:oppose}"', "is not a placeholder"),
    ],
)
def test_bad_cue_placeholders_are_located_errors(cue: str, message: str) -> None:
    with pytest.raises(RulesError) as caught:
        compile_with(LEXICON_HEADER, STANCE_FIELD + f"      cues: {{opposed: [{cue}]}}\n")
    assert message in caught.value.message
    assert caught.value.location is not None and caught.value.location.line is not None


def test_topic_after_and_related_options() -> None:
    rules = compile_with(
        LEXICON_HEADER,
        STANCE_FIELD
        + """\
      cues: {opposed: ["{verb:oppose}"]}
      topic: ['{ref:japan} joining']
      topic_after: ['{ref:japan}']
      related: ['{ref:pact}']
""",
    )
    assert read_with(rules, "Beijing opposed Tokyo joining the pact.") == ["opposed"]  # the topic
    assert read_with(rules, "Beijing opposed Tokyo's role.") == ["opposed"]  # after the cue
    assert read_with(rules, "Beijing opposed the AUKUS pact.") == []  # the article is not on topic
    assert read_with(rules, "Japan joining is likely. Beijing opposed the AUKUS pact.") == ["opposed"]
    assert read_with(rules, "AUKUS met. Beijing opposed the pact.") == []
