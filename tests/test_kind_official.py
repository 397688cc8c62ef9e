"""The `official` extractor kind: person-office pairs, on sentences written for these tests.

Sentences run as one-article corpora through the bundled rules (tests/conftest.RULES), so the
registries, every other rule and modality take part as on a real corpus. A few tests compile
their own small rules file, for registry errors and offices the bundled rules do not track.
"""

from __future__ import annotations

import pytest
import yaml

from aukus_check.compare import POLARITY_OF, stance_label
from aukus_check.corpus import Corpus, parse_article
from aukus_check.engine import build_report, extract_claims, scan_article
from aukus_check.errors import RulesError
from aukus_check.extractors.official import slug, title_key
from aukus_check.models import Claim
from aukus_check.rules import RuleSet, load_rules, parse_rules
from tests.conftest import RULES, SEEDS

BUNDLED = load_rules(RULES, "rules/aukus.yaml")


def article_text(text: str, published: str | None = None) -> str:
    front = ["---", "title: example"] + ([f"published: {published}"] if published else [])
    return "\n".join([*front, "---", text, ""])


def claims(text: str, field_id: str, rules: RuleSet = BUNDLED) -> list[Claim]:
    article = parse_article(article_text(text), "a1", "a1.txt", "utf-8", rules.outlets)
    return [claim for field, claim in extract_claims(article, rules) if field == field_id]


def labels(text: str, field_id: str, rules: RuleSet = BUNDLED) -> list[str]:
    """The labels the report shows for one field of a one-article corpus ('x', 'not x', 'x (expected)')."""
    return [stance_label(c.value, POLARITY_OF[c.modality]) for c in claims(text, field_id, rules)]


def dropped(text: str, field_id: str, rules: RuleSet = BUNDLED) -> list[str]:
    """Why each candidate of one field was dropped."""
    article = parse_article(article_text(text), "a1", "a1.txt", "utf-8", rules.outlets)
    return [
        c.dropped
        for c in scan_article(article, rules)
        if c.probe.field_id == field_id and c.dropped is not None
    ]


# --- sentences written for these tests, none from the seeds ----------------------------------

OWN_SENTENCES = [
    # title before the name, with every way of writing the country
    (
        "Japanese Defense Minister Minoru Kihara visited Canberra on Tuesday.",
        "official.minoru_kihara.title",
        ["japan_defence_minister"],
    ),
    (
        "Japan's Defence Minister Minoru Kihara inspected the destroyer.",
        "role.japan_defence_minister.holder",
        ["minoru_kihara"],
    ),
    (
        "Tokyo’s defence minister Minoru Kihara toured the shipyard.",
        "official.minoru_kihara.title",
        ["japan_defence_minister"],
    ),
    (
        "The talks were led by U.S. Deputy Secretary of State Kurt Campbell.",
        "official.kurt_campbell.title",
        ["us_deputy_secretary_of_state"],
    ),
    (
        "United States Deputy Secretary of State Kurt Campbell flew to Manila.",
        "role.us_deputy_secretary_of_state.holder",
        ["kurt_campbell"],
    ),
    ("American President Joe Biden hosted the summit.", "official.joe_biden.title", ["us_president"]),
    (
        "Washington's ambassador in Tokyo Rahm Emanuel gave a speech.",
        "official.rahm_emanuel.title",
        ["us_ambassador_to_japan"],
    ),
    # bare titles: the registry person's country names the office
    (
        "Prime Minister Anthony Albanese opened the session.",
        "official.anthony_albanese.title",
        ["australia_prime_minister"],
    ),
    (
        "Prime Minister Fumio Kishida opened the session.",
        "official.fumio_kishida.title",
        ["japan_prime_minister"],
    ),
    (
        "Minister for Defence Richard Marles announced the review.",
        "role.australia_defence_minister.holder",
        ["richard_marles"],
    ),
    (
        "Kremlin press secretary Dmitri Peskov dismissed the report.",
        "official.dmitry_peskov.title",
        ["kremlin_spokesperson"],
    ),
    # appositions, either order, folded case and spelling
    (
        "Richard Marles, Australia's defense minister, met his counterpart.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    (
        "Mao Ning, a Chinese Foreign Ministry spokesman, warned Tokyo.",
        "official.mao_ning.title",
        ["china_foreign_ministry_spokesperson"],
    ),
    (
        "The British Defence Secretary, Grant Shapps, welcomed the move.",
        "official.grant_shapps.title",
        ["uk_defence_secretary"],
    ),
    (
        "Asked about the talks, the Pentagon chief, Lloyd Austin, said little.",
        "role.us_defense_secretary.holder",
        ["lloyd_austin"],
    ),
    (
        "Yoshimasa Hayashi, Japan's Chief Cabinet Secretary, told reporters nothing was decided.",
        "role.japan_chief_cabinet_secretary.holder",
        ["yoshimasa_hayashi"],
    ),
    # predicates: negation, future, attribution, hedge
    (
        "Minoru Kihara is no longer the defence minister.",
        "official.minoru_kihara.title",
        ["not japan_defence_minister"],
    ),
    (
        "Richard Marles, who is not the prime minister, spoke first.",
        "official.richard_marles.title",
        ["not australia_prime_minister"],
    ),
    (
        "Taro Yamada will become Japan's defence minister in the reshuffle.",
        "role.japan_defence_minister.holder",
        ["taro_yamada (expected)"],
    ),
    (
        "Officials said Yoshimasa Hayashi is the Chief Cabinet Secretary.",
        "official.yoshimasa_hayashi.title",
        ["japan_chief_cabinet_secretary"],
    ),
    (
        "Minoru Kihara could become defence minister again.",
        "official.minoru_kihara.title",
        ["japan_defence_minister (expected)"],
    ),
    # noun-phrase titles stay asserted whatever the verb does
    (
        "Albanese did not meet Defence Minister Richard Marles that day.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    (
        "Kishida is expected to meet US President Joe Biden in April.",
        "role.us_president.holder",
        ["joe_biden"],
    ),
    # surnames
    (
        "Kurt Campbell landed in Tokyo. Deputy Secretary of State Campbell then met Kihara.",
        "official.kurt_campbell.title",
        ["us_deputy_secretary_of_state"],
    ),
    ("Deputy Secretary of State Campbell met Kihara.", "official.kurt_campbell.title", []),
    (
        "Japanese Defense Minister Taro Yamada arrived. Japanese Defense Minister Yamada then spoke.",
        "role.japan_defence_minister.holder",
        ["taro_yamada", "taro_yamada"],
    ),
    (
        "On Monday Prime Minister Fumio Kishida reshuffled the cabinet.",
        "role.japan_prime_minister.holder",
        ["fumio_kishida"],
    ),
    # traps
    (
        "Yasukazu Hamada, a former defence minister, spoke at the forum.",
        "role.japan_defence_minister.holder",
        [],
    ),
    (
        "The former Japanese Defense Minister Yasukazu Hamada spoke at the forum.",
        "role.japan_defence_minister.holder",
        [],
    ),
    ("Kishida met ex-Defence Minister Minoru Kihara.", "official.minoru_kihara.title", []),
    ("The late Prime Minister Shinzo Abe championed the idea.", "role.japan_prime_minister.holder", []),
    ("Then-Prime Minister Fumio Kishida welcomed the plan.", "official.fumio_kishida.title", []),
    ("Macron met Vice President Joe Biden in 2015.", "official.joe_biden.title", []),
    ("Deputy Prime Minister Richard Marles hosted the dinner.", "role.australia_prime_minister.holder", []),
    ("Philippine President Ferdinand Marcos Jr. joined the call.", "role.us_president.holder", []),
    ("British Prime Minister Fumio Kishida is an error no office reads.", "official.fumio_kishida.title", []),
    ("Kurt Campbell, who met the Defense Minister, spoke to reporters.", "official.kurt_campbell.title", []),
    ("After meeting the Defence Minister, Albanese praised the plan.", "official.anthony_albanese.title", []),
    ("Albanese and Defence Minister Richard Marles met Kishida.", "official.anthony_albanese.title", []),
    (
        "Anthony Albanese, Defence Minister Richard Marles and Penny Wong flew to Tokyo.",
        "official.anthony_albanese.title",
        [],
    ),
    (
        "Anthony Albanese, Defence Minister Richard Marles and Penny Wong flew to Tokyo.",
        "official.richard_marles.title",
        ["australia_defence_minister"],
    ),
    (
        "Richard Marles, the defence minister's chief of staff, met Austin.",
        "official.richard_marles.title",
        [],
    ),
    ("Defense Minister Lloyd Austin is a mistake no office reads.", "official.lloyd_austin.title", []),
    (
        "Foreign Ministry spokesman Wang Wenbin criticised the plan.",
        "role.china_foreign_ministry_spokesperson.holder",
        [],
    ),
]


@pytest.mark.parametrize(("text", "field_id", "expected"), OWN_SENTENCES)
def test_own_sentences(text: str, field_id: str, expected: list[str]) -> None:
    assert labels(text, field_id) == expected


def test_own_sentences_are_not_from_the_seeds() -> None:
    seeds = " ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    assert len(OWN_SENTENCES) >= 25
    assert not [text for text, _, _ in OWN_SENTENCES if text in seeds]


def test_title_and_holder_are_one_reading() -> None:
    text = "The defence minister, Richard Marles, flew to Tokyo with Prime Minister Anthony Albanese."
    assert labels(text, "official.richard_marles.title") == ["australia_defence_minister"]
    assert labels(text, "role.australia_defence_minister.holder") == ["richard_marles"]
    assert labels(text, "official.anthony_albanese.title") == ["australia_prime_minister"]
    assert labels(text, "role.australia_prime_minister.holder") == ["anthony_albanese"]
    assert labels(text, "role.japan_defence_minister.holder") == []


# --- modality: the anchor -------------------------------------------------------------------------


def test_noun_phrase_title_ignores_the_verbs_cues_but_not_a_source() -> None:
    [expected_meeting] = claims(
        "Kishida is expected to meet US President Joe Biden next week.", "official.joe_biden.title"
    )
    assert (expected_meeting.modality, expected_meeting.cues) == ("asserted", ())
    [sourced] = claims(
        "According to Kyodo, Defence Minister Richard Marles visited Tokyo.", "official.richard_marles.title"
    )
    assert sourced.modality == "reported"
    [cited] = claims(
        "Kremlin spokesman Dmitry Peskov declined to comment (Sankei, 2024).", "official.dmitry_peskov.title"
    )
    assert cited.modality == "reported"


def test_predicate_title_takes_its_clauses_cues() -> None:
    [hedged] = claims("Minoru Kihara could become defence minister again.", "official.minoru_kihara.title")
    assert (hedged.modality, hedged.hedged) == ("expected", True)
    [denied] = claims("Minoru Kihara is no longer the defence minister.", "official.minoru_kihara.title")
    assert denied.modality == "denied"
    assert denied.evidence.text == "Minoru Kihara is no longer the defence minister"


def test_a_question_is_no_claim() -> None:
    assert labels("Will Minoru Kihara become the defence minister?", "official.minoru_kihara.title") == []


# --- reasons shown by explain -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field_id", "reason"),
    [
        ("Defense Minister Kihara visited Canberra.", "official.minoru_kihara.title", "before the full name"),
        (
            "Former Prime Minister Fumio Kishida spoke.",
            "role.japan_prime_minister.holder",
            "not a current holder",
        ),
        (
            "Macron met with Vice President Harris.",
            "role.us_president.holder",
            "'Vice President' is another office",
        ),
        (
            "Philippine President Ferdinand Marcos Jr. spoke.",
            "role.us_president.holder",
            "qualified by 'Philippine'",
        ),
        (
            "British Prime Minister Fumio Kishida spoke.",
            "role.japan_prime_minister.holder",
            "another country",
        ),
        ("Defense Minister Taro Yamada spoke.", "role.japan_defence_minister.holder", "names no country"),
        ("Defense Minister Lloyd Austin spoke.", "official.lloyd_austin.title", "no office of United States"),
        (
            "Albanese, Defence Minister Richard Marles and Wong met.",
            "official.anthony_albanese.title",
            "a list",
        ),
        (
            "After meeting the Defence Minister, Albanese spoke.",
            "official.anthony_albanese.title",
            "does not open a clause",
        ),
        (
            "Kurt Campbell spoke to reporters.",
            "official.kurt_campbell.title",
            "no office title next to the name",
        ),
    ],
)
def test_dropped_candidates_say_why(text: str, field_id: str, reason: str) -> None:
    assert any(reason in why for why in dropped(text, field_id)), dropped(text, field_id)


# --- time separation ------------------------------------------------------------------------------


def two_articles(first: str, second: str) -> Corpus:
    texts = {
        "a1": ("Japanese Defense Minister Yasukazu Hamada visited Canberra.", first),
        "a2": ("Japanese Defense Minister Minoru Kihara visited Canberra.", second),
    }
    articles = tuple(
        parse_article(article_text(body, published), key, f"{key}.txt", "utf-8", BUNDLED.outlets)
        for key, (body, published) in texts.items()
    )
    return Corpus("corpus", False, articles, ())


def test_different_holders_a_year_apart_are_time_separated_with_both_dates() -> None:
    result = build_report(two_articles("2023-03-01", "2024-03-01"), BUNDLED).field(
        "role.japan_defence_minister.holder"
    )
    assert result is not None
    assert result.status == "time_separated"
    [pair] = result.conflicts
    assert pair.kind == "time_separated"
    assert {(pair.left, pair.left_published), (pair.right, pair.right_published)} == {
        ("yasukazu_hamada", ("2023-03-01",)),
        ("minoru_kihara", ("2024-03-01",)),
    }


def test_different_holders_a_week_apart_conflict() -> None:
    result = build_report(two_articles("2024-03-01", "2024-03-08"), BUNDLED).field(
        "role.japan_defence_minister.holder"
    )
    assert result is not None
    assert result.status == "conflict"
    assert [pair.kind for pair in result.conflicts] == ["conflict"]


# --- the seeds: what the lead expects, read directly ---------------------------------------------


def seed_values(field_id: str) -> list[tuple[str, int, str, str]]:
    from aukus_check.corpus import load_corpus

    corpus = load_corpus(SEEDS, "seeds", BUNDLED.outlets)
    result = build_report(corpus, BUNDLED).field(field_id)
    assert result is not None
    return [(c.evidence.article[:3], c.evidence.line, c.value, c.modality) for c in result.claims]


@pytest.mark.parametrize(
    ("field_id", "expected"),
    [
        ("official.hirokazu_matsuno.title", [("000", 10, "japan_chief_cabinet_secretary", "asserted")]),
        ("role.kremlin_spokesperson.holder", [("000", 10, "dmitry_peskov", "asserted")]),
        ("role.china_foreign_ministry_spokesperson.holder", [("001", 19, "mao_ning", "asserted")]),
        ("official.minoru_kihara.title", [("001", 21, "japan_defence_minister", "asserted")]),
        (
            "role.japan_prime_minister.holder",
            [
                ("002", 14, "fumio_kishida", "asserted"),
                ("003", 7, "fumio_kishida", "asserted"),
                ("004", 8, "fumio_kishida", "asserted"),
            ],
        ),
        (
            "official.kurt_campbell.title",
            [
                ("002", 27, "us_deputy_secretary_of_state", "asserted"),
                ("003", 11, "us_deputy_secretary_of_state", "asserted"),
            ],
        ),
        ("role.us_president.holder", [("003", 7, "joe_biden", "asserted")]),
        ("role.us_ambassador_to_japan.holder", [("003", 9, "rahm_emanuel", "asserted")]),
        ("role.us_nsc_senior_director_east_asia.holder", [("004", 14, "mira_rapp_hooper", "asserted")]),
        ("role.australia_defence_minister.holder", [("004", 16, "richard_marles", "asserted")]),
        ("official.grant_shapps.title", []),
        ("official.lloyd_austin.title", []),
        ("official.yoshimasa_hayashi.title", []),
    ],
)
def test_seeds(field_id: str, expected: list[tuple[str, int, str, str]]) -> None:
    assert seed_values(field_id) == expected


# --- the rules' own examples (until `aukus-check rules test` runs them) --------------------------


def official_examples() -> list[tuple[str, str, dict[str, object]]]:
    """(field id, family id, example) for every example of an official rule in the bundled rules."""
    spec = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    found = []
    for field in spec["fields"]:
        for extractor in field["extractors"]:
            if extractor["kind"] != "official":
                continue
            section = {"people": spec["people"], "offices": spec["offices"]}[field["keys_from"]]
            for example in extractor["examples"]:
                for key in [example["key"]] if "key" in example else list(section):
                    found.append((field["id"].replace("{key}", key), field["id"], example))
    return found


def test_every_official_rule_has_examples_of_both_kinds() -> None:
    families = {family for _, family, _ in official_examples()}
    assert families == {"official.{key}.title", "role.{key}.holder"}
    for family in families:
        examples = [example for _, fam, example in official_examples() if fam == family]
        assert any(example.get("expect") for example in examples)
        assert any(not example.get("expect") for example in examples)


@pytest.mark.parametrize(
    ("field_id", "example"),
    [(field_id, example) for field_id, _, example in official_examples()],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_rule_examples(field_id: str, example: dict[str, object]) -> None:
    expect = example.get("expect")
    wanted = sorted({expect} if isinstance(expect, str) else set(expect or []))  # type: ignore[arg-type]
    assert sorted(set(labels(str(example["text"]), field_id))) == wanted


# --- small rules files: registry errors and offices the bundled rules do not track ---------------

REGISTRY = """\
schema_version: 1
version: "t"
title: T
actors:
  united_states: {label: United States, aliases: [United States, US, U.S.], adjectives: [US, U.S., American]}
people:
  antony_blinken: {name: Antony Blinken, country: united_states}
  kurt_campbell: {name: Kurt Campbell, country: united_states}
offices:
  us_secretary_of_state:
    label: U.S. Secretary of State
    country: united_states
    forms: ["{country} Secretary of State", Secretary of State]
  us_deputy_secretary_of_state:
    label: U.S. Deputy Secretary of State
    country: united_states
    forms: ["{country} Deputy Secretary of State", Deputy Secretary of State]
fields:
  - id: official.{key}.title
    label: "Office of {label}"
    type: office
    keys_from: people
    extractors: [{kind: official, output: title}]
  - id: role.{key}.holder
    label: "Who is {label}"
    type: person
    keys_from: offices
    extractors: [{kind: official, output: holder}]
"""


def test_deputy_secretary_of_state_is_not_secretary_of_state() -> None:
    rules = parse_rules(REGISTRY, "small.yaml")
    text = "Deputy Secretary of State Kurt Campbell met Secretary of State Antony Blinken."
    assert labels(text, "role.us_secretary_of_state.holder", rules) == ["antony_blinken"]
    assert labels(text, "role.us_deputy_secretary_of_state.holder", rules) == ["kurt_campbell"]
    assert labels(text, "official.kurt_campbell.title", rules) == ["us_deputy_secretary_of_state"]
    assert (
        labels("Assistant Secretary of State Kurt Campbell spoke.", "official.kurt_campbell.title", rules)
        == []
    )


def rules_error(text: str) -> RulesError:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "small.yaml")
    return caught.value


def test_a_country_form_without_a_country_is_an_error_at_the_form() -> None:
    broken = REGISTRY.replace(
        '    country: united_states\n    forms: ["{country} Secretary of State"',
        '    forms: ["{country} Secretary of State"',
    )
    error = rules_error(broken)
    assert "uses {country}, but the office has no 'country'" in error.message
    assert error.location is not None and (error.location.line, error.location.column) == (12, 13)


def test_a_glued_placeholder_is_an_error() -> None:
    error = rules_error(
        REGISTRY.replace(
            '"{country} Secretary of State", Secretary', '"{country}s Secretary of State", Secretary'
        )
    )
    assert "write '{country}' as a word of its own" in error.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    type: office\n", "    type: person\n"),
            "output 'title' gives a office value, but the field is of type 'person'",
        ),
        (
            ("    keys_from: offices\n", "    keys_from: people\n"),
            "'holder' belongs in a family keyed by the offices registry",
        ),
    ],
)
def test_an_official_rule_in_the_wrong_field_is_an_error_at_its_output(
    change: tuple[str, str], message: str
) -> None:
    error = rules_error(REGISTRY.replace(*change))
    assert message in error.message
    assert error.location is not None and error.location.path == "small.yaml"


def test_new_holders_false_keeps_to_the_registry() -> None:
    rules = parse_rules(
        REGISTRY.replace("output: holder}", "output: holder, new_holders: false}"), "small.yaml"
    )
    assert (
        labels("US Secretary of State Marco Rubio spoke.", "role.us_secretary_of_state.holder", rules) == []
    )
    assert (
        labels("US Secretary of State Marco Rubio spoke.", "role.us_secretary_of_state.holder") == []
    )  # no such office
    default = parse_rules(REGISTRY, "small.yaml")
    assert labels(
        "US Secretary of State Marco Rubio spoke.", "role.us_secretary_of_state.holder", default
    ) == ["marco_rubio"]


# --- helpers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("U.S. Defense Secretary", "u.s. defence  secretary"),
        ("Kremlin spokeswoman", "Kremlin Spokesman"),
        ("the Secretary-General of Japan’s Cabinet", "Secretary General of Japan's Cabinet"),
    ],
)
def test_title_key_folds_what_the_issue_lists(left: str, right: str) -> None:
    assert title_key(left) == title_key(right)


def test_slug() -> None:
    assert slug("Ferdinand Marcos Jr") == "ferdinand_marcos_jr"
    assert slug("Jean-Yves Le Drian") == "jean_yves_le_drian"
    assert slug("Zoë Müller") == "zoe_muller"


def test_the_gate_never_fails_on_a_time_separated_difference() -> None:
    from aukus_check.gate import evaluate
    from aukus_check.ledger import empty_ledger

    separated = build_report(two_articles("2023-03-01", "2024-03-01"), BUNDLED)
    close = build_report(two_articles("2024-03-01", "2024-03-08"), BUNDLED)
    field_id = "role.japan_defence_minister.holder"
    assert field_id not in {c.conflict.field for c in evaluate(separated, empty_ledger()).unresolved}
    assert field_id in {c.conflict.field for c in evaluate(close, empty_ledger()).unresolved}
